"""How vendors and booths are shown: to visitors, to the vendor, and to staff."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from backend.bookings.models import Booking
from backend.checkin.models import Scan
from backend.core.images import image_url
from backend.vendors.models import Booth, Vendor, VendorSettings
from backend.vendors.selectors import (
    booth_of,
    booth_place,
    crew_passes,
    in_setup_window,
    vendor_settings,
)


def public_vendor(vendor: Vendor) -> dict[str, Any]:
    booth = booth_of(vendor)
    return {
        "id": vendor.pk,
        "name": vendor.name,
        "category": vendor.category,
        "description": vendor.description,
        "logo": image_url(vendor.logo),
        "website": vendor.website,
        "booth": booth_place(booth) if booth else None,
    }


def profile(vendor: Vendor, settings: VendorSettings | None = None) -> dict[str, Any]:
    """The vendor's own view of its application and profile (``settings``: its event's, when
    the caller has them already)."""
    booth = booth_of(vendor)
    return {
        **public_vendor(vendor),
        "event": vendor.event.slug,
        "contact_email": vendor.contact_email,
        "contact_phone": vendor.contact_phone,
        "status": vendor.status,
        "reason": vendor.reason,
        "booth": booth_place(booth) if booth else None,
        "crew_passes": crew_passes(vendor, settings),
        "applied_at": vendor.applied_at,
        "decided_at": vendor.decided_at,
    }


def fee(booking: Booking | None) -> dict[str, Any] | None:
    if booking is None:
        return None
    return {
        "booking": str(booking.pk),
        "amount": str(booking.amount),
        "currency": booking.currency,
        "status": booking.status,
        "payment_status": booking.payment_status,
    }


def booth_with_price(booth: Booth) -> dict[str, Any]:
    return {**booth_place(booth), "price": str(booth.price), "currency": booth.event.currency}


def scan_row(scan: Scan) -> dict[str, Any]:
    return {
        "id": scan.pk,
        "at": scan.scanned_at,
        "gate": {"id": scan.gate_id, "name": scan.gate.name},
        "status": scan.status,
        "message": scan.answer.get("message", ""),
    }


def dashboard(vendor: Vendor, scans: list[Scan]) -> dict[str, Any]:
    booth = booth_of(vendor)
    settings = vendor_settings(vendor.event)
    return {
        "ok": True,
        "vendor": profile(vendor, settings),
        "booth": booth_with_price(booth) if booth else None,
        "fee": fee(booth.fee_booking) if booth else None,
        "setup": {
            "starts_at": settings.setup_starts_at,
            "ends_at": settings.setup_ends_at,
            "open": in_setup_window(settings, timezone.now()),
        },
        "passes": {"allowed": crew_passes(vendor, settings), "admitted": vendor.crew_admitted},
        "recent_scans": [scan_row(scan) for scan in scans],
    }


def staff_vendor(vendor: Vendor, settings: VendorSettings | None = None) -> dict[str, Any]:
    user = vendor.user
    return {
        **profile(vendor, settings),
        "user": {"id": user.pk, "name": user.name, "phone": user.phone, "email": user.email},
        "crew_admitted": vendor.crew_admitted,
    }


def staff_booth(booth: Booth) -> dict[str, Any]:
    vendor = booth.vendor
    return {
        **booth_with_price(booth),
        "vendor": (
            {"id": vendor.pk, "name": vendor.name, "category": vendor.category} if vendor else None
        ),
        "assigned_at": booth.assigned_at,
        "fee": fee(booth.fee_booking),
    }
