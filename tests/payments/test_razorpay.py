"""Razorpay end to end through our HTTP endpoints, against a fake Razorpay on 127.0.0.1:
orders, the checkout signature, signed webhooks stored once, and refunds by staff."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from backend.bookings.models import Booking
from backend.inventory.models import Hold, Slot
from backend.payments.models import Payment
from backend.payments.services.actions import payment_actions_due
from backend.webhooks.models import WebhookDelivery
from tests.factories import StaffFactory, UserFactory
from tests.support.bookings import client_of
from tests.support.concurrency import run_together
from tests.support.fake_razorpay import (
    FakeRazorpay,
    checkout_signature,
    payment_captured,
    payment_failed,
    refund_processed,
    signed_webhook,
    webhook_signature,
)

pytestmark = pytest.mark.django_db(transaction=True)
WEBHOOK = "/api/webhooks/razorpay/"
VERIFY = "/api/payments/razorpay/verify/"


# helpers


def pay(api: Any, booking: Booking) -> Any:
    return api.post(f"/api/bookings/{booking.pk}/pay/", {"provider": "razorpay"}, format="json")


def order_for(api: Any, booking: Booking) -> str:
    answer = pay(api, booking)
    assert answer.status_code == 200, answer.json()
    return answer.json()["client"]["order_id"]


def deliver(body: bytes, headers: dict[str, str]) -> Any:
    return Client().post(WEBHOOK, body, content_type="application/json", headers=headers)


def send(razorpay: FakeRazorpay, payload: dict[str, Any], event_id: str | None = None) -> Any:
    answer = deliver(*razorpay.webhook(payload, event_id=event_id))
    assert answer.status_code == 200, answer.json()
    assert answer.json() == {"received": True}
    return answer


def counters(slot: Slot) -> tuple[int, int]:
    slot.refresh_from_db()
    return slot.sold, slot.held


def status_of(booking: Booking) -> str:
    booking.refresh_from_db()
    return booking.status


def error_of(answer: Any) -> dict[str, Any]:
    body = answer.json()
    assert body["ok"] is False
    assert set(body["error"]) >= {"code", "message"}
    return body["error"]


def unchanged(shop: Any, booking: Booking, held: int) -> None:
    """Still waiting for payment, with its hold, and nothing paid."""
    assert status_of(booking) == "pending_payment"
    assert booking.hold.status == Hold.Status.ACTIVE
    assert counters(shop.slot) == (0, held)
    assert not Payment.objects.filter(status__in=["succeeded", "refunded"]).exists()


# POST /api/bookings/{id}/pay/


class TestPay:
    @pytest.mark.parametrize(
        ("currency", "minor"),
        [("SAR", 30000), ("INR", 30000), ("KWD", 300000), ("JPY", 300)],
    )
    def test_an_order_in_minor_units_with_the_booking_as_receipt(
        self,
        shop: Any,
        guest: Any,
        guest_api: Any,
        razorpay: FakeRazorpay,
        currency: str,
        minor: int,
    ) -> None:
        shop.event.currency = currency
        shop.event.save(update_fields=["currency"])
        booking = shop.book(guest, 2)  # 2 x 150.00

        answer = pay(guest_api, booking)

        assert answer.status_code == 200, answer.json()
        [request] = razorpay.requests
        assert (request.method, request.path) == ("POST", "/v1/orders")
        assert request.basic_auth == (razorpay.key_id, razorpay.key_secret)
        assert request.content_type.startswith("application/json")
        sent = request.json()
        assert sent["amount"] == minor
        assert sent["currency"] == currency
        assert sent["receipt"] == str(booking.pk)
        assert sent["notes"]["booking"] == str(booking.pk)
        [order] = razorpay.orders.values()
        assert (order["amount"], order["currency"], order["status"]) == (minor, currency, "created")
        body = answer.json()
        assert body["provider"] == "razorpay"
        assert body["currency"] == currency
        assert body["client"]["order_id"] == order["id"]
        assert body["client"]["key_id"] == razorpay.key_id
        assert body["client"]["amount"] == minor
        assert razorpay.key_secret not in answer.content.decode()
        payment = Payment.objects.get()
        assert (payment.reference, payment.status) == (order["id"], "created")
        assert payment.amount == Decimal("300.00")
        unchanged(shop, booking, held=2)

    @pytest.mark.parametrize("outage", ["503", "500-html", "429", "unreadable", "timeout", "down"])
    def test_an_outage_is_a_503_and_changes_nothing(
        self,
        shop: Any,
        guest: Any,
        guest_api: Any,
        razorpay: FakeRazorpay,
        settings: Any,
        outage: str,
    ) -> None:
        booking = shop.book(guest, 2)
        if outage == "503":
            razorpay.fail(503)
        elif outage == "500-html":
            razorpay.fail(500, b"<html>Internal Server Error</html>", "text/html")
        elif outage == "429":
            razorpay.fail(429, b'{"error": {"code": "BAD_REQUEST_ERROR"}}')
        elif outage == "unreadable":
            razorpay.fail(200, b"<html>maintenance</html>", "text/html")
        elif outage == "timeout":
            settings.PAYMENT_TIMEOUT_SECONDS = 0.3
            razorpay.stall()
        else:
            razorpay.stop()

        try:
            answer = pay(guest_api, booking)
        finally:
            razorpay.release()

        assert answer.status_code == 503
        assert error_of(answer)["code"] == "provider_unavailable"
        unchanged(shop, booking, held=2)
        assert not Payment.objects.exclude(reference="").exists()
        if outage != "timeout":  # a timed-out order may exist at Razorpay, unknown to us
            assert not razorpay.orders

    def test_after_an_outage_paying_again_works_with_one_payment(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest)
        razorpay.fail(503)
        assert pay(guest_api, booking).status_code == 503
        razorpay.recover()

        order_id = order_for(guest_api, booking)

        payment = Payment.objects.get()
        assert (payment.reference, payment.status) == (order_id, "created")

    def test_wrong_keys_are_a_provider_error(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay, settings: Any
    ) -> None:
        settings.RAZORPAY_KEY_SECRET = "not-the-secret"
        booking = shop.book(guest)

        answer = pay(guest_api, booking)

        assert answer.status_code == 502
        assert error_of(answer)["code"] == "provider_error"
        assert razorpay.requests[0].basic_auth == (razorpay.key_id, "not-the-secret")
        assert not razorpay.orders
        unchanged(shop, booking, held=1)

    def test_an_amount_razorpay_refuses_is_a_provider_error(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        shop.slot.price = Decimal("0.50")  # 50 halalas: below Razorpay's minimum of 100
        shop.slot.save(update_fields=["price"])
        booking = shop.book(guest)

        answer = pay(guest_api, booking)

        assert answer.status_code == 502
        error = error_of(answer)
        assert error["code"] == "provider_error"
        assert "minimum" in error["message"]
        assert razorpay.requests[0].json()["amount"] == 50
        unchanged(shop, booking, held=1)

    def test_someone_elses_booking_cannot_be_paid(
        self, shop: Any, guest: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest)

        answer = pay(client_of(UserFactory()), booking)

        assert answer.status_code == 404
        assert not razorpay.requests

    def test_paying_in_two_tabs_never_keeps_two_charges(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest)
        first_tab = order_for(guest_api, booking)
        second_tab = order_for(guest_api, booking)

        first = razorpay.pay(first_tab)
        send(razorpay, payment_captured(first))
        if second_tab != first_tab:  # Razorpay lets each order be paid once
            second = razorpay.pay(second_tab)
            send(razorpay, payment_captured(second))
            refunded = [r["payment_id"] for r in razorpay.refunds]
            assert len(refunded) == 1, f"both charges kept, {refunded} refunded"
            assert refunded[0] in (first["id"], second["id"])

        assert status_of(booking) == "confirmed"
        assert counters(shop.slot) == (1, 0)

    def test_the_first_tabs_checkout_still_verifies_after_a_reload(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest)
        first_tab = order_for(guest_api, booking)
        order_for(guest_api, booking)  # a reload

        answer = guest_api.post(
            VERIFY, razorpay.checkout_result(razorpay.pay(first_tab)), format="json"
        )

        assert answer.status_code == 200, answer.json()
        assert status_of(booking) == "confirmed"


# POST /api/payments/razorpay/verify/


class TestVerify:
    def test_a_valid_checkout_signature_confirms(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest, 2)
        payment = razorpay.pay(order_for(guest_api, booking))

        answer = guest_api.post(VERIFY, razorpay.checkout_result(payment), format="json")

        assert answer.status_code == 200, answer.json()
        assert answer.json() == {"ok": True, "booking": str(booking.pk), "status": "confirmed"}
        assert status_of(booking) == "confirmed"
        assert booking.provider == "razorpay"
        assert counters(shop.slot) == (2, 0)
        ours = Payment.objects.get()
        assert (ours.status, ours.provider_payment_id) == ("succeeded", payment["id"])

    @pytest.mark.parametrize("tamper", ["flip", "empty-ish", "key-id", "webhook-secret"])
    def test_a_bad_signature_is_refused_and_changes_nothing(
        self,
        shop: Any,
        guest: Any,
        guest_api: Any,
        razorpay: FakeRazorpay,
        tamper: str,
    ) -> None:
        booking = shop.book(guest)
        payment = razorpay.pay(order_for(guest_api, booking))
        result = razorpay.checkout_result(payment)
        good = result["razorpay_signature"]
        result["razorpay_signature"] = {
            "flip": good[:-1] + ("0" if good[-1] != "0" else "1"),
            "empty-ish": "0" * 64,
            "key-id": checkout_signature(razorpay.key_id, payment["order_id"], payment["id"]),
            "webhook-secret": checkout_signature(
                razorpay.webhook_secret, payment["order_id"], payment["id"]
            ),
        }[tamper]

        answer = guest_api.post(VERIFY, result, format="json")

        assert answer.status_code == 400
        assert error_of(answer)["code"] == "bad_signature"
        unchanged(shop, booking, held=1)
        assert Payment.objects.get().provider_payment_id == ""

    def test_a_payment_id_signed_for_another_order_is_refused(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        """The guest pays a cheap order of their own and presents its signed result for the
        expensive booking's order: the signature is checked against the order *we* stored."""
        expensive = shop.book(guest, 3)
        cheap_user = UserFactory()
        cheap = shop.book(cheap_user, 1)
        ours = order_for(guest_api, expensive)
        other = razorpay.pay(order_for(client_of(cheap_user), cheap))
        forged = {
            "razorpay_order_id": ours,
            "razorpay_payment_id": other["id"],
            "razorpay_signature": razorpay.checkout_signature(other["order_id"], other["id"]),
        }

        answer = guest_api.post(VERIFY, forged, format="json")

        assert answer.status_code == 400
        assert error_of(answer)["code"] == "bad_signature"
        assert status_of(expensive) == "pending_payment"
        assert counters(shop.slot) == (0, 4)
        assert Payment.objects.get(reference=ours).status == "created"

    def test_another_users_order_is_not_found(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        owner = UserFactory()
        booking = shop.book(owner, 2)
        payment = razorpay.pay(order_for(client_of(owner), booking))

        answer = guest_api.post(VERIFY, razorpay.checkout_result(payment), format="json")

        assert answer.status_code == 404
        assert error_of(answer)["code"] == "not_found"
        unchanged(shop, booking, held=2)

    def test_an_order_we_never_made_is_not_found(
        self, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        result = {
            "razorpay_order_id": "order_NotOurs0000001",
            "razorpay_payment_id": "pay_NotOurs00000001",
            "razorpay_signature": razorpay.checkout_signature(
                "order_NotOurs0000001", "pay_NotOurs00000001"
            ),
        }

        answer = guest_api.post(VERIFY, result, format="json")

        assert answer.status_code == 404

    def test_verify_needs_a_signed_in_guest(self, razorpay: FakeRazorpay) -> None:
        answer = Client().post(VERIFY, {}, content_type="application/json")

        assert answer.status_code == 401

    def test_verify_then_the_captured_webhook_is_one_effect(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest, 3)
        payment = razorpay.pay(order_for(guest_api, booking))

        verified = guest_api.post(VERIFY, razorpay.checkout_result(payment), format="json")
        again = guest_api.post(VERIFY, razorpay.checkout_result(payment), format="json")
        send(razorpay, payment_captured(payment))

        assert verified.json()["status"] == again.json()["status"] == "confirmed"
        assert status_of(booking) == "confirmed"
        assert counters(shop.slot) == (3, 0)
        delivery = WebhookDelivery.objects.get()
        assert (delivery.outcome, delivery.event_type) == ("ignored", "payment.captured")
        assert Payment.objects.get().status == "succeeded"
        assert not razorpay.refunds

    def test_the_captured_webhook_then_verify_is_one_effect(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest, 2)
        payment = razorpay.pay(order_for(guest_api, booking))

        send(razorpay, payment_captured(payment))
        verified = guest_api.post(VERIFY, razorpay.checkout_result(payment), format="json")

        assert verified.status_code == 200
        assert verified.json()["status"] == "confirmed"
        assert counters(shop.slot) == (2, 0)
        assert not razorpay.refunds


# POST /api/webhooks/razorpay/


class TestWebhooks:
    def test_a_signed_delivery_is_received_and_stored_once(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest)
        payment = razorpay.pay(order_for(guest_api, booking))

        send(razorpay, payment_captured(payment), event_id="evt_Delivery000001")

        delivery = WebhookDelivery.objects.get()
        assert (delivery.provider, delivery.event_id, delivery.event_type) == (
            "razorpay",
            "evt_Delivery000001",
            "payment.captured",
        )
        assert delivery.outcome == "applied"
        assert delivery.payload["payload"]["payment"]["entity"]["id"] == payment["id"]

    @pytest.mark.parametrize(
        "forgery", ["wrong-secret", "key-secret", "tampered-body", "no-header", "empty", "upper"]
    )
    def test_a_bad_signature_is_refused_and_nothing_is_stored(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay, forgery: str
    ) -> None:
        booking = shop.book(guest)
        payment = razorpay.pay(order_for(guest_api, booking))
        payload = payment_captured(payment)
        body, headers = razorpay.webhook(payload)
        if forgery == "wrong-secret":
            body, headers = signed_webhook(payload, secret="someone-elses-secret")
        elif forgery == "key-secret":
            body, headers = signed_webhook(payload, secret=razorpay.key_secret)
        elif forgery == "tampered-body":
            body = body.replace(str(payment["amount"]).encode(), b"100", 1)
        elif forgery == "no-header":
            del headers["X-Razorpay-Signature"]
        elif forgery == "empty":
            headers["X-Razorpay-Signature"] = ""
        else:
            headers["X-Razorpay-Signature"] = headers["X-Razorpay-Signature"].upper()

        answer = deliver(body, headers)

        assert answer.status_code == 400
        assert error_of(answer)["code"] == "bad_signature"
        assert not WebhookDelivery.objects.exists()
        unchanged(shop, booking, held=1)

    def test_payment_captured_confirms(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest, 2)
        payment = razorpay.pay(order_for(guest_api, booking))

        send(razorpay, payment_captured(payment))

        assert status_of(booking) == "confirmed"
        assert booking.provider == "razorpay"
        assert counters(shop.slot) == (2, 0)
        ours = Payment.objects.get()
        assert (ours.status, ours.provider_payment_id) == ("succeeded", payment["id"])

    def test_payment_failed_keeps_the_booking_waiting_and_a_retry_can_pay(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest, 2)
        order_id = order_for(guest_api, booking)

        send(razorpay, payment_failed(razorpay.decline(order_id)))

        ours = Payment.objects.get()
        assert ours.status == "failed"
        assert ours.failure_message == "Payment was declined by the bank."
        assert status_of(booking) == "pending_payment"
        assert counters(shop.slot) == (0, 2)
        assert WebhookDelivery.objects.get().outcome == "applied"

        send(razorpay, payment_captured(razorpay.pay(order_id)))  # the guest tried again

        assert status_of(booking) == "confirmed"
        assert counters(shop.slot) == (2, 0)

    def test_a_late_failure_does_not_undo_a_capture(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest)
        order_id = order_for(guest_api, booking)
        declined = razorpay.decline(order_id)
        send(razorpay, payment_captured(razorpay.pay(order_id)))

        send(razorpay, payment_failed(declined))

        assert status_of(booking) == "confirmed"
        assert Payment.objects.get().status == "succeeded"
        assert counters(shop.slot) == (1, 0)

    def test_refund_processed_refunds_the_booking_and_returns_the_units(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest, 2)
        payment = razorpay.pay(order_for(guest_api, booking))
        send(razorpay, payment_captured(payment))
        assert counters(shop.slot) == (2, 0)

        refund = razorpay.refund(payment["id"])  # in Razorpay's dashboard
        send(razorpay, refund_processed(razorpay.payments[payment["id"]], refund))

        assert status_of(booking) == "refunded"
        assert booking.refunded_amount == Decimal("300.00")
        assert counters(shop.slot) == (0, 0)
        ours = Payment.objects.get()
        assert (ours.status, ours.refunded_amount) == ("refunded", Decimal("300.00"))

    def test_the_same_delivery_ten_times_is_one_effect(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest, 2)
        payment = razorpay.pay(order_for(guest_api, booking))
        body, headers = razorpay.webhook(payment_captured(payment))

        answers = [deliver(body, headers) for _ in range(10)]

        assert [a.status_code for a in answers] == [200] * 10
        assert all(a.json() == {"received": True} for a in answers)
        delivery = WebhookDelivery.objects.get()
        assert (delivery.outcome, delivery.attempts) == ("applied", 1)
        assert status_of(booking) == "confirmed"
        assert counters(shop.slot) == (2, 0)
        assert not razorpay.refunds

    def test_the_same_refund_delivery_ten_times_returns_the_units_once(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest, 2)
        other = shop.book(UserFactory(), 3)  # someone else's places must stay theirs
        payment = razorpay.pay(order_for(guest_api, booking))
        send(razorpay, payment_captured(payment))
        refund = razorpay.refund(payment["id"])
        body, headers = razorpay.webhook(refund_processed(razorpay.payments[payment["id"]], refund))

        for _ in range(10):
            assert deliver(body, headers).status_code == 200

        assert status_of(booking) == "refunded"
        assert status_of(other) == "pending_payment"
        assert counters(shop.slot) == (0, 3)
        assert WebhookDelivery.objects.filter(event_type="refund.processed").count() == 1

    def test_a_partial_refund_records_only_what_went_back(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest, 2)
        payment = razorpay.pay(order_for(guest_api, booking))
        send(razorpay, payment_captured(payment))

        refund = razorpay.refund(payment["id"], amount=5000)  # 50.00 back, as goodwill
        send(razorpay, refund_processed(razorpay.payments[payment["id"]], refund))

        assert Payment.objects.get().refunded_amount == Decimal("50.00")
        booking.refresh_from_db()
        assert booking.refunded_amount == Decimal("50.00")
        assert booking.status == "confirmed"
        assert counters(shop.slot) == (2, 0)

    @pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b""])
    def test_a_signed_body_that_is_not_an_object_is_refused(
        self, razorpay: FakeRazorpay, body: bytes
    ) -> None:
        headers = {
            "X-Razorpay-Signature": webhook_signature(razorpay.webhook_secret, body),
            "X-Razorpay-Event-Id": "evt_NotAnObject001",
        }

        answer = deliver(body, headers)

        assert answer.status_code == 400
        assert error_of(answer)["code"] == "bad_request"
        assert not WebhookDelivery.objects.exists()

    def test_a_refund_before_the_capture_wins_and_the_late_capture_changes_nothing(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest, 2)
        payment = razorpay.pay(order_for(guest_api, booking))
        refund = razorpay.refund(payment["id"])
        captured = payment_captured(payment)

        send(razorpay, refund_processed(razorpay.payments[payment["id"]], refund))

        assert status_of(booking) == "refunded"
        assert counters(shop.slot) == (0, 0)
        assert Payment.objects.get().status == "refunded"

        send(razorpay, captured)  # arrives late

        assert status_of(booking) == "refunded"
        assert counters(shop.slot) == (0, 0)
        assert Payment.objects.get().status == "refunded"
        late = WebhookDelivery.objects.get(event_type="payment.captured")
        assert late.outcome == "ignored"
        assert len(razorpay.refunds) == 1  # no second refund for money already returned

    def test_an_event_we_do_not_act_on_is_stored_and_ignored(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest)
        payment = razorpay.pay(order_for(guest_api, booking))
        payload = payment_captured(payment)
        payload["event"] = "payment.authorized"

        send(razorpay, payload)

        assert WebhookDelivery.objects.get().outcome == "ignored"
        assert status_of(booking) == "pending_payment"

    def test_a_payment_for_an_order_we_do_not_know_is_ignored(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest)
        order_for(guest_api, booking)
        stranger = razorpay.payments.setdefault(
            "pay_Stranger000001",
            {
                "id": "pay_Stranger000001",
                "order_id": "order_Stranger00001",
                "amount": 15000,
                "currency": "SAR",
                "notes": {},
            },
        )

        send(razorpay, payment_captured(stranger))

        assert WebhookDelivery.objects.get().outcome == "ignored"
        assert status_of(booking) == "pending_payment"


