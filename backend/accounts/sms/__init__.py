"""SMS providers for phone sign-in; ``SMS_PROVIDER`` picks one (see sms.base)."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from backend.accounts.sms.base import (
    CheckResult,
    ProviderRejected,
    ProviderUnavailable,
    SmsProvider,
)

PROVIDERS = {
    "console": "backend.accounts.sms.console.ConsoleProvider",
    "twilio": "backend.accounts.sms.twilio.TwilioVerifyProvider",
    "unifonic": "backend.accounts.sms.unifonic.UnifonicAuthenticateProvider",
}

__all__ = ["CheckResult", "ProviderRejected", "ProviderUnavailable", "SmsProvider", "get_provider"]


def get_provider(name: str | None = None) -> SmsProvider:
    """The configured provider (or the one named, for a request started with it)."""
    return import_string(PROVIDERS[name or settings.SMS_PROVIDER])()
