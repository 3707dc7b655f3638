"""Razorpay: orders over plain HTTP (basic auth with the key id and secret), webhooks signed
with a hex HMAC-SHA256 of the raw body, and the checkout signature that the browser brings
back (``order_id|payment_id`` signed with the key secret, checked against *our* order id).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import httpx
from django.conf import settings

from backend.payments.providers.base import (
    BadSignature,
    Checkout,
    Outcome,
    ProviderEvent,
    ProviderRefused,
    ProviderUnavailable,
    failure_code,
    minor_units,
)

if TYPE_CHECKING:
    from backend.bookings.models import Booking
    from backend.payments.models import Payment

OUTCOMES = {
    "payment.captured": Outcome.SUCCEEDED,
    "order.paid": Outcome.SUCCEEDED,
    "payment.failed": Outcome.FAILED,
    "refund.processed": Outcome.REFUNDED,
}


def hex_hmac(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def _post(path: str, body: dict[str, Any]) -> dict[str, Any]:
    url = settings.RAZORPAY_API_BASE.rstrip("/") + path
    auth = (settings.RAZORPAY_KEY_ID, settings.RAZORPAY_KEY_SECRET)
    try:
        with httpx.Client(timeout=settings.PAYMENT_TIMEOUT_SECONDS) as client:
            response = client.post(url, json=body, auth=auth)
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        raise ProviderUnavailable() from error
    if response.status_code >= 500 or response.status_code == 429:
        raise ProviderUnavailable()
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise ProviderUnavailable("Razorpay gave an answer we cannot read; try again.")
    if response.status_code >= 400:
        refusal = answer.get("error") or {}
        raise ProviderRefused(str(refusal.get("description") or "Razorpay refused the request."))
    return answer


class RazorpayProvider:
    name = "razorpay"

    def is_configured(self) -> bool:
        return bool(
            settings.RAZORPAY_KEY_ID
            and settings.RAZORPAY_KEY_SECRET
            and settings.RAZORPAY_WEBHOOK_SECRET
        )

    def create_payment(self, booking: Booking, payment: Payment) -> Checkout:
        """An order for the payment; paying again (a reload, a second tab) gets the same
        order back, so the guest can never be charged twice for one booking."""
        amount = minor_units(booking.amount, booking.currency)
        if payment.reference:
            return self._checkout(payment.reference, amount, booking.currency)
        order = _post(
            "/v1/orders",
            {
                "amount": amount,
                "currency": booking.currency,
                "receipt": str(booking.pk),
                "notes": {"booking": str(booking.pk), "payment": str(payment.pk)},
            },
        )
        if not isinstance(order.get("id"), str):
            raise ProviderUnavailable("Razorpay did not return an order id; try again.")
        return self._checkout(order["id"], amount, booking.currency)

    @staticmethod
    def _checkout(order_id: str, amount: int, currency: str) -> Checkout:
        return Checkout(
            reference=order_id,
            client={
                "order_id": order_id,
                "key_id": settings.RAZORPAY_KEY_ID,
                "amount": amount,
                "currency": currency,
            },
        )

    def verify_webhook(self, body: bytes, headers: Mapping[str, str]) -> None:
        given = headers.get("x-razorpay-signature", "")
        expected = hex_hmac(settings.RAZORPAY_WEBHOOK_SECRET, body)
        if not given or not hmac.compare_digest(given.encode(), expected.encode()):
            raise BadSignature()

    @staticmethod
    def checkout_signature_valid(order_id: str, payment_id: str, signature: str) -> bool:
        expected = hex_hmac(settings.RAZORPAY_KEY_SECRET, f"{order_id}|{payment_id}".encode())
        return hmac.compare_digest(signature.encode(), expected.encode())

    def parse_event(self, payload: dict[str, Any], headers: Mapping[str, str]) -> ProviderEvent:
        event_type = str(payload.get("event", ""))
        entities = payload.get("payload") or {}
        payment = (entities.get("payment") or {}).get("entity") or {}
        refund = (entities.get("refund") or {}).get("entity") or {}
        order = (entities.get("order") or {}).get("entity") or {}
        notes = payment.get("notes") or order.get("notes") or {}
        payment_id = payment.get("id") or refund.get("payment_id") or ""
        # For a refund, what has gone back in all (the payment's running total), so that a
        # partial refund is told from a full one whatever order the deliveries come in.
        amount = payment.get("amount_refunded") if refund else payment.get("amount")
        if refund and not isinstance(amount, int):
            amount = refund.get("amount")
        # Razorpay names each delivery in a header; a payload without one is named by what
        # it says happened, which is just as unique.
        event_id = headers.get("x-razorpay-event-id") or (
            f"{event_type}:{refund.get('id') or payment_id}:{payload.get('created_at', '')}"
        )
        return ProviderEvent(
            event_id=event_id,
            event_type=event_type,
            outcome=OUTCOMES.get(event_type),
            reference=str(payment.get("order_id") or order.get("id") or ""),
            booking_id=str(notes.get("booking", "") if isinstance(notes, dict) else ""),
            provider_payment_id=str(payment_id),
            amount_minor=amount if isinstance(amount, int) else None,
            currency=str(payment.get("currency") or order.get("currency") or ""),
            message=str(payment.get("error_description") or "")[:300],
            failure_code=failure_code(payment.get("error_reason"), payment.get("error_code")),
        )

    def refund(self, payment: Payment) -> None:
        if not payment.provider_payment_id:
            raise ProviderRefused("This order has no captured payment to refund.")
        body: dict[str, object] = {
            "notes": {"payment": str(payment.pk)},
            "receipt": f"refund-{payment.pk}"[:40],
        }
        if 0 < payment.refunded_amount < payment.amount:  # a part (a late cancellation)
            body["amount"] = minor_units(payment.refunded_amount, payment.currency)
        _post(f"/v1/payments/{payment.provider_payment_id}/refund", body)

    def cancel(self, payment: Payment) -> None:
        """Razorpay orders cannot be cancelled; an unpaid order simply expires."""
