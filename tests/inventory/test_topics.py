"""Live availability and hold countdowns over the websocket gateway (in process)."""

from __future__ import annotations

import time
import zoneinfo
from datetime import timedelta
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.utils import timezone

from backend.inventory.models import Hold
from backend.inventory.services.holds import ItemRequest, hold_create
from backend.inventory.services.sweeper import holds_sweep
from backend.realtime.dispatcher import dispatcher
from tests.accounts.helpers import sign_in
from tests.factories import EventFactory, ResourceFactory, SlotFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fest() -> Any:
    event = EventFactory(slug="live-fest", hold_minutes=10)
    slots = [SlotFactory(resource=ResourceFactory(event=event, units=5)) for _ in range(2)]
    return event, slots


@sync_to_async
def take(event: Any, slot: Any, quantity: int = 1, user: Any = None) -> Hold:
    """Hold, and wait until its frame has left (so a later subscriber starts after it)."""
    hold = hold_create(
        user=user or UserFactory(), event=event, items=[ItemRequest(slot.pk, quantity)]
    )
    dispatcher.drain()
    return hold


async def test_the_snapshot_has_every_slot(connect: Any, fest: Any) -> None:
    event, (a, b) = fest
    await take(event, a, 2)
    client = await connect()

    subscribed = await client.ask({"type": "subscribe", "topic": "event:live-fest:availability"})

    slots = {s["id"]: s for s in subscribed["snapshot"]["slots"]}
    assert slots[a.pk] == {"id": a.pk, "available": 3, "capacity": 5, "version": 1}
    assert slots[b.pk]["available"] == 5


async def test_another_users_hold_reaches_the_watcher_quickly(connect: Any, fest: Any) -> None:
    event, (a, _) = fest
    watcher = await connect()
    subscribed = await watcher.ask({"type": "subscribe", "topic": "event:live-fest:availability"})

    started = time.monotonic()
    await take(event, a, 2)
    frame = await watcher.recv(timeout=1)

    assert time.monotonic() - started < 1
    assert frame["kind"] == "availability"
    assert frame["seq"] == subscribed["seq"] + 1
    assert frame["data"]["slots"] == [{"id": a.pk, "available": 3, "version": 1}]


@pytest.mark.parametrize(
    ("options", "message"),
    [({"from": "soon"}, "not a date"), ({"day": "2026-12-01"}, "unknown filter")],
)
async def test_a_bad_filter_is_a_bad_request(
    connect: Any, fest: Any, options: dict[str, str], message: str
) -> None:
    client = await connect()

    answer = await client.ask(
        {"type": "subscribe", "topic": "event:live-fest:availability", "filter": options}
    )

    assert answer["code"] == "bad_request"
    assert message in answer["message"]


async def test_a_filter_narrows_the_snapshot(connect: Any, fest: Any) -> None:
    _event, (a, b) = fest
    client = await connect()
    # Dates in a filter are the venue's days (Asia/Riyadh), not the server's (UTC).
    day = a.starts_at.astimezone(zoneinfo.ZoneInfo(a.resource.event.venue.time_zone)).date()

    inside = await client.ask(
        {
            "type": "subscribe",
            "topic": "event:live-fest:availability",
            "filter": {"from": str(day), "to": str(day)},
        }
    )
    before = await client.ask(
        {
            "type": "subscribe",
            "topic": "event:live-fest:availability",
            "filter": {"to": str(day - timedelta(days=2))},
        }
    )

    assert {s["id"] for s in inside["snapshot"]["slots"]} == {a.pk, b.pk}
    assert before["snapshot"]["slots"] == []


async def test_an_unknown_event_is_not_found(connect: Any) -> None:
    client = await connect()

    answer = await client.ask({"type": "subscribe", "topic": "event:nope:availability"})

    assert answer["code"] == "not_found"


async def test_a_hold_topic_is_its_owners_alone(connect: Any, fest: Any) -> None:
    event, (a, _) = fest
    owner_user, stranger_user = (
        await sync_to_async(UserFactory)(),
        await sync_to_async(UserFactory)(),
    )
    hold = await take(event, a, user=owner_user)
    owner, stranger, anonymous = await connect(), await connect(), await connect()
    await owner.ask({"type": "auth", "token": (await sync_to_async(sign_in)(owner_user)).access})
    await stranger.ask(
        {"type": "auth", "token": (await sync_to_async(sign_in)(stranger_user)).access}
    )

    mine = await owner.ask({"type": "subscribe", "topic": f"hold:{hold.pk}"})
    theirs = await stranger.ask({"type": "subscribe", "topic": f"hold:{hold.pk}"})
    nobody = await anonymous.ask({"type": "subscribe", "topic": f"hold:{hold.pk}"})

    assert mine["type"] == "subscribed"
    assert mine["snapshot"]["status"] == "active"
    assert 595 <= mine["snapshot"]["remaining_seconds"] <= 600
    assert mine["snapshot"]["extensions_left"] == 1
    assert theirs["code"] == nobody["code"] == "forbidden"


async def test_the_owner_hears_expiring_then_expired_and_watchers_get_the_units_back(
    connect: Any, fest: Any
) -> None:
    event, (a, _) = fest
    user = await sync_to_async(UserFactory)()
    hold = await take(event, a, 3, user=user)
    owner, watcher = await connect(), await connect()
    await owner.ask({"type": "auth", "token": (await sync_to_async(sign_in)(user)).access})
    await owner.ask({"type": "subscribe", "topic": f"hold:{hold.pk}"})
    await watcher.ask({"type": "subscribe", "topic": "event:live-fest:availability"})

    # 50 s left: the sweep announces it; then time is up: the sweep releases it.
    await sync_to_async(Hold.objects.filter(pk=hold.pk).update)(
        expires_at=timezone.now() + timedelta(seconds=50)
    )
    await sync_to_async(holds_sweep)()
    expiring = await owner.recv()
    await sync_to_async(Hold.objects.filter(pk=hold.pk).update)(expires_at=timezone.now())
    await sync_to_async(holds_sweep)()
    expired = await owner.recv()
    freed = await watcher.recv()

    assert expiring["kind"] == "hold.expiring"
    assert 45 <= expiring["data"]["remaining_seconds"] <= 50
    assert expired["kind"] == "hold.expired"
    assert expired["data"]["status"] == "expired"
    assert freed["data"]["slots"][0] == {"id": a.pk, "available": 5, "version": 2}
