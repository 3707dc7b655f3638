"""Giving an invited VIP their own Calendly scheduling link (see ``links``)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from backend.accounts.models import AllowlistEntry, User
from backend.core.errors import Forbidden, NotFound
from backend.integrations.calendly.links import invitation_value


@dataclass(frozen=True)
class CalendlyLink:
    url: str
    expires_at: datetime


class NotInvited(Forbidden):
    code = "forbidden"
    message = "There is no invitation waiting for this phone number."


@transaction.atomic
def calendly_link_for(*, user: User) -> CalendlyLink:
    """A fresh link for the invitation waiting for ``user``'s phone at CALENDLY_EVENT (the
    previous link stops working): 404 ``calendly_not_configured`` without Calendly, 403
    when no invitation waits."""
    if not settings.CALENDLY_SCHEDULING_URL:
        raise NotFound("Calendly is not set up here.", code="calendly_not_configured")
    entry = (
        AllowlistEntry.objects.select_for_update()
        .filter(
            event__slug=settings.CALENDLY_EVENT,
            event__allowlist_only=True,
            phone=user.phone or "",
            booked_at__isnull=True,
        )
        .first()
    )
    if entry is None:
        raise NotInvited()
    return calendly_link(entry=entry)


def calendly_link(*, entry: AllowlistEntry) -> CalendlyLink:
    """A fresh link for this invitation (the previous one stops working)."""
    entry.calendly_nonce = secrets.token_urlsafe(12)
    entry.save(update_fields=["calendly_nonce", "updated_at"])
    query = {settings.CALENDLY_INVITATION_FIELD: invitation_value(entry)}
    if entry.name:
        query["name"] = entry.name
    return CalendlyLink(
        url=f"{settings.CALENDLY_SCHEDULING_URL}?{urlencode(query)}",
        expires_at=timezone.now() + timedelta(days=settings.CALENDLY_LINK_MAX_AGE_DAYS),
    )
