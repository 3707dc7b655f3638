"""The VIP allowlist CSV import: the service, ``manage.py import_allowlist`` and the admin page.

The admin tests mount a throwaway admin site (``urlpatterns`` below) with the mixin, so they do
not depend on how ``backend/accounts/admin.py`` registers the model.
"""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import path
from django.utils import timezone

from backend.accounts.admin.allowlist import AllowlistImportAdminMixin
from backend.accounts.models import AllowlistEntry, User
from backend.accounts.services.allowlist_import import (
    AllowlistFileError,
    ImportReport,
    allowlist_import,
)
from backend.core.errors import ValidationError
from backend.inventory.models import Event, Venue

PHONE = "+966512345678"
ARABIC_NAME = "محمد علي"


# --- a throwaway admin site with the mixin ---------------------------------------------------

test_site = admin.AdminSite(name="allowlist_import_test")


class ImportingAllowlistEntryAdmin(AllowlistImportAdminMixin, admin.ModelAdmin):
    list_display = ["phone", "name", "event", "booked_at"]
    list_filter = ["event"]


test_site.register(AllowlistEntry, ImportingAllowlistEntryAdmin)
urlpatterns = [path("admin/", test_site.urls)]
admin_urls = pytest.mark.urls(__name__)

IMPORT_URL = "/admin/accounts/allowlistentry/import/"
CHANGELIST_URL = "/admin/accounts/allowlistentry/"


# --- helpers ---------------------------------------------------------------------------------


@pytest.fixture
def event() -> Event:
    return make_event("vip-night")


def make_event(slug: str) -> Event:
    venue = Venue.objects.create(name="Hall", city="Riyadh", time_zone="Asia/Riyadh")
    starts = timezone.now() + timedelta(days=7)
    return Event.objects.create(
        slug=slug,
        name=f"Event {slug}",
        kind="vip",
        venue=venue,
        starts_at=starts,
        ends_at=starts + timedelta(hours=4),
        allowlist_only=True,
    )


def csv_bytes(*lines: str, bom: bool = False) -> bytes:
    data = ("\n".join(lines) + "\n").encode()
    return b"\xef\xbb\xbf" + data if bom else data


def entries(event: Event) -> dict[str, tuple[str, object]]:
    return {e.phone: (e.name, e.booked_at) for e in AllowlistEntry.objects.filter(event=event)}


def snapshot() -> list[tuple[object, ...]]:
    return list(
        AllowlistEntry.objects.order_by("pk").values_list(
            "pk", "event_id", "phone", "name", "booked_at", "updated_at"
        )
    )


# --- the service -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_clean_file_creates_entries(event: Event) -> None:
    report = allowlist_import(
        event=event,
        data=csv_bytes("phone,full_name", f"0512345678,{ARABIC_NAME}", "0551112222,Sara"),
    )
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    assert report.applied
    assert not report.dry_run
    assert report.rows == 2
    assert entries(event) == {PHONE: (ARABIC_NAME, None), "+966551112222": ("Sara", None)}


@pytest.mark.django_db
def test_mixed_valid_and_invalid_rows_write_nothing_and_name_each_line(event: Event) -> None:
    data = csv_bytes(
        "phone,name",
        "0512345678,Ali",
        "not a phone,Bad",
        "0551112222,Sara",
        ",No phone",
        "12345,Short",
    )
    with pytest.raises(AllowlistFileError) as caught:
        allowlist_import(event=event, data=data)
    assert isinstance(caught.value, ValidationError)
    report = caught.value.report
    assert report is not None
    assert not report.applied
    assert not report.ok
    assert [(line, raw) for line, raw, _ in report.invalid] == [
        (3, "not a phone"),
        (5, ""),
        (6, "12345"),
    ]
    assert all(message for _, _, message in report.invalid)
    assert report.created == 2  # what the valid rows would do
    assert "3, 5, 6" in caught.value.message
    assert AllowlistEntry.objects.count() == 0
    summary = "\n".join(report.summary())
    assert "Nothing was written" in summary
    assert "line 3: 'not a phone'" in summary
    assert "line 6: '12345'" in summary


@pytest.mark.django_db
def test_duplicates_are_reported_and_the_first_row_wins(event: Event) -> None:
    report = allowlist_import(
        event=event,
        data=csv_bytes(
            "phone,name", "0512345678,First", "0551112222,Sara", "+966 51 234 5678,Second"
        ),
    )
    assert report.duplicates == [(4, PHONE, 2)]
    assert report.created == 2
    assert report.rows == 3
    assert entries(event)[PHONE][0] == "First"
    assert "  line 4: +966512345678 repeats line 2" in report.summary()


