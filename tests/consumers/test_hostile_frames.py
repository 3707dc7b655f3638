"""No client frame makes the gateway fail: hostile frames get ``error`` frames with a 4xx-like
code (never ``server_error``), and the connection stays open.

Run against the in-process gateway, as an anonymous connection, a superuser's and a scanning
station's, with integers past the bigint range refused by the database as SQLite would.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from asgiref.sync import sync_to_async

from backend.accounts.services.devices import device_create
from backend.checkin.models import Gate
from backend.core.parsers import MAX_JSON_DEPTH
from tests.accounts.helpers import sign_in
from tests.factories import EventFactory, SlotFactory, UserFactory
from tests.support.db_ints import refuse_ints_past_bigint

pytestmark = pytest.mark.django_db(transaction=True)

HUGE = 2**64
DEEP_TEXT = "[" * 30_000 + "]" * 30_000  # under the 64 KiB frame limit


def nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


@pytest.fixture
def world(monkeypatch: pytest.MonkeyPatch, settings: Any) -> dict[str, Any]:
    """An event on sale, a draft one, a gate and its station; the tokens of the station and of
    a superuser. No frame rate limit."""
    settings.REALTIME = {**settings.REALTIME, "FRAMES_PER_SECOND": 1e6, "FRAME_BURST": 10**6}
    refuse_ints_past_bigint(monkeypatch)
    event = EventFactory(slug="fest")
    SlotFactory(resource__event=event)
    EventFactory(slug="drafty", status="draft")
    gate = Gate.objects.create(event=event, name="North")
    station, station_token = device_create(label="Lane 1", event=event)
    gate.devices.add(station)
    return {
        "gate": gate.pk,
        "superuser": sign_in(UserFactory(is_superuser=True)).access,
        "station": station_token,
    }


async def client_as(connect: Any, role: str, world: dict[str, Any]) -> Any:
    client = await connect()
    if role != "anonymous":
        assert (await client.ask({"type": "auth", "token": world[role]}))["type"] == "auth.ok"
    return client


def hostile_frames(world: dict[str, Any]) -> list[Any]:
    gate = world["gate"]
    subscribe_topics = [
        "gate:99999999999999999999999",
        "gate:9223372036854775808",
        "gate:0",
        "gate:x",
        "hold:not-a-uuid",
        "hold:0",
        "hold:" + "f" * 64,
        "event:drafty:availability",
        "event:nope:availability",
        "event:drafty:dashboard",
        "event:" + "x" * 64 + ":availability",
    ]
    bad_filters = [
        {"from": "0001-01-01"},
        {"to": "9999-12-31"},
        {"from": "2026-01-01T00:00:00+23:59"},
        {"from": str(HUGE)},
        {"from": ["2026-01-01"]},
        {"to": None, "from": {}},
    ]
    scans = [
        {"gate": HUGE},
        {"gate": 2**63},
        {"gate": -1},
        {"gate": 0},
        {"gate": "1"},
        {"gate": True},
        {"gate": 1.5},
        {"gate": None},
        {"gate": gate, "qr": None},
        {"gate": gate, "qr": "x" * 10_000},
        {"gate": gate, "qr": "\x00"},
        {"gate": gate, "direction": "sideways"},
        {"gate": gate, "request_id": HUGE},
        {"gate": gate, "request_id": "x" * 100},
        {"gate": gate, "request_id": "a\x00b"},
        {"gate": gate, "qr": "a\x00b", "request_id": "\x00"},
    ]
    return [
        *[{"type": "subscribe", "topic": topic} for topic in subscribe_topics],
        *[
            {"type": "subscribe", "topic": "event:fest:availability", "filter": bad}
            for bad in bad_filters
        ],
        {"type": "subscribe", "topic": "event:fest:availability", "since": {"epoch": 1}},
        {
            "type": "subscribe",
            "topic": "event:fest:availability",
            "since": {"epoch": "e", "seq": HUGE},
        },
        {
            "type": "subscribe",
            "topic": "event:fest:availability",
            "since": {"epoch": "e", "seq": -1},
        },
        {"type": "subscribe", "topic": "event:fest:availability", "filter": nested(20)},
        {"type": "subscribe", "topic": HUGE},
        {"type": "subscribe", "topic": nested(10)},
        {"type": "unsubscribe", "topic": None},
        {"type": "unsubscribe", "topic": "hold:not-a-uuid"},
        *[{"type": "scan", "qr": "x", "request_id": "r", **scan} for scan in scans],
        {"type": HUGE},
        {"type": "nope"},
        {"type": "ping", "deep": nested(MAX_JSON_DEPTH + 5)},
        DEEP_TEXT,
        "[" * 60 + "]" * 60,
        "{not json",
        '"\\ud800"',
        json.dumps([{"type": "ping"}]),
        "null",
        str(HUGE),
        # Last: a refused token leaves the connection anonymous.
        {"type": "auth", "token": HUGE},
        {"type": "auth", "token": "x" * 10_000},
        {"type": "auth"},
    ]


async def test_no_hostile_frame_makes_the_gateway_fail(connect: Any, world: dict[str, Any]) -> None:
    frames = await sync_to_async(hostile_frames)(world)
    wrong = []
    for role in ("anonymous", "superuser", "station"):
        client = await client_as(connect, role, world)
        for frame in frames:
            answer = await client.ask(frame)
            if answer.get("type") == "error" and answer.get("code") == "server_error":
                wrong.append(f"as {role}: {str(frame)[:80]} -> {answer}")
        assert (await client.ask({"type": "ping"}))["type"] == "pong"  # still open

    assert not wrong, "\n".join(wrong)


async def test_a_frame_nested_too_deep_is_a_bad_request(connect: Any) -> None:
    client = await connect()

    deep = await client.ask({"type": "ping", "deep": nested(MAX_JSON_DEPTH + 1)})
    very_deep = await client.ask(DEEP_TEXT)
    fine = await client.ask({"type": "ping", "deep": nested(MAX_JSON_DEPTH - 2)})

    assert (deep["code"], very_deep["code"]) == ("bad_request", "bad_request")
    assert "nested deeper than 32 levels" in deep["message"]
    assert fine["type"] == "pong"


async def test_a_scan_needs_a_gate_id_in_range(connect: Any, world: dict[str, Any]) -> None:
    client = await client_as(connect, "superuser", world)

    for gate in (HUGE, 2**63, 0, -5):
        answer = await client.ask({"type": "scan", "gate": gate, "qr": "x", "request_id": "r"})
        assert (answer["code"], answer["request_id"]) == ("bad_request", "r")


async def test_topics_with_impossible_ids_are_refused_not_failed(
    connect: Any, world: dict[str, Any]
) -> None:
    client = await client_as(connect, "superuser", world)

    hold = await client.ask({"type": "subscribe", "topic": "hold:not-a-uuid"})
    gate = await client.ask({"type": "subscribe", "topic": "gate:99999999999999999999999"})

    assert hold["code"] == gate["code"] == "forbidden"


async def test_an_availability_filter_outside_the_date_window_is_a_bad_request(
    connect: Any, world: dict[str, Any]
) -> None:
    client = await connect()
    topic = "event:fest:availability"

    for window, field in [
        ({"to": "9999-12-31"}, "to"),
        ({"from": "0001-01-01"}, "from"),
        ({"from": "1999-12-31"}, "from"),
    ]:
        answer = await client.ask({"type": "subscribe", "topic": topic, "filter": window})
        assert answer["code"] == "bad_request"
        assert f"'{field}'" in answer["message"]
        assert "2000-01-01 to 2100-12-31" in answer["message"]
    inside = await client.ask(
        {"type": "subscribe", "topic": topic, "filter": {"from": "2026-12-05T10:00:00+23:59"}}
    )
    assert inside["type"] == "subscribed"


async def test_a_draft_events_availability_is_not_found(
    connect: Any, world: dict[str, Any]
) -> None:
    client = await client_as(connect, "superuser", world)

    draft = await client.ask({"type": "subscribe", "topic": "event:drafty:availability"})
    recovering = await client.ask(
        {
            "type": "subscribe",
            "topic": "event:drafty:availability",
            "since": {"epoch": "x", "seq": 0},
        }
    )

    assert draft["code"] == recovering["code"] == "not_found"
