"""publish(): only after commit, numbered per topic, coalesced on request.

These run against the configured store and the loop's hub: in process by default, the Redis
store and its pub/sub in CI.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import uuid
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.db import transaction

from backend.realtime import Coalesce, Published, publish
from backend.realtime.dispatcher import dispatcher
from backend.realtime.hub import hub

pytestmark = pytest.mark.django_db(transaction=True)


class Listener:
    """A receiver of a topic on this loop's hub, as a websocket connection is."""

    def __init__(self, topic: str) -> None:
        self.topic = topic
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    def deliver(self, topic: str, epoch: str, seq: int, text: str) -> int:
        self.queue.put_nowait({"topic": topic, "epoch": epoch, "seq": seq, "text": text})
        return 0

    def backlog(self) -> int:
        return 0

    async def __aenter__(self) -> Listener:
        await hub().join(self.topic, self)
        return self

    async def __aexit__(self, *exc: object) -> None:
        hub().leave(self.topic, self)

    async def next(self, timeout: float = 2.0) -> dict[str, Any]:
        return await asyncio.wait_for(self.queue.get(), timeout)

    async def nothing(self, within: float = 0.3) -> bool:
        try:
            await asyncio.wait_for(self.queue.get(), within)
        except TimeoutError:
            return True
        return False


def new_topic() -> str:
    return f"test:{uuid.uuid4().hex[:16]}"


@sync_to_async
def publish_in_transaction(topic: str, payloads: list[dict[str, Any]], *, fail: bool) -> None:
    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            for data in payloads:
                publish(topic, "test", data)
            if fail:
                raise Rollback
    except Rollback:
        pass


async def test_a_rolled_back_transaction_publishes_nothing(
    captured_publishes: list[Published],
) -> None:
    topic = new_topic()
    async with Listener(topic) as listener:
        await publish_in_transaction(topic, [{"n": 1}, {"n": 2}], fail=True)
        await sync_to_async(dispatcher.drain)()

        assert captured_publishes == []
        assert await listener.nothing()


async def test_a_commit_publishes_frames_numbered_one_by_one(
    captured_publishes: list[Published],
) -> None:
    topic = new_topic()
    async with Listener(topic) as listener:
        await publish_in_transaction(topic, [{"n": n} for n in range(1, 6)], fail=False)
        messages = [await listener.next() for _ in range(5)]

    assert [p.data for p in captured_publishes] == [{"n": n} for n in range(1, 6)]
    seqs = [m["seq"] for m in messages]
    assert seqs == list(range(seqs[0], seqs[0] + 5))
    frames = [json.loads(m["text"]) for m in messages]
    assert [f["data"]["n"] for f in frames] == [1, 2, 3, 4, 5]
    assert all(f["type"] == "event" and f["topic"] == topic and f["kind"] == "test" for f in frames)
    assert {f["epoch"] for f in frames} == {messages[0]["epoch"]}


async def test_topics_are_numbered_independently() -> None:
    first, second = new_topic(), new_topic()
    async with Listener(first) as one, Listener(second) as two:
        for _ in range(3):
            await sync_to_async(publish)(first, "test", {})
        await sync_to_async(publish)(second, "test", {})
        assert [(await one.next())["seq"] for _ in range(3)] == [1, 2, 3]
        assert (await two.next())["seq"] == 1


async def test_an_invalid_topic_fails_in_the_caller() -> None:
    with pytest.raises(ValueError, match="invalid topic"):
        await sync_to_async(publish)("bad topic!", "test", {})


async def test_coalescing_merges_a_burst_into_frames_with_the_last_values() -> None:
    topic = new_topic()
    spec = Coalesce.by_id("slots", window=0.3)

    @sync_to_async
    def burst() -> None:
        for n in range(1, 201):
            publish(
                topic,
                "availability",
                {"slots": [{"id": n % 4, "available": n}], "total": n},
                coalesce=spec,
            )

    async with Listener(topic) as listener:
        await burst()
        first = json.loads((await listener.next())["text"])
        merged = json.loads((await listener.next(timeout=2))["text"])
        assert await listener.nothing(within=0.6)

    # The first frame of a quiet topic leaves at once; the rest of the burst is one frame
    # carrying the last value of every slot and field.
    assert first["data"] == {"slots": [{"id": 1, "available": 1}], "total": 1}
    assert merged["seq"] == first["seq"] + 1
    assert merged["data"]["total"] == 200
    assert sorted(merged["data"]["slots"], key=lambda s: s["id"]) == [
        {"id": 0, "available": 200},
        {"id": 1, "available": 197},
        {"id": 2, "available": 198},
        {"id": 3, "available": 199},
    ]


async def test_coalesced_frames_are_spaced_by_the_window() -> None:
    topic = new_topic()
    spec = Coalesce(window=0.2)
    loop = asyncio.get_running_loop()

    arrivals: list[tuple[float, int]] = []

    async def record(listener: Listener) -> None:
        while True:
            message = await listener.next(timeout=1.0)
            arrivals.append((loop.time(), json.loads(message["text"])["data"]["n"]))

    async with Listener(topic) as listener:
        # Warm up every connection on the way (another kind coalesces apart), then time.
        await sync_to_async(publish)(topic, "warm-up", {})
        await listener.next()
        recording = asyncio.ensure_future(record(listener))
        for n in range(12):  # a publish every 50 ms for 600 ms
            await sync_to_async(publish)(topic, "stats", {"n": n}, coalesce=spec)
            await asyncio.sleep(0.05)
        with pytest.raises(TimeoutError):
            await recording

    assert 3 <= len(arrivals) <= 5
    assert arrivals[-1][1] == 11  # the final value always arrives
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(arrivals)]
    assert min(gaps) >= 0.15


async def test_a_burst_to_thousands_of_topics_is_sent_without_exhausting_connections(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A sweep that ends thousands of holds publishes to thousands of hold topics at once."""
    from backend.realtime.store import frame_store

    topics = [new_topic() for _ in range(3000)]

    @sync_to_async
    def burst() -> None:
        for topic in topics:
            publish(topic, "hold.expired", {"status": "expired"})
        dispatcher.drain(timeout=60)

    await burst()

    positions = [await frame_store().position(topic) for topic in topics[::300]]
    assert [p.seq for p in positions] == [1] * 10
    assert "failed" not in caplog.text
