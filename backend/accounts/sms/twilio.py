"""Twilio Verify v2: Twilio makes, sends and checks the code.

A service keeps one open verification per number for 10 minutes: starting again while it is
open sends the same code again under the same sid (5 sends at most, then 429/60203), and it
takes 5 checks at most (then 429/60202). Once approved or expired it is gone: a check answers
404/20404. The code length is a setting of the Verify service, not of the request.

Plain messages (``send_message``) go through Programmable Messaging instead, from
``TWILIO_FROM_NUMBER``; Twilio answers 201 with the message's sid.
"""

from __future__ import annotations

from urllib.parse import quote

from backend.accounts.sms.base import CheckResult, ProviderRejected, ProviderUnavailable
from backend.accounts.sms.http import Answer, configured, post_form

NAME = "twilio"

# Every status a verification can have; only approved and pending are usual answers to a check.
STATUSES = {
    "approved": CheckResult.APPROVED,
    "pending": CheckResult.WRONG,
    "max_attempts_reached": CheckResult.EXHAUSTED,
    "canceled": CheckResult.EXPIRED,
    "expired": CheckResult.EXPIRED,
    "deleted": CheckResult.EXPIRED,
    "failed": CheckResult.EXPIRED,
}
MAX_CHECKS_REACHED = 60202
MAX_SENDS_REACHED = 60203


class TwilioVerifyProvider:
    name = NAME
    generates_codes = True

    def start(self, *, phone: str, code: str | None, locale: str) -> str:
        answer = _post("Verifications", {"To": phone, "Channel": "sms", "Locale": locale})
        sid = answer.text("sid")
        if answer.ok and sid is not None:
            return sid
        raise _refusal(answer)

    def check(self, *, phone: str, reference: str, code: str) -> CheckResult:
        # By number: the service holds one open verification per number, the one we started.
        answer = _post("VerificationCheck", {"To": phone, "Code": code})
        if answer.ok:
            status = answer.body.get("status")
            result = STATUSES.get(status) if isinstance(status, str) else None
            if result is None:
                raise ProviderUnavailable(f"twilio answered a check with status {status!r}")
            return result
        if answer.status == 404:
            return CheckResult.EXPIRED
        if answer.status == 429 and answer.body.get("code") == MAX_CHECKS_REACHED:
            return CheckResult.EXHAUSTED
        raise _refusal(answer)

    def send_message(self, *, phone: str, text: str) -> str:
        base, account, token, sender = configured(
            NAME, "TWILIO_API_BASE", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM_NUMBER"
        )
        url = f"{base.rstrip('/')}/2010-04-01/Accounts/{quote(account, safe='')}/Messages.json"
        answer = post_form(
            NAME, url, {"To": phone, "From": sender, "Body": text}, auth=(account, token)
        )
        sid = answer.text("sid")
        if answer.ok and sid is not None:
            return sid
        if answer.status == 400:  # e.g. 21211 invalid To, 21610 the number opted out
            code = answer.body.get("code")
            raise ProviderRejected(str(code) if code is not None else "HTTP 400")
        raise answer.unavailable()


def _post(endpoint: str, form: dict[str, str]) -> Answer:
    base, service, account, token = configured(
        NAME,
        "TWILIO_VERIFY_API_BASE",
        "TWILIO_VERIFY_SERVICE_SID",
        "TWILIO_ACCOUNT_SID",
        "TWILIO_AUTH_TOKEN",
    )
    url = f"{base.rstrip('/')}/v2/Services/{quote(service, safe='')}/{endpoint}"
    return post_form(NAME, url, form, auth=(account, token))


def _refusal(answer: Answer) -> ProviderRejected | ProviderUnavailable:
    """Twilio's own error code when it refuses this request; an outage for anything else.

    A 403 carrying a Verify error (60xxx, e.g. 60605 "blocked by geo permissions") is about the
    number; a 401 or any other 403 is about our credentials.
    """
    code = answer.body.get("code")
    verify_error = isinstance(code, int) and 60000 <= code < 61000
    if (
        answer.status == 400
        or (answer.status == 429 and code == MAX_SENDS_REACHED)
        or (answer.status == 403 and verify_error)
    ):
        return ProviderRejected(str(code) if code is not None else f"HTTP {answer.status}")
    return answer.unavailable()
