"""Reading the staff's figures of one event, per business, in its venue's time zone and its
currency: aggregate SQL, a handful of queries whatever the number of bookings.

- events (festival, VIP): revenue net of refunds and tickets sold per ticket type (a seat's
  type is its section) and per day or hour of booking, and the places left;
- stays: occupancy per night (rooms sold / rooms), the day's arrivals and departures;
- meeting rooms: utilisation per room per day (booked slots / open slots);
- the repair shop: the job board, today by status and the days ahead.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Max,
    Min,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, TruncDate, TruncHour
from django.utils import timezone

from backend.bookings.models import Booking, BookingItem
from backend.bookings.services.transitions import SOLD
from backend.core.errors import ValidationError
from backend.inventory.models import Event, Resource, Slot

S = Booking.Status
# Bookings whose money counts: sold ones, and refunded ones (their refund takes it back).
COUNTED = frozenset({*SOLD, S.REFUNDED})
MAX_DAYS = 92  # the longest range of nights or days a dashboard answers
MAX_HOURS = 24 * 7  # hourly sales: at most a week
UPCOMING_DAYS = 7  # the job board's days ahead
CENT = Decimal("0.01")
MONEY = DecimalField(max_digits=18, decimal_places=6)


def money(value: Decimal | None) -> str:
    return f"{(value or Decimal(0)).quantize(CENT, rounding=ROUND_HALF_UP):.2f}"


def zone_of(event: Event) -> ZoneInfo:
    return ZoneInfo(event.venue.time_zone)


def today_in(event: Event, now: datetime | None = None) -> date:
    return (now or timezone.now()).astimezone(zone_of(event)).date()


def day_bounds(event: Event, first: date, last: date) -> tuple[datetime, datetime]:
    """From the venue's midnight starting ``first`` to the one ending ``last``."""
    zone = zone_of(event)
    return (
        datetime.combine(first, time.min, tzinfo=zone),
        datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone),
    )


def date_range(
    event: Event, first: date | None, last: date | None, *, default_days: int, now: datetime | None
) -> tuple[date, date]:
    """The asked range (both ends included), or ``default_days`` from today; 400 when it
    runs backwards or is longer than :data:`MAX_DAYS`."""
    first = first or today_in(event, now)
    last = last or first + timedelta(days=default_days - 1)
    if last < first:
        raise ValidationError(
            "The range ends before it starts.", fields={"date_to": ["Before date_from."]}
        )
    if (last - first).days + 1 > MAX_DAYS:
        raise ValidationError(
            f"Ask for at most {MAX_DAYS} days at a time.",
            fields={"date_to": [f"At most {MAX_DAYS} days after date_from."]},
        )
    return first, last


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


# Events: sales per ticket type and over time --------------------------------------------

# A booking item's share of its booking's money after refunds (a partial refund is spread
# over the booking's items in proportion to their price).
_ITEM_GROSS = ExpressionWrapper(F("quantity") * F("unit_price"), output_field=MONEY)
_ITEM_NET = Case(
    When(
        booking__amount__gt=0,
        then=ExpressionWrapper(
            F("quantity")
            * F("unit_price")
            * (F("booking__amount") - F("booking__refunded_amount"))
            / F("booking__amount"),
            output_field=MONEY,
        ),
    ),
    default=Value(Decimal(0)),
    output_field=MONEY,
)
_SOLD_UNITS = Sum("quantity", filter=Q(booking__status__in=SOLD))


def _type_key(prefix: str = "") -> Case:
    """A ticket type: a general-admission resource by its id, a numbered seat by its
    section (the seats of a section sell as one type)."""
    kind, section, resource = f"{prefix}kind", f"{prefix}section", f"{prefix}id"
    return Case(
        When(**{kind: Resource.Kind.SEAT}, then=Concat(Value("section:"), F(section))),
        default=Concat(Value("resource:"), Cast(F(resource), CharField())),
        output_field=CharField(),
    )


def sales_totals(counted: QuerySet[Booking]) -> dict[str, Any]:
    """Sold bookings, and the money of sold and refunded ones: gross, refunded and net
    (gross less refunds). One query."""
    totals = counted.filter(status__in=COUNTED).aggregate(
        bookings=Count("id", filter=Q(status__in=SOLD)),
        gross=Sum("amount"),
        refunded=Sum("refunded_amount"),
    )
    gross, refunded = totals["gross"] or Decimal(0), totals["refunded"] or Decimal(0)
    return {
        "bookings": totals["bookings"],
        "gross": money(gross),
        "refunded": money(refunded),
        "net": money(gross - refunded),
    }


