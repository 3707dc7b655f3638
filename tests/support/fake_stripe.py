"""A fake Stripe API on 127.0.0.1, and Stripe's webhooks made the way Stripe makes them.

Use it as a context manager (or from a fixture) and point ``STRIPE_API_BASE`` at
``.base_url``; the real stripe SDK then talks to it::

    with FakeStripe() as fake:
        settings.STRIPE_API_BASE = fake.base_url
        settings.STRIPE_SECRET_KEY = fake.secret_key
        ...
        event = fake.succeed("pi_...")  # the guest paid: what Stripe would send us
        body, header = signed_webhook(event, fake.webhook_secret)

The webhook signature is made here with ``hmac`` as Stripe documents it (``t=<ts>,v1=<hex
HMAC-SHA256 of "<ts>.<body>">``), not with the code under test.
"""

from __future__ import annotations

import copy
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

INTENT_PATH = re.compile(r"/v1/payment_intents/(?P<id>pi_[A-Za-z0-9]+)(?P<action>/cancel)?")
CANCEL_REASONS = frozenset({"duplicate", "fraudulent", "requested_by_customer", "abandoned"})
CANCELLABLE = frozenset(
    {
        "requires_payment_method",
        "requires_capture",
        "requires_confirmation",
        "requires_action",
        "processing",
    }
)
API_VERSION = "2025-03-31.basil"
DECLINED = "Your card was declined."


def _token(n: int = 12) -> str:
    return secrets.token_hex(n)


def _nested(form: dict[str, str], name: str) -> dict[str, str]:
    """``metadata[booking]=x`` in a form-encoded body → ``{"booking": "x"}``."""
    prefix = f"{name}["
    return {key[len(prefix) : -1]: value for key, value in form.items() if key.startswith(prefix)}


def stripe_error(
    status: int, message: str, *, type: str = "invalid_request_error", **extra: Any
) -> tuple[int, dict[str, Any]]:
    """Stripe's error body: ``{"error": {"type", "message", "code"?, "param"?, ...}}``."""
    return status, {"error": {"type": type, "message": message, **extra}}


# Webhooks: signatures and events


