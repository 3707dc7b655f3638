"""A fake Unifonic Authenticate v2 on 127.0.0.1 (same switches as the Twilio fake).

Point ``UNIFONIC_API_BASE`` at ``.base_url``; ``code_for(phone)`` is what the user would read.
The same server answers the messaging REST API (``POST /rest/SMS/messages``, point
``UNIFONIC_MESSAGES_API_BASE`` at it, ``UNIFONIC_SENDER_ID`` = ``.sender_id``); plain messages
are recorded in ``.messages``.
"""

from __future__ import annotations

import re
import secrets
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from tests.support.fake_http import E164, FakeServer, Message, Received, Sent

CORRECT = 101
INCORRECT = 107
ATTEMPTS_EXCEEDED = 108
EXPIRED = 109
ALREADY_VERIFIED = 110
RECIPIENT = re.compile(r"[1-9]\d{7,14}")  # the messaging API wants digits, no "+"


@dataclass
class Verification:
    id: str
    to: str
    code: str
    attempts: int = 0
    started: float = field(default_factory=time.monotonic)
    expired: bool = False
    verified: bool = False


class FakeUnifonicAuthenticate(FakeServer):
    """Unifonic Authenticate v2: ``verifications/start`` and ``verifications/check``.

    Each start makes a new verification (and code) for the number. A check answers 200 with
    ``error_code`` 101 correct, 107 incorrect, 108 attempts exceeded (after ``max_attempts``
    tries), 109 expired (``ttl_seconds``, or ``expire()``), 110 already verified; 404 when the
    number never had one. Bad input answers 400, bad credentials 401.
    """

    def __init__(
        self,
        *,
        app_id: str = "fake-unifonic-app-id",
        auth_token: str = "fake-unifonic-token",
        max_attempts: int = 5,
        ttl_seconds: float = 600.0,
        sender_id: str = "Gatehouse",  # a sender ID approved for the app
    ) -> None:
        super().__init__()
        self.app_id = app_id
        self.auth_token = auth_token
        self.max_attempts = max_attempts
        self.ttl_seconds = ttl_seconds
        self.sender_id = sender_id
        self._next_message_id = 10_000_000
        self.verifications: dict[str, Verification] = {}  # the latest one, by number

    def expire(self, phone: str) -> None:
        """As if the code sent to ``phone`` had outlived its time."""
        with self._lock:
            self.verifications[phone].expired = True

    def answer(self, request: Received) -> tuple[int, dict[str, Any]]:
        if request.path == "/rest/SMS/messages":  # authenticated by the AppSid in the form
            if request.method != "POST":
                return 405, {"message": "Method Not Allowed"}
            return self._message(request.form)
        if (
            request.headers.get("x-authenticate-app-id") != self.app_id
            or request.headers.get("authorization") != f"Bearer {self.auth_token}"
        ):
            return 401, {"message": "Unauthorized"}
        if request.method == "POST" and request.path == "/services/api/v2/verifications/start":
            return self._start(request.form)
        if request.method == "POST" and request.path == "/services/api/v2/verifications/check":
            return self._check(request.form)
        return 404, {"message": "Not Found"}

    def _start(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        to, channel, locale = form.get("to", ""), form.get("channel"), form.get("locale", "en")
        length = form.get("length", "6")
        if not E164.fullmatch(to):
            return _bad_request("to", "The to must be a valid phone number.")
        if channel not in {"sms", "whatsapp", "voice", "email"}:
            return _bad_request("channel", "The selected channel is invalid.")
        if not length.isdigit() or not 4 <= int(length) <= 10:
            return _bad_request("length", "The length must be between 4 and 10.")
        verification = Verification(
            id=str(uuid.uuid4()),
            to=to,
            code="".join(secrets.choice("0123456789") for _ in range(int(length))),
        )
        self.verifications[to] = verification
        self.sent.append(Sent(to, verification.code, locale, verification.id))
        return 200, {
            "id": verification.id,
            "to": to,
            "channel": channel,
            "locale": locale,
            "length": int(length),
            "code_type": "numeric",
        }

    def _check(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        to, code = form.get("to", ""), form.get("code", "")
        if not E164.fullmatch(to):
            return _bad_request("to", "The to must be a valid phone number.")
        if not code:
            return _bad_request("code", "The code field is required.")
        verification = self.verifications.get(to)
        if verification is None:
            return 404, {"message": "Verification not found"}
        if verification.verified:
            return _checked(verification, ALREADY_VERIFIED)
        if verification.expired or time.monotonic() - verification.started > self.ttl_seconds:
            return _checked(verification, EXPIRED)
        if verification.attempts >= self.max_attempts:
            return _checked(verification, ATTEMPTS_EXCEEDED)
        verification.attempts += 1
        if code != verification.code:
            return _checked(verification, INCORRECT)
        verification.verified = True
        return _checked(verification, CORRECT)

    def _message(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if form.get("AppSid") != self.app_id:
            return _messaging_error(401, "ER-01", "Invalid AppSid")
        recipient, sender, body = form.get("Recipient", ""), form.get("SenderID"), form.get("Body")
        if not recipient or not body:
            return _messaging_error(400, "ER-02", "Missing parameter")
        if not RECIPIENT.fullmatch(recipient):
            return _messaging_error(400, "ER-05", "Invalid destination number")
        if sender != self.sender_id:
            return _messaging_error(400, "ER-07", "Sender ID is not approved")
        self._next_message_id += 1
        message = Message("+" + recipient, body, str(self._next_message_id))
        self.messages.append(message)
        return 200, {
            "success": True,
            "message": "",
            "errorCode": "ER-00",
            "data": {
                "MessageID": self._next_message_id,
                "CorrelationID": "",
                "Status": "Sent",
                "NumberOfUnits": 1,
                "Cost": 0.05,
                "Balance": 100,
                "Recipient": int(recipient),
                "TimeCreated": time.strftime("%Y-%m-%d %H:%M:%S"),
            },
        }


def _messaging_error(status: int, code: str, message: str) -> tuple[int, dict[str, Any]]:
    return status, {"success": False, "message": message, "errorCode": code, "data": None}


def _checked(verification: Verification, error_code: int) -> tuple[int, dict[str, Any]]:
    return 200, {
        "id": verification.id,
        "response_status": "correct" if error_code == CORRECT else "incorrect",
        "error_code": error_code,
    }


def _bad_request(name: str, message: str) -> tuple[int, dict[str, Any]]:
    return 400, {"message": message, "errors": {name: [message]}}
