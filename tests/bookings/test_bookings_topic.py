"""The staff's bookings topic ``event:{slug}:bookings``: its snapshot is the first page of the
staff list, and every change of a booking's status or payment sends the booking as the staff
list shows it, once per transaction, after commit (nothing for a rollback)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.db import transaction
from django.utils import timezone

from backend.bookings.models import Booking
from backend.bookings.services.bookings import booking_cancel, bookings_expire
from backend.bookings.services.transitions import settle
from backend.bookings.services.workflow import booking_add_service, booking_no_show
from backend.inventory.services.holds import holds_expire
from backend.payments.services.payments import booking_mark_paid, booking_pay_at_venue
from backend.realtime.dispatcher import dispatcher
from tests.accounts.helpers import sign_in
from tests.factories import StaffFactory, UserFactory
from tests.support.appointments import Garage, make_garage
from tests.support.bookings import client_of


def frames(captured: list[Any], garage: Garage) -> list[tuple[str, str, str]]:
    topic = f"event:{garage.event.slug}:bookings"
    return [
        (p.kind, p.data["status"], p.data["payment_status"]) for p in captured if p.topic == topic
    ]


@pytest.fixture
def staff(garage: Garage) -> Any:
    return StaffFactory(grant__event=garage.event)


@pytest.mark.django_db(transaction=True)
class TestPublished:
    """Each place a booking's status or payment changes, and what it sent."""

    def test_a_new_booking(self, garage: Garage, captured_publishes: list[Any]) -> None:
        booking = garage.book(UserFactory())

        [sent] = [p for p in captured_publishes if p.topic.endswith(":bookings")]
        assert sent.topic == "event:garage:bookings"
        assert sent.kind == "booking"
        staff_view = client_of(StaffFactory(grant__event=garage.event)).get(
            f"/api/staff/bookings/{booking.pk}/"
        )
        assert sent.data == staff_view.json()

    def test_paying_at_the_venue_is_one_frame_after_commit(
        self, garage: Garage, captured_publishes: list[Any]
    ) -> None:
        booking = garage.book(UserFactory())
        captured_publishes.clear()

        booking_pay_at_venue(booking=booking)

        assert frames(captured_publishes, garage) == [("booking", "confirmed", "due")]

    def test_the_desk(self, garage: Garage, staff: Any, captured_publishes: list[Any]) -> None:
        due, job = garage.book(UserFactory()), garage.book(UserFactory(), first=2)
        booking_pay_at_venue(booking=due)
        booking_mark_paid(booking=job, actor=staff)  # transition: pending → confirmed, paid
        captured_publishes.clear()

        booking_mark_paid(booking=due, actor=staff, method="card")  # settle: due → paid
        booking_add_service(booking=job, service_id=garage.brakes.pk, actor=staff)  # settle
        booking_no_show(booking=due, actor=staff)  # transition

        assert frames(captured_publishes, garage) == [
            ("booking", "confirmed", "paid"),
            ("booking", "confirmed", "due"),
            ("booking", "no_show", "paid"),
        ]
        assert captured_publishes[1].data["amount"] == "948.00"
        assert captured_publishes[1].data["lines"][-1]["kind"] == "added_service"

    def test_cancel_and_expiry(self, garage: Garage, captured_publishes: list[Any]) -> None:
        cancelled, left = garage.book(UserFactory()), garage.book(UserFactory(), first=2)
        captured_publishes.clear()

        booking_cancel(booking=cancelled)
        later = timezone.now() + timedelta(hours=1)
        holds_expire(now=later)
        bookings_expire(now=later)

        assert frames(captured_publishes, garage) == [
            ("booking", "cancelled", "unpaid"),
            ("booking", "expired", "unpaid"),
        ]
        assert captured_publishes[-1].data["id"] == str(left.pk)

    def test_a_partial_refund_settles_and_publishes(
        self, garage: Garage, staff: Any, captured_publishes: list[Any]
    ) -> None:
        booking = booking_mark_paid(booking=garage.book(UserFactory()), actor=staff)
        captured_publishes.clear()

        with transaction.atomic():
            booking = Booking.objects.select_for_update().get(pk=booking.pk)
            booking.refunded_amount = booking.amount / 2
            settle(booking, ["refunded_amount"])

        assert frames(captured_publishes, garage) == [
            ("booking", "confirmed", "partially_refunded")
        ]

    def test_nothing_for_a_rollback(self, garage: Garage, captured_publishes: list[Any]) -> None:
        booking = garage.book(UserFactory())
        captured_publishes.clear()

        with transaction.atomic():
            booking_pay_at_venue(booking=booking)
            transaction.set_rollback(True)
        booking_cancel(booking=booking)

        assert frames(captured_publishes, garage) == [("booking", "cancelled", "unpaid")]


@pytest.mark.django_db(transaction=True)
class TestTopic:
    async def test_the_snapshot_is_the_staff_lists_first_page(
        self, connect: Any, garage: Garage, staff: Any
    ) -> None:
        def world() -> tuple[str, dict[str, Any]]:
            for n in range(3):
                garage.book(UserFactory(), first=n)
            listed = client_of(staff).get(f"/api/staff/bookings/?event={garage.event.slug}")
            return sign_in(staff).access, listed.json()

        token, listed = await sync_to_async(world)()
        client = await connect()
        await client.ask({"type": "auth", "token": token})

        subscribed = await client.ask({"type": "subscribe", "topic": "event:garage:bookings"})

        assert subscribed["type"] == "subscribed", subscribed
        listed.pop("ok")
        assert subscribed["snapshot"] == listed
        assert subscribed["snapshot"]["count"] == 3

    async def test_a_change_reaches_the_desk(
        self, connect: Any, garage: Garage, staff: Any
    ) -> None:
        token = await sync_to_async(lambda: sign_in(staff).access)()
        client = await connect()
        await client.ask({"type": "auth", "token": token})
        await client.ask({"type": "subscribe", "topic": "event:garage:bookings"})

        def pay() -> str:
            booking = garage.book(UserFactory())
            booking_pay_at_venue(booking=booking)
            dispatcher.drain()
            return str(booking.pk)

        booking_id = await sync_to_async(pay)()
        created, confirmed = await client.recv(), await client.recv()

        assert (created["kind"], created["data"]["status"]) == ("booking", "pending_payment")
        assert confirmed["data"]["id"] == booking_id
        assert (confirmed["data"]["status"], confirmed["data"]["payment_status"]) == (
            "confirmed", "due",
        )  # fmt: skip

    async def test_staff_of_another_shop_may_not_watch(self, connect: Any, garage: Garage) -> None:
        def other_staff() -> str:
            elsewhere = make_garage("elsewhere")
            return sign_in(StaffFactory(grant__event=elsewhere.event)).access

        token = await sync_to_async(other_staff)()
        client = await connect()
        await client.ask({"type": "auth", "token": token})

        answer = await client.ask({"type": "subscribe", "topic": "event:garage:bookings"})

        assert (answer["type"], answer["code"]) == ("error", "forbidden")

    async def test_an_unknown_event_is_not_found(self, connect: Any, db: Any) -> None:
        def root() -> str:
            from backend.accounts.models import User

            return sign_in(User.objects.create_superuser("root@example.com", "pw")).access

        client = await connect()
        await client.ask({"type": "auth", "token": await sync_to_async(root)()})

        answer = await client.ask({"type": "subscribe", "topic": "event:nowhere:bookings"})

        assert answer["code"] in ("not_found", "forbidden")
