"""Demo vendors for summer-fest: booths in two zones of the festival map, approved vendors in
some of them (with their logos), applications still waiting, a load-in gate, and the setup
window on the morning of the festival."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from backend.accounts.models import User
from backend.checkin.models import Gate
from backend.inventory.models import Event
from backend.vendors.models import Booth, Vendor, VendorSettings
from backend.vendors.services.booths import booth_assign
from backend.vendors.services.decisions import vendor_approve

# Zone, code prefix, size, price, and where the row of booths sits on the map (percent).
ZONES = [
    ("Food court", "F", Booth.Size.MEDIUM, Decimal("1500.00"), 8.0, 68.0),
    ("Makers' market", "M", Booth.Size.SMALL, Decimal("600.00"), 56.0, 68.0),
]
BOOTHS_PER_ZONE = 6
# name, category, description, colour, booth (None: waiting for one), approved
VENDORS = [
    ("Saffron Street Kitchen", "food", "Slow-cooked kabsa and grilled corn.", "#d97706", "F-01", True),  # noqa: E501
    ("Date Palm Coffee", "drinks", "Saudi coffee with cardamom, and fresh dates.", "#92400e", "F-02", True),  # noqa: E501
    ("Sea Breeze Juices", "drinks", "Cold-pressed juices from Taif fruit.", "#0d9488", "F-03", True),  # noqa: E501
    ("Al Balad Crafts", "crafts", "Hand-carved rawasheen and brass lanterns.", "#7c3aed", "M-01", True),  # noqa: E501
    ("Corniche Prints", "merchandise", "Festival posters and tees, printed on site.", "#2563eb", "M-02", True),  # noqa: E501
    ("Henna Corner", "services", "Henna designs while you wait.", "#be185d", None, True),
    ("Mandi Masters", "food", "Smoked mandi in clay ovens.", "#b45309", None, False),
    ("Oud & Amber", "merchandise", "Perfume oils blended to order.", "#4d7c0f", None, False),
    ("Kite Makers Jeddah", "crafts", "Build and fly your own kite.", "#0369a1", None, False),
]  # fmt: skip


def _logo(name: str, colour: str) -> ContentFile[bytes]:
    image = Image.new("RGB", (160, 160), colour)
    initials = "".join(word[0] for word in name.split()[:2]).upper()
    ImageDraw.Draw(image).text((52, 62), initials, fill="white", font_size=40)
    out = io.BytesIO()
    image.save(out, "PNG")
    return ContentFile(out.getvalue(), name="logo.png")


def _booths(event: Event) -> dict[str, Booth]:
    booths = {}
    for zone, prefix, size, price, left, top in ZONES:
        for number in range(1, BOOTHS_PER_ZONE + 1):
            code = f"{prefix}-{number:02}"
            booths[code], _ = Booth.objects.get_or_create(
                event=event, code=code,
                defaults={"zone": zone, "size": size, "price": price,
                          "x": Decimal(str(round(left + (number - 1) * 6.2, 2))),
                          "y": Decimal(str(top)), "w": Decimal("5.4"), "h": Decimal(8)},
            )  # fmt: skip
    return booths


def _window(event: Event) -> tuple[datetime, datetime]:
    """From 08:00 the day before the festival until its gates open."""
    morning = (event.starts_at - timedelta(days=1)).replace(hour=5, minute=0)  # 08:00 Riyadh
    return morning, event.starts_at


def load_festival_vendors() -> str:
    event = Event.objects.filter(slug="summer-fest").first()
    if event is None:
        return "Vendors: no festival to put them in"
    starts, ends = _window(event)
    VendorSettings.objects.get_or_create(
        event=event, defaults={"setup_starts_at": starts, "setup_ends_at": ends}
    )
    Gate.objects.get_or_create(
        event=event, name="Service road (load-in)", defaults={"load_in": True}
    )
    booths = _booths(event)
    staff = User.objects.filter(is_superuser=False, role_grants__role="staff").first()
    for number, (name, category, text, colour, booth, approved) in enumerate(VENDORS, start=1):
        phone = f"+96650090{number:04}"
        user, _ = User.objects.get_or_create(phone=phone, defaults={"name": name})
        vendor, created = Vendor.objects.get_or_create(
            event=event, user=user,
            defaults={"name": name, "category": category, "description": text,
                      "contact_email": f"vendor{number}@example.com", "contact_phone": phone},
        )  # fmt: skip
        if created:
            vendor.logo.save("logo.png", _logo(name, colour))
        if approved and vendor.status == Vendor.Status.PENDING:
            vendor_approve(vendor_id=vendor.pk, actor=staff, notify=False)
        if booth and booths[booth].vendor_id is None and approved:
            booth_assign(booth_id=booths[booth].pk, vendor_id=vendor.pk, actor=staff)
    waiting = sum(1 for *_, approved in VENDORS if not approved)
    return (
        f"Vendors of summer-fest: {len(booths)} booths in {len(ZONES)} zones, "
        f"{len(VENDORS) - waiting} approved, {waiting} waiting; a load-in gate"
    )


LOADERS = [load_festival_vendors]
