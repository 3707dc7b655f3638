"""The live schedule over a real websocket: anyone subscribes to ``event:{slug}:schedule``
and gets the schedule as its snapshot (the REST answer's items), then one ``schedule`` frame
per change; an unknown or draft event is not found, and a filter makes no sense here."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import sync_to_async
from rest_framework.test import APIClient

from backend.content.services.schedule import performance_delay
from backend.realtime.dispatcher import dispatcher
from tests.content.conftest import Fest, PerformanceFactory, StageFactory
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True)


async def test_the_snapshot_is_the_schedule_and_a_delay_reaches_the_audience(
    connect: Any, fest: Fest
) -> None:
    def world() -> tuple[list[Any], list[int]]:
        stage = StageFactory(event=fest.event, name="Main")
        acts = [PerformanceFactory(stage=stage, starts_at=fest.at(0, h)) for h in (18, 19, 20)]
        listed = APIClient().get("/api/events/fest/schedule/").json()
        return listed, [a.pk for a in acts]

    listed, ids = await sync_to_async(world)()
    client = await connect()  # anonymous: the schedule is public

    subscribed = await client.ask({"type": "subscribe", "topic": "event:fest:schedule"})

    assert subscribed["type"] == "subscribed", subscribed
    assert subscribed["snapshot"] == {"items": listed}

    def delay() -> None:
        from backend.content.models import Performance

        performance_delay(
            performance=Performance.objects.get(pk=ids[1]), actor=fest.staff, minutes=10,
            cascade=True,
        )  # fmt: skip
        dispatcher.drain()

    await sync_to_async(delay)()
    frame = await client.recv()

    assert (frame["type"], frame["topic"], frame["kind"]) == (
        "event", "event:fest:schedule", "schedule",
    )  # fmt: skip
    assert [item["id"] for item in frame["data"]["items"]] == ids[1:]
    assert {item["status"] for item in frame["data"]["items"]} == {"delayed"}
    assert frame["data"]["removed"] == []
    assert frame["seq"] == subscribed["seq"] + 1
    assert await client.silent()


async def test_an_unknown_or_draft_event_is_not_found(connect: Any, db: Any) -> None:
    await sync_to_async(lambda: EventFactory(slug="drafty", status="draft"))()
    client = await connect()

    for slug in ("nowhere", "drafty"):
        answer = await client.ask({"type": "subscribe", "topic": f"event:{slug}:schedule"})
        assert (answer["type"], answer["code"]) == ("error", "not_found")


async def test_a_filter_is_a_bad_request(connect: Any, fest: Fest) -> None:
    client = await connect()

    answer = await client.ask(
        {"type": "subscribe", "topic": "event:fest:schedule", "filter": {"day": "2030-01-01"}}
    )

    assert (answer["type"], answer["code"]) == ("error", "bad_request")
