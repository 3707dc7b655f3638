"""A booking in the guest's calendar: an iCalendar (.ics) file and a Google Calendar link.

The file (RFC 5545, made with the ``icalendar`` library) holds one event: the whole booking
(``booking_span``: first start to last end, a stay's check-in to its check-out) in the
venue's time zone (a ``VTIMEZONE`` for it is included), a ``UID`` that stays the same for the
booking however often it is downloaded (a calendar updates the entry instead of adding a
second one), its summary and location in the language the guest booked in, and the booking
reference in its description and file name (``<reference>.ics``).

Who may download it: the booking's owner, signed in, or anyone with the signed link
(``calendar_path``), which the web app and the confirmation e-mail hand out; the token is an
HMAC of the booking id under a salt of its own (``django.core.signing``), so it opens that
booking's calendar entry and nothing else.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from backend.bookings.models import Booking
from backend.bookings.spans import Span, booking_span
from backend.inventory.models import Event

SALT = "gatehouse.bookings.calendar"
PRODID = "-//Gatehouse//Bookings//EN"
GOOGLE = "https://calendar.google.com/calendar/render"

# The few words of the entry, in the guest's language.
WORDS = {
    "en": {"reference": "Booking reference", "open": "Your booking"},
    "ar": {"reference": "رقم الحجز", "open": "حجزك"},
}
ACTIVE = {Booking.Status.CONFIRMED, Booking.Status.IN_PROGRESS, Booking.Status.COMPLETED}


def calendar_token(booking: Booking) -> str:
    """The signature that opens this booking's calendar entry without signing in."""
    return signing.Signer(salt=SALT).signature(booking.pk.hex)


def calendar_token_valid(booking: Booking, token: str) -> bool:
    return bool(token) and constant_time_compare(calendar_token(booking), token)


def calendar_path(booking: Booking) -> str:
    """``/api/bookings/<id>/calendar.ics?token=…``: the signed download."""
    path = reverse("booking-calendar", kwargs={"booking_id": booking.pk})
    return f"{path}?{urlencode({'token': calendar_token(booking)})}"


def booking_page_url(booking: Booking) -> str:
    """The web app's page of the booking (the VIP evening has its own)."""
    if booking.event.kind == Event.Kind.VIP:
        return f"{settings.FRONTEND_URL}/vip/confirmed/{booking.pk}"
    return f"{settings.FRONTEND_URL}/bookings/{booking.pk}"


def _language(booking: Booking) -> str:
    return booking.language if booking.language in WORDS else "en"


def _place(parts: list[str]) -> str:
    """ "Name, address, city", leaving out a part an earlier one already says (a city the
    address ends with)."""
    kept: list[str] = []
    for part in (p.strip() for p in parts):
        if part and not any(part in earlier for earlier in kept):
            kept.append(part)
    return ", ".join(kept)


def _texts(booking: Booking) -> tuple[str, str, str]:
    """(summary, location, description) in the guest's language."""
    language = _language(booking)
    with translation.override(language):  # translated content fields answer in it
        event, venue = booking.event, booking.event.venue
        summary = f"{event.name} ({booking.reference})"
        place = [venue.name, venue.address, venue.city]
        location = _place(place)
        words = WORDS[language]
        description = "\n".join(
            [f"{words['reference']}: {booking.reference}",
             f"{words['open']}: {booking_page_url(booking)}"]
        )  # fmt: skip
    return summary, location, description


def booking_calendar(booking: Booking, *, now: datetime) -> bytes | None:
    """The booking's .ics file, or None when it has no time (a booth's fee)."""
    span = booking_span(booking)
    if span is None:
        return None
    summary, location, description = _texts(booking)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    entry = CalendarEvent()
    entry.add("uid", f"booking-{booking.pk}@gatehouse")
    entry.add("dtstamp", now)
    entry.add("dtstart", span.local_start)
    entry.add("dtend", span.local_end)
    entry.add("summary", summary)
    entry.add("location", location)
    entry.add("description", description)
    entry.add("url", booking_page_url(booking))
    entry.add("status", _status(booking))
    entry.add("last-modified", booking.updated_at or now)
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _status(booking: Booking) -> str:
    if booking.status in ACTIVE:
        return "CONFIRMED"
    if booking.status == Booking.Status.PENDING_PAYMENT:
        return "TENTATIVE"
    return "CANCELLED"


def _google_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def google_calendar_url(booking: Booking, *, span: Span | None = None) -> str | None:
    """Google Calendar's "add event" page with the booking filled in (times in UTC, the
    venue's time zone as ``ctz``), or None when it has no time."""
    span = span or booking_span(booking)
    if span is None:
        return None
    summary, location, description = _texts(booking)
    query = {
        "action": "TEMPLATE",
        "text": summary,
        "dates": f"{_google_time(span.starts_at)}/{_google_time(span.ends_at)}",
        "details": description,
        "location": location,
        "ctz": span.time_zone,
    }
    return f"{GOOGLE}?{urlencode(query)}"
