"""The scheduling links Gatehouse gives invited VIPs, and reading them back.

A VIP books the evening on Calendly through a link that Gatehouse made for them: the event
type's address with a prefilled answer (``a1``, Calendly's first invitee question) holding
a signed value that names the invitation (the event and the phone) and a one-time nonce.
Calendly hands the answer back in its webhook, so the booking is tied to the invitation
that was given out, not to whatever phone number someone typed. A new link replaces the
last one (its nonce changes), and a link books once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing

from backend.accounts.models import AllowlistEntry

SALT = "gatehouse.calendly.invitation"
PREFIX = "ghc1."  # what tells our value from an ordinary answer


@dataclass(frozen=True)
class Invitation:
    event_id: int
    phone: str
    nonce: str


def invitation_value(entry: AllowlistEntry) -> str:
    """The signed value that names this invitation and its current nonce."""
    return PREFIX + signing.dumps(
        [entry.event_id, entry.phone, entry.calendly_nonce], salt=SALT, compress=True
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
