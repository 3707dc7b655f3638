"""Guest details per kind of business, checked against what the hold contains.

Each checker receives the request's ``guests`` and ``details`` and the held items, and
returns the details to store plus the contact fields, or raises ``ValidationError`` naming
the field. Amounts never come from here: they come from the slots.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rest_framework import serializers

from backend.bookings.services.appointments import Line, appointment_check
from backend.core.errors import ValidationError
from backend.core.fields import StrictCharField, StrictIntegerField
from backend.inventory.models import Event, HoldItem

ADULT_AGE = 18


@dataclass
class Checked:
    details: dict[str, Any] = field(default_factory=dict)
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    # A service booking's priced lines; its amount is their sum (other kinds: none).
    lines: list[Line] = field(default_factory=list)


def _invalid(name: str, message: str) -> ValidationError:
    return ValidationError(fields={name: [message]})


def _validated(serializer_class: type[serializers.Serializer], data: Any, name: str) -> Any:
    serializer = serializer_class(data=data if data is not None else {})
    if not serializer.is_valid():
        raise ValidationError(fields={name: serializer.errors})
    return serializer.validated_data


class GuestInput(serializers.Serializer):
    name = StrictCharField(max_length=150)
    age = StrictIntegerField(min_value=0, max_value=120)
    room = StrictIntegerField(min_value=1, required=False)


class StayGuests(serializers.Serializer):
    # many=True hands max_length to the ListSerializer; drf-stubs leaves it out
    guests = GuestInput(many=True, allow_empty=False, max_length=100)  # type: ignore[call-arg]
    special_requests = StrictCharField(max_length=1000, required=False, allow_blank=True)


def _stays(items: Sequence[HoldItem], guests: Any, details: Any) -> Checked:
    """Every held room has between one guest and as many as it takes; an adult comes."""
    data = _validated(StayGuests, {"guests": guests, **(details or {})}, "guests")
    rooms = {item.slot.resource_id: item.slot.resource for item in items}
    by_room: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for guest in data["guests"]:
        room = guest.get("room")
        if room is None and len(rooms) == 1:
            room = next(iter(rooms))
        if room not in rooms:
            raise _invalid("guests", "Say which of your held rooms each guest stays in.")
        by_room[room].append({"name": guest["name"], "age": guest["age"]})
    for room_id, room in rooms.items():
        party = by_room.get(room_id, [])
        if not party:
            raise _invalid("guests", f"Nobody stays in {room.name}.")
        if len(party) > room.guest_capacity:
            raise _invalid("guests", f"{room.name} takes at most {room.guest_capacity} guests.")
    if not any(g["age"] >= ADULT_AGE for party in by_room.values() for g in party):
        raise _invalid("guests", f"At least one guest must be {ADULT_AGE} or older.")
    stored = {"rooms": [{"room": r, "guests": p} for r, p in sorted(by_room.items())]}
    if data.get("special_requests"):
        stored["special_requests"] = data["special_requests"]
    return Checked(stored, contact_name=data["guests"][0]["name"])


class RoomDetails(serializers.Serializer):
    guest_count = StrictIntegerField(min_value=1, max_value=1000)
    special_requests = StrictCharField(max_length=1000, required=False, allow_blank=True)


def _consecutive(items: Sequence[HoldItem]) -> bool:
    by_resource: dict[int, list[Any]] = defaultdict(list)
    for item in items:
        by_resource[item.slot.resource_id].append(item.slot)
    for slots in by_resource.values():
        slots.sort(key=lambda slot: slot.starts_at)
        if any(a.ends_at != b.starts_at for a, b in itertools.pairwise(slots)):
            return False
    return True


def _rooms(items: Sequence[HoldItem], guests: Any, details: Any) -> Checked:
    """A guest count the rooms take, and slots of one room that follow each other."""
    data = _validated(RoomDetails, details, "details")
    seats = max(item.slot.resource.guest_capacity for item in items)
    if data["guest_count"] > seats:
        raise _invalid("details", f"These rooms take at most {seats} people.")
    if not _consecutive(items):
        raise _invalid("items", "Book consecutive slots of a room (one meeting, no gaps).")
    return Checked(dict(data))


def _service(event: Event, items: Sequence[HoldItem], details: Any) -> Checked:
    """Who to call, where, the vehicle and its services, priced (``appointments``)."""
    data, lines = appointment_check(event, items, details)
    return Checked(
        data,
        contact_name=data["customer_name"],
        contact_phone=data["phone"],
        contact_email=data["email"],
        lines=lines,
    )


class TicketHolders(serializers.Serializer):
    holders = serializers.ListField(
        child=StrictCharField(max_length=150), allow_empty=False, max_length=1000
    )


def _festival(items: Sequence[HoldItem], guests: Any, details: Any) -> Checked:
    """A holder name for every ticket (seat or unit), in the order of the hold's items."""
    data = _validated(TicketHolders, details, "details")
    units = sum(item.quantity for item in items)
    if len(data["holders"]) != units:
        raise _invalid("details", f"Give one holder name per ticket ({units}).")
    return Checked({"holders": data["holders"]}, contact_name=data["holders"][0])


class VipDetails(serializers.Serializer):
    name = StrictCharField(max_length=150, required=False, allow_blank=True)


def _vip(items: Sequence[HoldItem], guests: Any, details: Any) -> Checked:
    data = _validated(VipDetails, details, "details")
    return Checked(dict(data), contact_name=data.get("name", ""))


# A service appointment is checked against its event's catalog (``_service``, below).
CHECKERS: dict[str, Callable[[Sequence[HoldItem], Any, Any], Checked]] = {
    Event.Kind.STAYS: _stays,
    Event.Kind.ROOMS: _rooms,
    Event.Kind.FESTIVAL: _festival,
    Event.Kind.VIP: _vip,
}


def check_details(event: Event, items: Sequence[HoldItem], guests: Any, details: Any) -> Checked:
    if details is not None and not isinstance(details, dict):
        raise _invalid("details", "Send an object.")
    if event.kind == Event.Kind.SERVICE:
        return _service(event, items, details)  # priced from the event's catalog
    return CHECKERS[event.kind](items, guests, details)
