"""Staff decide on applications: approve, reject, revoke; each e-mailed and audited, and
only by staff of the vendor's own event."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from backend.accounts.models import Role
from backend.accounts.roles import may
from backend.bookings.models import Booking
from backend.core.models import AuditEntry
from backend.notifications.models import Message
from backend.vendors.models import Vendor
from backend.vendors.services.booths import booth_assign
from tests.factories import EventFactory, StaffFactory, UserFactory
from tests.vendors.conftest import Festival, client_of

pytestmark = pytest.mark.django_db


def test_approving_makes_the_applicant_a_vendor_of_the_event(
    festival: Festival, staff_api: Any, django_capture_on_commit_callbacks: Any
) -> None:
    vendor = festival.vendor(approved=False)

    with django_capture_on_commit_callbacks(execute=True):
        answer = staff_api.post(f"/api/staff/vendors/{vendor.pk}/approve/")

    assert answer.status_code == 200
    assert answer.json()["status"] == "approved"
    assert may(vendor.user, Role.VENDOR, festival.event)
    assert not may(vendor.user, Role.VENDOR, EventFactory())
    [message] = mail.outbox
    assert message.to == [vendor.contact_email]
    assert "/vendor/summer-fest" in message.body
    [sent] = Message.objects.all()  # logged like every message
    assert (sent.template, sent.to, sent.status, sent.user, sent.event) == (
        "vendor_approved", vendor.contact_email, "sent", vendor.user, festival.event
    )  # fmt: skip
    entry = AuditEntry.objects.get(action="vendor.approve")
    assert (entry.before["status"], entry.after["status"]) == ("pending", "approved")


def test_approving_twice_changes_nothing(
    festival: Festival, staff_api: Any, django_capture_on_commit_callbacks: Any
) -> None:
    vendor = festival.vendor()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        answer = staff_api.post(f"/api/staff/vendors/{vendor.pk}/approve/")

    assert answer.status_code == 200
    assert (callbacks, mail.outbox) == ([], [])
    assert AuditEntry.objects.filter(action="vendor.approve").count() == 1


def test_a_rejection_needs_a_reason_which_the_applicant_is_sent(
    festival: Festival, staff_api: Any, django_capture_on_commit_callbacks: Any
) -> None:
    vendor = festival.vendor(approved=False)

    with django_capture_on_commit_callbacks(execute=True):
        without = staff_api.post(
            f"/api/staff/vendors/{vendor.pk}/reject/", {"reason": " "}, format="json"
        )
        rejected = staff_api.post(
            f"/api/staff/vendors/{vendor.pk}/reject/",
            {"reason": "We already have three kabsa stands."},
            format="json",
        )

    assert without.status_code == 400
    assert rejected.status_code == 200
    assert rejected.json()["reason"] == "We already have three kabsa stands."
    [message] = mail.outbox
    assert "three kabsa stands" in message.body
    assert not may(vendor.user, Role.VENDOR, festival.event)


def test_the_applicant_is_written_to_in_arabic_when_that_is_their_language(
    festival: Festival, staff_api: Any, django_capture_on_commit_callbacks: Any
) -> None:
    vendor = festival.vendor(approved=False, user=UserFactory(language="ar"))

    with django_capture_on_commit_callbacks(execute=True):
        staff_api.post(
            f"/api/staff/vendors/{vendor.pk}/reject/", {"reason": "ممتلئ"}, format="json"
        )

    [message] = mail.outbox
    # The reason and the event's name are isolated runs (FSI ... PDI, <bdi> in HTML).
    assert "السبب: \u2068ممتلئ\u2069" in message.body
    html = message.alternatives[0][0]
    assert 'dir="rtl"' in html
    assert "<bdi>ممتلئ</bdi>" in html


def test_revoking_voids_the_code_frees_the_booth_and_cancels_an_unpaid_fee(
    festival: Festival, staff_api: Any
) -> None:
    vendor = festival.vendor()
    booth = festival.booth(price=1500)
    booth_assign(booth_id=booth.pk, vendor_id=vendor.pk, actor=festival.staff)
    booth.refresh_from_db()
    fee = booth.fee_booking
    assert fee is not None

    answer = staff_api.post(
        f"/api/staff/vendors/{vendor.pk}/revoke/", {"reason": "Unsafe gas bottles."}, format="json"
    )

    assert answer.status_code == 200
    vendor.refresh_from_db()
    booth.refresh_from_db()
    fee.refresh_from_db()
    assert (vendor.status, vendor.code_version) == ("revoked", 2)
    assert (booth.vendor, booth.fee_booking) == (None, None)
    assert fee.status == Booking.Status.CANCELLED
    assert not may(vendor.user, Role.VENDOR, festival.event)
    assert set(AuditEntry.objects.values_list("action", flat=True)) >= {
        "vendor.revoke", "booth.unassign", "booking.cancel",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("status", "action", "body"),
    [
        ("pending", "revoke", {"reason": "x"}),
        ("revoked", "approve", {}),
        ("approved", "reject", {"reason": "x"}),
        ("rejected", "reject", {"reason": "x"}),
    ],
)
def test_decisions_its_status_does_not_allow_are_conflicts(
    festival: Festival, staff_api: Any, status: str, action: str, body: dict[str, str]
) -> None:
    vendor = festival.vendor(approved=False)
    Vendor.objects.filter(pk=vendor.pk).update(status=status)

    answer = staff_api.post(f"/api/staff/vendors/{vendor.pk}/{action}/", body, format="json")

    assert (answer.status_code, answer.json()["error"]["code"]) == (409, "invalid_transition")
    vendor.refresh_from_db()
    assert vendor.status == status


def test_staff_of_another_event_neither_see_nor_decide(festival: Festival) -> None:
    vendor = festival.vendor(approved=False)
    other = client_of(StaffFactory(grant__event=EventFactory()))

    listed = other.get("/api/staff/vendors/?event=summer-fest")
    approve = other.post(f"/api/staff/vendors/{vendor.pk}/approve/")
    revoke = other.post(f"/api/staff/vendors/{vendor.pk}/revoke/", {"reason": "x"}, format="json")

    assert (listed.status_code, approve.status_code, revoke.status_code) == (403, 404, 404)
    vendor.refresh_from_db()
    assert vendor.status == "pending"
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("who", ["vendor", "guest", "scanner"])
def test_vendors_guests_and_scanners_cannot_decide(festival: Festival, who: str) -> None:
    vendor = festival.vendor(approved=False)
    user = festival.vendor("Oud House").user if who == "vendor" else UserFactory()
    if who == "scanner":
        user.role_grants.create(role=Role.SCANNER, event=festival.event)

    answer = client_of(user).post(f"/api/staff/vendors/{vendor.pk}/approve/")

    assert answer.status_code == 403
    vendor.refresh_from_db()
    assert vendor.status == "pending"


def test_staff_list_applications_by_status(festival: Festival, staff_api: Any) -> None:
    festival.vendor("Approved One")
    festival.vendor("Pending One", approved=False)

    pending = staff_api.get("/api/staff/vendors/?event=summer-fest&status=pending")
    everyone = staff_api.get("/api/staff/vendors/?event=summer-fest")

    assert [v["name"] for v in pending.json()["results"]] == ["Pending One"]
    assert everyone.json()["count"] == 2
    assert pending.json()["results"][0]["user"]["phone"]


def test_the_staff_lists_cost_the_same_queries_for_two_vendors_or_six(
    festival: Festival, staff_api: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from backend.vendors.services.booths import booth_assign

    def cost() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as vendors:
            assert staff_api.get("/api/staff/vendors/?event=summer-fest").status_code == 200
        with CaptureQueriesContext(connection) as booths:
            assert staff_api.get("/api/staff/booths/?event=summer-fest").status_code == 200
        return len(vendors), len(booths)

    def add(n: int) -> None:
        vendor, booth = festival.vendor(f"Vendor {n}"), festival.booth(f"B-{n:02}", price=10)
        booth_assign(booth_id=booth.pk, vendor_id=vendor.pk, actor=festival.staff)

    for n in range(2):
        add(n)
    cost()  # the first request also checks the sign-in session, then cached
    few = cost()
    for n in range(2, 6):
        add(n)

    assert cost() == few
