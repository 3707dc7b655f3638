"""Stripe end to end: our provider code through the real stripe SDK against a fake Stripe API
on 127.0.0.1, and Stripe's signed webhooks through our HTTP endpoint.

Every webhook here is signed the way Stripe signs it (``tests.support.fake_stripe``), posted
as raw bytes to ``/api/webhooks/stripe/`` and handled by the task (eager in tests), so each
test walks the whole path: verify → store once → apply to the payment and the booking.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from backend.bookings.models import Booking
from backend.bookings.services.bookings import bookings_expire
from backend.inventory.models import Hold, Slot
from backend.inventory.services.holds import holds_expire
from backend.payments.models import Payment
from backend.payments.providers import get_provider
from backend.payments.services.actions import payment_actions_due
from backend.webhooks.models import WebhookDelivery
from tests.factories import UserFactory
from tests.support.concurrency import run_together
from tests.support.fake_stripe import (
    FakeStripe,
    charge_refunded,
    payment_intent_canceled,
    payment_intent_payment_failed,
    payment_intent_succeeded,
    signed_webhook,
    stripe_event,
    stripe_signature,
    webhook_body,
)

pytestmark = pytest.mark.django_db(transaction=True)

WEBHOOK = "/api/webhooks/stripe/"
BAD_SIGNATURE = {
    "ok": False,
    "error": {"code": "bad_signature", "message": "The webhook signature is not valid."},
}


@pytest.fixture
def fake(stripe_fake: FakeStripe) -> FakeStripe:
    return stripe_fake


@pytest.fixture
def booking(shop: Any, guest: Any) -> Booking:
    """Two tickets at SAR 150.00, waiting for payment."""
    return shop.book(guest, 2)


@dataclass
class Checkout:
    booking: Booking
    intent_id: str

    @property
    def payment(self) -> Payment:
        return Payment.objects.get(booking=self.booking)

    def refreshed(self) -> Booking:
        return Booking.objects.select_related("hold").get(pk=self.booking.pk)


@pytest.fixture
def checkout(fake: FakeStripe, booking: Booking, guest_api: Any) -> Checkout:
    """The guest started paying: a PaymentIntent exists at (fake) Stripe."""
    answer = pay(guest_api, booking)
    assert answer.status_code == 200, answer.json()
    return Checkout(booking, answer.json()["client"]["payment_intent"])


def pay(api: Any, booking: Booking) -> Any:
    return api.post(f"/api/bookings/{booking.pk}/pay/", {"provider": "stripe"}, format="json")


def post_webhook(body: bytes, signature: str | None) -> Any:
    headers = {} if signature is None else {"Stripe-Signature": signature}
    return Client().post(WEBHOOK, data=body, content_type="application/json", headers=headers)


def send(event: dict[str, Any], *secrets: str, timestamp: int | None = None) -> Any:
    """Deliver ``event`` as Stripe would, signed with ``secrets`` (the fake's by default)."""
    body, signature = signed_webhook(event, *secrets, timestamp=timestamp)
    return post_webhook(body, signature)


def counters(slot: Slot) -> tuple[int, int]:
    """(sold, held) of the slot, from the database."""
    slot.refresh_from_db()
    assert slot.sold + slot.held <= slot.capacity
    return slot.sold, slot.held


def expire_hold(booking: Booking) -> None:
    Hold.objects.filter(pk=booking.hold_id).update(expires_at=timezone.now() - timedelta(seconds=1))


# Paying: the PaymentIntent


def test_pay_creates_a_payment_intent_in_minor_units(
    fake: FakeStripe, booking: Booking, guest_api: Any
) -> None:
    answer = pay(guest_api, booking)

    assert answer.status_code == 200, answer.json()
    body = answer.json()
    payment = Payment.objects.get()
    [intent] = fake.intents.values()
    assert body == {
        "ok": True,
        "payment": str(payment.pk),
        "provider": "stripe",
        "amount": "300.00",
        "currency": "SAR",
        "client": {
            "client_secret": intent["client_secret"],
            "publishable_key": fake.publishable_key,
            "payment_intent": intent["id"],
        },
        "providers": body["providers"],
        "booking": body["booking"],
    }
    assert "stripe" in body["providers"]
    assert body["booking"]["status"] == "pending_payment"
    [request] = fake.calls("POST", "/v1/payment_intents")
    assert request.headers["authorization"] == f"Bearer {fake.secret_key}"
    assert request.content_type.startswith("application/x-www-form-urlencoded")
    assert request.form["amount"] == "30000"  # SAR 300.00 in halalas
    assert request.form["currency"] == "sar"
    assert request.form["metadata[booking]"] == str(booking.pk)
    assert request.form["metadata[payment]"] == str(payment.pk)
    assert request.headers["idempotency-key"]
    assert (intent["amount"], intent["currency"]) == (30000, "sar")
    assert intent["metadata"] == {"booking": str(booking.pk), "payment": str(payment.pk)}
    assert intent["status"] == "requires_payment_method"
    assert (payment.reference, payment.status, payment.amount) == (
        intent["id"],
        "created",
        Decimal("300.00"),
    )
    assert Booking.objects.get(pk=booking.pk).status == "pending_payment"


def test_paying_again_resumes_the_same_payment_intent(
    fake: FakeStripe, booking: Booking, guest_api: Any
) -> None:
    first = pay(guest_api, booking).json()
    again = pay(guest_api, booking).json()

    assert again["client"] == first["client"]
    assert again["payment"] == first["payment"]
    assert Payment.objects.count() == 1
    assert len(fake.intents) == 1
    assert len(fake.calls("POST", "/v1/payment_intents")) == 1
    # The second time the intent we stored is fetched, not created again.
    assert len(fake.calls("GET", f"/v1/payment_intents/{first['client']['payment_intent']}")) == 1


@pytest.mark.parametrize("outage", ["server_error", "connection_refused"])
def test_a_provider_outage_is_a_503_and_changes_nothing(
    fake: FakeStripe, shop: Any, booking: Booking, guest_api: Any, outage: str
) -> None:
    if outage == "server_error":
        fake.fail(500)
    else:
        fake.stop()

    answer = pay(guest_api, booking)

    assert answer.status_code == 503
    assert answer.json() == {
        "ok": False,
        "error": {
            "code": "provider_unavailable",
            "message": "The payment provider did not answer; try again.",
        },
    }
    assert fake.intents == {}
    refreshed = Booking.objects.select_related("hold").get(pk=booking.pk)
    assert (refreshed.status, refreshed.hold.status) == ("pending_payment", "active")
    assert counters(shop.slot) == (0, 2)
    if outage == "server_error":  # the SDK retried once, under the same key
        attempts = fake.calls("POST", "/v1/payment_intents")
        assert len(attempts) == 2
        assert len({r.headers["idempotency-key"] for r in attempts}) == 1


def test_paying_again_after_the_event_was_renamed_resumes_the_payment_intent(
    fake: FakeStripe, booking: Booking, guest_api: Any
) -> None:
    first = pay(guest_api, booking).json()
    booking.event.name = "Fest (new dates)"
    booking.event.save(update_fields=["name"])

    again = pay(guest_api, booking)

    assert again.status_code == 200, again.json()
    assert again.json()["client"] == first["client"]
    assert len(fake.intents) == 1


def test_after_an_outage_paying_again_makes_one_payment_intent(
    fake: FakeStripe, booking: Booking, guest_api: Any
) -> None:
    fake.fail(503)
    assert pay(guest_api, booking).status_code == 503
    fake.recover()

    answer = pay(guest_api, booking)

    assert answer.status_code == 200
    assert len(fake.intents) == 1
    assert Payment.objects.get().reference == answer.json()["client"]["payment_intent"]
    keys = {r.headers["idempotency-key"] for r in fake.calls("POST", "/v1/payment_intents")}
    assert len(keys) == 1


def test_a_wrong_secret_key_is_a_provider_error(
    fake: FakeStripe, booking: Booking, guest_api: Any, settings: Any
) -> None:
    settings.STRIPE_SECRET_KEY = "sk_test_not_the_right_one"

    answer = pay(guest_api, booking)

    assert answer.status_code == 502
    error = answer.json()["error"]
    assert error["code"] == "provider_error"
    assert error["message"].startswith("Invalid API Key provided")  # Stripe's own words
    assert fake.intents == {}
    assert Booking.objects.get(pk=booking.pk).status == "pending_payment"


# Webhook signatures


def test_a_validly_signed_webhook_is_received(fake: FakeStripe, checkout: Checkout) -> None:
    answer = send(fake.succeed(checkout.intent_id), fake.webhook_secret)

    assert answer.status_code == 200
    assert answer.json() == {"received": True}
    delivery = WebhookDelivery.objects.get()
    assert (delivery.provider, delivery.event_type, delivery.outcome) == (
        "stripe",
        "payment_intent.succeeded",
        "applied",
    )


def assert_refused(answer: Any, checkout: Checkout) -> None:
    assert answer.status_code == 400
    assert answer.json() == BAD_SIGNATURE
    assert WebhookDelivery.objects.count() == 0
    assert checkout.refreshed().status == "pending_payment"
    assert checkout.payment.status == "created"


def test_a_webhook_signed_with_another_secret_is_refused(
    fake: FakeStripe, checkout: Checkout
) -> None:
    answer = send(fake.succeed(checkout.intent_id), "whsec_someone_else")

    assert_refused(answer, checkout)


def test_a_tampered_body_is_refused(fake: FakeStripe, checkout: Checkout) -> None:
    body, signature = signed_webhook(
        payment_intent_payment_failed(fake.intent(checkout.intent_id)), fake.webhook_secret
    )
    tampered = body.replace(b"payment_intent.payment_failed", b"payment_intent.succeeded")
    assert tampered != body

    assert_refused(post_webhook(tampered, signature), checkout)


@pytest.mark.parametrize(
    ("age", "accepted"),
    [(301, False), (290, True), (-301, False), (-290, True)],
    ids=["just_past", "just_inside", "future_just_past", "future_just_inside"],
)
def test_the_signature_timestamp_must_be_recent(
    fake: FakeStripe, checkout: Checkout, age: int, accepted: bool
) -> None:
    event = fake.succeed(checkout.intent_id)
    now = int(time.time())  # on a whole second, held there: the edge is exact, not 1 s wide

    with time_machine.travel(datetime.fromtimestamp(now, UTC), tick=False):
        answer = send(event, fake.webhook_secret, timestamp=now - age)

    if accepted:
        assert answer.status_code == 200
        assert checkout.refreshed().status == "confirmed"
    else:
        assert_refused(answer, checkout)


@pytest.mark.parametrize("spelling", [" {t}", "+{t}", "{a}_{b}", "0{t}"])
def test_a_future_timestamp_is_refused_however_it_is_spelled(
    fake: FakeStripe, checkout: Checkout, spelling: str
) -> None:
    """Stripe's verifier reads ``t`` with ``int()``, which takes a space, a plus and
    underscores: a timestamp an hour ahead must be refused in every spelling."""
    body = webhook_body(fake.succeed(checkout.intent_id))
    ahead = int(time.time()) + 3600
    header = stripe_signature(body, fake.webhook_secret, timestamp=ahead)
    text = str(ahead)
    respelled = spelling.format(t=text, a=text[:4], b=text[4:])

    answer = post_webhook(body, header.replace(f"t={text}", f"t={respelled}", 1))

    assert_refused(answer, checkout)


@pytest.mark.parametrize(
    "signature",
    [
        None,
        "",
        "garbage",
        "t=yesterday,v1=abc",
        "v1=0123456789abcdef",
        "t=1700000000",
    ],
    ids=["missing", "empty", "garbage", "bad_timestamp", "no_timestamp", "no_v1"],
)
def test_a_missing_or_malformed_signature_header_is_refused(
    fake: FakeStripe, checkout: Checkout, signature: str | None
) -> None:
    body = webhook_body(fake.succeed(checkout.intent_id))

    assert_refused(post_webhook(body, signature), checkout)


def test_a_signature_in_another_scheme_is_refused(fake: FakeStripe, checkout: Checkout) -> None:
    body = webhook_body(fake.succeed(checkout.intent_id))
    good = stripe_signature(body, fake.webhook_secret)

    assert_refused(post_webhook(body, good.replace("v1=", "v0=")), checkout)


def test_two_v1_signatures_where_only_the_second_matches_are_accepted(
    fake: FakeStripe, checkout: Checkout
) -> None:
    """While a secret is rolled, Stripe sends one v1 per secret: any match is enough."""
    event = fake.succeed(checkout.intent_id)

    answer = send(event, "whsec_a_secret_we_do_not_have", fake.webhook_secret)

    assert answer.status_code == 200
    assert checkout.refreshed().status == "confirmed"


def test_our_old_secret_still_verifies_while_the_new_one_is_rolled_in(
    fake: FakeStripe, checkout: Checkout, settings: Any
) -> None:
    settings.STRIPE_WEBHOOK_SECRET = f"whsec_the_new_one, {fake.webhook_secret}"
    intent = fake.intent(checkout.intent_id)

    old = send(payment_intent_payment_failed(intent), fake.webhook_secret)
    new = send(fake.succeed(checkout.intent_id), "whsec_the_new_one")
    neither = send(payment_intent_canceled(intent), "whsec_retired_long_ago")

    assert (old.status_code, new.status_code, neither.status_code) == (200, 200, 400)
    assert WebhookDelivery.objects.count() == 2
    assert checkout.refreshed().status == "confirmed"


def test_a_signed_body_that_is_not_json_is_a_bad_request(fake: FakeStripe) -> None:
    body = b"not json at all"

    answer = post_webhook(body, stripe_signature(body, fake.webhook_secret))

    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "bad_request"
    assert WebhookDelivery.objects.count() == 0


def test_an_event_we_do_not_handle_is_received_and_ignored(
    fake: FakeStripe, checkout: Checkout
) -> None:
    event = stripe_event("payment_intent.created", fake.intent(checkout.intent_id))

    answer = send(event, fake.webhook_secret)

    assert answer.status_code == 200
    delivery = WebhookDelivery.objects.get()
    assert delivery.outcome == "ignored"
    assert checkout.refreshed().status == "pending_payment"


@pytest.mark.parametrize(
    "metadata",
    [
        pytest.param({}, id="no_metadata"),
        pytest.param(
            {"order": "42", "booking": "BK-0042"},
            id="non_uuid_booking",
        ),
    ],
)
def test_an_event_for_someone_elses_payment_intent_is_ignored(
    fake: FakeStripe, metadata: dict[str, str]
) -> None:
    """The Stripe account may be shared with another system: its events are not ours."""
    intent = {"id": "pi_other_system", "amount": 500, "currency": "usd", "metadata": metadata}

    answer = send(payment_intent_succeeded(intent), fake.webhook_secret)

    assert answer.status_code == 200
    delivery = WebhookDelivery.objects.get()
    assert (delivery.outcome, delivery.detail) == ("ignored", "no such payment here")


# Outcomes


def test_payment_succeeded_confirms_the_booking(
    fake: FakeStripe, shop: Any, checkout: Checkout
) -> None:
    assert counters(shop.slot) == (0, 2)

    answer = send(fake.succeed(checkout.intent_id), fake.webhook_secret)

    assert answer.status_code == 200
    booking = checkout.refreshed()
    assert (booking.status, booking.provider, booking.hold.status) == (
        "confirmed",
        "stripe",
        "converted",
    )
    assert checkout.payment.status == "succeeded"
    assert counters(shop.slot) == (2, 0)
    assert not fake.calls("POST", "/v1/refunds")


def test_payment_failed_keeps_the_booking_and_its_hold_for_a_retry(
    fake: FakeStripe, shop: Any, checkout: Checkout, guest_api: Any
) -> None:
    declined = fake.decline(checkout.intent_id, "Your card has insufficient funds.")

    answer = send(declined, fake.webhook_secret)

    assert answer.status_code == 200
    payment = checkout.payment
    assert (payment.status, payment.failure_message) == (
        "failed",
        "Your card has insufficient funds.",
    )
    booking = checkout.refreshed()
    assert (booking.status, booking.hold.status) == ("pending_payment", "active")
    assert counters(shop.slot) == (0, 2)

    # The guest tries another card on the same PaymentIntent.
    again = pay(guest_api, checkout.booking)
    assert again.json()["client"]["payment_intent"] == checkout.intent_id
    send(fake.succeed(checkout.intent_id), fake.webhook_secret)
    assert checkout.refreshed().status == "confirmed"
    assert counters(shop.slot) == (2, 0)
    assert Payment.objects.count() == 1


def test_a_refund_after_success_frees_the_units_and_publishes_them(
    fake: FakeStripe, shop: Any, checkout: Checkout, captured_publishes: list[Any]
) -> None:
    send(fake.succeed(checkout.intent_id), fake.webhook_secret)
    assert counters(shop.slot) == (2, 0)
    before = len(captured_publishes)

    answer = send(fake.refund_in_dashboard(checkout.intent_id), fake.webhook_secret)

    assert answer.status_code == 200
    booking = checkout.refreshed()
    assert (booking.status, booking.refunded_amount) == ("refunded", Decimal("300.00"))
    payment = checkout.payment
    assert (payment.status, payment.refunded_amount) == ("refunded", Decimal("300.00"))
    assert counters(shop.slot) == (0, 0)
    published = [p for p in captured_publishes[before:] if p.topic == "event:fest:availability"]
    assert published, "the freed units were not published"
    assert published[-1].data["slots"] == [
        {"id": shop.slot.pk, "available": 10, "version": shop.slot.version}
    ]
    assert not fake.calls("POST", "/v1/refunds")  # refunded at Stripe already: not again


def test_a_partial_refund_is_recorded_and_the_booking_stands(
    fake: FakeStripe, shop: Any, checkout: Checkout
) -> None:
    send(fake.succeed(checkout.intent_id), fake.webhook_secret)

    answer = send(fake.refund_in_dashboard(checkout.intent_id, 10000), fake.webhook_secret)

    assert answer.status_code == 200
    booking = checkout.refreshed()
    assert (booking.status, booking.refunded_amount) == ("confirmed", Decimal("100.00"))
    payment = checkout.payment
    assert (payment.status, payment.refunded_amount) == ("succeeded", Decimal("100.00"))
    assert counters(shop.slot) == (2, 0)

    # The rest goes back too: now the booking is refunded and its units are free.
    send(fake.refund_in_dashboard(checkout.intent_id), fake.webhook_secret)

    booking = checkout.refreshed()
    assert (booking.status, booking.refunded_amount) == ("refunded", Decimal("300.00"))
    assert checkout.payment.refunded_amount == Decimal("300.00")
    assert counters(shop.slot) == (0, 0)


# Replays


def test_the_same_event_ten_times_has_one_effect(
    fake: FakeStripe, shop: Any, checkout: Checkout, captured_publishes: list[Any]
) -> None:
    event = fake.succeed(checkout.intent_id)

    answers = [send(event, fake.webhook_secret) for _ in range(10)]

    assert [a.status_code for a in answers] == [200] * 10
    assert all(a.json() == {"received": True} for a in answers)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.outcome, delivery.attempts) == ("applied", 1)
    assert checkout.refreshed().status == "confirmed"
    assert counters(shop.slot) == (2, 0)
    assert Counter(p.kind for p in captured_publishes)["hold.converted"] == 1
    assert checkout.payment.status == "succeeded"
    assert not fake.calls("POST", "/v1/refunds")


