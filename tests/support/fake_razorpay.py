"""A fake Razorpay API on 127.0.0.1, and Razorpay's webhooks and checkout signatures.

Point ``RAZORPAY_API_BASE`` at ``.base_url`` and the three keys at the fake's::

    with FakeRazorpay() as razorpay:
        settings.RAZORPAY_API_BASE = razorpay.base_url
        settings.RAZORPAY_KEY_ID = razorpay.key_id
        ...
        payment = razorpay.pay(order_id)  # the guest paid in Razorpay's checkout
        body, headers = razorpay.webhook(payment_captured(payment))

The signatures are computed here, independently of the backend's code, as Razorpay's docs
describe them: a webhook's ``X-Razorpay-Signature`` is the hex HMAC-SHA256 of the raw body
with the webhook secret; the checkout's ``razorpay_signature`` is the hex HMAC-SHA256 of
``"{order_id}|{payment_id}"`` with the key secret.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.fake_http import FakeServer, Received

REFUND_PATH = re.compile(r"/v1/payments/(?P<payment_id>[^/]+)/refund")
ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def razorpay_id(prefix: str) -> str:
    """An id the way Razorpay writes them: ``order_``/``pay_``/``rfnd_`` and 14 characters."""
    return f"{prefix}_" + "".join(secrets.choice(ID_ALPHABET) for _ in range(14))


def error(description: str, *, field: str | None = None) -> dict[str, Any]:
    """Razorpay's error body."""
    body: dict[str, Any] = {
        "code": "BAD_REQUEST_ERROR",
        "description": description,
        "source": "business" if field else "NA",
        "step": "payment_initiation" if field else "NA",
        "reason": "input_validation_failed" if field else "NA",
        "metadata": {},
    }
    if field:
        body["field"] = field
    return {"error": body}


# Signatures (written here on purpose: the tests must not trust the code they test)


