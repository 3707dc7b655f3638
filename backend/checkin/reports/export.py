"""The bookings of one event as CSV for a spreadsheet: streamed row by row (a big event does
not sit in memory), UTF-8 with a byte-order mark (so Excel reads Arabic names), and safe to
open: a cell that starts like a formula (= + - @, a tab or a carriage return) is prefixed with
an apostrophe, so a guest's name never runs as a formula in the office's spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet

from backend.bookings.models import Booking, BookingItem
from backend.checkin.reports.selectors import day_bounds, money
from backend.inventory.models import Event
from backend.tickets.models import Ticket

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 500  # bookings read per query

COLUMNS = (
    "reference",
    "guest",
    "phone",
    "email",
    "items",
    "amount",
    "refunded",
    "currency",
    "payment_method",
    "payment_status",
    "status",
    "booked_on",
    "starts",
    "check_in",
    "admitted",
)

HEADERS = {
    "en": {
        "reference": "Reference",
        "guest": "Guest",
        "phone": "Phone",
        "email": "E-mail",
        "items": "Items",
        "amount": "Amount",
        "refunded": "Refunded",
        "currency": "Currency",
        "payment_method": "Payment method",
        "payment_status": "Payment status",
        "status": "Status",
        "booked_on": "Booked on",
        "starts": "Starts",
        "check_in": "Check-in",
        "admitted": "Admitted",
    },
    "ar": {
        "reference": "المرجع",
        "guest": "الضيف",
        "phone": "الهاتف",
        "email": "البريد الإلكتروني",
        "items": "البنود",
        "amount": "المبلغ",
        "refunded": "المسترد",
        "currency": "العملة",
        "payment_method": "طريقة الدفع",
        "payment_status": "حالة الدفع",
        "status": "الحالة",
        "booked_on": "تاريخ الحجز",
        "starts": "يبدأ",
        "check_in": "تسجيل الدخول",
        "admitted": "المسموح بدخولهم",
    },
}

# Check-in states: everyone in, some of them, nobody yet, and a booking that never came.
CHECK_IN = {
    "en": {
        "checked_in": "Checked in",
        "partly": "Partly checked in",
        "not_checked_in": "Not checked in",
        "no_show": "No-show",
        "completed": "Completed",
        "": "",
    },
    "ar": {
        "checked_in": "تم تسجيل الدخول",
        "partly": "تم تسجيل دخول البعض",
        "not_checked_in": "لم يسجل الدخول",
        "no_show": "لم يحضر",
        "completed": "مكتمل",
        "": "",
    },
}


def safe_cell(value: Any) -> str:
    """The cell's text, defused when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def check_in_state(booking: Booking) -> str:
    """From the booking's workflow where it has one (a stay or a job in progress), else
    from its tickets admitted at the gates."""
    status = booking.status
    if status == Booking.Status.NO_SHOW:
        return "no_show"
    if status == Booking.Status.COMPLETED:
        return "completed"
    if status == Booking.Status.IN_PROGRESS:
        return "checked_in"
    if status not in (Booking.Status.CONFIRMED,):
        return ""
    valid, admitted = booking.valid_tickets, booking.admitted_tickets  # type: ignore[attr-defined]
    if valid and admitted >= valid:
        return "checked_in"
    return "partly" if admitted else "not_checked_in"


def export_bookings(
    *,
    event: Event,
    first: date | None = None,
    last: date | None = None,
    status: str | None = None,
) -> QuerySet[Booking]:
    """The event's bookings to export, oldest first: booked from ``first`` to ``last`` (the
    venue's days, both included) and in ``status`` when named."""
    bookings = Booking.objects.filter(event=event)
    if first:
        bookings = bookings.filter(created_at__gte=day_bounds(event, first, first)[0])
    if last:
        bookings = bookings.filter(created_at__lt=day_bounds(event, last, last)[1])
    if status:
        bookings = bookings.filter(status=status)
    valid = Q(tickets__status=Ticket.Status.VALID)
    items = BookingItem.objects.select_related("slot__resource").order_by("slot__starts_at", "pk")
    return (
        bookings.select_related("user")
        .prefetch_related(Prefetch("items", queryset=items))
        .annotate(
            first_start=Min("items__slot__starts_at"),
            last_end=Max("items__slot__ends_at"),
            valid_tickets=Count("tickets", filter=valid, distinct=True),
            admitted_tickets=Count(
                "tickets", filter=valid & Q(tickets__admitted_at__isnull=False), distinct=True
            ),
        )
        .order_by("created_at", "pk")
    )


def _items_text(booking: Booking) -> str:
    """``2 x General; 1 x VIP``: what was booked, each resource once."""
    counts: dict[str, int] = {}
    for item in booking.items.all():
        name = str(item.slot.resource)
        counts[name] = counts.get(name, 0) + item.quantity
    return "; ".join(f"{n} x {name}" for name, n in counts.items())


def _local(value: datetime | None, zone: ZoneInfo) -> str:
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M") if value else ""


def _row(booking: Booking, zone: ZoneInfo, lang: str) -> list[str]:
    return [
        booking.reference,
        booking.contact_name or getattr(booking.user, "name", "") or "",
        booking.contact_phone or getattr(booking.user, "phone", "") or "",
        booking.contact_email,
        _items_text(booking),
        money(booking.amount),
        money(booking.refunded_amount),
        booking.currency,
        booking.provider,
        booking.payment_status,
        booking.status,
        _local(booking.created_at, zone),
        _local(booking.first_start, zone),  # type: ignore[attr-defined]
        CHECK_IN[lang][check_in_state(booking)],
        f"{booking.admitted_tickets}/{booking.valid_tickets}"  # type: ignore[attr-defined]
        if booking.valid_tickets  # type: ignore[attr-defined]
        else "",
    ]


class _Echo:
    """A file that hands back what is written (the csv module writes one line at a time)."""

    def write(self, value: str) -> str:
        return value


def bookings_csv(bookings: QuerySet[Booking], *, event: Event, lang: str = "en") -> Iterator[str]:
    """The CSV's lines: the BOM and headers, then one row per booking (read in chunks)."""
    lang = lang if lang in HEADERS else "en"
    zone = ZoneInfo(event.venue.time_zone)
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow([HEADERS[lang][c] for c in COLUMNS])
    for booking in bookings.iterator(chunk_size=CHUNK):
        yield writer.writerow([safe_cell(cell) for cell in _row(booking, zone, lang)])
