"""Numbering and history, for both stores: in process (embedded) and Redis (full stack)."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator

import pytest

from backend.realtime.redis import async_redis
from backend.realtime.store import (
    FrameStore,
    HistoryLimits,
    MemoryFrameStore,
    RedisFrameStore,
)

LIMITS = HistoryLimits(size=5, seconds=60, max=8)


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
async def store(request: pytest.FixtureRequest) -> AsyncIterator[FrameStore]:
    if request.param == "memory":
        yield MemoryFrameStore(LIMITS)
        return
    redis_store = RedisFrameStore(LIMITS)
    yield redis_store
    keys = [key async for key in async_redis().scan_iter(f"{redis_store.prefix}*:test-*")]
    if keys:
        await async_redis().delete(*keys)


def topic() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


async def test_seq_rises_by_one_per_topic(store: FrameStore) -> None:
    a, b = topic(), topic()

    seqs_a = [(await store.append(a, '{"type":"event"')).seq for _ in range(4)]
    seqs_b = [(await store.append(b, '{"type":"event"')).seq for _ in range(2)]

    assert seqs_a == [1, 2, 3, 4]
    assert seqs_b == [1, 2]
    assert (await store.position(a)).seq == 4


async def test_the_frame_text_is_finished_json_with_its_numbers(store: FrameStore) -> None:
    name = topic()
    body_open = json.dumps({"type": "event", "topic": name, "kind": "k", "data": {"ü": 1}})[:-1]

    frame = await store.append(name, body_open)

    parsed = json.loads(frame.text)
    assert parsed == {
        "type": "event",
        "topic": name,
        "kind": "k",
        "data": {"ü": 1},
        "epoch": frame.epoch,
        "seq": 1,
    }


async def test_position_of_a_new_topic_is_zero_in_a_stable_epoch(store: FrameStore) -> None:
    name = topic()

    first = await store.position(name)
    frame = await store.append(name, '{"type":"event"')

    assert first.seq == 0
    assert frame.epoch == first.epoch
    assert frame.seq == 1


async def test_since_returns_exactly_the_missed_frames(store: FrameStore) -> None:
    name = topic()
    frames = [await store.append(name, '{"type":"event"') for _ in range(4)]
    epoch = frames[0].epoch

    assert [f.seq for f in await store.since(name, epoch, 1)] == [2, 3, 4]
    assert [f.text for f in await store.since(name, epoch, 2)] == [f.text for f in frames[2:]]
    assert await store.since(name, epoch, 4) == []


async def test_since_cannot_answer_for_another_epoch_or_the_future(store: FrameStore) -> None:
    name = topic()
    frame = await store.append(name, '{"type":"event"')

    assert await store.since(name, "not-the-epoch", 0) is None
    assert await store.since(name, frame.epoch, 2) is None
    assert await store.since(topic(), frame.epoch, 0) is None


async def test_history_keeps_at_most_max_frames(store: FrameStore) -> None:
    name = topic()
    frames = [await store.append(name, '{"type":"event"') for _ in range(12)]
    epoch = frames[0].epoch

    # 12 frames, at most 8 kept (all are younger than 60 s): frames 5..12.
    assert await store.since(name, epoch, 3) is None
    assert [f.seq for f in await store.since(name, epoch, 4)] == list(range(5, 13))


async def test_history_drops_old_frames_beyond_its_size() -> None:
    # seconds=0: nothing is young, so only the last `size` frames stay.
    limits = HistoryLimits(size=3, seconds=0, max=100)
    memory = MemoryFrameStore(limits)
    name = topic()
    frames = [await memory.append(name, '{"type":"event"') for _ in range(6)]

    assert await memory.since(name, frames[0].epoch, 2) is None
    assert [f.seq for f in await memory.since(name, frames[0].epoch, 3)] == [4, 5, 6]


@pytest.mark.redis
async def test_redis_history_drops_old_frames_beyond_its_size() -> None:
    redis_store = RedisFrameStore(HistoryLimits(size=3, seconds=0, max=100))
    name = topic()
    frames = [await redis_store.append(name, '{"type":"event"') for _ in range(6)]

    assert await redis_store.since(name, frames[0].epoch, 2) is None
    assert [f.seq for f in await redis_store.since(name, frames[0].epoch, 3)] == [4, 5, 6]
    await async_redis().delete(*redis_store._keys(name))


@pytest.mark.redis
async def test_a_lost_numbering_starts_a_new_epoch() -> None:
    redis_store = RedisFrameStore(LIMITS)
    name = topic()
    before = await redis_store.append(name, '{"type":"event"')
    await async_redis().delete(*redis_store._keys(name))  # what a FLUSHALL does to it

    after = await redis_store.append(name, '{"type":"event"')

    assert after.epoch != before.epoch
    assert after.seq == 1
    assert await redis_store.since(name, before.epoch, 1) is None
    await async_redis().delete(*redis_store._keys(name))
