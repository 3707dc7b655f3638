"""A waitlist offer over a real server (daphne, PostgreSQL, the real channel layer) and a real
websocket client: the next person, subscribed to ``waitlist:{id}``, hears of the offer within
a second of a release answered over HTTP."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import httpx
import pytest
import websockets

from backend.bookings.models import WaitlistEntry
from backend.bookings.services.waitlist import waitlist_join
from backend.inventory.services.holds import ItemRequest, hold_create
from tests.accounts.helpers import sign_in
from tests.factories import EventFactory, ResourceFactory, SlotFactory, UserFactory
from tests.support.live import LiveServer

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


async def ask(ws: Any, frame: dict[str, Any]) -> dict[str, Any]:
    await ws.send(json.dumps(frame))
    return json.loads(await asyncio.wait_for(ws.recv(), 5))


def test_a_waitlist_offer_reaches_the_next_person_within_a_second_of_a_release(
    gatehouse_server: LiveServer,
) -> None:
    event = EventFactory(slug="live-waitlist")
    slot = SlotFactory(resource=ResourceFactory(event=event, units=1))
    holder, waiting, later = UserFactory(), UserFactory(), UserFactory()
    taken = hold_create(user=holder, event=event, items=[ItemRequest(slot.pk, 1)])
    entry, _ = waitlist_join(user=waiting, event=event, slot_id=slot.pk, quantity=1)
    waitlist_join(user=later, event=event, slot_id=slot.pk, quantity=1)
    holder_token, waiting_token = sign_in(holder).access, sign_in(waiting).access

    async def scenario() -> tuple[dict[str, Any], float, dict[str, Any]]:
        async with websockets.connect(
            gatehouse_server.ws_url, origin=gatehouse_server.origin, open_timeout=5
        ) as ws:
            assert (await ask(ws, {"type": "auth", "token": waiting_token}))["type"] == "auth.ok"
            subscribed = await ask(ws, {"type": "subscribe", "topic": f"waitlist:{entry.pk}"})
            async with httpx.AsyncClient(base_url=gatehouse_server.url, timeout=10) as client:
                sent = time.monotonic()
                answer = await client.delete(
                    f"/api/holds/{taken.pk}/",
                    headers={"Authorization": f"Bearer {holder_token}"},
                )
                answered = time.monotonic()
                print(f"\nthe release answered in {(answered - sent) * 1000:.0f} ms")
            assert answer.status_code == 200, answer.text
            while True:  # the first frame after the release (the dashboard mark sends none)
                frame = json.loads(await asyncio.wait_for(ws.recv(), 1.5))
                if frame.get("kind") == "waitlist.offered":
                    return subscribed, time.monotonic() - answered, frame

    subscribed, elapsed, frame = asyncio.run(scenario())

    assert subscribed["snapshot"]["status"] == "waiting"
    assert subscribed["snapshot"]["position"] == 1
    entry.refresh_from_db()
    assert entry.status == WaitlistEntry.Status.OFFERED
    assert frame["topic"] == f"waitlist:{entry.pk}"
    assert frame["data"]["hold"] == str(entry.hold_id)
    print(f"\nwaitlist offer frame {elapsed * 1000:.0f} ms after the release's answer")
    assert elapsed < 1


def test_someone_elses_waitlist_topic_is_forbidden(gatehouse_server: LiveServer) -> None:
    event = EventFactory(slug="live-waitlist-2")
    slot = SlotFactory(resource=ResourceFactory(event=event, units=1))
    hold_create(user=UserFactory(), event=event, items=[ItemRequest(slot.pk, 1)])
    entry, _ = waitlist_join(user=UserFactory(), event=event, slot_id=slot.pk, quantity=1)
    stranger = sign_in(UserFactory()).access

    async def scenario() -> dict[str, Any]:
        async with websockets.connect(
            gatehouse_server.ws_url, origin=gatehouse_server.origin, open_timeout=5
        ) as ws:
            await ask(ws, {"type": "auth", "token": stranger})
            return await ask(ws, {"type": "subscribe", "topic": f"waitlist:{entry.pk}"})

    answer = asyncio.run(scenario())

    assert answer["type"] == "error"
    assert answer["code"] == "forbidden"