@pytest.mark.postgres
def test_two_copies_at_the_same_instant_have_one_effect(
    fake: FakeStripe, shop: Any, checkout: Checkout
) -> None:
    body, signature = signed_webhook(fake.succeed(checkout.intent_id), fake.webhook_secret)

    def deliver() -> str:
        answer = post_webhook(body, signature)
        return f"{answer.status_code} {answer.content.decode()}"

    outcomes = run_together([deliver, deliver])

    assert outcomes == Counter({'200 {"received":true}': 2})
    delivery = WebhookDelivery.objects.get()
    assert delivery.outcome == "applied"
    assert checkout.refreshed().status == "confirmed"
    assert counters(shop.slot) == (2, 0)
    assert checkout.payment.status == "succeeded"
    assert not fake.calls("POST", "/v1/refunds")


# Out of order


def test_a_refund_before_the_success_wins_and_the_success_changes_nothing(
    fake: FakeStripe, shop: Any, checkout: Checkout
) -> None:
    intent = fake.intent(checkout.intent_id)
    succeeded = payment_intent_succeeded(intent)

    send(charge_refunded(intent), fake.webhook_secret)

    booking = checkout.refreshed()
    assert (booking.status, booking.hold.status) == ("refunded", "released")
    assert checkout.payment.status == "refunded"
    assert counters(shop.slot) == (0, 0)

    answer = send(succeeded, fake.webhook_secret)

    assert answer.status_code == 200
    assert WebhookDelivery.objects.get(event_type="payment_intent.succeeded").outcome == "ignored"
    booking = checkout.refreshed()
    assert (booking.status, booking.hold.status) == ("refunded", "released")
    assert checkout.payment.status == "refunded"
    assert counters(shop.slot) == (0, 0)
    assert not fake.calls("POST", "/v1/refunds")


