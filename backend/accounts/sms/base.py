"""The SMS provider interface behind phone sign-in (and plain messages, e.g. ticket links).

Two kinds of provider:

* ``generates_codes = False`` (``console``): we make the code, keep only its keyed hash,
  and the provider just delivers the text (``start`` gets the code).
* ``generates_codes = True`` (``twilio``, ``unifonic``): the provider makes, sends and checks
  the code; ``start`` gets no code and returns the provider's reference, ``check`` asks the
  provider whether a code is right.

Failures: :class:`ProviderUnavailable` is an outage (network, timeout, 5xx, an answer we
cannot read): retry later, and it must never cost the user an attempt.
:class:`ProviderRejected` is a refusal about this request (the number, the limits the
provider keeps for itself) that retrying will not fix.
"""

from __future__ import annotations

import enum
from typing import Protocol


class ProviderUnavailable(Exception):
    """The provider could not be reached or failed; nothing was decided."""


class ProviderRejected(Exception):
    """The provider refused this request; ``reason`` is its own code or message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class CheckResult(enum.Enum):
    APPROVED = "approved"  # the code is right
    WRONG = "wrong"  # the code is wrong; the verification is still open
    EXPIRED = "expired"  # the provider no longer knows this verification (expired or used)
    EXHAUSTED = "exhausted"  # the provider's own limit of wrong codes was reached


class SmsProvider(Protocol):
    name: str
    generates_codes: bool

    def start(self, *, phone: str, code: str | None, locale: str) -> str:
        """Send a code to ``phone`` (E.164); returns the provider's reference ("" if none)."""

    def check(self, *, phone: str, reference: str, code: str) -> CheckResult:
        """Ask the provider about ``code`` (only for providers that generate codes)."""

    def send_message(self, *, phone: str, text: str) -> str:
        """Send ``text`` to ``phone`` (E.164); returns the provider's message id ("" if none)."""
