"""Unifonic Authenticate v2: Unifonic makes, sends and checks the code.

A check always answers 200 when it was understood; its ``error_code`` says how it went.

Plain messages (``send_message``) go through the messaging REST API instead
(``UNIFONIC_MESSAGES_API_BASE``), authenticated by the app's ``AppSid`` (``UNIFONIC_APP_ID``)
and sent from ``UNIFONIC_SENDER_ID``; it answers ``{"success": true, "data": {"MessageID"}}``.
"""

from __future__ import annotations

from django.conf import settings

from backend.accounts.sms.base import CheckResult, ProviderRejected, ProviderUnavailable
from backend.accounts.sms.http import Answer, configured, post_form

NAME = "unifonic"

ERROR_CODES = {
    "101": CheckResult.APPROVED,
    "107": CheckResult.WRONG,  # incorrect code
    "108": CheckResult.EXHAUSTED,  # attempts exceeded
    "109": CheckResult.EXPIRED,  # code expired
    "110": CheckResult.EXPIRED,  # already verified
}
INVALID_APP_SID = "ER-01"  # the messaging API's answer to an unknown AppSid


class UnifonicAuthenticateProvider:
    name = NAME
    generates_codes = True

    def start(self, *, phone: str, code: str | None, locale: str) -> str:
        answer = _post(
            "start",
            {"to": phone, "channel": "sms", "locale": locale, "length": str(settings.OTP_LENGTH)},
        )
        verification_id = answer.text("id")
        if answer.ok and verification_id is not None:
            return verification_id
        raise _refusal(answer)

    def check(self, *, phone: str, reference: str, code: str) -> CheckResult:
        # By number, as the API asks; ``reference`` (the id) is not part of a check.
        answer = _post("check", {"to": phone, "channel": "sms", "code": code})
        if answer.ok:
            error_code = answer.body.get("error_code")
            result = ERROR_CODES.get(str(error_code))
            if result is None:
                raise ProviderUnavailable(
                    f"unifonic answered a check with error_code {error_code!r}"
                )
            return result
        if answer.status == 404:  # no verification for this number (any more)
            return CheckResult.EXPIRED
        raise _refusal(answer)

    def send_message(self, *, phone: str, text: str) -> str:
        base, app_sid, sender = configured(
            NAME, "UNIFONIC_MESSAGES_API_BASE", "UNIFONIC_APP_ID", "UNIFONIC_SENDER_ID"
        )
        answer = post_form(
            NAME,
            f"{base.rstrip('/')}/rest/SMS/messages",
            {"AppSid": app_sid, "SenderID": sender, "Recipient": phone.lstrip("+"), "Body": text},
        )
        data = answer.body.get("data")
        message_id = data.get("MessageID") if isinstance(data, dict) else None
        if answer.ok and answer.body.get("success") is True and message_id not in (None, ""):
            return str(message_id)
        error_code = answer.body.get("errorCode")
        if error_code == INVALID_APP_SID or answer.status in (401, 403):
            message = answer.body.get("message") or ""
            raise ProviderUnavailable(
                "unifonic refused our AppSid: a configuration outage, check UNIFONIC_APP_ID."
                f" {message}".rstrip()
            )
        if answer.status in (200, 400) and answer.body.get("success") is False:
            raise ProviderRejected(str(error_code or answer.body.get("message") or "HTTP 400"))
        raise answer.unavailable()


def _post(action: str, form: dict[str, str]) -> Answer:
    base, app_id, token = configured(
        NAME, "UNIFONIC_API_BASE", "UNIFONIC_APP_ID", "UNIFONIC_AUTH_TOKEN"
    )
    return post_form(
        NAME,
        f"{base.rstrip('/')}/services/api/v2/verifications/{action}",
        form,
        headers={"x-authenticate-app-id": app_id, "Authorization": f"Bearer {token}"},
    )


def _refusal(answer: Answer) -> ProviderRejected | ProviderUnavailable:
    """A 400 refuses this request (its reason is Unifonic's code or message); else an outage."""
    if answer.status == 400:
        reason = next(
            (
                str(answer.body[key])
                for key in ("error_code", "code", "message")
                if answer.body.get(key) not in (None, "")
            ),
            "HTTP 400",
        )
        return ProviderRejected(reason)
    return answer.unavailable()
