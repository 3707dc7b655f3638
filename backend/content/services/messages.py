"""The contact form: a visitor's message, stored and e-mailed to the event's staff.

In order, a message that passed the API's field checks is

1. counted against the rate limits, both at once (a refused message counts against
   neither): ``CONTACT_MESSAGES_PER_EMAIL`` per sender address (3) and
   ``CONTACT_MESSAGES_PER_IP`` per client address (10; an IPv6 client's /64) within
   ``CONTACT_WINDOW_SECONDS`` (an hour). Over either: 429 ``rate_limited`` with
   ``retry_after``. Spam counts too, so a bot that keeps trying is slowed down as well;
2. refused as spam (400 ``spam``) when the hidden ``website`` field (a honeypot people never
   see) is filled, or it carries links: any link in the name or subject, or more than
   :data:`MAX_LINKS` in the message. A link is ``http://``, ``https://`` or ``www.``, an HTML
   ``<a`` or a BBCode ``[url``, in any case;
3. stored, and e-mailed after commit by the ``content.send_contact_message`` task to the
   event's staff (see ``selectors.staff_recipients``; else ``ADMINS``, else
   ``DEFAULT_FROM_EMAIL``) with ``Reply-To`` the sender.

Nothing is stored for a refused message.
"""

from __future__ import annotations

import logging
import re
from email.utils import formataddr
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from backend.accounts.models import User
from backend.content.models import ContactMessage
from backend.content.selectors import iso, staff_recipients
from backend.core import ratelimit
from backend.core.audit import audit
from backend.core.errors import ApplicationError
from backend.core.ratelimit import Limit, address_key
from backend.core.tasks import enqueue
from backend.inventory.models import Event

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal

logger = logging.getLogger(__name__)

MAX_LINKS = 2
LINK = re.compile(r"https?://|www\.|<a[\s>]|\[url", re.IGNORECASE)


class Spam(ApplicationError):
    status, code, message = 400, "spam", "This message looks like spam and was not sent."


def spam_reason(*, name: str, subject: str, message: str, website: str) -> str | None:
    """Why this message is spam, or None (the rule above)."""
    if website.strip():
        return "honeypot"
    if LINK.search(name) or LINK.search(subject):
        return "link in name or subject"
    if len(LINK.findall(message)) > MAX_LINKS:
        return "too many links"
    return None


def contact_limits(*, email: str, ip: str | None) -> tuple[tuple[Limit, str], ...]:
    window = settings.CONTACT_WINDOW_SECONDS
    return (
        (Limit("contact-email", settings.CONTACT_MESSAGES_PER_EMAIL, window), email),
        (Limit("contact-ip", settings.CONTACT_MESSAGES_PER_IP, window), address_key(ip)),
    )


def contact_message_submit(
    *,
    event: Event,
    name: str,
    email: str,
    message: str,
    subject: str = "",
    website: str = "",
    ip: str | None = None,
) -> ContactMessage:
    """Take a visitor's message (limits, spam, store, e-mail after commit)."""
    email = email.strip().lower()
    decision, _ = ratelimit.hit(*contact_limits(email=email, ip=ip))
    decision.raise_if_refused("Too many messages; try again later.")
    reason = spam_reason(name=name, subject=subject, message=message, website=website)
    if reason is not None:
        logger.info("contact form of %s: refused as spam (%s) from %s", event.slug, reason, ip)
        raise Spam()
    with transaction.atomic():
        stored = ContactMessage.objects.create(
            event=event, name=name, email=email, subject=subject, message=message,
            client_address=ip or None,
        )  # fmt: skip
        enqueue("content.send_contact_message", stored.pk)
    return stored


def _address(admin: Any) -> str:
    """An ADMINS entry: an address, or the older ``(name, address)`` pair."""
    return str(admin if isinstance(admin, str) else admin[1])


def contact_message_email(message: ContactMessage) -> EmailMessage:
    """The e-mail to the event's staff about ``message``, answered straight to its sender."""
    event = message.event
    recipients = (
        staff_recipients(event)
        or [_address(admin) for admin in settings.ADMINS]
        or [settings.DEFAULT_FROM_EMAIL]
    )
    topic = " ".join(message.subject.split()) or "A message from the contact form"
    body = (
        f"{message.name} <{message.email}> wrote through the contact form of {event.name} "
        f"on {iso(message.created_at)}:\n\n"
        f"Subject: {message.subject or '(none)'}\n\n"
        f"{message.message}\n\n"
        "-- \nReply to this e-mail to answer them. Mark it handled on the staff pages "
        f"(message #{message.pk}).\n"
    )
    return EmailMessage(
        subject=f"[{event.name}] {topic}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=[formataddr((" ".join(message.name.split()), message.email))],
    )


def contact_message_email_send(*, message_id: int) -> bool:
    """Send the staff the message's e-mail (the ``content.send_contact_message`` task);
    False when the message is gone."""
    message = ContactMessage.objects.select_related("event").filter(pk=message_id).first()
    if message is None:
        logger.warning("contact e-mail: message %s does not exist", message_id)
        return False
    contact_message_email(message).send()
    return True


def contact_message_handled(*, message: ContactMessage, actor: Principal | None) -> ContactMessage:
    """Mark a message handled (once: a second time keeps the first time and writes nothing)."""
    with transaction.atomic():
        message = (
            ContactMessage.objects.select_for_update(of=("self",))
            .select_related("event")
            .get(pk=message.pk)
        )
        if message.handled_at is not None:
            return message
        message.handled_at = timezone.now()
        message.handled_by = actor if isinstance(actor, User) else None
        message.save(update_fields=["handled_at", "handled_by"])
        after = {"handled_at": iso(message.handled_at)}
        audit(actor=actor, action="content.message_handled", obj=message, event=message.event,
              before={"handled_at": None}, after=after)  # fmt: skip
    return message
