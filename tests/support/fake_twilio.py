"""A fake Twilio Verify v2 (and Programmable Messaging) on 127.0.0.1.

Use it as a context manager (or from a fixture) and point ``TWILIO_VERIFY_API_BASE`` at
``.base_url``::

    with FakeTwilioVerify() as twilio:
        settings.TWILIO_VERIFY_API_BASE = twilio.base_url
        ...
        code = twilio.code_for("+966512345678")  # what the user would read in the SMS

The same server answers Programmable Messaging (``POST /2010-04-01/Accounts/{sid}/Messages.json``,
point ``TWILIO_API_BASE`` at it, ``TWILIO_FROM_NUMBER`` = ``.from_number``); plain messages are
recorded in ``.messages``.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.support.fake_http import E164, FakeServer, Message, Received, Sent


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


@dataclass
class Verification:
    sid: str
    to: str
    code: str
    locale: str
    sends: int = 1
    checks: int = 0
    started: float = field(default_factory=time.monotonic)
    expired: bool = False
    date_created: str = field(default_factory=_now)


class FakeTwilioVerify(FakeServer):
    """Twilio Verify v2 as its docs describe it, for one service.

    One open verification per number; starting again while it is open re-sends the same code
    under the same sid, up to 5 sends (then 429/60203). A check by ``To`` (or
    ``VerificationSid``) allows 5 tries (then 429/60202); an approved, expired (10 minutes, or
    ``expire()``) or unknown verification answers 404/20404. Numbers in ``blocked`` are refused
    as Verify's geo permissions refuse them (403/60605).
    """

    MAX_SENDS = 5
    MAX_CHECKS = 5
    TTL_SECONDS = 600.0

    def __init__(
        self,
        *,
        account_sid: str = "AC" + "a1" * 16,
        auth_token: str = "fake-twilio-auth-token",
        service_sid: str = "VA" + "b2" * 16,
        code_length: int = 6,  # a setting of the Verify service
        from_number: str = "+15005550006",  # the account's one number for Messaging
    ) -> None:
        super().__init__()
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.service_sid = service_sid
        self.code_length = code_length
        self.from_number = from_number
        self.verifications: dict[str, Verification] = {}  # open ones, by number
        self.blocked: set[str] = set()

    def expire(self, phone: str) -> None:
        """As if the verification for ``phone`` had outlived its 10 minutes."""
        with self._lock:
            self.verifications[phone].expired = True

    def answer(self, request: Received) -> tuple[int, dict[str, Any]]:
        if request.basic_auth != (self.account_sid, self.auth_token):
            return self._error(401, 20003, "Authenticate")
        prefix = f"/v2/Services/{self.service_sid}/"
        if request.method == "POST" and request.path == prefix + "Verifications":
            return self._start(request.form)
        if request.method == "POST" and request.path == prefix + "VerificationCheck":
            return self._check(request.form)
        if (
            request.method == "POST"
            and request.path == f"/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        ):
            return self._message(request.form)
        return self._not_found(request.path)

    def _message(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        to, sender, body = form.get("To", ""), form.get("From", ""), form.get("Body", "")
        if not E164.fullmatch(to):
            return self._error(400, 21211, f"The 'To' number {to} is not a valid phone number.")
        if sender != self.from_number:
            return self._error(
                400, 21606, f"The 'From' phone number {sender} is not a valid number."
            )
        if not body:
            return self._error(400, 21602, "Message body is required.")
        message = Message(to, body, "SM" + secrets.token_hex(16))
        self.messages.append(message)
        now = _now()
        return 201, {
            "sid": message.id,
            "account_sid": self.account_sid,
            "to": to,
            "from": sender,
            "body": body,
            "status": "queued",
            "num_segments": "1",
            "direction": "outbound-api",
            "api_version": "2010-04-01",
            "date_created": now,
            "date_updated": now,
            "date_sent": None,
            "error_code": None,
            "error_message": None,
            "uri": f"/2010-04-01/Accounts/{self.account_sid}/Messages/{message.id}.json",
        }

    def _start(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        to = form.get("To", "")
        if not E164.fullmatch(to):
            return self._error(400, 60200, "Invalid parameter `To`: " + to)
        if form.get("Channel") not in {"sms", "call", "whatsapp", "email", "sna"}:
            return self._error(400, 60200, "Invalid parameter `Channel`")
        if to in self.blocked:
            return self._error(403, 60605, "Verification delivery attempt blocked")
        verification = self._open(to)
        if verification is None:
            verification = Verification(
                sid="VE" + secrets.token_hex(16),
                to=to,
                code="".join(secrets.choice("0123456789") for _ in range(self.code_length)),
                locale=form.get("Locale", "en"),
            )
            self.verifications[to] = verification
        elif verification.sends >= self.MAX_SENDS:
            return self._error(429, 60203, "Max send attempts reached")
        else:
            verification.sends += 1
        self.sent.append(Sent(to, verification.code, form.get("Locale", ""), verification.sid))
        return 201, self._resource(verification, "Verifications")

    def _check(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        to, sid, code = form.get("To"), form.get("VerificationSid"), form.get("Code")
        if not code:
            return self._error(400, 60200, "Invalid parameter: Code")
        if not to and not sid:
            return self._error(
                400, 60200, "Either a 'To' number or 'VerificationSid' must be specified"
            )
        verification = self._open(to) if to else self._by_sid(sid or "")
        if verification is None or (sid and verification.sid != sid):
            return self._not_found(f"/v2/Services/{self.service_sid}/VerificationCheck")
        if verification.checks >= self.MAX_CHECKS:
            return self._error(429, 60202, "Max check attempts reached")
        verification.checks += 1
        if code != verification.code:
            return 200, self._resource(verification, "VerificationCheck")
        del self.verifications[verification.to]  # approved: gone
        return 200, self._resource(verification, "VerificationCheck", status="approved")

    def _open(self, to: str) -> Verification | None:
        verification = self.verifications.get(to)
        if verification is not None and (
            verification.expired or time.monotonic() - verification.started > self.TTL_SECONDS
        ):
            del self.verifications[to]
            return None
        return verification

    def _by_sid(self, sid: str) -> Verification | None:
        found = [v for v in self.verifications.values() if v.sid == sid]
        return self._open(found[0].to) if found else None

    def _resource(
        self, verification: Verification, kind: str, status: str = "pending"
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "sid": verification.sid,
            "service_sid": self.service_sid,
            "account_sid": self.account_sid,
            "to": verification.to,
            "channel": "sms",
            "status": status,
            "valid": status == "approved",
            "amount": None,
            "payee": None,
            "date_created": verification.date_created,
            "date_updated": _now(),
        }
        if kind == "Verifications":
            body |= {
                "lookup": {},
                "send_code_attempts": [
                    {"time": verification.date_created, "channel": "SMS", "attempt_sid": "VL"}
                ]
                * verification.sends,
                "sna": None,
                "url": f"{self.base_url}/v2/Services/{self.service_sid}/Verifications/"
                f"{verification.sid}",
            }
        else:
            body["sna_attempts_error_codes"] = []
        return body

    @staticmethod
    def _error(status: int, code: int, message: str) -> tuple[int, dict[str, Any]]:
        return status, {
            "code": code,
            "message": message,
            "more_info": f"https://www.twilio.com/docs/errors/{code}",
            "status": status,
        }

    def _not_found(self, path: str) -> tuple[int, dict[str, Any]]:
        return self._error(404, 20404, f"The requested resource {path} was not found")


@pytest.fixture
def twilio_messaging(settings: Any) -> Iterator[FakeTwilioVerify]:
    """The configured SMS provider is Twilio, served by this fake (plain messages land in
    ``.messages``); links in messages point at https://tickets.example."""
    with FakeTwilioVerify() as fake:
        settings.SMS_PROVIDER = "twilio"
        settings.TWILIO_API_BASE = fake.base_url
        settings.TWILIO_ACCOUNT_SID = fake.account_sid
        settings.TWILIO_AUTH_TOKEN = fake.auth_token
        settings.TWILIO_FROM_NUMBER = fake.from_number
        settings.SMS_TIMEOUT_SECONDS = 5.0
        settings.FRONTEND_URL = "https://tickets.example"
        yield fake
