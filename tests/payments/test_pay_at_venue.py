"""Paying at the venue, end to end: the guest books a repair and pays at the shop (confirmed
at once, payment due, never expires); staff mark it paid (cash or card), record a no-show, or
add a service found during the job (the difference is due); the staff figures break revenue
down by payment status and method."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from backend.bookings.models import Booking
from backend.bookings.services.bookings import bookings_expire
from backend.core.models import AuditEntry
from backend.inventory.models import Event, Hold
from backend.inventory.services.holds import holds_expire
from backend.payments.models import Payment
from tests.factories import StaffFactory
from tests.support.appointments import Garage
from tests.support.bookings import client_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(garage: Garage) -> Any:
    return client_of(StaffFactory(grant__event=garage.event))


def book_and_pay_at_shop(garage: Garage, guest: Any, guest_api: Any, *services: Any) -> Any:
    booking = garage.book(guest, *services, hours=2)
    return guest_api.post(
        f"/api/bookings/{booking.pk}/pay/", {"provider": "pay_at_venue"}, format="json"
    )


def sold(garage: Garage, first: int = 0, hours: int = 2) -> list[tuple[int, int]]:
    return [(s.sold, s.held) for s in garage.bays.slots.order_by("starts_at")[first:hours]]


class TestProviders:
    def test_the_event_says_whether_it_takes_payment_at_the_venue(
        self, garage: Garage, shop: Any
    ) -> None:
        api_client = APIClient()
        everywhere = api_client.get("/api/payments/providers/").json()["providers"]
        here = api_client.get(f"/api/payments/providers/?event={garage.event.slug}").json()
        there = api_client.get(f"/api/payments/providers/?event={shop.event.slug}").json()
        nowhere = api_client.get("/api/payments/providers/?event=no-such-event")

        assert "pay_at_venue" not in everywhere
        assert here["providers"] == [*everywhere, "pay_at_venue"]
        assert there["providers"] == everywhere
        assert nowhere.status_code == 404


class TestPayAtTheShop:
    def test_confirmed_at_once_with_payment_due(
        self, garage: Garage, guest: Any, guest_api: Any
    ) -> None:
        answer = book_and_pay_at_shop(garage, guest, guest_api, garage.general, garage.brakes)

        assert answer.status_code == 200, answer.json()
        body = answer.json()
        assert body["provider"] == "pay_at_venue"
        assert body["client"] == {}
        assert body["amount"] == "948.00"
        assert "pay_at_venue" in body["providers"]
        assert body["booking"]["status"] == "confirmed"
        assert body["booking"]["payment_status"] == "due"
        assert body["booking"]["provider"] == "pay_at_venue"
        payment = Payment.objects.get(pk=body["payment"])
        assert (payment.provider, payment.status, payment.amount) == (
            "pay_at_venue", "created", Decimal("948.00"),
        )  # fmt: skip
        assert sold(garage) == [(1, 0), (1, 0)]
        assert Hold.objects.get().status == Hold.Status.CONVERTED

    def test_refused_where_the_event_does_not_allow_it(
        self, garage: Garage, guest: Any, guest_api: Any
    ) -> None:
        garage.event.pay_at_venue = False
        garage.event.save()

        answer = book_and_pay_at_shop(garage, guest, guest_api)

        assert answer.status_code == 400
        assert list(answer.json()["error"]["fields"]) == ["provider"]
        assert Booking.objects.get().status == "pending_payment"
        assert not Payment.objects.exists()

    def test_a_booking_confirmed_with_payment_due_never_expires(
        self, garage: Garage, guest: Any, guest_api: Any
    ) -> None:
        book_and_pay_at_shop(garage, guest, guest_api)

        for days in (1, 30, 400):
            later = timezone.now() + timedelta(days=days)
            holds_expire(now=later)
            bookings_expire(now=later)

        booking = Booking.objects.get()
        assert (booking.status, booking.payment_status) == ("confirmed", "due")
        assert sold(garage) == [(1, 0), (1, 0)]

    def test_an_unpaid_booking_still_expires(self, garage: Garage, guest: Any) -> None:
        garage.book(guest, hours=1)
        later = timezone.now() + timedelta(hours=1)

        holds_expire(now=later)
        bookings_expire(now=later)

        assert Booking.objects.get().status == "expired"
        assert Booking.objects.get().payment_status == "unpaid"

    def test_only_once(self, garage: Garage, guest: Any, guest_api: Any) -> None:
        first = book_and_pay_at_shop(garage, guest, guest_api)
        again = guest_api.post(
            f"/api/bookings/{first.json()['booking']['id']}/pay/",
            {"provider": "pay_at_venue"},
            format="json",
        )

        assert again.status_code == 409
        assert Payment.objects.count() == 1


class TestAtTheDesk:
    def test_mark_paid_by_card_takes_what_is_due(
        self, garage: Garage, guest: Any, guest_api: Any, desk: Any
    ) -> None:
        booking_id = book_and_pay_at_shop(garage, guest, guest_api).json()["booking"]["id"]

        paid = desk.post(
            f"/api/staff/bookings/{booking_id}/mark-paid/", {"method": "card"}, format="json"
        )
        again = desk.post(f"/api/staff/bookings/{booking_id}/mark-paid/")

        assert paid.status_code == 200, paid.json()
        assert paid.json()["status"] == "confirmed"
        assert paid.json()["payment_status"] == "paid"
        assert paid.json()["provider"] == "card"
        [payment] = Payment.objects.all()
        assert (payment.provider, payment.status, payment.amount) == (
            "card", "succeeded", Decimal("649.00"),
        )  # fmt: skip
        assert again.status_code == 409
        assert again.json()["error"]["code"] == "nothing_due"
        entry = AuditEntry.objects.get(action="booking.mark_paid")
        assert entry.before["payment_status"] == "due"
        assert entry.after["payment_status"] == "paid"

    def test_mark_paid_of_a_pending_booking_confirms_it_in_cash(
        self, garage: Garage, guest: Any, desk: Any
    ) -> None:
        booking = garage.book(guest)

        answer = desk.post(f"/api/staff/bookings/{booking.pk}/mark-paid/")

        assert answer.json()["status"] == "confirmed"
        assert answer.json()["payment_status"] == "paid"
        assert answer.json()["provider"] == "cash"

    def test_a_bad_method_is_refused(self, garage: Garage, guest: Any, desk: Any) -> None:
        booking = garage.book(guest)

        answer = desk.post(
            f"/api/staff/bookings/{booking.pk}/mark-paid/", {"method": "iou"}, format="json"
        )

        assert answer.status_code == 400
        assert "method" in answer.json()["error"]["fields"]

    def test_a_no_show_keeps_what_is_owed(
        self, garage: Garage, guest: Any, guest_api: Any, desk: Any
    ) -> None:
        booking_id = book_and_pay_at_shop(garage, guest, guest_api).json()["booking"]["id"]

        answer = desk.post(f"/api/staff/bookings/{booking_id}/no-show/")
        again = desk.post(f"/api/staff/bookings/{booking_id}/no-show/")
        start = desk.patch(
            f"/api/staff/bookings/{booking_id}/status/", {"status": "in_progress"}, format="json"
        )

        assert answer.status_code == 200, answer.json()
        assert answer.json()["status"] == "no_show"
        assert answer.json()["payment_status"] == "due"
        assert answer.json()["amount"] == "649.00"
        assert again.status_code == 409
        assert start.status_code == 409
        assert Payment.objects.get().status == "created"  # nothing refunded, nothing taken
        assert sold(garage) == [(1, 0), (1, 0)]
        assert AuditEntry.objects.filter(action="booking.no_show").count() == 1

    @pytest.mark.parametrize("status", ["pending_payment", "in_progress", "completed"])
    def test_no_show_only_from_confirmed(
        self, garage: Garage, guest: Any, desk: Any, status: str
    ) -> None:
        booking = garage.book(guest)
        url = f"/api/staff/bookings/{booking.pk}/"
        if status != "pending_payment":
            desk.post(url + "mark-paid/")
            desk.patch(url + "status/", {"status": "in_progress"}, format="json")
        if status == "completed":
            desk.patch(url + "status/", {"status": "completed"}, format="json")

        answer = desk.post(url + "no-show/")

        assert answer.status_code == 409
        assert answer.json()["error"]["code"] == "invalid_transition"
        assert Booking.objects.get().status == status

    @pytest.mark.parametrize("kind", ["festival", "vip"])
    def test_no_show_is_not_recorded_where_the_gates_count_who_came(
        self, garage: Garage, guest: Any, desk: Any, kind: str
    ) -> None:
        booking = garage.book(guest)
        url = f"/api/staff/bookings/{booking.pk}/"
        desk.post(url + "mark-paid/")
        Event.objects.filter(pk=garage.event.pk).update(kind=kind)

        answer = desk.post(url + "no-show/")

        assert answer.status_code == 409
        assert answer.json()["error"]["code"] == "no_show_not_recorded"
        assert Booking.objects.get().status == "confirmed"
        assert not AuditEntry.objects.filter(action="booking.no_show").exists()

    def test_a_service_found_during_the_job_is_due_at_the_shop(
        self, garage: Garage, guest: Any, desk: Any
    ) -> None:
        booking = garage.book(guest)
        url = f"/api/staff/bookings/{booking.pk}/"
        desk.post(url + "mark-paid/")  # paid in full up front
        desk.patch(url + "status/", {"status": "in_progress"}, format="json")

        added = desk.post(url + "services/", {"service": garage.brakes.pk}, format="json")
        paid = desk.post(url + "mark-paid/", {"method": "card"}, format="json")
        done = desk.patch(url + "status/", {"status": "completed"}, format="json")

        assert added.status_code == 200, added.json()
        body = added.json()
        assert body["amount"] == "948.00"
        assert body["payment_status"] == "due"
        assert body["lines"][-1]["kind"] == "added_service"
        assert body["lines"][-1]["service"] == garage.brakes.pk
        assert body["lines"][-1]["amount"] == "299.00"
        assert paid.json()["payment_status"] == "paid"
        assert paid.json()["provider"] == "cash"  # how it was paid first stays
        assert done.json()["status"] == "completed"
        assert sorted(Payment.objects.values_list("provider", "amount")) == [
            ("card", Decimal("299.00")),
            ("cash", Decimal("649.00")),
        ]
        assert AuditEntry.objects.filter(action="booking.add_service").count() == 1

    def test_a_service_is_priced_for_the_bookings_model(
        self, garage: Garage, guest: Any, desk: Any
    ) -> None:
        booking = garage.book(guest, model=garage.classic)
        desk.post(f"/api/staff/bookings/{booking.pk}/mark-paid/")

        added = desk.post(
            f"/api/staff/bookings/{booking.pk}/services/", {"service": garage.oil.pk},
            format="json",
        )  # fmt: skip

        assert added.json()["amount"] == "1798.00"  # 1399 + the Classic's oil at base 399

    @pytest.mark.parametrize("case", ["not_offered", "unknown", "pending", "festival"])
    def test_adding_a_service_refused(
        self, garage: Garage, guest: Any, desk: Any, shop: Any, case: str
    ) -> None:
        if case == "festival":
            booking = shop.book(guest)
            desk = client_of(StaffFactory(grant__event=shop.event))
            desk.post(f"/api/staff/bookings/{booking.pk}/mark-paid/")
        else:
            booking = garage.book(guest)
            if case != "pending":
                desk.post(f"/api/staff/bookings/{booking.pk}/mark-paid/")
        service = {"unknown": 987654, "not_offered": garage.oil.pk}.get(case, garage.brakes.pk)
        before = Booking.objects.get(pk=booking.pk).amount

        answer = desk.post(
            f"/api/staff/bookings/{booking.pk}/services/", {"service": service}, format="json"
        )

        assert answer.status_code == (409 if case == "pending" else 400), answer.json()
        if case != "pending":
            assert list(answer.json()["error"]["fields"]) == ["service"]
        assert Booking.objects.get(pk=booking.pk).amount == before

    def test_the_figures_by_payment_status_and_method(
        self, garage: Garage, guest: Any, guest_api: Any, desk: Any
    ) -> None:
        due = book_and_pay_at_shop(garage, guest, guest_api).json()["booking"]["id"]
        card = garage.book(guest, first=2)
        desk.post(f"/api/staff/bookings/{card.pk}/mark-paid/", {"method": "card"}, format="json")
        cash = garage.book(guest, first=3)
        desk.post(f"/api/staff/bookings/{cash.pk}/mark-paid/")
        garage.book(guest, first=4)  # pending

        stats = desk.get(f"/api/staff/stats/?event={garage.event.slug}").json()

        assert stats["by_payment_status"] == {
            "due": {"bookings": 1, "amount": "649.00", "paid": "0.00", "refunded": "0.00"},
            "paid": {"bookings": 2, "amount": "1298.00", "paid": "1298.00", "refunded": "0.00"},
            "unpaid": {"bookings": 1, "amount": "649.00", "paid": "0.00", "refunded": "0.00"},
        }
        assert stats["by_method"] == {
            "pay_at_venue": {"bookings": 1, "amount": "649.00"},
            "card": {"bookings": 1, "amount": "649.00"},
            "cash": {"bookings": 1, "amount": "649.00"},
        }
        assert due


class TestRefunds:
    def test_cancelling_a_due_booking_leaves_nothing_owed(
        self, garage: Garage, guest: Any, guest_api: Any, desk: Any
    ) -> None:
        booking_id = book_and_pay_at_shop(garage, guest, guest_api).json()["booking"]["id"]

        answer = desk.post(
            f"/api/staff/bookings/{booking_id}/cancel/", {"refund": True}, format="json"
        )

        assert answer.json()["status"] == "cancelled"
        assert answer.json()["payment_status"] == "unpaid"
        assert sold(garage) == [(0, 0), (0, 0)]
        # What was to be paid at the shop is no longer owed.
        assert list(Payment.objects.values_list("provider", "status")) == [
            ("pay_at_venue", "canceled")
        ]

    def test_a_cancelled_booking_is_not_paid_at_the_desk(
        self, garage: Garage, guest: Any, guest_api: Any, desk: Any
    ) -> None:
        booking_id = book_and_pay_at_shop(garage, guest, guest_api).json()["booking"]["id"]
        desk.post(f"/api/staff/bookings/{booking_id}/cancel/", {}, format="json")

        answer = desk.post(
            f"/api/staff/bookings/{booking_id}/mark-paid/", {"method": "cash"}, format="json"
        )

        assert answer.status_code == 409
        assert answer.json()["error"] == {
            "code": "invalid_transition",
            "message": "A booking that is cancelled cannot be paid at the desk.",
            "status_from": "cancelled",
        }
        assert Booking.objects.get().paid_amount == 0

    def test_a_due_booking_cancelled_without_refund_owes_nothing_either(
        self, garage: Garage, guest: Any, guest_api: Any, desk: Any
    ) -> None:
        booking_id = book_and_pay_at_shop(garage, guest, guest_api).json()["booking"]["id"]
        desk.post(f"/api/staff/bookings/{booking_id}/services/", {"service": garage.brakes.pk})

        answer = desk.post(f"/api/staff/bookings/{booking_id}/cancel/", {}, format="json")

        assert answer.json()["status"] == "cancelled"
        assert answer.json()["payment_status"] == "unpaid"
        assert set(Payment.objects.values_list("status", flat=True)) == {"canceled"}

    def test_refunding_a_paid_booking(
        self, garage: Garage, guest: Any, guest_api: Any, desk: Any
    ) -> None:
        booking_id = book_and_pay_at_shop(garage, guest, guest_api).json()["booking"]["id"]
        desk.post(f"/api/staff/bookings/{booking_id}/mark-paid/")

        answer = desk.post(
            f"/api/staff/bookings/{booking_id}/cancel/", {"refund": True}, format="json"
        )

        assert answer.json()["status"] == "refunded"
        assert answer.json()["payment_status"] == "refunded"
        assert answer.json()["refunded_amount"] == "649.00"