def sales_figures(
    *,
    event: Event,
    first: date | None = None,
    last: date | None = None,
    granularity: str = "day",
    now: datetime | None = None,
) -> dict[str, Any]:
    """Revenue (gross, refunded, net) and tickets sold, in all and per ticket type; the
    places each type has left; and per day or hour of booking (the venue's clock), over the
    days from ``first`` to ``last`` when named (all days otherwise). Four queries."""
    zone = zone_of(event)
    counted = Booking.objects.filter(event=event, status__in=COUNTED)
    booked = counted
    if first or last:
        first, last = date_range(event, first, last, default_days=1, now=now)
        start, end = day_bounds(event, first, last)
        booked = counted.filter(created_at__gte=start, created_at__lt=end)
        if granularity == "hour" and (end - start) > timedelta(hours=MAX_HOURS):
            raise ValidationError(
                "Hourly sales cover at most 7 days.", fields={"granularity": ["At most 7 days."]}
            )
    elif granularity == "hour":
        raise ValidationError(
            "Name the days (from, to) for hourly sales.", fields={"date_from": ["Required."]}
        )
    totals = sales_totals(counted)
    items = BookingItem.objects.filter(booking__in=counted.values("pk"))

    per_type: dict[str, dict[str, Any]] = {
        row["key"]: dict(row)
        for row in items.annotate(key=_type_key("slot__resource__"))
        .values("key")
        .annotate(
            sold=Coalesce(_SOLD_UNITS, 0),
            gross=Sum(_ITEM_GROSS),
            net=Sum(_ITEM_NET),
        )
    }
    types = []
    for row in (
        Slot.objects.filter(resource__event=event, resource__kind__in=_TICKETED)
        .annotate(key=_type_key("resource__"))
        .values("key")
        .annotate(
            name=Min("resource__name"),
            section=Min("resource__section"),
            kind=Min("resource__kind"),
            order=Min("resource__sort_order"),
            capacity=Sum("capacity"),
            taken=Sum("sold"),
            held=Sum("held"),
        )
        .order_by("order", "key")
    ):
        sales: dict[str, Any] = per_type.get(row["key"], {})
        types.append(
            {
                "key": row["key"],
                "name": row["section"] if row["kind"] == Resource.Kind.SEAT else row["name"],
                "kind": row["kind"],
                "sold": sales.get("sold", 0),
                "gross": money(sales.get("gross")),
                "net": money(sales.get("net")),
                "capacity": row["capacity"],
                "left": max(0, row["capacity"] - row["taken"] - row["held"]),
            }
        )

    trunc = TruncHour if granularity == "hour" else TruncDate
    when = trunc("booking__created_at", tzinfo=zone)
    timeline = [
        {
            "at": _at_label(row["at"], granularity, zone),
            "sold": row["sold"],
            "net": money(row["net"]),
        }
        for row in BookingItem.objects.filter(booking__in=booked.values("pk"))
        .annotate(at=when)
        .values("at")
        .annotate(sold=Coalesce(_SOLD_UNITS, 0), net=Sum(_ITEM_NET))
        .order_by("at")
    ]
    return {
        "sales": {
            **totals,
            "tickets": sum(t["sold"] for t in types),
            "capacity": sum(t["capacity"] for t in types),
            "left": sum(t["left"] for t in types),
        },
        "ticket_types": types,
        "granularity": granularity,
        "timeline": timeline,
    }


_TICKETED = (Resource.Kind.TICKET, Resource.Kind.SEAT)


def _at_label(value: date | datetime, granularity: str, zone: ZoneInfo) -> str:
    """A day as ``YYYY-MM-DD``; an hour as the venue's local ``YYYY-MM-DDTHH:00``."""
    if granularity == "hour" and isinstance(value, datetime):
        return value.astimezone(zone).strftime("%Y-%m-%dT%H:00")
    return value.isoformat()


# Stays: occupancy, arrivals and departures -----------------------------------------------


