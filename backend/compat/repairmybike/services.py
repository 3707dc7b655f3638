"""An anonymous appointment, as the old shop took it in one request: the customer by phone,
the bay's consecutive slots from the chosen time, a hold, the booking (priced and checked by
``bookings.services.appointments``) and payment at the shop, all or nothing."""

from __future__ import annotations

import math
import re
import zoneinfo
from datetime import date, datetime, time
from typing import Any

from django.db import transaction

from backend.accounts.models import User
from backend.accounts.phones import InvalidPhone, normalize_phone, region_of
from backend.bookings.models import Booking
from backend.bookings.services.bookings import booking_create
from backend.catalog.selectors import model_price_list
from backend.core.errors import ValidationError
from backend.inventory.models import Event, Resource, Slot
from backend.inventory.services.holds import ItemRequest, hold_create
from backend.payments.services.payments import booking_pay_at_venue

PINCODE = re.compile(r"\b(\d{6})\b")  # an Indian PIN code written into the address
NOT_GIVEN = "-"


def customer_phone(event: Event, raw: object, field: str = "customer_phone") -> str:
    try:
        return normalize_phone(raw, region=region_of(event))
    except InvalidPhone as error:
        raise ValidationError(fields={field: [str(error)]}) from None


def _customer(phone: str, name: str) -> User:
    """The account the booking is made under: the phone's, or a new one (unproved: the
    phone's owner proves it by a code later)."""
    user = User.objects.filter(phone=phone).first()
    if user is None:
        user = User.objects.create_user(phone=phone, name=name[:150])
    return user


def _minutes(event: Event, data: dict[str, Any]) -> int:
    """How long the chosen services take on this model (the catalog's durations, plus the
    travel at home), to know how many slots to hold; the booking checks it again."""
    prices = model_price_list(event=event, vehicle_model_id=data["vehicle_model_id"])
    if prices is None:
        return 0  # the booking names the bad model
    minutes = sum(
        priced.duration_minutes
        for priced in (prices.price_of(s) for s in data["service_ids"])
        if priced is not None
    )
    if data["service_location"] == "home":
        minutes += event.home_visit_travel_minutes
    return minutes


def _slots(event: Event, starts_at: datetime, minutes: int) -> list[Slot]:
    """Consecutive slots of one bay resource from ``starts_at`` covering ``minutes``."""
    first = (
        Slot.objects.filter(
            resource__event=event, resource__kind=Resource.Kind.SERVICE, starts_at=starts_at
        )
        .select_related("resource")
        .order_by("resource_id")
        .first()
    )
    if first is None:
        raise ValidationError(fields={"appointment_time": ["The shop has no opening then."]})
    length = max(1, int((first.ends_at - first.starts_at).total_seconds() // 60))
    needed = max(1, math.ceil(minutes / length))
    slots = [first]
    while len(slots) < needed:
        following = Slot.objects.filter(
            resource=first.resource, starts_at=slots[-1].ends_at
        ).first()
        if following is None:
            raise ValidationError(
                fields={
                    "appointment_time": [
                        f"These services take {minutes} minutes: too late in the day for them."
                    ]
                }
            )
        slots.append(following)
    return slots


@transaction.atomic
def appointment_book(*, event: Event, data: dict[str, Any]) -> Booking:
    """The booking, confirmed with its payment due at the shop (``pay_at_venue``)."""
    phone = customer_phone(event, data["customer_phone"])
    zone = zoneinfo.ZoneInfo(event.venue.time_zone)
    day: date = data["appointment_date"]
    at: time = data["appointment_time"]
    starts_at = datetime.combine(day, at, zone)
    user = _customer(phone, data["customer_name"])
    slots = _slots(event, starts_at, _minutes(event, data))
    hold = hold_create(user=user, event=event, items=[ItemRequest(s.pk, 1) for s in slots])
    details: dict[str, Any] = {
        "customer_name": data["customer_name"],
        "phone": phone,
        "email": data["customer_email"],
        "location": data["service_location"],
        "notes": data.get("notes", ""),
        "vehicle_model": data["vehicle_model_id"],
        "services": data["service_ids"],
    }
    if data["service_location"] == "home":
        address = data.get("address", "")
        pincode = PINCODE.search(address)
        details |= {
            "address": address,
            "city": data.get("city") or event.venue.city,
            "postcode": data.get("postcode") or (pincode.group(1) if pincode else NOT_GIVEN),
        }
    booking = booking_create(user=user, hold_id=hold.pk, details=details)
    booking_pay_at_venue(booking=booking)
    booking.refresh_from_db()
    return booking
