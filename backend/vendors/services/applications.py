"""A signed-in user applies to sell at a festival, and keeps their profile up to date."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from backend.accounts.phones import InvalidPhone, normalize_phone, region_of
from backend.core.errors import Conflict, NotFound, ValidationError
from backend.core.images import checked_image
from backend.inventory.models import Event
from backend.vendors.models import Vendor
from backend.vendors.selectors import vendor_settings

if TYPE_CHECKING:
    from backend.accounts.models import User

EDITABLE = ("name", "category", "description", "website", "contact_email", "contact_phone")


class NoVendors(NotFound):
    code, message = "no_vendors", "This event does not take vendors."


class ApplicationsClosed(Conflict):
    code, message = "applications_closed", "This event no longer takes vendor applications."


class AlreadyApplied(Conflict):
    code, message = "already_applied", "You have already applied for this event."


class VendorRevoked(Conflict):
    code, message = "vendor_revoked", "This vendor was revoked; its profile can no longer change."


def _cleaned(event: Event, fields: dict[str, Any]) -> dict[str, Any]:
    """The profile fields as stored: the phone in E.164, the
    logo checked to be an image."""
    cleaned = {name: fields[name] for name in EDITABLE if name in fields}
    phone = cleaned.get("contact_phone")
    if phone:
        try:
            cleaned["contact_phone"] = normalize_phone(phone, region=region_of(event))
        except InvalidPhone as error:
            raise ValidationError(fields={"contact_phone": [str(error)]}) from None
    if fields.get("logo") is not None:
        cleaned["logo"] = checked_image(fields["logo"], field="logo")
    return cleaned


def vendor_apply(
    *, user: User, event: Event, fields: dict[str, Any], now: datetime | None = None
) -> Vendor:
    """A new application (``pending``). Applying again is refused while the first waits or
    stands; after a rejection it is the same application, pending again."""
    now = now or timezone.now()
    if event.kind != Event.Kind.FESTIVAL:
        raise NoVendors()
    if not vendor_settings(event).applications_open:
        raise ApplicationsClosed()
    cleaned = _cleaned(event, fields)
    with transaction.atomic():
        earlier = Vendor.objects.select_for_update().filter(event=event, user=user).first()
        if earlier is not None:
            if earlier.status != Vendor.Status.REJECTED:
                raise AlreadyApplied(application_status=earlier.status)
            for name, value in cleaned.items():
                setattr(earlier, name, value)
            earlier.status, earlier.reason = Vendor.Status.PENDING, ""
            earlier.applied_at, earlier.decided_at = now, None
            earlier.save()
            return earlier
        try:
            with transaction.atomic():
                return Vendor.objects.create(event=event, user=user, applied_at=now, **cleaned)
        except IntegrityError:  # the same user's second request, at the same instant
            raise AlreadyApplied() from None


def vendor_profile_update(*, vendor: Vendor, fields: dict[str, Any]) -> Vendor:
    """The vendor's own edit of its public profile and contact details."""
    if vendor.status == Vendor.Status.REVOKED:
        raise VendorRevoked()
    cleaned = _cleaned(vendor.event, fields)
    for name, value in cleaned.items():
        setattr(vendor, name, value)
    vendor.save(update_fields=[*cleaned])
    return vendor
