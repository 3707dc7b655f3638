"""The interface every payment provider implements, and the shapes it speaks in.

A provider turns a booking into something the guest's client can pay with (``Checkout``),
proves a webhook came from it (``verify_webhook``, on the raw body, before parsing), reads the
provider's event into one of a few outcomes (``parse_event``) and refunds or cancels a
payment at the provider. Everything after that (what an outcome does to a booking) is the
same for every provider: ``backend.payments.services.outcomes``.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from backend.core.errors import ApplicationError, ServiceUnavailable
from backend.core.money import THREE_DECIMAL, ZERO_DECIMAL

if TYPE_CHECKING:
    from backend.bookings.models import Booking
    from backend.payments.models import Payment


def _exponent(currency: str) -> int:
    return 0 if currency in ZERO_DECIMAL else 3 if currency in THREE_DECIMAL else 2


def minor_units(amount: Decimal, currency: str) -> int:
    """An amount in the currency's smallest unit (halalas, paise, cents)."""
    return int((amount * (10 ** _exponent(currency))).to_integral_value())


def from_minor_units(amount: int, currency: str) -> Decimal:
    return Decimal(amount).scaleb(-_exponent(currency))


def failure_code(*candidates: object) -> str:
    """The first of a provider's reasons that reads as a code (``card_declined``,
    ``insufficient_funds``; Razorpay's ``payment_failed``), lower case, or ""."""
    for candidate in candidates:
        text = str(candidate or "").strip().lower()
        if re.fullmatch(r"[a-z0-9_]{1,64}", text):
            return text
    return ""


class BadSignature(ApplicationError):
    status, code, message = 400, "bad_signature", "The webhook signature is not valid."


class ProviderUnavailable(ServiceUnavailable):
    code, message = "provider_unavailable", "The payment provider did not answer; try again."


class ProviderRefused(ApplicationError):
    status, code, message = 502, "provider_error", "The payment provider refused the request."


class Outcome(enum.StrEnum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELED = "canceled"
    REFUNDED = "refunded"


@dataclass(frozen=True)
class Checkout:
    """A payment started at the provider: its id there, and what the client needs."""

    reference: str
    client: dict[str, Any]


@dataclass(frozen=True)
class ProviderEvent:
    """A provider's webhook event, read. ``outcome`` None: nothing for us to do."""

    event_id: str
    event_type: str
    outcome: Outcome | None
    reference: str = ""  # our Payment.reference: PaymentIntent id, order id
    booking_id: str = ""  # from the provider's metadata, receipt or notes
    provider_payment_id: str = ""
    amount_minor: int | None = None
    currency: str = ""  # ISO 4217 as the provider wrote it (Stripe: lower case)
    message: str = ""
    failure_code: str = ""  # why a payment failed (a decline code), see failure_code()
    extra: dict[str, Any] = field(default_factory=dict)


class Provider(Protocol):
    name: str

    def is_configured(self) -> bool: ...

    def create_payment(self, booking: Booking, payment: Payment) -> Checkout: ...

    def verify_webhook(self, body: bytes, headers: Mapping[str, str]) -> None:
        """Raise BadSignature unless the raw body was signed by the provider."""

    def parse_event(self, payload: dict[str, Any], headers: Mapping[str, str]) -> ProviderEvent: ...

    def refund(self, payment: Payment) -> None: ...

    def cancel(self, payment: Payment) -> None: ...
