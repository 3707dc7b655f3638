"""Demo invoicing: the seller's details, the tax of each demo event (15 % VAT included in
the Saudi events' prices, 18 % GST added to the Indian ones'), set on the events, and paid
bookings of the demo guest, so that My bookings shows invoices and a credit note.

The paid bookings go through the real services, as a guest and the desk would: a hold, a
booking from it, then staff take the money (``booking_mark_paid``), and the invoice is issued
by the confirming transaction's hook (a repair appointment is paid at the venue, with a
service added during the job; a meeting room is refunded, which issues its credit note).
Tickets are issued by their own hook. Each is made once: a demo guest's booking of the event
is left as it is on the next load. Later paid demo bookings (a vendor's booth fee) are
invoiced as they are confirmed too."""

from __future__ import annotations

import itertools
import zoneinfo
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import F
from django.utils import timezone

from backend.accounts.demo import DEMO_STAFF_EMAIL, demo_guest
from backend.accounts.models import User
from backend.bookings.models import Booking
from backend.bookings.services.bookings import booking_create
from backend.bookings.services.workflow import booking_add_service
from backend.catalog.models import Service, VehicleModel
from backend.inventory.models import Event, Resource, Slot
from backend.inventory.services.holds import ItemRequest, hold_create
from backend.invoices.models import Invoice, SellerSettings
from backend.payments.services.outcomes import refund_booking_payments
from backend.payments.services.payments import booking_mark_paid, booking_pay_at_venue

TAXES = {
    "vip-evening": (Decimal("15.00"), True),
    "meeting-rooms": (Decimal("15.00"), True),
    "summer-fest": (Decimal("15.00"), True),
    "goa-palm-grove": (Decimal("18.00"), False),
    "dandeli-river-lodge": (Decimal("18.00"), False),
    "repair-shop": (Decimal("18.00"), True),  # its prices are quoted with GST included
}


def load_invoicing() -> str:
    if not SellerSettings.objects.exists():
        SellerSettings.objects.create(
            legal_name="Gatehouse Events LLC",
            legal_name_ar="بوابة للفعاليات ذ.م.م",
            address="King Fahd Road, Al Olaya\nRiyadh 12214, Saudi Arabia",
            tax_number="300000000000003",
            invoice_prefix="GH",
        )
    taxed = 0
    for event in Event.objects.filter(slug__in=TAXES):
        rate, gross = TAXES[event.slug]
        # Set once: an event the demo already taxed keeps what staff changed since.
        if event.tax_rate == 0 and event.prices_include_tax:
            event.tax_rate, event.prices_include_tax = rate, gross
            event.save(update_fields=["tax_rate", "prices_include_tax"])
        taxed += 1
    return f"invoices: seller settings, tax on {taxed} events"


def _free(
    resource: Resource, after: datetime, count: int = 1, step: timedelta | None = None
) -> list[Slot]:
    """The first ``count`` slots of ``resource`` after ``after`` with a place free, each
    starting where the one before it ends (or ``step`` after it starts: nights), or none."""
    slots = list(
        Slot.objects.filter(resource=resource, starts_at__gte=after)
        .filter(sold__lt=F("capacity") - F("held"))
        .order_by("starts_at")[:200]
    )
    for start in range(len(slots) - count + 1):
        run = slots[start : start + count]
        if all(
            b.starts_at == (a.starts_at + step if step else a.ends_at)
            for a, b in itertools.pairwise(run)
        ):
            return run
    return []


def _booked(
    guest: User, event: Event, items: list[Slot], quantity: int = 1, **data: Any
) -> Booking:
    hold = hold_create(
        user=guest, event=event, items=[ItemRequest(slot.pk, quantity) for slot in items]
    )
    return booking_create(user=guest, hold_id=hold.pk, **data)


def _festival(guest: User, staff: User, event: Event) -> Booking | None:
    """Two general-admission passes, paid at the box office (cash)."""
    ticket = event.resources.filter(name="General Admission").first()
    slots = _free(ticket, event.starts_at - timedelta(days=1)) if ticket else []
    if not slots:
        return None
    booking = _booked(guest, event, slots, 2, details={"holders": ["Demo Guest", "Sara Demo"]})
    return booking_mark_paid(booking=booking, actor=staff)


