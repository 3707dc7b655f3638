"""A guest cancels or moves their own booking within the event's policy: the policy's edges
(exactly at a cutoff, one second after), the refunds through the providers staff use, the
places, tickets, messages and audit, and every refusal in the error shape."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from backend.bookings.models import Booking, BookingPolicy
from backend.bookings.policy import Terms, cancel_quote, reschedule_quote, terms_of
from backend.core.audit import AuditEntry
from backend.core.errors import ApplicationError
from backend.inventory.models import Slot
from backend.payments.models import Payment
from backend.tickets.models import Ticket
from backend.tickets.services.booking_changes import booking_guest_cancel, booking_reschedule
from tests.factories import UserFactory
from tests.support.bookings import client_of
from tests.support.fake_razorpay import FakeRazorpay
from tests.support.fake_stripe import FakeStripe, charge_refunded, signed_webhook
from tests.tickets.booking_change_support import (
    ROOM_POLICY,
    STAY_POLICY,
    meeting_room,
    resort,
)

pytestmark = pytest.mark.django_db


def sold(slot: Slot) -> int:
    slot.refresh_from_db()
    return slot.sold


def error_of(answer: Any, status: int) -> dict[str, Any]:
    assert answer.status_code == status, answer.json()
    body = answer.json()
    assert body["ok"] is False
    return body["error"]


class TestPolicyEdges:
    """The math alone, on a paid stay of two nights (INR 6000.00)."""

    def test_exactly_at_the_free_cutoff_everything_goes_back(self, guest: Any) -> None:
        place = resort(**STAY_POLICY)
        booking = place.book(guest)
        cutoff = place.slots[0].starts_at - timedelta(hours=48)

        quote = cancel_quote(booking, terms_of(place.event.pk), now=cutoff)

        assert (quote.allowed, quote.refund_percent, quote.refund_amount) == (
            True, 100, Decimal("6000.00"),
        )  # fmt: skip
        assert quote.free_until == cutoff

    def test_one_second_after_the_free_cutoff_the_late_percentage_applies(self, guest: Any) -> None:
        place = resort(**STAY_POLICY)
        booking = place.book(guest)
        cutoff = place.slots[0].starts_at - timedelta(hours=48)

        quote = cancel_quote(booking, terms_of(place.event.pk), now=cutoff + timedelta(seconds=1))

        assert (quote.allowed, quote.refund_percent, quote.refund_amount) == (
            True, 50, Decimal("3000.00"),
        )  # fmt: skip

    def test_a_second_before_the_start_it_still_cancels_and_at_the_start_no_more(
        self, guest: Any
    ) -> None:
        place = resort(**STAY_POLICY)
        booking = place.book(guest)
        start = place.slots[0].starts_at
        terms = terms_of(place.event.pk)

        assert cancel_quote(booking, terms, now=start - timedelta(seconds=1)).allowed
        at_start = cancel_quote(booking, terms, now=start)
        assert (at_start.allowed, at_start.reason, at_start.refund_amount) == (
            False, "already_started", Decimal("0.00"),
        )  # fmt: skip

    def test_rescheduling_closes_one_second_after_its_cutoff(self, guest: Any) -> None:
        place = meeting_room(**ROOM_POLICY)
        booking = place.book(guest)
        until = place.slots[0].starts_at - timedelta(hours=2)
        terms = terms_of(place.event.pk)

        assert reschedule_quote(booking, terms, now=until).allowed
        late = reschedule_quote(booking, terms, now=until + timedelta(seconds=1))
        assert (late.allowed, late.reason) == (False, "reschedule_closed")

    def test_no_policy_allows_nothing(self, guest: Any) -> None:
        place = meeting_room(**ROOM_POLICY)
        BookingPolicy.objects.filter(event=place.event).delete()
        booking = place.book(guest)
        now = timezone.now()

        assert terms_of(place.event.pk) == Terms()
        assert cancel_quote(booking, Terms(), now=now).reason == "not_cancellable"
        assert reschedule_quote(booking, Terms(), now=now).reason == "not_reschedulable"

    def test_a_checked_in_booking_cannot_change(self, guest: Any) -> None:
        place = meeting_room(**ROOM_POLICY)
        booking = place.book(guest)
        terms = terms_of(place.event.pk)
        now = timezone.now()

        assert cancel_quote(booking, terms, now=now, checked_in=True).reason == "checked_in"
        assert reschedule_quote(booking, terms, now=now, checked_in=True).reason == "checked_in"

    def test_what_was_taken_at_the_venue_decides_the_refund_not_the_price(self, guest: Any) -> None:
        place = meeting_room(**ROOM_POLICY)
        booking = place.book(guest, paid=False)
        Booking.objects.filter(pk=booking.pk).update(status="confirmed", provider="pay_at_venue")
        booking.refresh_from_db()

        quote = cancel_quote(booking, terms_of(place.event.pk), now=timezone.now())

        assert (quote.allowed, quote.refund_amount) == (True, Decimal("0.00"))


class TestCancelService:
    def test_within_the_free_period_everything_goes_back_and_the_places_free(
        self, guest: Any, django_capture_on_commit_callbacks: Any
    ) -> None:
        place = resort(**STAY_POLICY)
        booking = place.book(guest)
        mail.outbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            booking_guest_cancel(user=guest, booking_id=booking.pk)

        booking.refresh_from_db()
        assert (booking.status, booking.payment_status) == ("refunded", "refunded")
        assert booking.refunded_amount == Decimal("6000.00")
        assert Payment.objects.get(booking=booking).status == "refunded"
        assert [sold(slot) for slot in place.slots[:2]] == [0, 0]
        assert set(Ticket.objects.filter(booking=booking).values_list("status", flat=True)) == {
            "void"
        }
        entry = AuditEntry.objects.get(action="booking.guest_cancel")
        assert entry.actor == guest
        assert (entry.before["status"], entry.after["status"]) == ("confirmed", "refunded")
        assert [m for m in mail.outbox if booking.reference in m.subject]

    def test_after_the_free_period_the_late_percentage_goes_back(self, guest: Any) -> None:
        place = resort(**STAY_POLICY)
        booking = place.book(guest)
        late = place.slots[0].starts_at - timedelta(hours=47)

        booking_guest_cancel(user=guest, booking_id=booking.pk, now=late)

        booking.refresh_from_db()
        assert (booking.status, booking.payment_status) == ("refunded", "partially_refunded")
        assert booking.refunded_amount == Decimal("3000.00")
        payment = Payment.objects.get(booking=booking)
        assert (payment.status, payment.refunded_amount) == ("succeeded", Decimal("3000.00"))
        assert [sold(slot) for slot in place.slots[:2]] == [0, 0]

    def test_nothing_to_give_back_cancels_without_a_refund(self, guest: Any) -> None:
        place = meeting_room(**ROOM_POLICY)  # late: 0 %
        booking = place.book(guest)
        late = place.slots[0].starts_at - timedelta(minutes=90)

        booking_guest_cancel(user=guest, booking_id=booking.pk, now=late)

        booking.refresh_from_db()
        assert (booking.status, booking.refunded_amount) == ("cancelled", Decimal("0.00"))
        assert Payment.objects.get(booking=booking).status == "succeeded"
        assert sold(place.slots[0]) == 0

    def test_a_second_cancel_is_refused_and_refunds_nothing_more(self, guest: Any) -> None:
        place = resort(**STAY_POLICY)
        booking = place.book(guest)
        booking_guest_cancel(user=guest, booking_id=booking.pk)

        with pytest.raises(ApplicationError) as refused:
            booking_guest_cancel(user=guest, booking_id=booking.pk)

        assert (refused.value.status, refused.value.code) == (409, "already_cancelled")
        assert Booking.objects.get(pk=booking.pk).refunded_amount == Decimal("6000.00")


class TestRazorpayRefunds:
    """The refund reaches the provider through the same owed-action path staff refunds use."""

    def test_a_late_cancellation_refunds_its_part_at_razorpay(
        self,
        guest: Any,
        guest_api: Any,
        razorpay: FakeRazorpay,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        place = resort(**{**STAY_POLICY, "free_cancellation_hours": 24 * 30})  # late now: 50 %
        booking = place.book(guest, paid=False)
        answer = guest_api.post(
            f"/api/bookings/{booking.pk}/pay/", {"provider": "razorpay"}, format="json"
        )
        payment = razorpay.pay(answer.json()["client"]["order_id"])
        verified = guest_api.post(
            "/api/payments/razorpay/verify/", razorpay.checkout_result(payment), format="json"
        )
        assert verified.status_code == 200, verified.json()

        with django_capture_on_commit_callbacks(execute=True):
            cancelled = guest_api.post(f"/api/bookings/{booking.pk}/cancel/")

        assert cancelled.status_code == 200, cancelled.json()
        assert cancelled.json()["payment_status"] == "partially_refunded"
        [refund] = razorpay.refunds
        assert (refund["payment_id"], refund["amount"]) == (payment["id"], 300000)
        assert Payment.objects.get(booking=booking).pending_action == ""


def stripe_webhook(fake: FakeStripe, event: dict[str, Any]) -> Any:
    body, signature = signed_webhook(event, fake.webhook_secret)
    return Client().post(
        "/api/webhooks/stripe/", data=body, content_type="application/json",
        headers={"Stripe-Signature": signature},
    )  # fmt: skip


class TestStripeRefunds:
    def test_a_late_meeting_cancellation_refunds_its_part_at_stripe_once(
        self,
        guest: Any,
        guest_api: Any,
        stripe_fake: FakeStripe,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        place = meeting_room(**{**ROOM_POLICY, "free_cancellation_hours": 24 * 30})
        BookingPolicy.objects.filter(event=place.event).update(late_refund_percent=25)
        booking = place.book(guest, paid=False)  # two slots: SAR 200.00
        answer = guest_api.post(
            f"/api/bookings/{booking.pk}/pay/", {"provider": "stripe"}, format="json"
        )
        intent = answer.json()["client"]["payment_intent"]
        with django_capture_on_commit_callbacks(execute=True):  # the inbox processes on commit
            paid = stripe_webhook(stripe_fake, stripe_fake.succeed(intent))
        assert paid.status_code == 200, paid.content
        assert Booking.objects.get(pk=booking.pk).status == "confirmed"

        with django_capture_on_commit_callbacks(execute=True):
            cancelled = guest_api.post(f"/api/bookings/{booking.pk}/cancel/")

        assert cancelled.status_code == 200, cancelled.json()
        assert (cancelled.json()["refunded_amount"], cancelled.json()["payment_status"]) == (
            "50.00", "partially_refunded",
        )  # fmt: skip
        [refund] = stripe_fake.refunds.values()
        assert (refund["payment_intent"], refund["amount"]) == (intent, 5000)
        # Stripe then tells us about that refund: recorded already, nothing more happens.
        with django_capture_on_commit_callbacks(execute=True):
            told = stripe_webhook(stripe_fake, charge_refunded(stripe_fake.intents[intent], 5000))
        assert told.status_code == 200, told.content
        booking.refresh_from_db()
        assert (booking.status, booking.refunded_amount) == ("refunded", Decimal("50.00"))
        assert len(stripe_fake.refunds) == 1
        assert [sold(slot) for slot in place.slots[:2]] == [0, 0]


class TestApi:
    def test_the_quote_shows_the_policy_and_the_refund(self, guest: Any, guest_api: Any) -> None:
        place = resort(**STAY_POLICY)
        booking = place.book(guest)

        body = guest_api.get(f"/api/bookings/{booking.pk}/changes/").json()

        assert body["policy"] == STAY_POLICY
        assert body["cancel"]["allowed"] is True
        assert (body["cancel"]["refund_percent"], body["cancel"]["refund_amount"]) == (
            100, "6000.00",
        )  # fmt: skip
        assert body["cancel"]["currency"] == "INR"
        assert body["reschedule"]["allowed"] is True

    def test_someone_elses_booking_is_not_found(self, guest: Any) -> None:
        place = resort(**STAY_POLICY)
        booking = place.book(guest)
        stranger = client_of(UserFactory())

        for answer in (
            stranger.get(f"/api/bookings/{booking.pk}/changes/"),
            stranger.post(f"/api/bookings/{booking.pk}/cancel/"),
            stranger.post(
                f"/api/bookings/{booking.pk}/reschedule/",
                {"starts_at": place.slots[3].starts_at.isoformat()},
                format="json",
            ),
        ):
            assert error_of(answer, 404)["code"] == "not_found"
        assert Booking.objects.get(pk=booking.pk).status == "confirmed"

    def test_a_festival_ticket_without_a_policy_is_refused_in_the_error_shape(
        self, shop: Any, guest: Any, guest_api: Any
    ) -> None:
        from tests.support.bookings import mark_paid

        booking = mark_paid(booking=shop.book(guest))

        error = error_of(guest_api.post(f"/api/bookings/{booking.pk}/cancel/"), 409)

        assert error["code"] == "not_cancellable"
        assert sold(shop.slot) == 1

    def test_a_checked_in_booking_is_refused(self, guest: Any, guest_api: Any) -> None:
        place = meeting_room(**ROOM_POLICY)
        booking = place.book(guest)
        Ticket.objects.filter(booking=booking).update(admitted_at=timezone.now())

        error = error_of(guest_api.post(f"/api/bookings/{booking.pk}/cancel/"), 409)

        assert error["code"] == "checked_in"
        assert Booking.objects.get(pk=booking.pk).status == "confirmed"

    def test_an_unpaid_booking_is_still_given_up(self, guest: Any, guest_api: Any) -> None:
        place = meeting_room()  # no cancellation in the policy: giving up is not cancelling
        booking = place.book(guest, paid=False)

        answer = guest_api.post(f"/api/bookings/{booking.pk}/cancel/")

        assert answer.json()["status"] == "cancelled"
        assert sold(place.slots[0]) == 0


class TestReschedule:
    def test_a_meeting_moves_to_a_later_time_with_a_new_pass(
        self,
        guest: Any,
        guest_api: Any,
        captured_publishes: Any,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        place = meeting_room(**ROOM_POLICY)
        booking = place.book(guest, first=0, count=2)  # 0 and 1
        [ticket] = Ticket.objects.filter(booking=booking)
        mail.outbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            answer = guest_api.post(
                f"/api/bookings/{booking.pk}/reschedule/",
                {"starts_at": place.slots[1].starts_at.isoformat()},  # overlaps the old time
                format="json",
            )

        assert answer.status_code == 200, answer.json()
        body = answer.json()
        assert [item["slot"] for item in body["items"]] == [place.slots[1].pk, place.slots[2].pk]
        assert body["starts_at"] == place.slots[1].starts_at.isoformat().replace("+00:00", "Z")
        assert [sold(slot) for slot in place.slots[:3]] == [0, 1, 1]
        ticket.refresh_from_db()
        assert (ticket.slot_id, ticket.version, ticket.status) == (place.slots[1].pk, 2, "valid")
        frames = [p for p in captured_publishes if p.kind == "availability"]
        changed = {s["id"] for f in frames for s in f.data["slots"]}
        assert {place.slots[0].pk, place.slots[2].pk} <= changed
        entry = AuditEntry.objects.get(action="booking.reschedule")
        assert entry.before["slots"] == [place.slots[0].pk, place.slots[1].pk]
        assert [m for m in mail.outbox if booking.reference in m.subject]

    def test_a_taken_time_is_sold_out_and_nothing_moves(self, guest: Any, guest_api: Any) -> None:
        place = meeting_room(**ROOM_POLICY)
        booking = place.book(guest, first=0, count=2)
        place.book(UserFactory(), first=5, count=1)

        answer = guest_api.post(
            f"/api/bookings/{booking.pk}/reschedule/",
            {"starts_at": place.slots[4].starts_at.isoformat()},
            format="json",
        )

        assert error_of(answer, 409)["code"] == "sold_out"
        assert [sold(slot) for slot in place.slots[:6]] == [1, 1, 0, 0, 0, 1]
        assert list(booking.items.values_list("slot_id", flat=True).order_by("slot_id")) == [
            place.slots[0].pk, place.slots[1].pk,
        ]  # fmt: skip

    def test_a_time_the_event_does_not_have_is_a_400_on_starts_at(
        self, guest: Any, guest_api: Any
    ) -> None:
        place = meeting_room(**ROOM_POLICY)
        booking = place.book(guest, first=0, count=2)

        answer = guest_api.post(
            f"/api/bookings/{booking.pk}/reschedule/",
            {"starts_at": place.slots[7].starts_at.isoformat()},  # the 2nd slot would be past
            format="json",
        )

        error = error_of(answer, 400)
        assert error["code"] == "validation_error"
        assert "starts_at" in error["fields"]

    def test_a_garbled_time_is_a_400(self, guest: Any, guest_api: Any) -> None:
        place = meeting_room(**ROOM_POLICY)
        booking = place.book(guest)

        answer = guest_api.post(
            f"/api/bookings/{booking.pk}/reschedule/", {"starts_at": "soon"}, format="json"
        )

        assert "starts_at" in error_of(answer, 400)["fields"]

    def test_a_dearer_time_is_refused(self, guest: Any, guest_api: Any) -> None:
        place = meeting_room(**ROOM_POLICY)
        booking = place.book(guest, first=0, count=2)
        Slot.objects.filter(pk=place.slots[5].pk).update(price=Decimal("150.00"))

        answer = guest_api.post(
            f"/api/bookings/{booking.pk}/reschedule/",
            {"starts_at": place.slots[4].starts_at.isoformat()},
            format="json",
        )

        error = error_of(answer, 409)
        assert error["code"] == "reschedule_price_differs"
        assert (error["amount"], error["new_amount"]) == ("200.00", "250.00")
        assert sold(place.slots[4]) == 0

    def test_too_late_to_move_is_refused(self, guest: Any) -> None:
        place = meeting_room(**ROOM_POLICY)
        booking = place.book(guest)
        late = place.slots[0].starts_at - timedelta(hours=2) + timedelta(seconds=1)

        with pytest.raises(ApplicationError) as refused:
            booking_reschedule(
                user=guest, booking_id=booking.pk, starts_at=place.slots[4].starts_at, now=late
            )

        assert refused.value.code == "reschedule_closed"

    def test_a_stay_moves_by_whole_nights(self, guest: Any, guest_api: Any) -> None:
        place = resort(**STAY_POLICY)
        booking = place.book(guest, first=0, count=2)

        answer = guest_api.post(
            f"/api/bookings/{booking.pk}/reschedule/",
            {"starts_at": place.slots[3].starts_at.isoformat()},
            format="json",
        )

        assert answer.status_code == 200, answer.json()
        assert answer.json()["nights"] == 2
        assert [sold(slot) for slot in place.slots] == [0, 0, 0, 1, 1, 0]
        assert answer.json()["amount"] == "6000.00"


def test_the_demo_gives_each_business_its_policy() -> None:
    from backend.bookings.demo import load_booking_policies
    from backend.inventory.models import Event
    from tests.factories import EventFactory

    events = {kind: EventFactory(kind=kind) for kind in Event.Kind.values}

    load_booking_policies()
    BookingPolicy.objects.filter(event=events["rooms"]).update(free_cancellation_hours=5)
    load_booking_policies()  # a re-run keeps what an admin changed

    def terms(kind: str) -> Terms:
        return terms_of(events[kind].pk)

    assert terms("festival") == Terms()  # not refunded: transferred
    assert terms("stays") == Terms(True, 48, 50, True, 48)
    assert terms("rooms") == Terms(True, 5, 0, True, 2)
    assert terms("service") == Terms(True, 1, 0, True, 1)
    assert terms("vip") == Terms(cancellable=True)


def test_an_events_policy_is_public_for_its_page(api: Any) -> None:
    place = resort(**STAY_POLICY)
    from tests.factories import EventFactory

    bare = EventFactory()
    draft = EventFactory(status="draft")

    assert api.get(f"/api/events/{place.event.slug}/booking-policy/").json() == {
        "ok": True, "event": place.event.slug, **STAY_POLICY,
    }  # fmt: skip
    assert api.get(f"/api/events/{bare.slug}/booking-policy/").json()["cancellable"] is False
    assert error_of(api.get(f"/api/events/{draft.slug}/booking-policy/"), 404)["code"] == (
        "not_found"
    )
