"""A service appointment (the repair shop): who, where, which vehicle, which services.

The server prices it: each service at the vehicle model's price (the base price where the
model has none of its own), plus the event's home-visit fee at home; an amount a client
sends is never read. The hold must be consecutive slots of one resource (a bay), one place
each, at least as long as the services take (plus the travel time at home).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rest_framework import serializers

from backend.accounts.phones import InvalidPhone, normalize_phone, region_of
from backend.bookings.models import BookingLine
from backend.catalog.models import Service
from backend.catalog.selectors import PriceList, model_price_list
from backend.core.errors import ValidationError
from backend.core.fields import StrictCharField, StrictIntegerField
from backend.inventory.models import Event, HoldItem

MAX_SERVICES = 50


@dataclass(frozen=True)
class Line:
    """A priced line, before it is stored (``BookingLine``)."""

    kind: str
    service: int | None
    name: str
    amount: Decimal


class ServiceDetails(serializers.Serializer):
    customer_name = StrictCharField(max_length=150)
    phone = StrictCharField(max_length=32)
    email = serializers.EmailField(max_length=254)
    location = serializers.ChoiceField(choices=["shop", "home"])
    address = StrictCharField(max_length=500, required=False, allow_blank=True)
    city = StrictCharField(max_length=100, required=False, allow_blank=True)
    postcode = StrictCharField(max_length=20, required=False, allow_blank=True)
    notes = StrictCharField(max_length=1000, required=False, allow_blank=True)
    vehicle_model = StrictIntegerField(min_value=1, help_text="A catalog vehicle model's id.")
    services = serializers.ListField(
        child=StrictIntegerField(min_value=1),
        allow_empty=False,
        max_length=MAX_SERVICES,
        help_text="Catalog service ids, each once.",
    )


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError(fields={"details": {field: [message]}})


def _folded(text: str) -> str:
    return "".join(text.split()).casefold()


def in_service_area(event: Event, *, city: str, postcode: str) -> bool:
    """At home: the city or the postcode is one the event serves (case and spaces ignored);
    an event that lists none serves everywhere."""
    area = {_folded(str(entry)) for entry in (event.service_area or []) if str(entry).strip()}
    return not area or _folded(city) in area or _folded(postcode) in area


def _check_hold(items: Sequence[HoldItem], needed: int) -> None:
    """Consecutive slots of one resource, one place each, covering ``needed`` minutes."""
    slots = sorted((item.slot for item in items), key=lambda slot: slot.starts_at)
    if any(item.quantity != 1 for item in items):
        raise ValidationError(fields={"hold": ["Hold one place in each slot."]})
    if len({slot.resource_id for slot in slots}) != 1:
        raise ValidationError(fields={"hold": ["Hold slots of one bay only."]})
    if any(a.ends_at != b.starts_at for a, b in itertools.pairwise(slots)):
        raise ValidationError(fields={"hold": ["Hold consecutive slots (no gaps)."]})
    held = int((slots[-1].ends_at - slots[0].starts_at).total_seconds() // 60) if slots else 0
    if held < needed:
        raise ValidationError(
            fields={
                "hold": [
                    f"This appointment needs {needed} minutes; the hold has {held}.",
                ]
            },
            needed_minutes=needed,
            held_minutes=held,
        )


def _services(event: Event, prices: PriceList, ids: list[int]) -> list[Line]:
    if len(set(ids)) != len(ids):
        raise _invalid("services", "Name each service once.")
    lines = []
    for service_id in ids:
        priced = prices.price_of(service_id)
        if priced is None:
            known = Service.objects.filter(
                pk=service_id, category__event=event, active=True
            ).exists()
            raise _invalid(
                "services",
                f"Service {service_id} is not offered for this vehicle."
                if known
                else f"There is no service {service_id}.",
            )
        lines.append(Line(BookingLine.Kind.SERVICE, priced.id, priced.name, priced.price))
    return lines


def appointment_check(
    event: Event, items: Sequence[HoldItem], details: Any
) -> tuple[dict[str, Any], list[Line]]:
    """The details to store (with the vehicle's names for the job card) and the priced
    lines, or a ``ValidationError`` naming the field."""
    serializer = ServiceDetails(data=details if details is not None else {})
    if not serializer.is_valid():
        raise ValidationError(fields={"details": serializer.errors})
    data = dict(serializer.validated_data)
    try:
        data["phone"] = normalize_phone(data["phone"], region=region_of(event))
    except InvalidPhone as error:
        raise _invalid("phone", str(error)) from None
    home = data["location"] == "home"
    if home:
        if event.home_visit_fee is None:
            raise _invalid("location", "This shop does not come to your home.")
        missing = {}
        for name, article in (("address", "An"), ("city", "A"), ("postcode", "A")):
            data[name] = data.get(name, "").strip()
            if not data[name]:
                missing[name] = [f"{article} {name} is needed for a visit at home."]
        if missing:
            raise ValidationError(fields={"details": missing})
        if not in_service_area(event, city=data["city"], postcode=data["postcode"]):
            message = "This address is outside the area the shop visits."
            raise ValidationError(fields={"details": {"city": [message], "postcode": [message]}})
    prices = model_price_list(event=event, vehicle_model_id=data["vehicle_model"])
    if prices is None:
        raise _invalid("vehicle_model", "There is no such vehicle model.")
    lines = _services(event, prices, data["services"])
    minutes = sum(
        priced.duration_minutes
        for priced in (prices.price_of(line.service) for line in lines if line.service)
        if priced is not None
    )
    if home:
        lines.append(
            Line(
                BookingLine.Kind.HOME_VISIT, None, "Home visit", event.home_visit_fee or Decimal(0)
            )
        )
        minutes += event.home_visit_travel_minutes
    _check_hold(items, minutes)
    model = prices.vehicle_model
    data["vehicle"] = {
        "type": model.brand.vehicle_type.name,
        "brand": model.brand.name,
        "model": model.name,
    }
    return data, lines