def _stay(guest: User, staff: User, event: Event) -> Booking | None:
    """Two nights a week from now in the first room free for both (net prices, 18 % GST on
    top), paid at the front desk."""
    after = timezone.now() + timedelta(days=7)
    for room in event.resources.filter(kind=Resource.Kind.ROOM):
        nights = _free(room, after, 2, step=timedelta(days=1))
        if nights:
            guests = [{"name": "Demo Guest", "age": 34}, {"name": "Sara Demo", "age": 31}]
            booking = _booked(guest, event, nights, guests=guests[: room.guest_capacity])
            return booking_mark_paid(booking=booking, actor=staff, method="card")
    return None


def _repair(guest: User, staff: User, event: Event) -> Booking | None:
    """An oil change and a chain lube for a Classic 350 at the shop, a week ahead in the
    afternoon (the next days' bays stay free for whoever tries the demo), paid at the venue;
    brake pads found during the job are added before it is paid."""
    model = VehicleModel.objects.filter(
        brand__vehicle_type__event=event, name="Classic 350"
    ).first()
    named = dict(Service.objects.filter(category__event=event).values_list("name", "pk"))
    wanted = ["Engine oil change", "Chain clean and lube"]
    bays = event.resources.filter(kind=Resource.Kind.SERVICE).first()
    if model is None or bays is None or not all(name in named for name in wanted):
        return None
    zone = zoneinfo.ZoneInfo(event.venue.time_zone)
    next_week = datetime.combine(
        timezone.now().astimezone(zone).date() + timedelta(days=7), time(14), zone
    )
    slots = _free(bays, next_week)
    if not slots:
        return None
    details = {
        "customer_name": "Demo Guest", "phone": guest.phone, "email": guest.email,
        "location": "shop", "vehicle_model": model.pk,
        "services": [named[name] for name in wanted],
    }  # fmt: skip
    booking = _booked(guest, event, slots, details=details)
    booking_pay_at_venue(booking=booking)
    if "Brake pad replacement" in named:
        booking_add_service(booking=booking, service_id=named["Brake pad replacement"], actor=staff)
    return booking_mark_paid(booking=booking, actor=staff)


def _refunded(guest: User, staff: User, event: Event) -> Booking | None:
    """An hour in the Focus Room the day after tomorrow, paid, then refunded by the desk: its
    invoice and the credit note that cancels it."""
    room = event.resources.filter(name="Focus Room").first()
    zone = zoneinfo.ZoneInfo(event.venue.time_zone)
    day = timezone.now().astimezone(zone).date() + timedelta(days=2)
    slots = _free(room, datetime.combine(day, time(10), zone), 2) if room else []
    if not slots:
        return None
    booking = _booked(guest, event, slots, details={"guest_count": 3})
    booking = booking_mark_paid(booking=booking, actor=staff)
    return refund_booking_payments(booking=booking, note="The meeting was called off.", actor=staff)


PAID_BOOKINGS = {
    "summer-fest": _festival,
    "goa-palm-grove": _stay,
    "repair-shop": _repair,
    "meeting-rooms": _refunded,
}


def load_paid_bookings() -> str:
    """The demo guest's paid bookings (made once each), invoiced as they are paid."""
    guest = demo_guest()
    staff = User.objects.filter(email=DEMO_STAFF_EMAIL).first()
    if staff is None:
        return "invoices: no demo staff member, no paid bookings"
    for event in Event.objects.filter(slug__in=PAID_BOOKINGS).select_related("venue"):
        if not Booking.objects.filter(user=guest, event=event).exists():
            PAID_BOOKINGS[event.slug](guest, staff, event)
    documents = Invoice.objects.filter(booking__user=guest)
    return (
        f"invoices: the demo guest {guest.phone} has {documents.count()} invoices and credit "
        "notes on My bookings"
    )


LOADERS = [load_invoicing, load_paid_bookings]