@pytest.mark.django_db
def test_a_utf8_bom_file_with_odd_headers(event: Event) -> None:
    data = csv_bytes(" Phone ,  FULL_NAME ", f"0512345678,  {ARABIC_NAME}  ", bom=True)
    report = allowlist_import(event=event, data=data)
    assert report.created == 1
    assert entries(event) == {PHONE: (ARABIC_NAME, None)}


@pytest.mark.django_db
def test_arabic_names_are_stored_exactly(event: Event) -> None:
    names = [ARABIC_NAME, "عبدالله بن سعود", "نورة"]
    lines = [f"05{n}1234567,{name}" for n, name in zip((1, 5, 6), names, strict=True)]
    allowlist_import(event=event, data=csv_bytes("phone,full_name", *lines))
    stored = set(AllowlistEntry.objects.values_list("name", flat=True))
    assert stored == set(names)


@pytest.mark.django_db
def test_every_saudi_format_lands_on_one_phone(event: Event) -> None:
    formats = [
        "0512345678",
        "512345678",
        "966512345678",
        "+966512345678",
        "00966512345678",
        "051 234 5678",
        "051-234-5678",
        "+966 51-234-5678",
        "٠٥١٢٣٤٥٦٧٨",
    ]
    report = allowlist_import(
        event=event, data=csv_bytes("phone", *formats), region="SA", dry_run=False
    )
    assert report.created == 1
    assert not report.invalid
    assert [first for _, _, first in report.duplicates] == [2] * (len(formats) - 1)
    assert [line for line, _, _ in report.duplicates] == list(range(3, len(formats) + 2))
    assert list(AllowlistEntry.objects.values_list("phone", flat=True)) == [PHONE]


@pytest.mark.django_db
def test_the_region_comes_from_settings_or_the_argument(event: Event, settings: object) -> None:
    settings.PHONE_DEFAULT_REGION = "IN"
    allowlist_import(event=event, data=csv_bytes("phone", "9999988888"))
    allowlist_import(event=event, data=csv_bytes("phone", "0512345678"), region="sa")
    assert set(entries(event)) == {"+919999988888", PHONE}
    with pytest.raises(ValidationError, match="region"):
        allowlist_import(event=event, data=csv_bytes("phone", "0512345678"), region="XX")


@pytest.mark.django_db
def test_reimport_counts_unchanged_and_updated(event: Event) -> None:
    first = csv_bytes("phone,name", "0512345678,Ali", "0551112222,Sara", "0561112222,Omar")
    allowlist_import(event=event, data=first)
    again = csv_bytes(
        "phone,name",
        "0512345678,Ali",  # same
        "0551112222,Sara Al-Harbi",  # renamed
        "0561112222,",  # a blank name keeps the stored one
        "0571112222,New",  # new
    )
    report = allowlist_import(event=event, data=again)
    assert (report.created, report.updated, report.unchanged) == (1, 1, 2)
    assert entries(event) == {
        PHONE: ("Ali", None),
        "+966551112222": ("Sara Al-Harbi", None),
        "+966561112222": ("Omar", None),
        "+966571112222": ("New", None),
    }
    assert allowlist_import(event=event, data=again).unchanged == 4


@pytest.mark.django_db
def test_a_file_without_a_name_column_keeps_names(event: Event) -> None:
    AllowlistEntry.objects.create(event=event, phone=PHONE, name=ARABIC_NAME)
    report = allowlist_import(event=event, data=csv_bytes("phone", "0512345678", "0551112222"))
    assert (report.created, report.updated, report.unchanged) == (1, 0, 1)
    assert entries(event)[PHONE] == (ARABIC_NAME, None)


@pytest.mark.django_db
def test_other_events_are_untouched(event: Event) -> None:
    other = make_event("other-night")
    AllowlistEntry.objects.create(event=other, phone=PHONE, name="Other")
    report = allowlist_import(event=event, data=csv_bytes("phone,name", "0512345678,Mine"))
    assert report.created == 1
    assert entries(other) == {PHONE: ("Other", None)}
    assert entries(event) == {PHONE: ("Mine", None)}


