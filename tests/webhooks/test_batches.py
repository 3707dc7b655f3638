"""The worker's batches on PostgreSQL: what one delivery costs in statements (pinned), and
exactly once under real races: workers draining the same inbox at the same instant, a
payment's events in the order they arrived, a worker killed in the middle of a batch.

Deliveries are Stripe ``payment_intent.succeeded`` / ``charge.refunded`` events for bookings
made through the services, handled by the real payment receiver; the tasks a confirmation
queues (the booking e-mail) are recorded, not run, so the statements counted are the
worker's own for the delivery.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.models import Count, Q, Sum
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from backend.bookings.models import Booking, BookingItem
from backend.core import tasks as core_tasks
from backend.inventory.models import Slot
from backend.payments.models import Payment
from backend.payments.providers.base import minor_units
from backend.webhooks import receivers
from backend.webhooks.models import WebhookDelivery
from backend.webhooks.selectors import STUCK_AFTER
from backend.webhooks.services import webhook_process_batch, webhooks_stuck
from tests.factories import EventFactory, ResourceFactory, SlotFactory, UserFactory
from tests.support.bookings import Shop
from tests.support.concurrency import run_together

pytestmark = pytest.mark.django_db(transaction=True)

# Every round trip to PostgreSQL for one delivery that confirms a booking, handled alone by
# the worker's task: the handled-yet check, BEGIN, the claim, the delivery's savepoint, the
# payment and the booking (found, locked), the conversion of the hold, the invoice, the
# tickets, the one recording UPDATE, COMMIT, and the staff list's read after commit (three).
# (Before the batches it was 42: see docs/payments.md.)
ALONE = 38
# In a batch each delivery costs this much; shared by the batch: the handled-yet check,
# BEGIN, the claim, the bookings locked up front, the recording UPDATE, COMMIT and the staff
# list's read (three).
IN_A_BATCH = 30
SHARED = 9


class Sent:
    """Tasks the code queued (by name), instead of sending them."""

    def __init__(self) -> None:
        self.names: Counter[str] = Counter()

    def __call__(self, name: str) -> Any:
        names = self.names

        class Task:
            @staticmethod
            def delay(*args: Any, **kwargs: Any) -> None:
                names[name] += 1

        return Task


@pytest.fixture
def sent(monkeypatch: Any) -> Sent:
    recorder = Sent()
    monkeypatch.setattr(core_tasks, "task_named", recorder)
    return recorder


@pytest.fixture
def shop(stripe_fake: Any) -> Shop:
    """A festival on sale with plenty of tickets at SAR 150.00 (Stripe configured)."""
    event = EventFactory(slug="rush", currency="SAR", hold_minutes=10)
    slot = SlotFactory(resource=ResourceFactory(event=event, units=200, price="150.00"))
    return Shop(event, slot)


def waiting_bookings(shop: Shop, count: int, start: int = 0) -> list[Booking]:
    """``count`` bookings (one or two tickets each) waiting for their Stripe payment."""
    bookings = []
    for n in range(start, start + count):
        booking = shop.book(UserFactory(email=f"guest-{start + n}@example.com"), 1 + n % 2)
        Payment.objects.create(
            booking=booking,
            provider="stripe",
            reference=f"pi_{n}",
            amount=booking.amount,
            currency=booking.currency,
        )
        bookings.append(booking)
    return bookings


def store(event_id: str, event_type: str, booking: Booking, **at: Any) -> WebhookDelivery:
    """A delivery as the inbox stores it (verified and stored; its task not run)."""
    payment = booking.payments.get()
    amount = minor_units(booking.amount, booking.currency)
    obj: dict[str, Any] = {"currency": booking.currency.lower(), "metadata": {}}
    if event_type == "charge.refunded":
        obj |= {"object": "charge", "payment_intent": payment.reference, "amount_refunded": amount}
    else:
        obj |= {"object": "payment_intent", "id": payment.reference, "amount_received": amount}
    return WebhookDelivery.objects.create(
        provider="stripe",
        event_id=event_id,
        event_type=event_type,
        payload={"id": event_id, "type": event_type, "data": {"object": obj}},
        **at,
    )


def succeeded(booking: Booking, n: int, copy: str = "") -> WebhookDelivery:
    return store(f"evt_{n}{copy}", "payment_intent.succeeded", booking)


def assert_sold_once(shop: Shop, bookings: list[Booking]) -> None:
    """Every booking confirmed with exactly one succeeded payment; the slot sold exactly the
    units of the confirmed bookings, nothing held, nothing oversold."""
    ours = Booking.objects.filter(pk__in=[b.pk for b in bookings])
    assert set(ours.values_list("status", flat=True)) == {"confirmed"}
    paid = ours.annotate(n=Count("payments", filter=Q(payments__status="succeeded")))
    assert set(paid.values_list("n", flat=True)) == {1}
    slot = Slot.objects.get(pk=shop.slot.pk)
    sold = BookingItem.objects.filter(slot=slot, booking__status="confirmed")
    units = sold.aggregate(n=Sum("quantity"))["n"]
    assert (slot.sold, slot.held) == (units, 0)
    assert slot.sold <= slot.capacity


def warm_up(shop: Shop) -> None:
    """The year's first invoice makes its number series (two statements more, once): one
    booking is confirmed before counting, as every delivery after that one finds it."""
    (booking,) = waiting_bookings(shop, 1, start=900)
    webhook_process_batch(first=succeeded(booking, 900).pk)
    assert Booking.objects.get(pk=booking.pk).status == "confirmed"


def test_one_delivery_alone_costs_a_pinned_number_of_statements(shop: Shop, sent: Sent) -> None:
    warm_up(shop)
    (booking,) = waiting_bookings(shop, 1)
    delivery = succeeded(booking, 0)
    sent.names.clear()

    with CaptureQueriesContext(connection) as statements:
        assert webhook_process_batch(first=delivery.pk) == 1

    assert len(statements) <= ALONE, "\n".join(q["sql"][:120] for q in statements)
    delivery.refresh_from_db()
    assert (delivery.outcome, delivery.detail, delivery.attempts) == ("applied", "confirmed", 1)
    assert_sold_once(shop, [booking])
    assert sent.names["notifications.send_booking_email"] == 1


def test_a_batch_shares_the_claim_the_commit_and_the_recording(shop: Shop, sent: Sent) -> None:
    warm_up(shop)
    bookings = waiting_bookings(shop, 10)
    deliveries = [succeeded(b, n) for n, b in enumerate(bookings)]
    sent.names.clear()

    with CaptureQueriesContext(connection) as statements:
        assert webhook_process_batch(first=deliveries[5].pk, batch=10) == 10

    assert len(statements) <= 10 * IN_A_BATCH + SHARED
    ours = WebhookDelivery.objects.filter(pk__in=[d.pk for d in deliveries])
    assert set(ours.values_list("outcome", "attempts")) == {("applied", 1)}
    assert_sold_once(shop, bookings)
    assert sent.names["notifications.send_booking_email"] == 10


def test_the_task_of_a_delivery_already_handled_costs_one_statement(shop: Shop) -> None:
    (booking,) = waiting_bookings(shop, 1)
    delivery = succeeded(booking, 0)
    webhook_process_batch(first=delivery.pk)

    with CaptureQueriesContext(connection) as statements:
        assert webhook_process_batch(first=delivery.pk) == 0

    assert len(statements) == 1
    assert WebhookDelivery.objects.get().attempts == 1


def test_a_batch_takes_its_own_delivery_first_and_failed_ones_only_when_named(
    shop: Shop, sent: Sent
) -> None:
    bookings = waiting_bookings(shop, 4)
    deliveries = [succeeded(b, n) for n, b in enumerate(bookings)]
    WebhookDelivery.objects.filter(pk=deliveries[0].pk).update(outcome="failed", attempts=1)

    assert webhook_process_batch(first=deliveries[3].pk, batch=1) == 1
    assert webhook_process_batch(batch=10) == 2  # the waiting ones, not the failed one

    outcomes = dict(WebhookDelivery.objects.values_list("event_id", "outcome"))
    assert outcomes == {"evt_0": "failed", "evt_1": "applied", "evt_2": "applied",
                        "evt_3": "applied"}  # fmt: skip
    assert webhook_process_batch(first=deliveries[0].pk) == 1  # a replay asked for it
    assert WebhookDelivery.objects.get(event_id="evt_0").attempts == 2
    assert_sold_once(shop, bookings)


def test_one_payments_events_are_applied_in_the_order_they_arrived(shop: Shop, sent: Sent) -> None:
    (booking,) = waiting_bookings(shop, 1)
    now = timezone.now()
    # Stored in the other order than they arrived: the batch goes by arrival.
    refunded = store("evt_refund", "charge.refunded", booking, received_at=now)
    paid = store("evt_paid", "payment_intent.succeeded", booking,
                 received_at=now - timedelta(seconds=1))  # fmt: skip

    assert webhook_process_batch(first=refunded.pk, batch=5) == 2

    paid.refresh_from_db()
    refunded.refresh_from_db()
    assert (paid.outcome, paid.detail) == ("applied", "confirmed")
    assert (refunded.outcome, refunded.detail) == ("applied", "booking refunded")
    assert Booking.objects.get(pk=booking.pk).status == "refunded"
    assert Slot.objects.get(pk=shop.slot.pk).sold == 0


def test_workers_draining_the_inbox_at_once_apply_every_delivery_exactly_once(
    shop: Shop, sent: Sent
) -> None:
    """Four workers race for 60 deliveries: 40 bookings' successes and 20 second successes
    of the same payments under other event ids (a sender's duplicate), each worker's task
    naming a different delivery first. Every delivery is claimed by one worker only."""
    bookings = waiting_bookings(shop, 40)
    firsts = [succeeded(b, n).pk for n, b in enumerate(bookings)]
    for n, booking in enumerate(bookings[:20]):
        succeeded(booking, n, copy="_again")

    def worker(first: int) -> Any:
        def drain() -> str:
            handled = webhook_process_batch(first=first, batch=7)
            while handled:
                handled = webhook_process_batch(batch=7)
            return "drained"

        return drain

    outcomes = run_together([worker(firsts[k]) for k in (0, 10, 20, 30)])

    assert outcomes == Counter({"drained": 4})
    deliveries = WebhookDelivery.objects.all()
    assert set(deliveries.values_list("attempts", flat=True)) == {1}
    assert not deliveries.filter(processed_at__isnull=True).exists()
    details = Counter(deliveries.values_list("detail", flat=True))
    assert details == {"confirmed": 40, "payment already succeeded": 20}
    assert_sold_once(shop, bookings)
    assert sent.names["notifications.send_booking_email"] == 40


class WorkerKilled(BaseException):
    """What a SIGKILL looks like from inside: nothing after it runs, nothing is committed."""


def test_a_worker_killed_mid_batch_loses_nothing_and_applies_nothing_twice(
    shop: Shop, sent: Sent, monkeypatch: Any
) -> None:
    bookings = waiting_bookings(shop, 6)
    deliveries = [succeeded(b, n) for n, b in enumerate(bookings)]
    stripe = receivers.receiver_for("stripe")
    handled: list[str] = []

    class DiesOnTheFourth:
        def handle(self, delivery: WebhookDelivery) -> Any:
            handled.append(delivery.event_id)
            if len(handled) == 4:
                raise WorkerKilled()
            return stripe.handle(delivery)

    monkeypatch.setitem(receivers._receivers, "stripe", DiesOnTheFourth())
    with pytest.raises(WorkerKilled):
        webhook_process_batch(first=deliveries[0].pk, batch=6)

    # The three handled before the kill were rolled back with the batch: all still wait.
    assert handled == ["evt_0", "evt_1", "evt_2", "evt_3"]
    assert set(WebhookDelivery.objects.values_list("outcome", "attempts")) == {("pending", 0)}
    assert set(Booking.objects.values_list("status", flat=True)) == {"pending_payment"}
    assert Slot.objects.get(pk=shop.slot.pk).sold == 0
    assert not sent.names

    # The periodic recovery finds them once they wait too long, and handles each once.
    monkeypatch.setitem(receivers._receivers, "stripe", stripe)
    WebhookDelivery.objects.update(received_at=timezone.now() - STUCK_AFTER - timedelta(1))
    assert webhooks_stuck() == 6
    assert webhook_process_batch(first=deliveries[0].pk) == 0
    assert set(WebhookDelivery.objects.values_list("outcome", "attempts")) == {("applied", 1)}
    assert_sold_once(shop, bookings)
    assert sent.names["notifications.send_booking_email"] == 6
