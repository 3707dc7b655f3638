"""What the hold benchmarks set up: an on-sale event, signed-in users, slots; and the check
that nothing was oversold (bench/holds.py and bench/holds_wrk.py)."""

from __future__ import annotations

from datetime import timedelta


def make_event(slug: str) -> object:
    from django.utils import timezone

    from backend.inventory.models import Event, Hold, Venue

    venue, _ = Venue.objects.get_or_create(name="Bench arena", city="Riyadh")
    Hold.objects.filter(event__slug=slug).delete()  # holds protect their slots
    Event.objects.filter(slug=slug).delete()
    return Event.objects.create(
        slug=slug,
        name=slug,
        kind=Event.Kind.FESTIVAL,
        venue=venue,
        starts_at=timezone.now() + timedelta(days=30),
        ends_at=timezone.now() + timedelta(days=30, hours=6),
        status=Event.Status.ON_SALE,
        max_live_holds_per_user=30_000,
        max_quantity_per_hold=10,
    )


def make_users(n: int, first: int = 9_000_000) -> tuple[list[object], list[str]]:
    """``n`` signed-in users (phones from ``first`` on) and an access token for each."""
    from backend.accounts.models import User
    from backend.accounts.services.sessions import session_start

    users = [User.objects.get_or_create(phone=f"+96650{first + i:07d}")[0] for i in range(n)]
    tokens = [session_start(user=u, method="otp").access for u in users]
    return users, tokens


def ticket_slot(event: object, capacity: int, name: str) -> object:
    from backend.inventory.models import Resource, Slot

    resource = Resource.objects.create(event=event, kind="ticket", name=name, units=capacity)
    return Slot.objects.create(
        resource=resource, starts_at=event.starts_at, ends_at=event.ends_at, capacity=capacity
    )


def minute_slots(event: object, name: str, count: int) -> list[int]:
    """``count`` slots of one unit each (a space by the minute): one hold each."""
    from backend.inventory.models import Resource, Slot

    space = Resource.objects.create(event=event, kind="space", name=name, units=1)
    base = event.starts_at
    Slot.objects.bulk_create(
        Slot(
            resource=space,
            starts_at=base + timedelta(minutes=n),
            ends_at=base + timedelta(minutes=n + 1),
            capacity=1,
        )
        for n in range(count)
    )
    return list(space.slots.order_by("id").values_list("id", flat=True))


def check_oversold(slot_ids: list[int]) -> int:
    """Units sold or held past capacity (0 is right); the held counters must match the rows."""
    from django.db.models import Q, Sum
    from django.db.models.functions import Coalesce

    from backend.inventory.models import Slot

    live = Q(hold_items__hold__status="active")
    slots = Slot.objects.filter(pk__in=slot_ids).annotate(
        active=Coalesce(Sum("hold_items__quantity", filter=live), 0)
    )
    oversold = 0
    for slot in slots:
        oversold += max(0, slot.sold + slot.held - slot.capacity)
        assert slot.held == slot.active, (slot.pk, slot.held, slot.active)
    return oversold
