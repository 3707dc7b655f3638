"""Reads of vendors and booths: the public list and map, a vendor's own view, staff lists."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from backend.checkin.models import Scan
from backend.core.errors import NotFound
from backend.core.images import image_url
from backend.vendors.models import Booth, Vendor, VendorSettings

if TYPE_CHECKING:
    from backend.accounts.models import User
    from backend.inventory.models import Event

RECENT_SCANS = 20


def _percent(value: object) -> float:
    return float(value)  # type: ignore[arg-type]


def booth_place(booth: Booth) -> dict[str, Any]:
    """Where a booth is and what it is (no vendor, no money)."""
    return {
        "id": booth.pk,
        "code": booth.code,
        "zone": booth.zone,
        "size": booth.size,
        "x": _percent(booth.x),
        "y": _percent(booth.y),
        "w": _percent(booth.w),
        "h": _percent(booth.h),
    }


def booths_on_map(event: Event) -> list[dict[str, Any]]:
    """Every booth of ``event`` with the approved vendor in it (the public map)."""
    booths = Booth.objects.filter(event=event).select_related("vendor")
    return [
        {
            **booth_place(booth),
            "vendor": (
                {
                    "id": booth.vendor.pk,
                    "name": booth.vendor.name,
                    "category": booth.vendor.category,
                    "logo": image_url(booth.vendor.logo),
                }
                if booth.vendor is not None and booth.vendor.status == Vendor.Status.APPROVED
                else None
            ),
        }
        for booth in booths
    ]


def vendors_listed(event: Event) -> QuerySet[Vendor]:
    """The approved vendors of ``event``, for visitors, by name."""
    return (
        Vendor.objects.filter(event=event, status=Vendor.Status.APPROVED)
        .select_related("booth")
        .order_by("name", "id")
    )


def vendor_settings(event: Event) -> VendorSettings:
    """The event's vendor settings (the defaults, unsaved, if staff never set any)."""
    found = VendorSettings.objects.filter(event=event).first()
    return found if found is not None else VendorSettings(event=event)


def in_setup_window(settings: VendorSettings, now: datetime) -> bool:
    """From the window's start (included) to its end (excluded)."""
    starts, ends = settings.setup_starts_at, settings.setup_ends_at
    return starts is not None and ends is not None and starts <= now < ends


def booth_of(vendor: Vendor) -> Booth | None:
    try:
        return vendor.booth
    except Booth.DoesNotExist:
        return None


def crew_passes(vendor: Vendor, settings: VendorSettings | None = None) -> int:
    """How many crew members the vendor's setup code lets in: its booth size's number, and
    none before it has a booth or unless it is approved."""
    booth = booth_of(vendor)
    if booth is None or vendor.status != Vendor.Status.APPROVED:
        return 0
    return (settings or vendor_settings(vendor.event)).crew_for(booth.size)


class NotAVendor(NotFound):
    code, message = "not_a_vendor", "You have not applied as a vendor for this event."


def vendor_of(user: User, event: Event) -> Vendor:
    """The user's own application for ``event``, or 404 ``not_a_vendor``."""
    vendor = Vendor.objects.filter(event=event, user=user).select_related("event", "booth").first()
    if vendor is None:
        raise NotAVendor()
    return vendor


def vendor_scans(vendor: Vendor, limit: int = RECENT_SCANS) -> list[Scan]:
    """The latest scans of the vendor's setup code, newest first."""
    return list(
        Scan.objects.filter(vendor_id=vendor.pk, gate__event_id=vendor.event_id)
        .select_related("gate")
        .order_by("-scanned_at", "-id")[:limit]
    )


def vendors_for_staff(event: Event, status: str | None = None) -> QuerySet[Vendor]:
    vendors = Vendor.objects.filter(event=event).select_related("event", "user", "booth")
    if status:
        vendors = vendors.filter(status=status)
    return vendors.order_by("-applied_at", "-id")


def booths_for_staff(event: Event) -> QuerySet[Booth]:
    return Booth.objects.filter(event=event).select_related("event", "vendor", "fee_booking")