def hex_hmac_sha256(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def webhook_signature(webhook_secret: str, body: bytes) -> str:
    """``X-Razorpay-Signature``: the raw body signed with the webhook secret."""
    return hex_hmac_sha256(webhook_secret, body)


def checkout_signature(key_secret: str, order_id: str, payment_id: str) -> str:
    """The ``razorpay_signature`` Checkout hands the browser after a payment."""
    return hex_hmac_sha256(key_secret, f"{order_id}|{payment_id}".encode())


def signed_webhook(
    payload: dict[str, Any], *, secret: str, event_id: str | None = None
) -> tuple[bytes, dict[str, str]]:
    """The raw body and headers of one delivery, as Razorpay posts it."""
    body = json.dumps(payload, separators=(",", ":")).encode()
    headers = {
        "X-Razorpay-Signature": webhook_signature(secret, body),
        "X-Razorpay-Event-Id": event_id or razorpay_id("evt"),
    }
    return body, headers


# Webhook payloads


def _event(event: str, entities: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "entity": "event",
        "account_id": "acc_FakeAccount0001",
        "event": event,
        "contains": list(entities),
        "payload": {name: {"entity": entity} for name, entity in entities.items()},
        "created_at": int(time.time()),
    }


def payment_captured(payment: dict[str, Any]) -> dict[str, Any]:
    return _event("payment.captured", {"payment": payment})


def payment_failed(payment: dict[str, Any]) -> dict[str, Any]:
    return _event("payment.failed", {"payment": payment})


def refund_processed(payment: dict[str, Any], refund: dict[str, Any]) -> dict[str, Any]:
    return _event("refund.processed", {"refund": refund, "payment": payment})


def payment_entity(
    *,
    order_id: str,
    amount: int,
    currency: str,
    notes: dict[str, str] | None = None,
    status: str = "captured",
    payment_id: str | None = None,
) -> dict[str, Any]:
    """A payment entity as webhooks carry it (``status`` captured or failed)."""
    failed = status == "failed"
    return {
        "id": payment_id or razorpay_id("pay"),
        "entity": "payment",
        "amount": amount,
        "currency": currency,
        "status": status,
        "order_id": order_id,
        "invoice_id": None,
        "international": False,
        "method": "upi",
        "amount_refunded": 0,
        "refund_status": None,
        "captured": status == "captured",
        "description": None,
        "vpa": "guest@okbank",
        "email": "guest@example.com",
        "contact": "+919876543210",
        "notes": dict(notes or {}),
        "fee": None if failed else amount * 2 // 100,
        "tax": None if failed else 0,
        "error_code": "BAD_REQUEST_ERROR" if failed else None,
        "error_description": "Payment was declined by the bank." if failed else None,
        "error_source": "bank" if failed else None,
        "error_step": "payment_authorization" if failed else None,
        "error_reason": "payment_declined" if failed else None,
        "created_at": int(time.time()),
    }


def refund_entity(
    payment: dict[str, Any],
    *,
    amount: int | None = None,
    receipt: str | None = None,
    notes: dict[str, str] | None = None,
) -> dict[str, Any]:
    return {
        "id": razorpay_id("rfnd"),
        "entity": "refund",
        "amount": payment["amount"] if amount is None else amount,
        "currency": payment["currency"],
        "payment_id": payment["id"],
        "notes": dict(notes or {}),
        "receipt": receipt,
        "acquirer_data": {"rrn": None},
        "created_at": int(time.time()),
        "batch_id": None,
        "status": "processed",
        "speed_processed": "normal",
        "speed_requested": "normal",
    }


class FakeRazorpay(FakeServer):
    """Razorpay's Orders and Refunds APIs, and a checkout to pay the orders it made.

    ``POST /v1/orders`` (JSON; basic auth with the key id and secret) validates the order as
    Razorpay does (integer ``amount`` of at least 100, a three-letter ``currency``, a
    ``receipt`` of at most 40 characters, at most 15 ``notes``) and answers the order entity.
    ``POST /v1/payments/{id}/refund`` refunds a captured payment (all that is left of it,
    or ``amount``) and answers the refund entity. Bad credentials answer 401, bad input
    400, both in Razorpay's error shape. ``pay()`` / ``decline()`` are the guest in the
    checkout; ``webhook()`` signs a payload with the webhook secret. ``fail_next(n)`` is a
    brief outage of ``n`` calls; the longer outage switches are :class:`FakeServer`'s.
    """

    def __init__(
        self,
        *,
        key_id: str = "rzp_test_FakeKeyId0001",
        key_secret: str = "fake-razorpay-key-secret",
        webhook_secret: str = "fake-razorpay-webhook-secret",
    ) -> None:
        super().__init__()
        self.key_id = key_id
        self.key_secret = key_secret
        self.webhook_secret = webhook_secret
        self.orders: dict[str, dict[str, Any]] = {}
        self.payments: dict[str, dict[str, Any]] = {}
        self.refunds: list[dict[str, Any]] = []
        self._failing_next: list[int] = []

    def fail_next(self, count: int, status: int = 503) -> None:
        """The next ``count`` API calls answer ``status`` (a brief outage), then recover."""
        with self._lock:
            self._failing_next = [status] * count

    # the guest in Razorpay's checkout

    def pay(self, order_id: str, *, notes: dict[str, str] | None = None) -> dict[str, Any]:
        """Pay the order (captured at once); the payment entity. The payment's notes are the
        ones Checkout's options carried (none unless ``notes``), not the order's."""
        return self._payment(order_id, "captured", notes)

    def decline(self, order_id: str, *, notes: dict[str, str] | None = None) -> dict[str, Any]:
        """A failed attempt at the order (the order stays payable); the payment entity."""
        return self._payment(order_id, "failed", notes)

    def _payment(self, order_id: str, status: str, notes: dict[str, str] | None) -> dict[str, Any]:
        with self._lock:
            order = self.orders[order_id]
            assert order["status"] != "paid", f"{order_id} is paid already"
            payment = payment_entity(
                order_id=order_id,
                amount=order["amount"],
                currency=order["currency"],
                notes=notes,
                status=status,
            )
            self.payments[payment["id"]] = payment
            order["attempts"] += 1
            if status == "captured":
                order.update(status="paid", amount_paid=order["amount"], amount_due=0)
            return dict(payment)

    def refund(self, payment_id: str, amount: int | None = None) -> dict[str, Any]:
        """A refund made in Razorpay's dashboard (not through our API); the refund entity."""
        with self._lock:
            body = {} if amount is None else {"amount": amount}
            status, refund = self._refund(payment_id, body)
            assert status == 200, refund
            return refund

    def checkout_signature(self, order_id: str, payment_id: str) -> str:
        return checkout_signature(self.key_secret, order_id, payment_id)

    def checkout_result(self, payment: dict[str, Any]) -> dict[str, str]:
        """What Checkout's handler gives the browser after ``payment``."""
        return {
            "razorpay_order_id": payment["order_id"],
            "razorpay_payment_id": payment["id"],
            "razorpay_signature": self.checkout_signature(payment["order_id"], payment["id"]),
        }

    def webhook(
        self, payload: dict[str, Any], *, event_id: str | None = None
    ) -> tuple[bytes, dict[str, str]]:
        return signed_webhook(payload, secret=self.webhook_secret, event_id=event_id)

    # what we were asked

    def requests_to(self, method: str, path: str) -> list[Received]:
        return [r for r in self.requests if (r.method, r.path) == (method, path)]

    # the API

    def answer(self, request: Received) -> tuple[int, dict[str, Any]]:
        if self._failing_next:
            status = self._failing_next.pop(0)
            return status, {"error": {"code": "SERVER_ERROR", "description": "Try again."}}
        if request.basic_auth != (self.key_id, self.key_secret):
            return 401, error("Authentication failed")
        if request.method == "POST" and request.path == "/v1/orders":
            body = self._json(request)
            return (400, body) if "error" in body else self._create_order(body)
        refund = REFUND_PATH.fullmatch(request.path)
        if request.method == "POST" and refund:
            body = self._json(request)
            return (400, body) if "error" in body else self._refund(refund["payment_id"], body)
        return 400, error("The requested URL was not found on the server.")

    @staticmethod
    def _json(request: Received) -> dict[str, Any]:
        if not request.content_type.startswith("application/json"):
            return error("The request body must be JSON.")
        try:
            body = request.json() if request.raw else {}
        except ValueError:
            return error("The request body is not valid JSON.")
        return body if isinstance(body, dict) else error("The request body must be an object.")

    def _create_order(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        amount, currency = body.get("amount"), body.get("currency")
        receipt, notes = body.get("receipt"), body.get("notes") or {}
        if isinstance(amount, bool) or not isinstance(amount, int):
            return 400, error("The amount must be an integer.", field="amount")
        if amount < 100:
            return 400, error("Order amount less than minimum amount allowed", field="amount")
        if not isinstance(currency, str) or not re.fullmatch(r"[A-Z]{3}", currency):
            return 400, error("The currency field is invalid.", field="currency")
        if receipt is not None and (not isinstance(receipt, str) or len(receipt) > 40):
            return 400, error(
                "receipt: the length must be no more than 40 characters.", field="receipt"
            )
        if not isinstance(notes, dict) or len(notes) > 15:
            return 400, error("Number of notes should be less than 15", field="notes")
        if any(len(str(value)) > 256 for value in notes.values()):
            return 400, error("Notes value cannot exceed 256 characters", field="notes")
        order = {
            "id": razorpay_id("order"),
            "entity": "order",
            "amount": amount,
            "amount_paid": 0,
            "amount_due": amount,
            "currency": currency,
            "receipt": receipt,
            "offer_id": None,
            "status": "created",
            "attempts": 0,
            "notes": dict(notes),
            "created_at": int(time.time()),
        }
        self.orders[order["id"]] = order
        return 200, dict(order)

    def _refund(self, payment_id: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        payment = self.payments.get(payment_id)
        if payment is None:
            return 400, error("The id provided does not exist", field="id")
        if payment["status"] == "failed" or not payment["captured"]:
            return 400, error("The payment has not been captured yet", field="id")
        left = payment["amount"] - payment["amount_refunded"]
        if left <= 0:
            return 400, error("The payment has been fully refunded already", field="id")
        amount = body.get("amount", left)
        if isinstance(amount, bool) or not isinstance(amount, int) or not 100 <= amount <= left:
            return 400, error(
                "The refund amount provided is greater than amount captured", field="amount"
            )
        receipt = body.get("receipt")
        if receipt is not None and (not isinstance(receipt, str) or len(receipt) > 40):
            return 400, error("receipt: the length must be no more than 40 characters.")
        refund = refund_entity(payment, amount=amount, receipt=receipt, notes=body.get("notes"))
        self.refunds.append(refund)
        payment["amount_refunded"] += amount
        payment["refund_status"] = (
            "full" if payment["amount_refunded"] == payment["amount"] else ("partial")
        )
        if payment["refund_status"] == "full":
            payment["status"] = "refunded"
        return 200, dict(refund)


@pytest.fixture
def razorpay(settings: Any) -> Iterator[FakeRazorpay]:
    """The configured Razorpay is this fake (registered suite-wide in ``tests/conftest.py``)."""
    with FakeRazorpay() as fake:
        settings.RAZORPAY_API_BASE = fake.base_url
        settings.RAZORPAY_KEY_ID = fake.key_id
        settings.RAZORPAY_KEY_SECRET = fake.key_secret
        settings.RAZORPAY_WEBHOOK_SECRET = fake.webhook_secret
        settings.PAYMENT_TIMEOUT_SECONDS = 5.0
        yield fake