@pytest.mark.postgres
def test_verify_and_webhook_copies_at_the_same_instant_are_one_effect(
    shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
) -> None:
    booking = shop.book(guest, 3)
    payment = razorpay.pay(order_for(guest_api, booking))
    result = razorpay.checkout_result(payment)
    captured = razorpay.webhook(payment_captured(payment))  # one delivery, retried
    other = razorpay.webhook(payment_captured(payment))  # the same news, another event id

    def verify() -> str:
        return f"verify {client_of(guest).post(VERIFY, result, format='json').status_code}"

    def webhook(delivery: tuple[bytes, dict[str, str]]) -> str:
        return f"webhook {deliver(*delivery).status_code}"

    outcomes = run_together(
        [verify, verify] + [lambda: webhook(captured)] * 6 + [lambda: webhook(other)] * 2
    )

    assert outcomes == {"verify 200": 2, "webhook 200": 8}
    assert status_of(booking) == "confirmed"
    assert counters(shop.slot) == (3, 0)
    assert WebhookDelivery.objects.count() == 2
    assert Payment.objects.get().status == "succeeded"
    assert not razorpay.refunds


# POST /api/staff/bookings/{id}/cancel/ {"refund": true}


class TestStaffRefund:
    def test_cancel_with_refund_refunds_at_razorpay_and_returns_the_units(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest, 2)
        payment = razorpay.pay(order_for(guest_api, booking))
        guest_api.post(VERIFY, razorpay.checkout_result(payment), format="json")
        assert counters(shop.slot) == (2, 0)
        staff_api = client_of(StaffFactory())

        answer = staff_api.post(
            f"/api/staff/bookings/{booking.pk}/cancel/", {"refund": True}, format="json"
        )

        assert answer.status_code == 200, answer.json()
        assert answer.json()["status"] == "refunded"
        [request] = razorpay.requests_to("POST", f"/v1/payments/{payment['id']}/refund")
        assert request.basic_auth == (razorpay.key_id, razorpay.key_secret)
        assert request.content_type.startswith("application/json")
        [refund] = razorpay.refunds
        assert (refund["payment_id"], refund["amount"]) == (payment["id"], 30000)
        assert razorpay.payments[payment["id"]]["status"] == "refunded"
        assert status_of(booking) == "refunded"
        assert counters(shop.slot) == (0, 0)
        assert Payment.objects.get().status == "refunded"

        # Razorpay then tells us about the refund we asked for: nothing more happens.
        send(razorpay, refund_processed(razorpay.payments[payment["id"]], refund))

        assert WebhookDelivery.objects.get().outcome == "ignored"
        assert status_of(booking) == "refunded"
        assert counters(shop.slot) == (0, 0)
        assert len(razorpay.refunds) == 1

    def test_cancel_with_refund_of_a_webhook_paid_booking_for_an_event_staff(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest, 3)
        payment = razorpay.pay(order_for(guest_api, booking))
        send(razorpay, payment_captured(payment))
        staff_api = client_of(StaffFactory(grant__event=shop.event))

        answer = staff_api.post(
            f"/api/staff/bookings/{booking.pk}/cancel/",
            {"refund": True, "note": "Weather."},
            format="json",
        )

        assert answer.status_code == 200, answer.json()
        assert len(razorpay.requests_to("POST", f"/v1/payments/{payment['id']}/refund")) == 1
        assert status_of(booking) == "refunded"
        assert booking.note == "Weather."
        assert counters(shop.slot) == (0, 0)

    def test_a_refund_during_a_brief_outage_is_retried_until_razorpay_takes_it(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest, 2)
        payment = razorpay.pay(order_for(guest_api, booking))
        send(razorpay, payment_captured(payment))
        razorpay.fail_next(2)

        answer = client_of(StaffFactory()).post(
            f"/api/staff/bookings/{booking.pk}/cancel/", {"refund": True}, format="json"
        )

        assert answer.status_code == 200, answer.json()
        refund_path = f"/v1/payments/{payment['id']}/refund"
        assert len(razorpay.requests_to("POST", refund_path)) == 1  # the 503
        assert Payment.objects.get().pending_action == "refund"
        later = timezone.now() + timedelta(hours=2)
        assert payment_actions_due(now=later) == 1  # another 503: backed off again
        assert payment_actions_due(now=later) == 0  # not due yet
        assert payment_actions_due(now=later + timedelta(hours=2)) == 1
        assert len(razorpay.requests_to("POST", refund_path)) == 3
        assert Payment.objects.get().pending_action == ""
        assert [r["payment_id"] for r in razorpay.refunds] == [payment["id"]]
        assert status_of(booking) == "refunded"
        assert counters(shop.slot) == (0, 0)

    def test_cancel_with_refund_of_an_unpaid_booking_is_a_plain_cancel(
        self, shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
    ) -> None:
        booking = shop.book(guest, 2)
        order_for(guest_api, booking)

        answer = client_of(StaffFactory()).post(
            f"/api/staff/bookings/{booking.pk}/cancel/", {"refund": True}, format="json"
        )

        assert answer.status_code == 200, answer.json()
        assert answer.json()["status"] == "cancelled"
        assert counters(shop.slot) == (0, 0)
        assert [r.path for r in razorpay.requests] == ["/v1/orders"]
        assert not razorpay.refunds
        assert Payment.objects.get().status == "canceled"


def test_a_refund_razorpay_refuses_is_kept_for_a_person(
    shop: Any, guest: Any, guest_api: Any, razorpay: FakeRazorpay
) -> None:
    booking = shop.book(guest)
    payment = razorpay.pay(order_for(guest_api, booking))
    send(razorpay, payment_captured(payment))
    razorpay.refund(payment["id"])  # refunded in the dashboard: a second refund is refused

    client_of(StaffFactory()).post(
        f"/api/staff/bookings/{booking.pk}/cancel/", {"refund": True}, format="json"
    )

    stored = Payment.objects.get()
    assert stored.pending_action == ""
    assert stored.action_error  # Razorpay's own words, for staff in the admin
    assert payment_actions_due(now=timezone.now() + timedelta(days=1)) == 0  # never retried
    assert status_of(booking) == "refunded"
