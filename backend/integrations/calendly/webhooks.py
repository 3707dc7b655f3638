"""Calendly's webhooks: a VIP who books the evening on Calendly uses their invitation.

The VIP evening may be booked on Calendly instead of our own slots. An invitee is known by
the signed, one-time value Gatehouse put into their scheduling link (``links``), which
Calendly hands back among the invitee's answers: ``invitee.created`` uses that invitation,
once; ``invitee.canceled`` gives back only an invitation that this same Calendly booking
used (never one used by a booking made here, whatever phone someone typed into an answer).
Deliveries go through the webhook inbox (``backend.webhooks``), like the payment providers':
``CalendlyReceiver`` is registered there for the ``calendly`` sender by ``IntegrationsConfig``.

Calendly sends no delivery id; the event name plus the invitee's URI is unique enough (a
created and a canceled invitee differ by event name, and a reschedule makes a new invitee).
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Iterator, Mapping
from typing import Any

from django.conf import settings
from django.db import transaction

from backend.accounts.models import AllowlistEntry
from backend.accounts.services.allowlist import allowlist_mark_booked, allowlist_unbook
from backend.integrations.calendly.links import Invitation, invitation_from
from backend.payments import signing
from backend.payments.providers.base import BadSignature
from backend.webhooks.models import WebhookDelivery
from backend.webhooks.receivers import Handled, Identified, applied, ignored

logger = logging.getLogger(__name__)
SIGNATURE_HEADER = "calendly-webhook-signature"
SECRET_HEADER = "x-webhook-secret"  # noqa: S105  (a header name: the shared secret's)
CALENDLY = AllowlistEntry.Via.CALENDLY


class CalendlyReceiver:
    """Calendly's ``Receiver`` (``backend.webhooks.receivers``)."""

    def accepts(self) -> bool:
        return True  # unconfigured, every delivery is refused as badly signed (400)

    def verify_webhook(self, body: bytes, headers: Mapping[str, str]) -> None:
        shared = settings.CALENDLY_WEBHOOK_SECRET
        presented = headers.get(SECRET_HEADER)
        if shared and presented is not None:
            # A relay that cannot sign (the old Lodore Villa setup) sends the shared secret.
            if not hmac.compare_digest(presented.encode(), shared.encode()):
                raise BadSignature("The webhook secret is wrong.")
            return
        signing.verify(
            headers.get(SIGNATURE_HEADER),
            settings.CALENDLY_WEBHOOK_SIGNING_KEY,  # unset: every delivery is refused
            body,
            tolerance=settings.WEBHOOK_TOLERANCE_SECONDS["calendly"],
        )

    def identify(self, payload: dict[str, Any], headers: Mapping[str, str]) -> Identified:
        event_type = payload.get("event")
        event_type = event_type if isinstance(event_type, str) else ""
        uri = _invitee(payload).get("uri")
        if not event_type or not isinstance(uri, str) or not uri:
            return Identified("", event_type)  # no id: the inbox answers 400
        return Identified(f"{event_type}:{uri}", event_type)

    def handle(self, delivery: WebhookDelivery) -> Handled:
        invitee = _invitee(delivery.payload)
        if delivery.event_type == "invitee.created":
            return _created(invitee)
        if delivery.event_type == "invitee.canceled":
            return _canceled(invitee)
        return ignored("nothing to do")


@transaction.atomic
def _created(invitee: dict[str, Any]) -> Handled:
    invitation = _invitation(invitee)
    if invitation is None:
        logger.warning("calendly: a booking without a Gatehouse invitation (%s)", _who(invitee))
        return ignored("no Gatehouse invitation in the answers")
    entry = (
        AllowlistEntry.objects.select_for_update()
        .filter(event_id=invitation.event_id, phone=invitation.phone, event__allowlist_only=True)
        .first()
    )
    if entry is None or entry.calendly_nonce != invitation.nonce:
        logger.warning("calendly: a used or replaced invitation link (%s)", _who(invitee))
        return ignored("this invitation link was replaced or used")
    uri = str(invitee["uri"])
    if entry.booked_at is not None:
        if entry.booked_via == CALENDLY and invitee.get("old_invitee") == entry.calendly_invitee:
            # A reschedule: Calendly makes a new invitee (naming the old one), same answers.
            entry.calendly_invitee = uri
            entry.save(update_fields=["calendly_invitee", "updated_at"])
            return applied(f"rescheduled {entry.phone}")
        return ignored("already booked")
    allowlist_mark_booked(event=entry.event, phone=entry.phone, via=CALENDLY, calendly_invitee=uri)
    logger.info("calendly: %s (%s) booked event %s", entry.phone, _who(invitee), entry.event_id)
    return applied(f"booked {entry.phone}")


def _canceled(invitee: dict[str, Any]) -> Handled:
    if invitee.get("rescheduled") is True:  # the new booking arrives as invitee.created
        return ignored("rescheduled: kept")
    entry = AllowlistEntry.objects.filter(
        calendly_invitee=str(invitee.get("uri")), booked_via=CALENDLY
    ).first()
    if entry is None:
        return ignored("not a Calendly booking of an invitation")
    allowlist_unbook(event=entry.event, phone=entry.phone, via=CALENDLY)
    logger.info("calendly: %s (%s) cancelled event %s", entry.phone, _who(invitee), entry.event_id)
    return applied(f"unbooked {entry.phone}")


def _invitation(invitee: Mapping[str, Any]) -> Invitation | None:
    for value in _answers(invitee):
        invitation = invitation_from(value)
        if invitation is not None:
            return invitation
    return None


def _answers(invitee: Mapping[str, Any]) -> Iterator[object]:
    answers = invitee.get("questions_and_answers")
    if isinstance(answers, list):
        yield from (qa.get("answer") for qa in answers if isinstance(qa, dict))
    tracking = invitee.get("tracking")
    if isinstance(tracking, dict):
        yield tracking.get("utm_content")


def _invitee(payload: Mapping[str, Any]) -> dict[str, Any]:
    invitee = payload.get("payload")
    return invitee if isinstance(invitee, dict) else {}


def _who(invitee: Mapping[str, Any]) -> str:
    return f"{invitee.get('name') or '?'} <{invitee.get('email') or '?'}>"
