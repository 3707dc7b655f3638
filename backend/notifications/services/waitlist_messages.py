"""The message of a waitlist offer: returned units are held for the next person waiting, who
hears of it by e-mail (when the account has a verified address) and by SMS (to the mobile
number proved with a code; held and logged otherwise), in their language (Arabic or English),
with the offer's deadline and a link to its page in the web app (``/waitlist/{id}``)."""

from __future__ import annotations

import logging

from django.conf import settings

from backend.bookings.models import WaitlistEntry
from backend.core.tasks import enqueue
from backend.notifications.services.outbox import About, email_send, language_of, sms_send

logger = logging.getLogger(__name__)

TEMPLATE = "waitlist_offered"


def waitlist_notify(*, entry: WaitlistEntry) -> None:
    """The ``waitlist_offered`` hook's subscriber (after commit): queue the e-mail (verified
    address only) and the SMS."""
    if entry.user.email and entry.user.email_verified:
        enqueue("notifications.send_waitlist_offer", str(entry.pk), "email")
    enqueue("notifications.send_waitlist_offer", str(entry.pk), "sms")


def waitlist_offer_send(*, entry_id: str, channel: str) -> bool:
    """Send (and log) the offer's message by ``channel``; False when it was not sent (the
    entry is gone or no longer offered, or there is nowhere to send it)."""
    if channel not in ("email", "sms"):
        raise ValueError(f"Unknown channel {channel!r}.")
    entry = (
        WaitlistEntry.objects.select_related("event__venue", "user", "hold", "slot__resource")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None or entry.status != WaitlistEntry.Status.OFFERED or entry.hold is None:
        logger.info("waitlist offer %s: no longer offered, nothing sent", entry_id)
        return False
    user = entry.user
    language = language_of(getattr(user, "language", "") or entry.event.language)
    context = {
        "event": entry.event,
        "venue": entry.event.venue,
        "name": user.name,
        "resource": entry.slot.resource.name,
        "starts_at": entry.slot.starts_at,
        "quantity": entry.quantity,
        "expires_at": entry.hold.expires_at,
        "link": f"{settings.FRONTEND_URL}/waitlist/{entry.pk}",
    }
    about = About(user=user, event=entry.event)
    if channel == "email":
        if not (user.email and user.email_verified):
            return False
        message = email_send(template=TEMPLATE, language=language, to=user.email,
                             context=context, about=about)  # fmt: skip
    else:
        message = sms_send(template=TEMPLATE, language=language, user=user, context=context,
                           about=about)  # fmt: skip
    return message.status == message.Status.SENT
