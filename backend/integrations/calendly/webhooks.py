"""Calendly's webhooks: a VIP who books the evening on Calendly uses their invitation.

The VIP evening may be booked on Calendly instead of our own slots. Calendly only tells us
who booked, so this receiver keeps the allowlist honest: ``invitee.created`` marks the
invitee's phone booked, ``invitee.canceled`` gives the invitation back. Deliveries go
through the same verify-store-handle path as payment webhooks (``webhook_receive``).

Calendly sends no delivery id; the event name plus the invitee's URI is unique enough (a
created and a canceled invitee differ by event name, and a reschedule makes a new invitee).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings

from backend.accounts.phones import InvalidPhone, normalize_phone
from backend.accounts.services.allowlist import (
    AlreadyBooked,
    NotOnAllowlist,
    allowlist_mark_booked,
    allowlist_unbook,
)
from backend.inventory.models import Event
from backend.payments import signing
from backend.payments.models import WebhookDelivery

logger = logging.getLogger(__name__)
SIGNATURE_HEADER = "calendly-webhook-signature"


class CalendlyReceiver:
    """The ``Receiver`` of ``backend.payments.services.webhooks`` for Calendly."""

    def verify_webhook(self, body: bytes, headers: Mapping[str, str]) -> None:
        signing.verify(
            headers.get(SIGNATURE_HEADER),
            settings.CALENDLY_WEBHOOK_SIGNING_KEY,  # unset: every delivery is refused
            body,
            tolerance=settings.WEBHOOK_TOLERANCE_SECONDS["calendly"],
        )

    def identify(self, payload: dict[str, Any], headers: Mapping[str, str]) -> tuple[str, str]:
        event_type = payload.get("event")
        event_type = event_type if isinstance(event_type, str) else ""
        uri = _invitee(payload).get("uri")
        if not event_type or not isinstance(uri, str) or not uri:
            return "", event_type  # no id: the caller answers 400
        return f"{event_type}:{uri}", event_type

    def handle(self, delivery: WebhookDelivery) -> tuple[bool, str]:
        invitee = _invitee(delivery.payload)
        if delivery.event_type == "invitee.created":
            return self._created(invitee)
        if delivery.event_type == "invitee.canceled":
            return self._canceled(invitee)
        return False, "nothing to do"

    def _created(self, invitee: dict[str, Any]) -> tuple[bool, str]:
        found = _event_and_phone(invitee)
        if isinstance(found, str):
            return False, found
        event, phone = found
        try:
            allowlist_mark_booked(event=event, phone=phone)
        except NotOnAllowlist:
            logger.warning("calendly: %s (%s) is not on the allowlist", phone, _who(invitee))
            return False, f"{phone} is not on the allowlist"
        except AlreadyBooked:
            return False, "already booked"
        logger.info("calendly: %s (%s) booked %s", phone, _who(invitee), event.slug)
        return True, f"booked {phone}"

    def _canceled(self, invitee: dict[str, Any]) -> tuple[bool, str]:
        if invitee.get("rescheduled") is True:  # the new booking arrives as invitee.created
            return False, "rescheduled: kept"
        found = _event_and_phone(invitee)
        if isinstance(found, str):
            return False, found
        event, phone = found
        if not allowlist_unbook(event=event, phone=phone):
            return False, f"{phone} was not booked"
        logger.info("calendly: %s (%s) cancelled %s", phone, _who(invitee), event.slug)
        return True, f"unbooked {phone}"


def _invitee(payload: Mapping[str, Any]) -> dict[str, Any]:
    invitee = payload.get("payload")
    return invitee if isinstance(invitee, dict) else {}


def _who(invitee: Mapping[str, Any]) -> str:
    return f"{invitee.get('name') or '?'} <{invitee.get('email') or '?'}>"


def _event_and_phone(invitee: Mapping[str, Any]) -> tuple[Event, str] | str:
    """The allowlist-only event and the invitee's phone, or why we cannot tell (logged)."""
    event = Event.objects.filter(slug=settings.CALENDLY_EVENT, allowlist_only=True).first()
    if event is None:
        reason = f"no allowlist-only event {settings.CALENDLY_EVENT!r}"
    elif (phone := _phone(invitee)) is None:
        reason = "no usable phone"
    else:
        return event, phone
    logger.warning("calendly: %s for %s", reason, _who(invitee))
    return reason


def _phone(invitee: Mapping[str, Any]) -> str | None:
    """The SMS reminder number, else the first answer that is a phone number."""
    answers = invitee.get("questions_and_answers")
    candidates = [invitee.get("text_reminder_number")]
    if isinstance(answers, list):
        candidates += [qa.get("answer") for qa in answers if isinstance(qa, dict)]
    for raw in candidates:
        try:
            return normalize_phone(raw)
        except InvalidPhone:
            continue
    return None