def stripe_signature(body: bytes | str, *secrets_: str, timestamp: int | None = None) -> str:
    """The ``Stripe-Signature`` header for ``body``: one ``v1`` per secret, in order (Stripe
    signs with every live secret while one is rolled)."""
    ts = int(time.time()) if timestamp is None else timestamp
    raw = body.encode() if isinstance(body, str) else body
    signed = f"{ts}.".encode() + raw
    parts = [f"t={ts}"]
    for secret in secrets_:
        parts.append("v1=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest())
    return ",".join(parts)


def webhook_body(event: dict[str, Any]) -> bytes:
    """An event as Stripe sends it: pretty-printed JSON (the signature is on these bytes)."""
    return json.dumps(event, indent=2).encode()


def signed_webhook(
    event: dict[str, Any], *secrets_: str, timestamp: int | None = None
) -> tuple[bytes, str]:
    """(raw body, Stripe-Signature header) for ``event``."""
    body = webhook_body(event)
    return body, stripe_signature(body, *secrets_, timestamp=timestamp)


def stripe_event(
    event_type: str, obj: dict[str, Any], *, event_id: str | None = None
) -> dict[str, Any]:
    """A Stripe ``event`` object around ``obj`` (its ``data.object``)."""
    return {
        "id": event_id or f"evt_{_token()}",
        "object": "event",
        "api_version": API_VERSION,
        "created": int(time.time()),
        "data": {"object": copy.deepcopy(obj)},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": f"req_{_token(7)}", "idempotency_key": None},
        "type": event_type,
    }


def _charge_id(intent: dict[str, Any]) -> str:
    return intent.get("latest_charge") or "ch_" + intent["id"].removeprefix("pi_")


def payment_intent_succeeded(
    intent: dict[str, Any], *, event_id: str | None = None
) -> dict[str, Any]:
    obj = copy.deepcopy(intent) | {
        "status": "succeeded",
        "amount_received": intent["amount"],
        "latest_charge": _charge_id(intent),
        "last_payment_error": None,
        "payment_method": intent.get("payment_method") or f"pm_{_token(7)}",
    }
    return stripe_event("payment_intent.succeeded", obj, event_id=event_id)


def payment_intent_payment_failed(
    intent: dict[str, Any], message: str = DECLINED, *, event_id: str | None = None
) -> dict[str, Any]:
    obj = copy.deepcopy(intent) | {
        "status": "requires_payment_method",
        "amount_received": 0,
        "last_payment_error": {
            "type": "card_error",
            "code": "card_declined",
            "decline_code": "generic_decline",
            "message": message,
        },
    }
    return stripe_event("payment_intent.payment_failed", obj, event_id=event_id)


def payment_intent_canceled(
    intent: dict[str, Any], reason: str = "abandoned", *, event_id: str | None = None
) -> dict[str, Any]:
    obj = copy.deepcopy(intent) | {
        "status": "canceled",
        "canceled_at": int(time.time()),
        "cancellation_reason": reason,
    }
    return stripe_event("payment_intent.canceled", obj, event_id=event_id)


def charge_refunded(
    intent: dict[str, Any], amount_refunded: int | None = None, *, event_id: str | None = None
) -> dict[str, Any]:
    """``charge.refunded``: its object is the charge, which names the PaymentIntent and
    carries the PaymentIntent's metadata."""
    refunded = intent["amount"] if amount_refunded is None else amount_refunded
    charge = {
        "id": _charge_id(intent),
        "object": "charge",
        "amount": intent["amount"],
        "amount_captured": intent["amount"],
        "amount_refunded": refunded,
        "captured": True,
        "currency": intent["currency"],
        "metadata": dict(intent.get("metadata") or {}),
        "paid": True,
        "payment_intent": intent["id"],
        "refunded": refunded >= intent["amount"],
        "status": "succeeded",
        "created": int(time.time()),
        "livemode": False,
    }
    return stripe_event("charge.refunded", charge, event_id=event_id)


# The API


class FakeStripe(FakeServer):
    """PaymentIntents and refunds as Stripe's API reference describes them, for one account.

    Requests are form-encoded and authenticated with ``Authorization: Bearer <secret key>``
    (401 otherwise). A POST with an ``Idempotency-Key`` seen before gets the first answer
    again (with ``Idempotent-Replayed`` counted in ``replays``), or 400 ``idempotency_error``
    if its parameters differ. ``succeed``, ``decline`` and ``refund_in_dashboard`` change an
    intent as the guest or the dashboard would and return the event Stripe would send.
    """

    def __init__(
        self,
        *,
        secret_key: str = "sk_test_fake_" + "a1" * 12,
        publishable_key: str = "pk_test_fake_" + "b2" * 12,
        webhook_secret: str = "whsec_fake_" + "c3" * 16,
    ) -> None:
        super().__init__()
        self.secret_key = secret_key
        self.publishable_key = publishable_key
        self.webhook_secret = webhook_secret
        self.intents: dict[str, dict[str, Any]] = {}
        self.refunds: dict[str, dict[str, Any]] = {}
        self.replays: list[str] = []  # idempotency keys answered from the cache
        self._idempotent: dict[str, tuple[str, dict[str, str], int, dict[str, Any]]] = {}

    # switches

    def fail(
        self,
        status: int = 500,
        body: bytes | None = None,
        content_type: str = "application/json",
    ) -> None:
        """An outage, answered with Stripe's ``api_error`` body unless ``body`` is given."""
        if body is None:
            body = json.dumps(
                stripe_error(status, "An unknown error occurred", type="api_error")[1]
            ).encode()
        super().fail(status, body, content_type)

    # what the fake saw

    def calls(self, method: str, path: str) -> list[Received]:
        """The requests to ``path`` (exact, without the query string)."""
        return [r for r in self.requests if r.method == method and r.path.split("?")[0] == path]

    def intent(self, intent_id: str) -> dict[str, Any]:
        with self._lock:
            return copy.deepcopy(self.intents[intent_id])

    # what the guest and the dashboard do

    def succeed(self, intent_id: str) -> dict[str, Any]:
        """The guest paid: the intent succeeds; returns ``payment_intent.succeeded``."""
        with self._lock:
            intent = self.intents[intent_id]
            assert intent["status"] in CANCELLABLE, f"{intent_id} is {intent['status']}"
            event = payment_intent_succeeded(intent)
            intent.update(
                {key: event["data"]["object"][key] for key in ("status", "amount_received")}
            )
            intent["latest_charge"] = event["data"]["object"]["latest_charge"]
            intent["last_payment_error"] = None
            return event

    def decline(self, intent_id: str, message: str = DECLINED) -> dict[str, Any]:
        """The card was declined; returns ``payment_intent.payment_failed``."""
        with self._lock:
            intent = self.intents[intent_id]
            event = payment_intent_payment_failed(intent, message)
            intent["last_payment_error"] = event["data"]["object"]["last_payment_error"]
            return event

    def refund_in_dashboard(self, intent_id: str, amount: int | None = None) -> dict[str, Any]:
        """Someone refunded the payment (all of it, or ``amount``) in Stripe's dashboard;
        returns ``charge.refunded`` with the total refunded so far."""
        form = {"payment_intent": intent_id}
        if amount is not None:
            form["amount"] = str(amount)
        with self._lock:
            status, body = self._refund(form)
            total = sum(
                r["amount"] for r in self.refunds.values() if r["payment_intent"] == intent_id
            )
            intent = copy.deepcopy(self.intents[intent_id])
        assert status == 200, body
        return charge_refunded(intent, amount_refunded=total)

    # the API

    def answer(self, request: Received) -> tuple[int, dict[str, Any]]:
        if request.headers.get("authorization") != f"Bearer {self.secret_key}":
            shown = request.headers.get("authorization", "").removeprefix("Bearer ")
            return stripe_error(
                401,
                f"Invalid API Key provided: {shown[:8]}{'*' * 8}{shown[-4:]}"
                if shown
                else "You did not provide an API key.",
            )
        key = request.headers.get("idempotency-key")
        endpoint = f"{request.method} {request.path}"
        if request.method == "POST" and key:
            cached = self._idempotent.get(key)
            if cached is not None:
                if cached[:2] != (endpoint, request.form):
                    return stripe_error(
                        400,
                        "Keys for idempotent requests can only be used with the same "
                        "parameters they were first used with. Try using a key other than "
                        f"'{key}' if you meant to execute a different request.",
                        type="idempotency_error",
                    )
                self.replays.append(key)
                return cached[2], copy.deepcopy(cached[3])
        status, body = self._route(request)
        if request.method == "POST" and key and status < 500:
            self._idempotent[key] = (endpoint, dict(request.form), status, copy.deepcopy(body))
        return status, body

    def _route(self, request: Received) -> tuple[int, dict[str, Any]]:
        path = request.path.split("?")[0]
        if request.method == "POST" and path == "/v1/payment_intents":
            return self._create_intent(request.form)
        if request.method == "POST" and path == "/v1/refunds":
            return self._refund(request.form)
        match = INTENT_PATH.fullmatch(path)
        if match is not None:
            intent = self.intents.get(match["id"])
            if intent is None:
                return stripe_error(
                    404,
                    f"No such payment_intent: '{match['id']}'",
                    code="resource_missing",
                    param="intent",
                )
            if request.method == "POST" and match["action"]:
                return self._cancel(intent, request.form)
            if request.method == "GET" and not match["action"]:
                return 200, copy.deepcopy(intent)
        return stripe_error(
            404, f"Unrecognized request URL ({request.method}: {path}).", code="resource_missing"
        )

    def _create_intent(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        amount, currency = form.get("amount", ""), form.get("currency", "")
        if not amount:
            return stripe_error(400, "Missing required param: amount.", param="amount")
        if not amount.isdigit() or int(amount) < 1:
            return stripe_error(
                400, "Invalid positive integer", code="parameter_invalid_integer", param="amount"
            )
        if not re.fullmatch(r"[A-Za-z]{3}", currency):
            return stripe_error(
                400, f"Invalid currency: {currency}.", code="parameter_invalid", param="currency"
            )
        intent_id = f"pi_{_token()}"
        automatic = _nested(form, "automatic_payment_methods")
        intent: dict[str, Any] = {
            "id": intent_id,
            "object": "payment_intent",
            "amount": int(amount),
            "amount_capturable": 0,
            "amount_received": 0,
            "automatic_payment_methods": (
                {"enabled": automatic.get("enabled") == "true"} if automatic else None
            ),
            "canceled_at": None,
            "cancellation_reason": None,
            "capture_method": "automatic_async",
            "client_secret": f"{intent_id}_secret_{_token(10)}",
            "confirmation_method": "automatic",
            "created": int(time.time()),
            "currency": currency.lower(),
            "description": form.get("description"),
            "last_payment_error": None,
            "latest_charge": None,
            "livemode": False,
            "metadata": _nested(form, "metadata"),
            "payment_method": None,
            "status": "requires_payment_method",
        }
        self.intents[intent_id] = intent
        return 200, copy.deepcopy(intent)

    def _cancel(self, intent: dict[str, Any], form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        reason = form.get("cancellation_reason")
        if reason is not None and reason not in CANCEL_REASONS:
            return stripe_error(
                400,
                f"Invalid cancellation_reason: must be one of {', '.join(sorted(CANCEL_REASONS))}",
                param="cancellation_reason",
            )
        if intent["status"] not in CANCELLABLE:
            return stripe_error(
                400,
                "You cannot cancel this PaymentIntent because it has a status of "
                f"{intent['status']}. Only a PaymentIntent with one of the following statuses "
                f"may be canceled: {', '.join(sorted(CANCELLABLE))}.",
                code="payment_intent_unexpected_state",
            )
        intent.update(
            {"status": "canceled", "canceled_at": int(time.time()), "cancellation_reason": reason}
        )
        return 200, copy.deepcopy(intent)

    def _refund(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        intent_id = form.get("payment_intent") or ""
        if not intent_id and not form.get("charge"):
            return stripe_error(
                400, "One of the following params should be provided: charge, payment_intent."
            )
        intent = self.intents.get(intent_id)
        if intent is None:
            return stripe_error(
                404,
                f"No such payment_intent: '{intent_id}'",
                code="resource_missing",
                param="payment_intent",
            )
        if intent["status"] != "succeeded":
            return stripe_error(
                400,
                f"This PaymentIntent ({intent_id}) does not have a successful charge to refund.",
                code="charge_not_refundable",
            )
        already = sum(
            r["amount"] for r in self.refunds.values() if r["payment_intent"] == intent_id
        )
        remaining = intent["amount_received"] - already
        amount = int(form["amount"]) if form.get("amount", "").isdigit() else remaining
        if remaining <= 0:
            return stripe_error(
                400,
                f"Charge {intent['latest_charge']} has already been refunded.",
                code="charge_already_refunded",
            )
        if amount > remaining:
            return stripe_error(
                400,
                f"Refund amount ({amount}) is greater than unrefunded amount on charge "
                f"({remaining})",
                param="amount",
            )
        refund = {
            "id": f"re_{_token()}",
            "object": "refund",
            "amount": amount,
            "charge": intent["latest_charge"],
            "created": int(time.time()),
            "currency": intent["currency"],
            "metadata": _nested(form, "metadata"),
            "payment_intent": intent_id,
            "reason": form.get("reason"),
            "status": "succeeded",
        }
        self.refunds[refund["id"]] = refund
        return 200, copy.deepcopy(refund)


@pytest.fixture
def stripe_fake(settings: Any) -> Iterator[FakeStripe]:
    """The configured Stripe is this fake (registered suite-wide in ``tests/conftest.py``)."""
    with FakeStripe() as fake:
        settings.STRIPE_API_BASE = fake.base_url
        settings.STRIPE_SECRET_KEY = fake.secret_key
        settings.STRIPE_PUBLISHABLE_KEY = fake.publishable_key
        settings.STRIPE_WEBHOOK_SECRET = fake.webhook_secret
        settings.PAYMENT_TIMEOUT_SECONDS = 5.0
        yield fake
