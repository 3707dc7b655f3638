"""Sponsors: added, changed and removed by the event's staff (one audit row each); a logo
replaced or removed leaves the storage once the change commits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction

from backend.content.models import Sponsor
from backend.content.selectors import staff_sponsor_data
from backend.content.services.files import forget_file, store_image
from backend.core.audit import audit
from backend.core.images import checked_image
from backend.inventory.models import Event

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal

FIELDS = ("name", "tier", "url", "sort_order")


def _audited(sponsor: Sponsor) -> dict[str, Any]:
    return {**{k: getattr(sponsor, k) for k in FIELDS}, "logo": sponsor.logo.name or None}


def sponsor_create(
    *, event: Event, actor: Principal | None, data: Mapping[str, Any], logo: Any = None
) -> Sponsor:
    """A sponsor; ``logo`` an uploaded image (a 400 naming ``logo`` if it is not one)."""
    checked = checked_image(logo, field="logo") if logo is not None else None
    with transaction.atomic():
        sponsor = Sponsor(event=event, **{k: data[k] for k in FIELDS if k in data})
        if checked is not None:
            sponsor.logo = checked
        sponsor.save()
        audit(actor=actor, action="content.sponsor_create", obj=sponsor, event=event,
              after=_audited(sponsor))  # fmt: skip
    return sponsor


def sponsor_update(
    *,
    sponsor: Sponsor,
    actor: Principal | None,
    changes: Mapping[str, Any],
    logo: Any = None,
    remove_logo: bool = False,
) -> Sponsor:
    """Change a sponsor: its fields, a new ``logo``, or ``remove_logo``."""
    with transaction.atomic():
        sponsor = (
            Sponsor.objects.select_for_update(of=("self",))
            .select_related("event")
            .get(pk=sponsor.pk)
        )
        before = _audited(sponsor)
        for name in FIELDS:
            if name in changes:
                setattr(sponsor, name, changes[name])
        if logo is not None:
            store_image(sponsor, "logo", logo, input_name="logo")
        elif remove_logo and sponsor.logo:
            forget_file(sponsor.logo)
            sponsor.logo = ""
        sponsor.save()
        after = _audited(sponsor)
        if after != before:
            audit(actor=actor, action="content.sponsor_update", obj=sponsor,
                  event=sponsor.event, before=before, after=after)  # fmt: skip
    return sponsor


def sponsor_delete(*, sponsor: Sponsor, actor: Principal | None) -> None:
    with transaction.atomic():
        audit(actor=actor, action="content.sponsor_delete", obj=sponsor, event=sponsor.event,
              before=staff_sponsor_data(sponsor))  # fmt: skip
        forget_file(sponsor.logo)
        sponsor.delete()
