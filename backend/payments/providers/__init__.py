"""The payment providers, by name; each is offered only when it is configured."""

from __future__ import annotations

from backend.core.errors import ValidationError
from backend.inventory.models import Event
from backend.payments.providers.base import Provider
from backend.payments.providers.razorpay import RazorpayProvider
from backend.payments.providers.stripe import StripeProvider
from backend.payments.providers.test import TestProvider

# Providers that take money online and send webhooks. Cash and comp are staff actions.
ONLINE: dict[str, type[Provider]] = {
    "stripe": StripeProvider,
    "razorpay": RazorpayProvider,
    "test": TestProvider,
}


def get_provider(name: str) -> Provider:
    return ONLINE[name]()


def configured_providers() -> list[str]:
    return [name for name, provider in ONLINE.items() if provider().is_configured()]


def offered_providers(event: Event) -> list[str]:
    """What a guest of ``event`` may choose: the configured online providers, then paying
    at the venue where the event allows it."""
    return [*configured_providers(), *(["pay_at_venue"] if event.pay_at_venue else [])]


def usable_provider(name: object) -> Provider:
    """The provider a guest asked for, if it is one we offer now."""
    offered = configured_providers()
    if not isinstance(name, str) or name not in offered:
        raise ValidationError(
            fields={"provider": [f"Choose one of: {', '.join(offered) or 'none configured'}."]}
        )
    return get_provider(name)