@pytest.mark.parametrize(
    "late",
    [payment_intent_payment_failed, payment_intent_canceled],
    ids=["payment_failed", "canceled"],
)
def test_a_failure_after_the_success_changes_nothing(
    fake: FakeStripe,
    shop: Any,
    checkout: Checkout,
    late: Callable[[dict[str, Any]], dict[str, Any]],
) -> None:
    before_success = fake.intent(checkout.intent_id)
    send(fake.succeed(checkout.intent_id), fake.webhook_secret)

    answer = send(late(before_success), fake.webhook_secret)

    assert answer.status_code == 200
    assert WebhookDelivery.objects.filter(outcome="ignored").count() == 1
    assert checkout.refreshed().status == "confirmed"
    payment = checkout.payment
    assert (payment.status, payment.failure_message) == ("succeeded", "")
    assert counters(shop.slot) == (2, 0)


# Late success, after the hold expired


@pytest.mark.parametrize("swept", [True, False], ids=["swept", "not_swept_yet"])
def test_a_late_success_is_sold_if_the_units_are_still_free(
    fake: FakeStripe, shop: Any, checkout: Checkout, swept: bool
) -> None:
    expire_hold(checkout.booking)
    if swept:
        assert holds_expire() == 1
        assert counters(shop.slot) == (0, 0)

    answer = send(fake.succeed(checkout.intent_id), fake.webhook_secret)

    assert answer.status_code == 200
    booking = checkout.refreshed()
    assert (booking.status, booking.hold.status) == ("confirmed", "converted")
    assert checkout.payment.status == "succeeded"
    assert counters(shop.slot) == (2, 0)
    assert not fake.calls("POST", "/v1/refunds")


