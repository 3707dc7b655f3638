"""The fake Twilio (Verify and Messaging) with an inbox a Postman collection can read.

A collection signs in by SMS code like a person: it asks for a code, then reads the SMS. The
server under test sends through Twilio (``SMS_PROVIDER=twilio``, :meth:`FakeSmsInbox.server_env`
points it here); the collection's ``{{smsOutbox}}`` is ``.base_url`` and

    GET {{smsOutbox}}/last?to={{phone}}  →  200 {"code": "123456", "to": "+966…", "body": …}

answers the last code (or plain message) sent to that phone, 404 ``{"error": …}`` if none.
``to`` may be E.164 (``+`` kept as is or ``%2B``) or a local form (``0512345678``): the last
digits decide. Standalone, for running a collection against your own server::

    .venv/bin/python -m tests.support.fake_sms_inbox
    # prints its URL and the environment variables to start the server with
"""

from __future__ import annotations

import argparse
import re
import time
from typing import Any
from urllib.parse import unquote, urlsplit

from tests.support.fake_http import Received
from tests.support.fake_twilio import FakeTwilioVerify

CODE = re.compile(r"\b(\d{4,8})\b")


def _digits(phone: str) -> str:
    """The number without its country code's leading zeros or punctuation ("05…" → "5…")."""
    return re.sub(r"\D", "", phone).lstrip("0")


def same_phone(sent_to: str, asked: str) -> bool:
    """``asked`` names ``sent_to`` (E.164): equal digits, or a local form ending the same."""
    sent, wanted = _digits(sent_to), _digits(asked)
    return bool(wanted) and len(wanted) >= 7 and sent.endswith(wanted)


class FakeSmsInbox(FakeTwilioVerify):
    """Twilio Verify v2 and Messaging (see :class:`FakeTwilioVerify`), plus ``GET /last``."""

    def answer(self, request: Received) -> tuple[int, dict[str, Any]]:
        url = urlsplit(request.path)
        if request.method == "GET" and url.path == "/last":
            return self._last(url.query)
        return super().answer(request)

    def _last(self, query: str) -> tuple[int, dict[str, Any]]:
        # Not parse_qs: a "+" in the query is the phone's plus, not a space.
        asked = ""
        for pair in query.split("&"):
            name, _, value = pair.partition("=")
            if name == "to":
                asked = unquote(value)
        found: list[tuple[str, str, str]] = [
            (sent.to, sent.code, "") for sent in self.sent if same_phone(sent.to, asked)
        ]
        for message in self.messages:
            digits = CODE.search(message.body)
            if digits and same_phone(message.to, asked):
                found.append((message.to, digits.group(1), message.body))
        if not found:
            return 404, {"error": f"no SMS was sent to {asked!r}"}
        to, code, body = found[-1]
        return 200, {"to": to, "code": code, "body": body}

    def server_env(self) -> dict[str, str]:
        """The environment variables that make a server send its SMS here."""
        return {
            "SMS_PROVIDER": "twilio",
            "TWILIO_VERIFY_API_BASE": self.base_url,
            "TWILIO_API_BASE": self.base_url,
            "TWILIO_VERIFY_SERVICE_SID": self.service_sid,
            "TWILIO_ACCOUNT_SID": self.account_sid,
            "TWILIO_AUTH_TOKEN": self.auth_token,
            "TWILIO_FROM_NUMBER": self.from_number,
        }


def main() -> None:  # pragma: no cover (a tool for people)
    argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0]).parse_args()
    inbox = FakeSmsInbox().start()
    print("Start the server with:")
    for name, value in inbox.server_env().items():
        print(f"  export {name}={value}")
    print(f"and run newman with --env-var smsOutbox={inbox.base_url}")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        inbox.stop()


if __name__ == "__main__":
    main()
