"""The /ws/ gateway in process (WebsocketCommunicator): frames, topics, recovery, limits."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from unittest.mock import patch

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import override_settings

from backend.asgi import application
from backend.realtime import hub as hub_module
from backend.realtime import publish
from backend.realtime import store as store_module
from backend.realtime.dispatcher import dispatcher, serialize_body
from backend.realtime.hub import hub
from backend.realtime.store import frame_store
from tests.consumers.conftest import unique

pytestmark = [pytest.mark.usefixtures("test_topics"), pytest.mark.django_db(transaction=True)]


async def publish_frames(topic: str, count: int, start: int = 1) -> None:
    @sync_to_async
    def run() -> None:
        for n in range(start, start + count):
            publish(topic, "test", {"n": n})

    await run()


async def test_ping_answers_pong_with_the_server_time(connect: Any) -> None:
    client = await connect()

    pong = await client.ask({"type": "ping"})

    assert pong["type"] == "pong"
    assert datetime.fromisoformat(pong["server_time"]).tzinfo is not None


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('"ping"', "JSON object"),
        ("{}", '"type"'),
        ('{"type": 7}', '"type"'),
        ('{"type": "teleport"}', "Unknown frame type"),
        ('{"type": "subscribe"}', '"topic"'),
        ('{"type": "subscribe", "topic": "has space"}', '"topic"'),
        ('{"type": "subscribe", "topic": "test:a", "since": {"epoch": 1}}', '"since"'),
        ('{"type": "subscribe", "topic": "test:a", "since": {"epoch": "e", "seq": -1}}', "since"),
        ('{"type": "subscribe", "topic": "test:a", "filter": [1]}', '"filter"'),
        ('{"type": "subscribe", "topic": "test:a", "filter": {"bad": 1}}', "Bad"),
        ('{"type": "unsubscribe", "topic": 5}', '"topic"'),
        ("x" * (64 * 1024 + 1), "larger than"),
    ],
)
async def test_malformed_frames_get_bad_request_and_the_connection_stays_open(
    connect: Any, frame: str, message: str
) -> None:
    client = await connect()

    error = await client.ask(frame)

    assert error["type"] == "error"
    assert error["code"] == "bad_request"
    assert message in error["message"]
    assert (await client.ask({"type": "ping"}))["type"] == "pong"


async def test_binary_frames_are_refused(connect: Any) -> None:
    client = await connect()
    await client.ws.send_to(bytes_data=b'{"type": "ping"}')

    assert (await client.recv())["code"] == "bad_request"
    assert (await client.ask({"type": "ping"}))["type"] == "pong"


async def test_an_unknown_topic_is_not_found(connect: Any) -> None:
    client = await connect()

    error = await client.ask({"type": "subscribe", "topic": "nothing:here"})

    assert error == {
        "type": "error",
        "code": "not_found",
        "message": "There is no topic 'nothing:here'.",
        "topic": "nothing:here",
    }


async def test_a_topic_checks_who_may_subscribe(connect: Any) -> None:
    client = await connect()

    refused = await client.ask({"type": "subscribe", "topic": "guarded:closed"})
    allowed = await client.ask({"type": "subscribe", "topic": "guarded:open-1"})

    assert refused["code"] == "forbidden"
    assert allowed["type"] == "subscribed"


async def test_subscribe_gives_a_snapshot_then_numbered_frames(connect: Any) -> None:
    client = await connect()
    topic = f"test:{unique()}"

    subscribed = await client.ask({"type": "subscribe", "topic": topic, "filter": {"day": 1}})
    await publish_frames(topic, 3)
    frames = [await client.recv() for _ in range(3)]

    assert subscribed["type"] == "subscribed"
    assert subscribed["snapshot"] == {"name": topic.split(":")[1], "filter": {"day": 1}}
    assert [f["seq"] for f in frames] == [subscribed["seq"] + n for n in (1, 2, 3)]
    assert [f["data"]["n"] for f in frames] == [1, 2, 3]
    assert {f["epoch"] for f in frames} == {subscribed["epoch"]}
    assert all(f["type"] == "event" and f["topic"] == topic for f in frames)


async def test_unsubscribe_stops_the_frames(connect: Any) -> None:
    client = await connect()
    topic = f"test:{unique()}"
    await client.ask({"type": "subscribe", "topic": topic})

    answer = await client.ask({"type": "unsubscribe", "topic": topic})
    await publish_frames(topic, 2)

    assert answer == {"type": "unsubscribed", "topic": topic}
    assert await client.silent()


async def test_since_replays_what_a_reconnecting_client_missed(connect: Any) -> None:
    topic = f"test:{unique()}"
    first = await connect()
    subscribed = await first.ask({"type": "subscribe", "topic": topic})
    await publish_frames(topic, 2)
    seen = [await first.recv() for _ in range(2)]
    await first.ws.disconnect()

    await publish_frames(topic, 3, start=3)  # published while the client was away
    await sync_to_async(dispatcher.drain)()
    second = await connect()
    resumed = await second.ask(
        {
            "type": "subscribe",
            "topic": topic,
            "since": {"epoch": subscribed["epoch"], "seq": seen[-1]["seq"]},
        }
    )
    replayed = [await second.recv() for _ in range(3)]

    assert resumed["recovered"] is True
    assert resumed["seq"] == seen[-1]["seq"]
    assert "snapshot" not in resumed
    assert [f["data"]["n"] for f in replayed] == [3, 4, 5]
    assert [f["seq"] for f in replayed] == [seen[-1]["seq"] + n for n in (1, 2, 3)]
    assert await second.silent()


@pytest.mark.parametrize("since", [{"epoch": "other-epoch", "seq": 1}, "beyond-history"])
async def test_since_that_cannot_be_answered_gives_a_fresh_snapshot(
    connect: Any, since: Any
) -> None:
    topic = f"test:{unique()}"
    client = await connect()
    subscribed = await client.ask({"type": "subscribe", "topic": topic})
    if since == "beyond-history":
        with override_settings(REALTIME={**_realtime(), "HISTORY_SIZE": 2, "HISTORY_MAX": 2}):
            await publish_frames(topic, 5)
            await sync_to_async(dispatcher.drain)()
            for _ in range(5):
                await client.recv()
        since = {"epoch": subscribed["epoch"], "seq": 1}

    again = await client.ask({"type": "subscribe", "topic": topic, "since": since})

    assert again["type"] == "subscribed"
    assert again["recovered"] is False
    assert "snapshot" in again


def _realtime() -> dict[str, Any]:
    from django.conf import settings

    return dict(settings.REALTIME)


async def test_frames_a_hub_missed_are_filled_from_the_history_once(connect: Any) -> None:
    """Frames are published in seq order, but a process's subscription can lose some (Redis
    went away for a moment): the next frame shows the gap and the hub fills it from the
    topic's history, once for all its clients, so each still sees 1 then 2; the lost frame
    turning up late is dropped."""
    topic = f"test:{unique()}"
    clients = [await connect(), await connect()]
    subscribed = [await c.ask({"type": "subscribe", "topic": topic}) for c in clients]
    store = frame_store()
    with (  # numbered and kept, but its publish goes nowhere
        patch.object(store_module, "channel_of", lambda topic: "gh:rt:ch:nobody"),
        patch.object(hub_module, "hand_to_local_hubs", lambda topic, frame: None),
    ):
        lost = await store.append(topic, serialize_body(topic, "test", {"n": "first"}))
    since_calls: list[tuple[Any, ...]] = []
    real_since = store.since

    async def counted_since(*args: Any) -> Any:
        since_calls.append(args)
        return await real_since(*args)

    with patch.object(store, "since", counted_since):
        await store.append(topic, serialize_body(topic, "test", {"n": "second"}))
        received = [[await c.recv(), await c.recv()] for c in clients]
    hub().on_frame(topic, lost)

    for client, answer, frames in zip(clients, subscribed, received, strict=True):
        assert [f["data"]["n"] for f in frames] == ["first", "second"]
        assert [f["seq"] for f in frames] == [answer["seq"] + 1, answer["seq"] + 2]
        assert await client.silent()
    assert since_calls == [(topic, subscribed[0]["epoch"], subscribed[0]["seq"])]


async def test_too_many_frames_are_rate_limited(connect: Any) -> None:
    with override_settings(REALTIME={**_realtime(), "FRAMES_PER_SECOND": 1, "FRAME_BURST": 3}):
        client = await connect()
        for _ in range(6):
            await client.send({"type": "ping"})
        answers = [await client.recv() for _ in range(4)]

    assert [a["type"] for a in answers[:3]] == ["pong"] * 3
    assert answers[3]["code"] == "rate_limited"
    assert 0 < answers[3]["retry_after"] <= 1
    assert await client.silent()  # the other flooding frames were dropped without an answer


async def test_a_connection_may_hold_a_bounded_number_of_topics(connect: Any) -> None:
    with override_settings(REALTIME={**_realtime(), "MAX_SUBSCRIPTIONS": 2}):
        client = await connect()
        answers = [
            await client.ask({"type": "subscribe", "topic": f"test:cap{n}"}) for n in range(3)
        ]
        again = await client.ask({"type": "subscribe", "topic": "test:cap0"})

    assert [a["type"] for a in answers] == ["subscribed", "subscribed", "error"]
    assert "Too many subscriptions" in answers[2]["message"]
    assert again["type"] == "subscribed"  # re-subscribing a held topic is always allowed


async def test_a_foreign_origin_is_refused() -> None:
    communicator = WebsocketCommunicator(
        application, "/ws/", [(b"origin", b"https://evil.example")]
    )
    connected, _ = await communicator.connect()

    assert connected is False


async def test_other_websocket_paths_are_refused() -> None:
    communicator = WebsocketCommunicator(
        application, "/ws/other/", [(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")]
    )  # a good Origin and Host: refused for its path alone
    connected, _ = await communicator.connect()

    assert connected is False
