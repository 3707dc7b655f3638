"""Every e-mail and SMS to a guest goes out here, and every one is logged.

A message is one template per language: ``notifications/email/<language>/<name>.subject.txt``,
``.txt`` and ``.html`` for an e-mail, ``notifications/sms/<language>/<name>.txt`` for an SMS,
rendered in that language and in the event's time zone. Each send writes a
:class:`~backend.notifications.models.Message`: to whom, which template, and the provider's
answer (its message id, or why it failed). A failed attempt that may succeed later (the mail
server or the SMS provider cannot be reached) is logged and raised again for the task to retry,
and the retry logs its own row.

An SMS goes only to the account's own mobile number proved with a code
(:func:`verified_mobile`), never to a number typed into a form: otherwise the message is
*held* (logged, not sent).
"""

from __future__ import annotations

import smtplib
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from email.utils import make_msgid
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from backend.accounts.models import User
from backend.accounts.phones import is_mobile
from backend.accounts.sms import ProviderRejected, ProviderUnavailable, get_provider
from backend.bookings.models import Booking
from backend.inventory.models import Event
from backend.notifications.models import Message

LANGUAGES = ("ar", "en")
Attachment = tuple[str, bytes, str]  # file name, content, MIME type


@dataclass(frozen=True)
class About:
    """What a message is about, for its log row (and the time zone it is written in)."""

    booking: Booking | None = None
    user: User | None = None
    event: Event | None = None

    @classmethod
    def of(cls, booking: Booking, user: User | None = None) -> About:
        return cls(booking=booking, user=user or booking.user, event=booking.event)

    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.event.venue.time_zone if self.event else "UTC")
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")


def language_of(value: str | None) -> str:
    return value if value in LANGUAGES else "en"


def verified_mobile(user: User | None) -> str | None:
    """The account's phone, if it was proved with a code and takes SMS."""
    if user is None or not user.phone_verified:
        return None
    return user.verified_phone if is_mobile(user.verified_phone) else None


def _log(channel: str, template: str, language: str, to: str, about: About, **row: Any) -> Message:
    return Message.objects.create(
        channel=channel,
        template=template,
        language=language,
        to=to,
        booking=about.booking,
        user=about.user,
        event=about.event,
        **row,
    )


def _render(path: str, language: str, context: Mapping[str, Any], about: About) -> str:
    with translation.override(language), timezone.override(about.zone()):
        return render_to_string(path, dict(context))


def email_send(
    *,
    template: str,
    language: str,
    to: str,
    context: Mapping[str, Any],
    about: About,
    attachments: Iterable[Attachment] = (),
) -> Message:
    """Render and send one e-mail (text with an HTML alternative) and log it. A refused
    address is logged as failed; an unreachable server is logged and raised (retry)."""
    language = language_of(language)
    base = f"notifications/email/{language}/{template}"
    subject = " ".join(_render(f"{base}.subject.txt", language, context, about).split())
    message_id = make_msgid(domain="gatehouse")
    email = EmailMultiAlternatives(
        subject,
        _render(f"{base}.txt", language, context, about),
        None,
        [to],
        headers={"Message-ID": message_id},
    )
    email.attach_alternative(_render(f"{base}.html", language, context, about), "text/html")
    names = []
    for name, content, mimetype in attachments:
        email.attach(name, content, mimetype)
        names.append(name)
    log = {"attachments": names}
    try:
        email.send()
    except smtplib.SMTPRecipientsRefused as error:
        return _log("email", template, language, to, about, status="failed",
                    answer=f"refused: {error.recipients}", **log)  # fmt: skip
    except (OSError, smtplib.SMTPException) as error:
        _log("email", template, language, to, about, status="failed",
             answer=f"unavailable: {type(error).__name__}: {error}", **log)  # fmt: skip
        raise
    return _log("email", template, language, to, about, status="sent",
                answer=f"accepted {message_id}", **log)  # fmt: skip


def sms_send(
    *,
    template: str,
    language: str,
    user: User | None,
    context: Mapping[str, Any],
    about: About,
    number: str = "",
) -> Message:
    """Render and send one SMS to ``user``'s proved mobile number and log it; held (logged,
    not sent) when the account has none, or when there is no account (``number``, the one
    typed, is only logged). A refusal is logged as failed; an outage is logged and raised
    (retry)."""
    language = language_of(language)
    phone = verified_mobile(user)
    if phone is None:
        number = (user.phone if user else number) or ""
        why = "held: no mobile number proved with a code" if number else "held: no phone"
        return _log("sms", template, language, number, about, status="held", answer=why)
    text = _render(f"notifications/sms/{language}/{template}.txt", language, context, about)
    provider = get_provider()
    try:
        reference = provider.send_message(phone=phone, text=" ".join(text.split()))
    except ProviderRejected as error:
        return _log("sms", template, language, phone, about, status="failed",
                    answer=f"{provider.name} refused: {error.reason}")  # fmt: skip
    except ProviderUnavailable as error:
        _log("sms", template, language, phone, about, status="failed",
             answer=f"{provider.name} unavailable: {error}")  # fmt: skip
        raise
    return _log("sms", template, language, phone, about, status="sent",
                answer=f"{provider.name} {reference or 'accepted'}")  # fmt: skip