def _with_rooms(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    items = BookingItem.objects.select_related("slot__resource").order_by("slot__starts_at")
    return bookings.prefetch_related(Prefetch("items", queryset=items))


def _guest(booking: Booking) -> dict[str, Any]:
    rooms = sorted({item.slot.resource.name for item in booking.items.all()})
    return {
        "id": str(booking.pk),
        "reference": booking.reference,
        "name": booking.contact_name or getattr(booking.user, "name", "") or "",
        "phone": booking.contact_phone,
        "status": booking.status,
        "rooms": rooms,
        "starts_at": booking.first_start,  # type: ignore[attr-defined]
        "ends_at": booking.last_end,  # type: ignore[attr-defined]
        "guests": (booking.details or {}).get("guest_count"),
    }


_BY_ARRIVAL = ("first_start", "created_at")
_BY_DEPARTURE = ("last_end", "created_at")


def stays_figures(
    *,
    event: Event,
    first: date | None = None,
    last: date | None = None,
    day: date | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Occupancy per night from ``first`` to ``last`` (default: the next 14 nights) and the
    arrivals and departures of ``day`` (default: today at the venue). Five queries."""
    first, last = date_range(event, first, last, default_days=14, now=now)
    zone = zone_of(event)
    start, end = day_bounds(event, first, last)
    nights = {
        row["night"]: row
        for row in Slot.objects.filter(
            resource__event=event,
            resource__kind=Resource.Kind.ROOM,
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .annotate(night=TruncDate("starts_at", tzinfo=zone))
        .values("night")
        .annotate(rooms=Sum("capacity"), sold=Sum("sold"), held=Sum("held"))
    }
    occupancy: list[dict[str, Any]] = []
    sold = rooms = 0
    for night in _days(first, last):
        row = nights.get(night, {"rooms": 0, "sold": 0, "held": 0})
        occupancy.append(
            {
                "date": night.isoformat(),
                "rooms": row["rooms"],
                "sold": row["sold"],
                "held": row["held"],
                "occupancy": _ratio(row["sold"], row["rooms"]),
            }
        )
        sold, rooms = sold + row["sold"], rooms + row["rooms"]
    day = day or today_in(event, now)
    day_start, day_end = day_bounds(event, day, day)
    spans = _with_rooms(
        Booking.objects.filter(event=event, status__in=SOLD)
        .select_related("user")
        .annotate(first_start=Min("items__slot__starts_at"), last_end=Max("items__slot__ends_at"))
    )
    # (Keyword dicts: the type checker does not know the annotations.)
    arrivals = spans.filter(**{"first_start__gte": day_start, "first_start__lt": day_end})
    departures = spans.filter(**{"last_end__gte": day_start, "last_end__lt": day_end})
    return {
        "date_from": first.isoformat(),
        "date_to": last.isoformat(),
        "occupancy": occupancy,
        "average_occupancy": _ratio(sold, rooms),
        "day": day.isoformat(),
        "arrivals": [_guest(b) for b in arrivals.order_by(*_BY_ARRIVAL)],
        "departures": [_guest(b) for b in departures.order_by(*_BY_DEPARTURE)],
    }


# Meeting rooms: utilisation ---------------------------------------------------------------


def rooms_figures(
    *,
    event: Event,
    first: date | None = None,
    last: date | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Per room and per day (default: the next 7 days), the slots open for booking and the
    ones booked, and their ratio. Two queries."""
    first, last = date_range(event, first, last, default_days=7, now=now)
    zone = zone_of(event)
    start, end = day_bounds(event, first, last)
    rows = (
        Slot.objects.filter(
            resource__event=event,
            resource__kind=Resource.Kind.SPACE,
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .annotate(day=TruncDate("starts_at", tzinfo=zone))
        .values("resource", "day")
        .annotate(open=Sum("capacity"), booked=Sum("sold"))
    )
    cells = {(row["resource"], row["day"]): row for row in rows}
    days = _days(first, last)
    rooms: list[dict[str, Any]] = []
    open_all = booked_all = 0
    for resource in Resource.objects.filter(event=event, kind=Resource.Kind.SPACE).order_by(
        "sort_order", "name", "id"
    ):
        per_day: list[dict[str, Any]] = []
        open_total = booked_total = 0
        for day in days:
            cell = cells.get((resource.pk, day), {"open": 0, "booked": 0})
            open_total, booked_total = open_total + cell["open"], booked_total + cell["booked"]
            per_day.append(
                {
                    "date": day.isoformat(),
                    "open": cell["open"],
                    "booked": cell["booked"],
                    "utilisation": _ratio(cell["booked"], cell["open"]),
                }
            )
        rooms.append(
            {
                "id": resource.pk,
                "name": resource.name,
                "open": open_total,
                "booked": booked_total,
                "utilisation": _ratio(booked_total, open_total),
                "days": per_day,
            }
        )
        open_all, booked_all = open_all + open_total, booked_all + booked_total
    return {
        "date_from": first.isoformat(),
        "date_to": last.isoformat(),
        "rooms": rooms,
        "utilisation": _ratio(booked_all, open_all),
    }


# The repair shop: the job board -----------------------------------------------------------

BOARD = (S.PENDING_PAYMENT, S.CONFIRMED, S.IN_PROGRESS, S.COMPLETED, S.NO_SHOW, S.CANCELLED)


def _job(booking: Booking) -> dict[str, Any]:
    details = booking.details or {}
    vehicle = details.get("vehicle") or {}
    return {
        "id": str(booking.pk),
        "reference": booking.reference,
        "name": booking.contact_name or getattr(booking.user, "name", "") or "",
        "phone": booking.contact_phone,
        "status": booking.status,
        "payment_status": booking.payment_status,
        "amount": money(booking.amount),
        "starts_at": booking.first_start,  # type: ignore[attr-defined]
        "ends_at": booking.last_end,  # type: ignore[attr-defined]
        "location": details.get("location", "shop"),
        "vehicle": " ".join(str(vehicle[part]) for part in ("brand", "model") if vehicle.get(part)),
        "vehicle_type": vehicle.get("type", ""),
        "services": [line.name for line in booking.lines.all()],
    }


def job_board(
    *, event: Event, day: date | None = None, now: datetime | None = None
) -> dict[str, Any]:
    """The appointments of ``day`` (default: today at the shop) by status, and the next
    :data:`UPCOMING_DAYS` days' appointments still to come, each with its vehicle and
    services. Three queries."""
    day = day or today_in(event, now)
    start, _ = day_bounds(event, day, day)
    _, end = day_bounds(event, day, day + timedelta(days=UPCOMING_DAYS))
    jobs = list(
        Booking.objects.filter(event=event, status__in=BOARD)
        .select_related("user")
        .prefetch_related("lines")
        .annotate(first_start=Min("items__slot__starts_at"), last_end=Max("items__slot__ends_at"))
        .filter(**{"first_start__gte": start, "first_start__lt": end})
        .order_by("first_start", "created_at")
    )
    zone = zone_of(event)
    today: dict[str, list[dict[str, Any]]] = {status: [] for status in BOARD}
    upcoming: list[dict[str, Any]] = []
    for booking in jobs:
        if getattr(booking, "first_start").astimezone(zone).date() == day:  # noqa: B009
            today[booking.status].append(_job(booking))
        elif booking.status in (S.PENDING_PAYMENT, S.CONFIRMED):
            upcoming.append(_job(booking))
    return {"day": day.isoformat(), "columns": today, "upcoming": upcoming}


# One answer per business -----------------------------------------------------------------


def dashboard_figures(
    *,
    event: Event,
    first: date | None = None,
    last: date | None = None,
    day: date | None = None,
    granularity: str = "day",
    now: datetime | None = None,
) -> dict[str, Any]:
    """The figures that fit the event's business, with its currency and time zone."""
    head = {
        "event": event.slug,
        "kind": event.kind,
        "currency": event.currency,
        "time_zone": event.venue.time_zone,
        "today": today_in(event, now).isoformat(),
    }
    if event.kind == Event.Kind.STAYS:
        body = stays_figures(event=event, first=first, last=last, day=day, now=now)
        body["sales"] = sales_totals(Booking.objects.filter(event=event))
    elif event.kind == Event.Kind.ROOMS:
        body = rooms_figures(event=event, first=first, last=last, now=now)
        body["sales"] = sales_totals(Booking.objects.filter(event=event))
    elif event.kind == Event.Kind.SERVICE:
        body = job_board(event=event, day=day, now=now)
        body["sales"] = sales_totals(Booking.objects.filter(event=event))
    else:
        body = sales_figures(event=event, first=first, last=last, granularity=granularity, now=now)
    return {**head, **body}
