"""Booths: one vendor each, under races too; a booth's fee is a booking paid like any."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from backend.bookings.models import Booking
from backend.core.models import AuditEntry
from backend.vendors.models import Booth
from backend.vendors.services.booths import BoothTaken, booth_assign
from tests.factories import EventFactory, StaffFactory
from tests.support.concurrency import run_together
from tests.vendors.conftest import Festival, client_of


@pytest.mark.django_db
def test_staff_put_an_approved_vendor_in_a_booth(festival: Festival, staff_api: Any) -> None:
    vendor = festival.vendor()
    booth = festival.booth(size="medium")

    answer = staff_api.post(f"/api/staff/booths/{booth.pk}/assign/", {"vendor": vendor.pk},
                            format="json")  # fmt: skip

    assert answer.status_code == 200
    assert answer.json()["vendor"] == {"id": vendor.pk, "name": vendor.name, "category": "food"}
    assert answer.json()["fee"] is None  # a free booth
    profile = client_of(vendor.user).get("/api/vendor/profile/?event=summer-fest").json()
    assert (profile["booth"]["code"], profile["crew_passes"]) == ("A-01", 4)
    entry = AuditEntry.objects.get(action="booth.assign")
    assert (entry.before["vendor"], entry.after["vendor"]) == (None, vendor.pk)


@pytest.mark.django_db
def test_assigning_the_same_vendor_again_changes_nothing(
    festival: Festival, staff_api: Any
) -> None:
    vendor, booth = festival.vendor(), festival.booth()
    for _ in range(2):
        answer = staff_api.post(f"/api/staff/booths/{booth.pk}/assign/", {"vendor": vendor.pk},
                                format="json")  # fmt: skip
        assert answer.status_code == 200
    assert AuditEntry.objects.filter(action="booth.assign").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["booth_taken", "vendor_has_booth", "vendor_not_approved"])
def test_assignments_that_cannot_be_are_conflicts(
    festival: Festival, staff_api: Any, case: str
) -> None:
    first, second = festival.vendor("First"), festival.vendor("Second")
    booth, other_booth = festival.booth("A-01"), festival.booth("A-02")
    booth_assign(booth_id=booth.pk, vendor_id=first.pk, actor=festival.staff)
    target, vendor = {
        "booth_taken": (booth, second),
        "vendor_has_booth": (other_booth, first),
        "vendor_not_approved": (other_booth, festival.vendor("Third", approved=False)),
    }[case]

    answer = staff_api.post(f"/api/staff/booths/{target.pk}/assign/", {"vendor": vendor.pk},
                            format="json")  # fmt: skip

    assert (answer.status_code, answer.json()["error"]["code"]) == (409, case)
    assert dict(Booth.objects.values_list("code", "vendor")) == {"A-01": first.pk, "A-02": None}


@pytest.mark.django_db
@pytest.mark.parametrize("vendor", [0, "1", None, True, 10**30])
def test_a_bad_vendor_is_a_400(festival: Festival, staff_api: Any, vendor: Any) -> None:
    booth = festival.booth()

    answer = staff_api.post(f"/api/staff/booths/{booth.pk}/assign/", {"vendor": vendor},
                            format="json")  # fmt: skip

    assert answer.status_code == 400
    assert "vendor" in answer.json()["error"]["fields"]


@pytest.mark.django_db
def test_a_vendor_of_another_event_cannot_be_put_in_this_booth(
    festival: Festival, staff_api: Any
) -> None:
    stranger = festival.vendor()
    stranger.event = EventFactory()
    stranger.save()
    booth = festival.booth()

    answer = staff_api.post(f"/api/staff/booths/{booth.pk}/assign/", {"vendor": stranger.pk},
                            format="json")  # fmt: skip

    assert answer.status_code == 400


@pytest.mark.django_db
def test_staff_of_another_event_cannot_see_or_assign_booths(festival: Festival) -> None:
    vendor, booth = festival.vendor(), festival.booth()
    other = client_of(StaffFactory(grant__event=EventFactory()))

    listed = other.get("/api/staff/booths/?event=summer-fest")
    assign = other.post(f"/api/staff/booths/{booth.pk}/assign/", {"vendor": vendor.pk},
                        format="json")  # fmt: skip

    assert (listed.status_code, assign.status_code) == (403, 404)
    booth.refresh_from_db()
    assert booth.vendor is None


@pytest.mark.django_db
def test_a_priced_booth_makes_a_fee_booking_the_vendor_pays_like_any(
    festival: Festival, staff_api: Any
) -> None:
    vendor, booth = festival.vendor(), festival.booth(price=Decimal("1500.00"))
    staff_api.post(f"/api/staff/booths/{booth.pk}/assign/", {"vendor": vendor.pk}, format="json")
    vendor_api = client_of(vendor.user)
    fee = vendor_api.get("/api/vendor/dashboard/?event=summer-fest").json()["fee"]

    paid = vendor_api.post(f"/api/bookings/{fee['booking']}/pay/", {"provider": "test"},
                           format="json")  # fmt: skip

    assert (fee["amount"], fee["currency"], fee["status"]) == ("1500.00", "SAR", "pending_payment")
    assert paid.status_code == 200, paid.json()
    booking = Booking.objects.get(pk=fee["booking"])
    assert (booking.user, booking.amount, booking.hold) == (vendor.user, Decimal("1500.00"), None)
    assert [line.name for line in booking.lines.all()] == ["Booth A-01 (Food court)"]


@pytest.mark.django_db
def test_an_unpaid_fee_booking_does_not_expire(festival: Festival) -> None:
    from backend.bookings.services.bookings import bookings_expire

    vendor, booth = festival.vendor(), festival.booth(price=Decimal("100.00"))
    booth_assign(booth_id=booth.pk, vendor_id=vendor.pk, actor=festival.staff)

    assert bookings_expire() == 0
    booth.refresh_from_db()
    assert booth.fee_booking.status == Booking.Status.PENDING_PAYMENT


@pytest.mark.django_db
def test_unassigning_empties_the_booth_and_cancels_an_unpaid_fee(
    festival: Festival, staff_api: Any
) -> None:
    vendor, booth = festival.vendor(), festival.booth(price=Decimal("100.00"))
    booth_assign(booth_id=booth.pk, vendor_id=vendor.pk, actor=festival.staff)
    booth.refresh_from_db()
    fee = booth.fee_booking

    answer = staff_api.post(f"/api/staff/booths/{booth.pk}/unassign/")
    again = staff_api.post(f"/api/staff/booths/{booth.pk}/unassign/")

    assert (answer.status_code, answer.json()["vendor"], again.status_code) == (200, None, 200)
    fee.refresh_from_db()
    assert fee.status == Booking.Status.CANCELLED
    assert AuditEntry.objects.filter(action="booth.unassign").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_staff_assigning_one_booth_at_the_same_instant_one_wins(festival: Festival) -> None:
    booth = festival.booth(price=Decimal("250.00"))
    vendors = [festival.vendor(f"Vendor {n}") for n in range(8)]
    staff = [StaffFactory(grant__event=festival.event) for _ in vendors]

    def job(actor: Any, vendor_id: int) -> Any:
        def assign() -> str:
            try:
                booth_assign(booth_id=booth.pk, vendor_id=vendor_id, actor=actor)
            except BoothTaken:
                return "booth_taken"
            return "assigned"

        return assign

    outcomes = run_together([job(a, v.pk) for a, v in zip(staff, vendors, strict=True)])

    assert outcomes == {"assigned": 1, "booth_taken": 7}
    booth.refresh_from_db()
    assert booth.vendor_id in {v.pk for v in vendors}
    assert Booking.objects.filter(details__fee__id=booth.pk).count() == 1
    assert AuditEntry.objects.filter(action="booth.assign").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_vendor_put_in_two_booths_at_the_same_instant_gets_one(festival: Festival) -> None:
    from backend.vendors.services.booths import VendorHasBooth

    vendor = festival.vendor()
    booths = [festival.booth(f"B-{n:02}") for n in range(6)]

    def job(booth_id: int) -> Any:
        def assign() -> str:
            try:
                booth_assign(booth_id=booth_id, vendor_id=vendor.pk, actor=festival.staff)
            except VendorHasBooth:
                return "vendor_has_booth"
            return "assigned"

        return assign

    outcomes = run_together([job(b.pk) for b in booths])

    assert outcomes == {"assigned": 1, "vendor_has_booth": 5}
    assert Booth.objects.filter(vendor=vendor).count() == 1


@pytest.mark.django_db
def test_a_paid_fee_booking_is_confirmed_and_its_receipt_names_the_booth(
    festival: Festival, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    from tests.support.bookings import mark_paid

    vendor, booth = festival.vendor(), festival.booth(price=Decimal("1500.00"))
    booth_assign(booth_id=booth.pk, vendor_id=vendor.pk, actor=festival.staff)
    booth.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        paid = mark_paid(booking=booth.fee_booking)

    assert (paid.status, paid.payment_status, paid.tickets.count()) == ("confirmed", "paid", 0)
    [receipt] = mail.outbox
    assert receipt.to == [vendor.contact_email]
    assert "1 x Booth A-01 (Food court): 1,500.00 SAR" in receipt.body
    # The invoice issued when it was paid comes with it.
    [invoice] = paid.invoices.all()
    attached = {name: content for name, content, _ in receipt.attachments}
    assert attached[f"{invoice.number}.pdf"].startswith(b"%PDF")
    dashboard = client_of(vendor.user).get("/api/vendor/dashboard/?event=summer-fest").json()
    assert dashboard["fee"]["payment_status"] == "paid"