def test_a_late_success_whose_units_are_gone_is_refunded_at_stripe(
    fake: FakeStripe, shop: Any, checkout: Checkout
) -> None:
    expire_hold(checkout.booking)
    assert holds_expire() == 1
    shop.hold(UserFactory(), 9)  # someone else took what was freed: 1 left, 2 needed
    assert counters(shop.slot) == (0, 9)

    answer = send(fake.succeed(checkout.intent_id), fake.webhook_secret)

    assert answer.status_code == 200
    booking = checkout.refreshed()
    assert (booking.status, booking.hold.status) == ("refunded", "expired")
    payment = checkout.payment
    assert payment.status == "refunded"
    assert counters(shop.slot) == (0, 9)  # nothing oversold
    [request] = fake.calls("POST", "/v1/refunds")
    assert request.form == {"payment_intent": checkout.intent_id}
    assert request.headers["idempotency-key"]
    [refund] = fake.refunds.values()
    assert (refund["payment_intent"], refund["amount"]) == (checkout.intent_id, 30000)

    assert (payment.pending_action, payment.action_error) == ("", "")
    # Asked again (as after a lost answer), Stripe refunds nothing twice: same key.
    get_provider("stripe").refund(payment)
    assert len(fake.refunds) == 1
    assert fake.replays == [request.headers["idempotency-key"]]
    # Stripe then tells us about the refund we made: nothing more happens.
    again = send(charge_refunded(fake.intent(checkout.intent_id)), fake.webhook_secret)
    assert again.status_code == 200
    assert checkout.refreshed().status == "refunded"
    assert counters(shop.slot) == (0, 9)


