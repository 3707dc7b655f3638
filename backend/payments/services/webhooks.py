"""The payment providers' side of the webhook inbox (``backend.webhooks``).

Each online provider is registered as the receiver of its own sender (``register_receivers``,
from ``PaymentsConfig.ready``): the inbox verifies, stores and queues, and hands every stored
delivery back here, where the provider reads it and ``apply_event`` applies it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from backend.payments.providers import ONLINE
from backend.payments.providers.base import Provider
from backend.payments.providers.test import TestProvider
from backend.payments.services.outcomes import apply_event, lock_bookings_of
from backend.webhooks.models import WebhookDelivery
from backend.webhooks.receivers import Handled, Identified, register


class PaymentReceiver:
    """A payment provider as a webhook receiver: every outcome goes to ``apply_event``."""

    def __init__(self, provider: type[Provider], *, only_while_configured: bool = False) -> None:
        self.provider_class = provider
        self.only_while_configured = only_while_configured

    @property
    def provider(self) -> Provider:
        return self.provider_class()

    def accepts(self) -> bool:
        return not self.only_while_configured or self.provider.is_configured()

    def verify_webhook(self, body: bytes, headers: Mapping[str, str]) -> None:
        self.provider.verify_webhook(body, headers)

    def identify(self, payload: dict[str, Any], headers: Mapping[str, str]) -> Identified:
        event = self.provider.parse_event(payload, headers)
        return Identified(event.event_id, event.event_type)

    def handle(self, delivery: WebhookDelivery) -> Handled:
        provider = self.provider
        return apply_event(provider.name, provider.parse_event(delivery.payload, {}))

    def lock_batch(self, deliveries: list[WebhookDelivery]) -> None:
        """The bookings the batch's events are about, locked now in id order (one
        statement): what ``apply_event`` locks first, before any slot."""
        provider = self.provider
        lock_bookings_of(provider.name, [provider.parse_event(d.payload, {}) for d in deliveries])


def register_receivers() -> None:
    """Every online provider takes its webhooks, as ``ONLINE`` lists them. Stripe and
    Razorpay always answer (unconfigured, they refuse every signature); the test provider
    confirms bookings without money, so its endpoint exists only while it is on (404 off)."""
    for name, provider in ONLINE.items():
        register(name, PaymentReceiver(provider, only_while_configured=name == TestProvider.name))