@pytest.mark.django_db
def test_dry_run_reports_and_writes_nothing(event: Event) -> None:
    booked_at = timezone.now() - timedelta(days=1)
    AllowlistEntry.objects.create(event=event, phone=PHONE, name="Ali", booked_at=booked_at)
    AllowlistEntry.objects.create(event=event, phone="+966551112222", name="Sara")
    before = snapshot()
    report = allowlist_import(
        event=event,
        data=csv_bytes("phone,name", "0512345678,Ali Renamed", "0551112222,Sara", "0571112222,New"),
        dry_run=True,
        reset_booked=True,
    )
    assert report.dry_run
    assert not report.applied
    assert report.ok
    assert (report.created, report.updated, report.unchanged, report.reset) == (1, 1, 1, 1)
    assert snapshot() == before
    summary = report.summary()
    assert summary[0].endswith("Dry run: nothing was written.")
    assert "Would create: 1" in summary
    assert "Would clear booked: 1" in summary


@pytest.mark.django_db
def test_dry_run_of_a_failing_file_raises_like_the_real_import(event: Event) -> None:
    with pytest.raises(AllowlistFileError) as caught:
        allowlist_import(event=event, data=csv_bytes("phone", "nope"), dry_run=True)
    assert caught.value.report is not None
    assert caught.value.report.invalid[0][0] == 2


@pytest.mark.django_db
def test_reset_booked_clears_exactly_the_files_phones(event: Event) -> None:
    other = make_event("other-night")
    booked_at = timezone.now() - timedelta(hours=2)
    for phone in (PHONE, "+966551112222", "+966561112222"):
        AllowlistEntry.objects.create(event=event, phone=phone, booked_at=booked_at)
    AllowlistEntry.objects.create(event=other, phone=PHONE, booked_at=booked_at)
    data = csv_bytes("phone", "0512345678", "0551112222", "0571112222")

    report = allowlist_import(event=event, data=data, reset_booked=True)

    assert report.reset == 2
    assert report.created == 1
    assert entries(event) == {
        PHONE: ("", None),
        "+966551112222": ("", None),
        "+966561112222": ("", booked_at),  # not in the file
        "+966571112222": ("", None),
    }
    assert entries(other) == {PHONE: ("", booked_at)}  # another event


@pytest.mark.django_db
def test_without_reset_booked_bookings_stay(event: Event) -> None:
    booked_at = timezone.now() - timedelta(hours=2)
    AllowlistEntry.objects.create(event=event, phone=PHONE, booked_at=booked_at)
    report = allowlist_import(event=event, data=csv_bytes("phone", "0512345678"))
    assert report.reset == 0
    assert report.unchanged == 1
    assert entries(event) == {PHONE: ("", booked_at)}


@pytest.mark.django_db
def test_a_failing_file_changes_nothing(event: Event) -> None:
    booked_at = timezone.now() - timedelta(hours=2)
    AllowlistEntry.objects.create(event=event, phone=PHONE, name="Ali", booked_at=booked_at)
    before = snapshot()
    data = csv_bytes("phone,name", "0512345678,Renamed", "0551112222,New", "bad,Bad")
    with pytest.raises(AllowlistFileError):
        allowlist_import(event=event, data=data, reset_booked=True)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        ("phone,name\n0512345678,محمد\n".encode("utf-16"), "not UTF-8"),
        ("phone,name\n0512345678,\xe9\n".encode("latin-1"), "not UTF-8"),
        (b"mobile,name\n0512345678,Ali\n", "no 'phone' column"),
        (b"phone,name\n", "no rows"),
        (b"phone,name\n\n\n", "no rows"),
    ],
)
@pytest.mark.django_db
def test_bad_files(event: Event, data: bytes, message: str) -> None:
    with pytest.raises(AllowlistFileError, match=message) as caught:
        allowlist_import(event=event, data=data)
    assert caught.value.report is None
    assert AllowlistEntry.objects.count() == 0


@pytest.mark.django_db
def test_semicolons_quotes_blank_lines_and_extra_columns(event: Event) -> None:
    data = csv_bytes(
        "id;name;phone;notes",
        '1;"Ali; the elder";0512345678;x',
        "",
        '2;"Sara ""S""";0551112222',
        "3;Short row",
    )
    with pytest.raises(AllowlistFileError) as caught:
        allowlist_import(event=event, data=data)
    report = caught.value.report
    assert report is not None
    assert [(line, raw) for line, raw, _ in report.invalid] == [(5, "")]
    assert report.created == 2
    assert report.rows == 3