def test_a_refund_owed_while_stripe_is_down_is_made_when_it_is_back(
    fake: FakeStripe, shop: Any, checkout: Checkout
) -> None:
    expire_hold(checkout.booking)
    assert holds_expire() == 1
    shop.hold(UserFactory(), 9)
    succeeded = fake.succeed(checkout.intent_id)
    fake.fail(503)

    answer = send(succeeded, fake.webhook_secret)

    assert answer.status_code == 200
    assert checkout.refreshed().status == "refunded"
    payment = checkout.payment
    assert (payment.status, payment.pending_action) == ("refunded", "refund")
    assert fake.refunds == {}
    assert counters(shop.slot) == (0, 9)

    fake.recover()
    assert payment_actions_due(now=timezone.now() + timedelta(hours=2)) == 1

    [refund] = fake.refunds.values()
    assert (refund["payment_intent"], refund["amount"]) == (checkout.intent_id, 30000)
    assert checkout.payment.pending_action == ""
    keys = {r.headers["idempotency-key"] for r in fake.calls("POST", "/v1/refunds")}
    assert len(keys) == 1  # every attempt under one key: one refund whatever got lost
    assert payment_actions_due(now=timezone.now() + timedelta(hours=4)) == 0


# Expiry unpaid


def test_an_unpaid_booking_that_expires_cancels_its_payment_intent(
    fake: FakeStripe, shop: Any, checkout: Checkout
) -> None:
    expire_hold(checkout.booking)
    assert holds_expire() == 1

    assert bookings_expire() == 1

    assert checkout.refreshed().status == "expired"
    assert checkout.payment.status == "canceled"
    [request] = fake.calls("POST", f"/v1/payment_intents/{checkout.intent_id}/cancel")
    assert request.form == {"cancellation_reason": "abandoned"}
    assert request.headers["idempotency-key"]
    intent = fake.intent(checkout.intent_id)
    assert (intent["status"], intent["cancellation_reason"]) == ("canceled", "abandoned")
    assert counters(shop.slot) == (0, 0)

    # Stripe's payment_intent.canceled that follows changes nothing.
    answer = send(payment_intent_canceled(intent), fake.webhook_secret)
    assert answer.status_code == 200
    assert WebhookDelivery.objects.get().outcome == "ignored"
    assert checkout.refreshed().status == "expired"


def test_a_payment_made_just_before_expiry_is_honoured_though_the_cancel_came_too_late(
    fake: FakeStripe, shop: Any, checkout: Checkout
) -> None:
    """The guest paid at Stripe; its webhook is still on the way when the booking expires.
    Stripe refuses to cancel a succeeded PaymentIntent, and the success then sells again."""
    succeeded = fake.succeed(checkout.intent_id)
    expire_hold(checkout.booking)
    holds_expire()
    bookings_expire()
    assert checkout.refreshed().status == "expired"
    assert len(fake.calls("POST", f"/v1/payment_intents/{checkout.intent_id}/cancel")) == 1
    assert fake.intent(checkout.intent_id)["status"] == "succeeded"
    assert checkout.payment.pending_action == ""  # a refusal is not retried

    answer = send(succeeded, fake.webhook_secret)

    assert answer.status_code == 200
    booking = checkout.refreshed()
    assert (booking.status, booking.hold.status) == ("confirmed", "converted")
    assert checkout.payment.status == "succeeded"
    assert counters(shop.slot) == (2, 0)
    assert not fake.calls("POST", "/v1/refunds")
