"""The HTTP call of the providers (Twilio Verify and Messaging, Unifonic Authenticate, SMS).

:func:`post_form` sends one form-encoded POST and turns every outage into
:class:`ProviderUnavailable`: network errors, timeouts (``SMS_TIMEOUT_SECONDS``, read at call
time), 5xx and bodies that are not a JSON object. Any other answer comes back as an
:class:`Answer` for the provider to read, since what a 4xx means is the provider's own business.
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx
from django.conf import settings

from backend.accounts.sms.base import ProviderUnavailable


@dataclass(frozen=True)
class Answer:
    provider: str
    status: int
    body: dict[str, Any]

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def text(self, key: str) -> str | None:
        """A non-empty string field of the body, or None."""
        value = self.body.get(key)
        return value if isinstance(value, str) and value else None

    def unavailable(self) -> ProviderUnavailable:
        """For an answer the provider has no meaning for: an outage, never the user's fault."""
        message = self.body.get("message") or ""
        if self.status in (401, 403):
            return ProviderUnavailable(
                f"{self.provider} refused our credentials (HTTP {self.status}): a configuration"
                f" outage, check the {self.provider.upper()}_* settings. {message}".rstrip()
            )
        return ProviderUnavailable(
            f"{self.provider} gave an unexpected answer (HTTP {self.status}) {message}".rstrip()
        )


@functools.cache
def _tls() -> ssl.SSLContext:
    """Loading the CA bundle takes tens of milliseconds; a client per call reuses this one."""
    return httpx.create_ssl_context()


def configured(provider: str, *names: str) -> list[str]:
    """The named settings, read now (tests override them); an empty one is an outage."""
    values = [getattr(settings, name, "") for name in names]
    missing = [name for name, value in zip(names, values, strict=True) if not value]
    if missing:
        raise ProviderUnavailable(f"{provider} is not configured: set {', '.join(missing)}")
    return values


def post_form(
    provider: str,
    url: str,
    form: Mapping[str, str],
    *,
    auth: tuple[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Answer:
    try:
        with httpx.Client(timeout=settings.SMS_TIMEOUT_SECONDS, verify=_tls()) as client:
            response = client.post(
                url,
                data=dict(form),
                auth=auth if auth is not None else httpx.USE_CLIENT_DEFAULT,  # the client has none
                headers=headers,
            )
    except (httpx.HTTPError, httpx.InvalidURL) as error:  # timeouts are transport errors
        raise ProviderUnavailable(f"{provider} unreachable: {error!r}") from error
    if response.status_code >= 500:
        raise ProviderUnavailable(f"{provider} failed with HTTP {response.status_code}")
    try:
        body = response.json()
    except ValueError:  # not JSON, or not UTF-8
        body = None
    if not isinstance(body, dict):
        if response.status_code in (401, 403):  # a gateway's own page: still our credentials
            raise Answer(provider, response.status_code, {}).unavailable()
        raise ProviderUnavailable(
            f"{provider} answered HTTP {response.status_code} with a body that is not a JSON object"
        )
    return Answer(provider, response.status_code, body)
