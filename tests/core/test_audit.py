"""The audit log: every staff action writes one row (who, what, which object, before and
after) in its own transaction; staff of the event read it; the admin shows it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from backend.accounts.models import Role, RoleGrant, User
from backend.accounts.services.devices import device_create
from backend.checkin.models import Gate
from backend.core.models import AuditEntry
from backend.inventory.models import Slot
from tests.factories import (
    AllowlistEntryFactory,
    EventFactory,
    ResourceFactory,
    SlotFactory,
    StaffFactory,
    UserFactory,
)
from tests.support.admin import admin_browser_for, user_change_form
from tests.support.bookings import Shop, client_of, mark_paid

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(shop: Shop) -> Any:
    return StaffFactory(grant__event=shop.event)


@pytest.fixture
def vip(shop: Shop) -> Slot:
    return SlotFactory(resource=ResourceFactory(event=shop.event, price="400.00", units=2))


def only_entry(action: str) -> AuditEntry:
    [entry] = AuditEntry.objects.filter(action=action)
    return entry


STAFF_ACTIONS: list[tuple[str, Callable[[Any, Shop, Any], Any], dict[str, Any], dict[str, Any]]] = [
    ("booking.status",
     lambda c, s, b: c.patch(f"/api/staff/bookings/{b.pk}/status/", {"status": "in_progress"},
                             format="json"),
     {"status": "confirmed"}, {"status": "in_progress"}),
    ("booking.cancel",
     lambda c, s, b: c.post(f"/api/staff/bookings/{b.pk}/cancel/", {}, format="json"),
     {"status": "confirmed"}, {"status": "cancelled"}),
    ("booking.refund",
     lambda c, s, b: c.post(f"/api/staff/bookings/{b.pk}/cancel/", {"refund": True},
                            format="json"),
     {"status": "confirmed"}, {"status": "refunded"}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("action", "call", "before", "after"), STAFF_ACTIONS, ids=[a[0] for a in STAFF_ACTIONS]
)
def test_booking_actions_are_audited_with_before_and_after(
    shop: Shop, desk: Any, action: str, call: Any, before: dict[str, Any], after: dict[str, Any]
) -> None:
    booking = mark_paid(booking=shop.book(UserFactory()))
    AuditEntry.objects.all().delete()  # the cash taken to confirm it

    assert call(client_of(desk), shop, booking).status_code == 200

    entry = only_entry(action)
    assert (entry.actor_id, entry.object_type, entry.object_id) == (
        desk.pk,
        "bookings.booking",
        str(booking.pk),
    )
    assert (entry.event_id, entry.event_slug) == (shop.event.pk, shop.event.slug)
    assert entry.before.items() >= before.items()
    assert entry.after.items() >= after.items()


@pytest.mark.parametrize("path", ["mark-paid", "comp"])
def test_confirming_by_hand_is_audited(shop: Shop, desk: Any, path: str) -> None:
    booking = shop.book(UserFactory())

    assert client_of(desk).post(f"/api/staff/bookings/{booking.pk}/{path}/").status_code == 200

    entry = only_entry(f"booking.{path.replace('-', '_')}")
    assert entry.before["status"] == "pending_payment"
    assert entry.after["status"] == "confirmed"
    assert entry.actor_label.startswith(desk.email)


def test_comps_devices_gates_and_upgrades_are_audited(shop: Shop, desk: Any, vip: Slot) -> None:
    api = client_of(desk)
    gate = Gate.objects.create(event=shop.event, name="North")
    comp = api.post(
        "/api/staff/comps/",
        {"event": shop.event.slug, "phone": "+966500000444", "items": [{"slot": shop.slot.pk}]},
        format="json",
    )
    device = api.post(
        "/api/staff/devices/", {"label": "Lane 9", "event": shop.event.slug}, format="json"
    ).json()
    bound = api.put(
        f"/api/staff/devices/{device['id']}/gates/", {"gates": [gate.pk]}, format="json"
    )
    revoked = api.post(f"/api/staff/devices/{device['id']}/revoke/")
    ticket = mark_paid(booking=shop.book(UserFactory())).tickets.get()
    upgraded = api.post(f"/api/staff/tickets/{ticket.pk}/upgrade/",
                        {"slot": vip.pk, "payment": "comp"}, format="json")  # fmt: skip

    assert (comp.status_code, bound.status_code, revoked.status_code) == (201, 200, 200)
    assert upgraded.status_code == 201
    assert only_entry("tickets.comp").after["phone"] == "+966500000444"
    assert only_entry("device.create").after["label"] == "Lane 9"
    gates = only_entry("device.gates")
    assert (gates.before, gates.after) == ({"gates": []}, {"gates": [gate.pk]})
    revoke = only_entry("device.revoke")
    assert revoke.before["revoked_at"] is None
    assert revoke.after["revoked_at"] is not None
    assert only_entry("ticket.upgrade").after["slot"] == vip.pk
    assert set(AuditEntry.objects.values_list("actor_id", flat=True)) >= {desk.pk}


def test_a_refused_action_leaves_no_row(shop: Shop) -> None:
    elsewhere = StaffFactory(grant__event=EventFactory())
    booking = mark_paid(booking=shop.book(UserFactory()))
    rows = AuditEntry.objects.count()

    answer = client_of(elsewhere).post(
        f"/api/staff/bookings/{booking.pk}/cancel/", {"refund": True}, format="json"
    )

    assert answer.status_code == 404
    assert AuditEntry.objects.count() == rows


def test_a_failed_action_leaves_no_row(shop: Shop, desk: Any) -> None:
    booking = shop.book(UserFactory())  # not paid: cannot move to in_progress
    rows = AuditEntry.objects.count()

    answer = client_of(desk).patch(
        f"/api/staff/bookings/{booking.pk}/status/", {"status": "completed"}, format="json"
    )

    assert answer.status_code == 409
    assert AuditEntry.objects.count() == rows


def admin() -> tuple[Client, User]:
    return admin_browser_for()


def test_role_changes_in_the_admin_are_audited_per_event() -> None:
    browser, root = admin()
    first, second = EventFactory(), EventFactory()
    user = UserFactory(email="helper@example.com")
    grant = RoleGrant.objects.create(user=user, role=Role.SCANNER, event=first)
    data = user_change_form(browser, user, grants=[
        {"id": grant.pk, "role": "scanner", "event": first.pk, "DELETE": True},
        {"role": "staff", "event": second.pk},
    ])  # fmt: skip

    answer = browser.post(f"/admin/accounts/user/{user.pk}/change/", data)

    assert answer.status_code == 302, (
        answer.context["adminform"].form.errors if answer.context else ""
    )
    entries = {e.event_id: e for e in AuditEntry.objects.filter(action="role.change")}
    assert set(entries) == {first.pk, second.pk}
    assert (entries[first.pk].before, entries[first.pk].after) == (
        {"roles": ["scanner"]},
        {"roles": []},
    )
    assert entries[second.pk].after == {"roles": ["staff"]}
    assert {e.actor_id for e in entries.values()} == {root.pk}
    assert not AuditEntry.objects.filter(action="user.change").exists()  # nothing else moved


def test_saving_a_user_unchanged_writes_no_row() -> None:
    browser, _root = admin()
    user = UserFactory(email="same@example.com")

    answer = browser.post(
        f"/admin/accounts/user/{user.pk}/change/", user_change_form(browser, user)
    )

    assert answer.status_code == 302
    assert not AuditEntry.objects.exists()


def test_setting_a_password_in_the_admin_ends_the_accounts_sessions() -> None:
    from tests.accounts.helpers import sign_in

    browser, root = admin()
    victim = StaffFactory()
    intruder = sign_in(victim)

    answer = browser.post(f"/admin/accounts/user/{victim.pk}/password/", {
        "password1": "a fresh long pass phrase", "password2": "a fresh long pass phrase",
        "usable_password": "true",
    })  # fmt: skip

    assert answer.status_code == 302
    assert client_of_token(intruder.access).status_code == 401
    entry = only_entry("user.password")
    assert (entry.actor_id, entry.object_id, entry.after) == (
        root.pk,
        str(victim.pk),
        {"sessions_ended": 1},
    )


def client_of_token(access: str) -> Any:
    from rest_framework.test import APIClient

    from tests.accounts.helpers import bearer

    return APIClient().get("/api/auth/me/", **bearer(access))


def test_admin_edits_of_gates_and_allowlists_are_audited() -> None:
    browser, _root = admin()
    event = EventFactory()
    device, _ = device_create(label="Lane", event=event)
    entry = AllowlistEntryFactory(event=event, phone="+966500000555", name="Old name")

    gate = browser.post("/admin/checkin/gate/add/", {
        "event": event.pk, "name_en": "West", "name_ar": "الغربية", "mode": "single",
        "devices": [device.pk],
    })  # fmt: skip
    renamed = browser.post(f"/admin/accounts/allowlistentry/{entry.pk}/change/", {
        "event": event.pk, "phone": entry.phone, "name": "New name",
        "created_at_0": "2026-01-01", "created_at_1": "10:00:00",
    })  # fmt: skip

    assert gate.status_code == 302
    assert renamed.status_code == 302, renamed.context["adminform"].form.errors
    added = only_entry("gate.add")
    assert (added.before, added.after["devices"], added.event_id) == (None, [device.pk], event.pk)
    changed = only_entry("allowlistentry.change")
    assert (changed.before["name"], changed.after["name"]) == ("Old name", "New name")


def test_staff_of_the_event_read_its_log_and_the_admin_shows_it(shop: Shop, desk: Any) -> None:
    mark_paid(booking=shop.book(UserFactory()))
    browser, _root = admin()

    answer = client_of(desk).get(f"/api/staff/audit/?event={shop.event.slug}")
    page = browser.get("/admin/core/auditentry/")

    assert answer.status_code == 200
    [row] = answer.json()["results"]
    assert (row["action"], row["event"]) == ("booking.mark_paid", shop.event.slug)
    assert row["before"]["status"] == "pending_payment"
    assert page.status_code == 200
    assert "booking.mark_paid" in page.content.decode()
    assert browser.post(f"/admin/core/auditentry/{row['id']}/delete/").status_code == 403


def test_admin_station_edits_and_hold_releases_are_audited(shop: Shop) -> None:
    browser, root = admin()
    device, _ = device_create(label="Lane", event=shop.event)
    hold = shop.hold(UserFactory())
    other = EventFactory()

    renamed = browser.post(f"/admin/accounts/scannerdevice/{device.pk}/change/", {
        "label": "Lane 7", "event": other.pk,  # the event is fixed once made
    })  # fmt: skip
    released = browser.post("/admin/inventory/hold/", {
        "action": "release", "_selected_action": [str(hold.pk)],
    })  # fmt: skip

    assert renamed.status_code == released.status_code == 302
    device.refresh_from_db()
    assert (device.label, device.event_id) == ("Lane 7", shop.event.pk)
    change = only_entry("device.change")
    assert (change.before, change.after) == ({"label": "Lane"}, {"label": "Lane 7"})
    release = only_entry("hold.release")
    assert (release.actor_id, release.object_id, release.after) == (
        root.pk,
        str(hold.pk),
        {"status": "released"},
    )
