"""The websocket side of the role matrix: staff topics of event A stay closed to a grant on
event B, and the reverse."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import sync_to_async

from backend.checkin.models import Gate
from tests.accounts.helpers import sign_in
from tests.accounts.test_role_matrix import ACTORS, EVERYWHERE, OF_A, actor
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True)


def expected(topic_kind: str, who: str, on: str) -> str:
    may = who in EVERYWHERE or (on == "A" and who in OF_A)
    if topic_kind == "gate" and on == "A" and who == "scanner_a":
        may = True
    return "subscribed" if may else "forbidden"


@pytest.mark.parametrize("on", ["A", "B"])
@pytest.mark.parametrize("who", ACTORS)
@pytest.mark.parametrize("topic_kind", ["dashboard", "gate", "bookings"])
async def test_staff_topics_follow_the_one_predicate(
    connect: Any, topic_kind: str, who: str, on: str
) -> None:
    def world() -> tuple[dict[str, str], str | None]:
        events = {"A": EventFactory(slug="fest-a"), "B": EventFactory(slug="fest-b")}
        gates = {name: Gate.objects.create(event=e, name="Gate") for name, e in events.items()}
        topics = {
            name: f"gate:{gates[name].pk}" if topic_kind == "gate"
            else f"event:{e.slug}:{topic_kind}"
            for name, e in events.items()
        }  # fmt: skip
        user = actor(who, events["A"])
        return topics, (sign_in(user).access if user is not None else None)

    topics, token = await sync_to_async(world)()
    client = await connect()
    if token is not None:
        assert (await client.ask({"type": "auth", "token": token}))["type"] == "auth.ok"

    answer = await client.ask({"type": "subscribe", "topic": topics[on]})

    want = expected(topic_kind, who, on)
    assert answer["type"] == ("subscribed" if want == "subscribed" else "error"), answer
    if want == "forbidden":
        assert answer["code"] == "forbidden"
