"""The scheduling links Gatehouse gives invited VIPs, and reading them back.

A VIP books the evening on Calendly through a link that Gatehouse made for them: the event
type's address with a prefilled answer (``a1``, Calendly's first invitee question) holding
a signed value that names the invitation (the event and the phone) and a one-time nonce.
Calendly hands the answer back in its webhook, so the booking is tied to the invitation
that was given out, not to whatever phone number someone typed. A new link replaces the
last one (its nonce changes), and a link books once.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.utils import timezone

from backend.accounts.models import AllowlistEntry

SALT = "gatehouse.calendly.invitation"
PREFIX = "ghc1."  # what tells our value from an ordinary answer


@dataclass(frozen=True)
class Invitation:
    event_id: int
    phone: str
    nonce: str


@dataclass(frozen=True)
class CalendlyLink:
    url: str
    expires_at: datetime


def calendly_link(*, entry: AllowlistEntry) -> CalendlyLink:
    """A fresh link for this invitation (the previous one stops working)."""
    entry.calendly_nonce = secrets.token_urlsafe(12)
    entry.save(update_fields=["calendly_nonce", "updated_at"])
    value = PREFIX + signing.dumps(
        [entry.event_id, entry.phone, entry.calendly_nonce], salt=SALT, compress=True
    )
    query = {settings.CALENDLY_INVITATION_FIELD: value}
    if entry.name:
        query["name"] = entry.name
    max_age = timedelta(days=settings.CALENDLY_LINK_MAX_AGE_DAYS)
    return CalendlyLink(
        url=f"{settings.CALENDLY_SCHEDULING_URL}?{urlencode(query)}",
        expires_at=timezone.now() + max_age,
    )


def invitation_from(value: object) -> Invitation | None:
    """The invitation a value from a Calendly answer names, if we signed it and it has not
    expired; None for anything else."""
    if not isinstance(value, str) or not value.startswith(PREFIX) or len(value) > 400:
        return None
    max_age = timedelta(days=settings.CALENDLY_LINK_MAX_AGE_DAYS)
    try:
        event_id, phone, nonce = signing.loads(value[len(PREFIX) :], salt=SALT, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(event_id, int) or not isinstance(phone, str) or not isinstance(nonce, str):
        return None
    return Invitation(event_id, phone, nonce)