@pytest.mark.django_db
def test_a_name_too_long_is_invalid(event: Event) -> None:
    with pytest.raises(AllowlistFileError) as caught:
        allowlist_import(event=event, data=csv_bytes("phone,name", f"0512345678,{'x' * 151}"))
    assert caught.value.report is not None
    assert "longer than 150" in caught.value.report.invalid[0][2]


@pytest.mark.django_db
def test_queries_do_not_grow_with_rows(event: Event, django_assert_max_num_queries) -> None:
    existing = [f"+9665511{n:05d}" for n in range(50)]
    AllowlistEntry.objects.bulk_create(
        AllowlistEntry(event=event, phone=p, name="Old", booked_at=timezone.now()) for p in existing
    )
    lines = [f"{p},New" for p in existing] + [f"+9665611{n:05d},New" for n in range(50)]
    # Savepoint in and out, lock, load, insert, update, reset.
    with django_assert_max_num_queries(8):
        report = allowlist_import(
            event=event, data=csv_bytes("phone,name", *lines), reset_booked=True
        )
    assert (report.created, report.updated, report.reset) == (50, 50, 50)


# --- the management command -------------------------------------------------------------------


def run_command(*args: str) -> str:
    out = StringIO()
    call_command("import_allowlist", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_command_imports_and_prints_the_report(event: Event, tmp_path: Path) -> None:
    file = tmp_path / "vips.csv"
    file.write_bytes(csv_bytes("phone,full_name", f"0512345678,{ARABIC_NAME}", "0512345678,X"))

    output = run_command("--event", "vip-night", "--file", str(file))

    assert "Imported." in output
    assert "Created: 1" in output
    assert "line 3: +966512345678 repeats line 2" in output
    assert entries(event) == {PHONE: (ARABIC_NAME, None)}


@pytest.mark.django_db
def test_command_dry_run_and_reset_booked(event: Event, tmp_path: Path) -> None:
    booked_at = timezone.now()
    AllowlistEntry.objects.create(event=event, phone=PHONE, booked_at=booked_at)
    file = tmp_path / "vips.csv"
    file.write_bytes(csv_bytes("phone", "0512345678", "0551112222"))

    output = run_command("--event", "vip-night", "--file", str(file), "--dry-run", "--reset-booked")
    assert "Dry run: nothing was written." in output
    assert "Would create: 1" in output
    assert "Would clear booked: 1" in output
    assert entries(event) == {PHONE: ("", booked_at)}

    output = run_command("--event", "vip-night", "--file", str(file), "--reset-booked")
    assert "Booked cleared: 1" in output
    assert entries(event) == {PHONE: ("", None), "+966551112222": ("", None)}


@pytest.mark.django_db
def test_command_region(event: Event, tmp_path: Path) -> None:
    file = tmp_path / "vips.csv"
    file.write_bytes(csv_bytes("phone", "9999988888"))
    run_command("--event", "vip-night", "--file", str(file), "--region", "IN")
    assert set(entries(event)) == {"+919999988888"}


@pytest.mark.django_db
def test_command_fails_on_invalid_rows_listing_each_line(event: Event, tmp_path: Path) -> None:
    file = tmp_path / "vips.csv"
    file.write_bytes(csv_bytes("phone", "0512345678", "abc", "0551112222", "123"))
    out = StringIO()
    with pytest.raises(CommandError, match="2 invalid rows") as caught:
        call_command("import_allowlist", "--event", "vip-night", "--file", str(file), stdout=out)
    assert caught.value.returncode != 0
    output = out.getvalue()
    assert "Nothing was written" in output
    assert "line 3: 'abc'" in output
    assert "line 5: '123'" in output
    assert AllowlistEntry.objects.count() == 0


@pytest.mark.parametrize(
    ("event_slug", "content", "message"),
    [
        ("no-such-event", b"phone\n0512345678\n", "No event with the slug 'no-such-event'"),
        ("vip-night", b"", "empty"),
        ("vip-night", b"\xff\xfe\x00bad", "not UTF-8"),
        ("vip-night", b"mobile\n0512345678\n", "no 'phone' column"),
    ],
)
@pytest.mark.django_db
def test_command_fails_on_a_bad_file_or_unknown_event(
    event: Event, tmp_path: Path, event_slug: str, content: bytes, message: str
) -> None:
    file = tmp_path / "vips.csv"
    file.write_bytes(content)
    with pytest.raises(CommandError, match=message) as caught:
        run_command("--event", event_slug, "--file", str(file))
    assert caught.value.returncode != 0
    assert AllowlistEntry.objects.count() == 0


@pytest.mark.django_db
def test_command_fails_on_a_missing_file(event: Event, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot read"):
        run_command("--event", "vip-night", "--file", str(tmp_path / "missing.csv"))


# --- the admin page ---------------------------------------------------------------------------


@pytest.fixture
def superuser_client(client: Client) -> Client:
    client.force_login(User.objects.create_superuser("admin@example.com", "pw-123456789"))
    return client


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


@admin_urls
@pytest.mark.django_db
def test_admin_changelist_has_the_import_button(superuser_client: Client, event: Event) -> None:
    response = superuser_client.get(CHANGELIST_URL)
    assert response.status_code == 200
    assert "Import CSV" in response.text
    assert f'href="{IMPORT_URL}"' in response.text
    response = superuser_client.get(CHANGELIST_URL, {"event__id__exact": event.pk})
    assert f'href="{IMPORT_URL}?event={event.pk}"' in response.text


@admin_urls
@pytest.mark.django_db
def test_admin_import_page_imports(superuser_client: Client, event: Event) -> None:
    response = superuser_client.get(IMPORT_URL, {"event": event.pk})
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.text
    assert f'<option value="{event.pk}" selected>' in response.text
    assert 'name="dry_run"' in response.text
    assert 'name="reset_booked"' in response.text

    data = csv_bytes("phone,full_name", f"0512345678,{ARABIC_NAME}", "0512345678,X")
    response = superuser_client.post(
        IMPORT_URL, {"event": event.pk, "file": upload("vips.csv", data)}
    )
    assert response.status_code == 200
    report = response.context["report"]
    assert isinstance(report, ImportReport)
    assert report.applied
    assert report.created == 1
    assert "Imported: 1 created, 0 updated, 0 unchanged." in response.text
    assert 'id="report-duplicates"' in response.text
    assert entries(event) == {PHONE: (ARABIC_NAME, None)}


@admin_urls
@pytest.mark.django_db
def test_admin_dry_run_writes_nothing(superuser_client: Client, event: Event) -> None:
    response = superuser_client.post(
        IMPORT_URL,
        {
            "event": event.pk,
            "file": upload("vips.csv", csv_bytes("phone", "0512345678")),
            "dry_run": "on",
        },
    )
    assert response.status_code == 200
    assert response.context["report"].dry_run
    assert "Dry run: nothing was written." in response.text
    assert '<td id="report-created">1</td>' in response.text
    assert AllowlistEntry.objects.count() == 0


@admin_urls
@pytest.mark.django_db
def test_admin_shows_invalid_rows_and_writes_nothing(
    superuser_client: Client, event: Event
) -> None:
    data = csv_bytes("phone", "0512345678", "not a phone")
    response = superuser_client.post(IMPORT_URL, {"event": event.pk, "file": upload("v.csv", data)})
    assert response.status_code == 200
    assert "1 invalid row (line 3); nothing was written." in response.text
    assert 'id="report-invalid"' in response.text
    assert "<td>3</td>" in response.text
    assert AllowlistEntry.objects.count() == 0


@admin_urls
@pytest.mark.django_db
def test_admin_reports_a_bad_file(superuser_client: Client, event: Event) -> None:
    response = superuser_client.post(
        IMPORT_URL, {"event": event.pk, "file": upload("v.csv", b"mobile\n0512345678\n")}
    )
    assert response.status_code == 200
    assert "no &#x27;phone&#x27; column" in response.text
    assert response.context["report"] is None
    assert AllowlistEntry.objects.count() == 0


@admin_urls
@pytest.mark.django_db
def test_admin_import_needs_add_permission(client: Client, event: Event) -> None:
    staff = User.objects.create_user("staff@example.com", "pw-123456789", is_staff=True)
    client.force_login(staff)
    assert client.get(IMPORT_URL).status_code == 403
    response = client.post(
        IMPORT_URL, {"event": event.pk, "file": upload("v.csv", csv_bytes("phone", "0512345678"))}
    )
    assert response.status_code == 403
    assert AllowlistEntry.objects.count() == 0


@admin_urls
@pytest.mark.django_db
def test_admin_import_needs_staff(client: Client) -> None:
    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.django_db
def test_the_projects_admin_changelist_still_renders(client: Client) -> None:
    """The change_list.html override applies to whatever admin registers the model."""
    client.force_login(User.objects.create_superuser("admin@example.com", "pw-123456789"))
    assert client.get("/admin/accounts/allowlistentry/").status_code == 200
