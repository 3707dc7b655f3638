"""The messages of a ticket transfer: the person a ticket is offered to hears of the offer,
and the receiver, once they accept, gets the ticket (by SMS with a signed link to their
tickets page, and by e-mail with its PDF).

The person is the account with the offered phone number. Like every guest message, it goes by
SMS to the account's mobile number proved with a code, and by e-mail when the account has a
verified address; a number that no account has proved (someone who never signed in) gets no
SMS: the message is held and logged, and the sender tells them (the offer waits in the app for
48 hours). All are logged against the sender's booking.
"""

from __future__ import annotations

import logging

from django.conf import settings

from backend.accounts.models import User
from backend.accounts.phones import person_shown
from backend.core.tasks import enqueue
from backend.inventory.wording import file_name
from backend.notifications.services.outbox import About, Attachment, email_send, sms_send
from backend.tickets.links import ticket_link_url
from backend.tickets.models import Ticket, TicketTransfer
from backend.tickets.pdf import tickets_pdf

logger = logging.getLogger(__name__)

KINDS = {"offered": "transfer_offered", "accepted": "transfer_received"}


def _recipient(transfer: TicketTransfer, kind: str) -> User | None:
    if kind == "accepted":
        return transfer.receiver
    return User.objects.filter(phone=transfer.phone, is_active=True).first()


def transfer_notify(*, transfer: TicketTransfer, kind: str) -> None:
    """The ``transfer_notice`` hook's subscriber (after commit): queue the message by SMS
    (held unless their number is proved) and, when the person has a verified address, by
    e-mail."""
    recipient = _recipient(transfer, kind)
    if recipient is not None and recipient.email_verified:
        enqueue("notifications.send_transfer_message", str(transfer.pk), kind, "email")
    enqueue("notifications.send_transfer_message", str(transfer.pk), kind, "sms")


def transfer_message_send(*, transfer_id: str, kind: str, channel: str) -> bool:
    """Send (and log) one transfer message; False when it was not sent."""
    if kind not in KINDS or channel not in ("email", "sms"):
        raise ValueError(f"Unknown transfer message {kind!r} by {channel!r}.")
    transfer = (
        TicketTransfer.objects.select_related(
            "ticket__booking__event__venue", "ticket__booking__user", "sender", "receiver"
        )
        .filter(pk=transfer_id)
        .first()
    )
    if transfer is None:
        logger.warning("transfer message %s: transfer %s does not exist", kind, transfer_id)
        return False
    ticket, recipient = transfer.ticket, _recipient(transfer, kind)
    booking = ticket.booking
    language = recipient.language if recipient is not None else booking.language
    about = About(booking=booking, user=recipient, event=booking.event)
    context = {
        "event": booking.event,
        "venue": booking.event.venue,
        "name": transfer.name or (recipient.name if recipient else ""),
        # Who sends: their name and masked phone, never their whole number.
        "sender": person_shown(
            transfer.sender.name, transfer.sender.phone or "", mark="*" if channel == "sms" else "•"
        ),
        "phone": transfer.phone,
        "expires_at": transfer.expires_at,
        "link": f"{settings.FRONTEND_URL}/bookings?lang={language}",
    }
    if kind == "accepted" and recipient is not None:
        context["link"] = ticket_link_url(booking=booking, holder=recipient)
    if channel == "email" and recipient is not None and recipient.email_verified:
        attachments = _ticket_attachment(ticket, language) if kind == "accepted" else []
        message = email_send(template=KINDS[kind], language=language, to=recipient.email or "",
                             context=context, about=about, attachments=attachments)  # fmt: skip
    else:  # held when nobody proved this number (never texted)
        message = sms_send(template=KINDS[kind], language=language, user=recipient,
                           context=context, about=about, number=transfer.phone)  # fmt: skip
    return message.status == message.Status.SENT


def _ticket_attachment(ticket: Ticket, language: str) -> list[Attachment]:
    """The ticket as a PDF in the receiver's language, named after its reference."""
    name = file_name(kind=ticket.event.kind, reference=ticket.reference, extension="pdf")
    try:
        return [(name, tickets_pdf([ticket], language=language), "application/pdf")]
    except Exception:
        logger.exception("transfer e-mail: the PDF of ticket %s failed", ticket.pk)
        return []
