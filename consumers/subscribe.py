"""The ``subscribe`` and ``unsubscribe`` frames.

Order matters for a gapless stream: the connection joins the topic's group first, then reads
the topic's position, then builds the snapshot.  Every frame numbered after that position
reaches the connection through the group; every change numbered before it is already in the
snapshot (its transaction committed before it was numbered).  Frames carry absolute values,
so one that is in the snapshot as well does no harm.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from channels.db import database_sync_to_async
from django.conf import settings

from backend.realtime.store import Position, frame_store
from backend.realtime.topics import is_valid_topic
from consumers.auth import ensure_live
from consumers.frames import FrameError, bad_request
from consumers.topics import TopicFilterError, TopicGone, registry

if TYPE_CHECKING:
    from consumers.protocol import Connection


def _parse_since(value: Any) -> Position | None:
    if value is None:
        return None
    if (
        isinstance(value, dict)
        and isinstance(value.get("epoch"), str)
        and isinstance(value.get("seq"), int)
        and not isinstance(value.get("seq"), bool)
        and value["seq"] >= 0
    ):
        return Position(value["epoch"], value["seq"])
    raise bad_request('"since" must be {"epoch": <string>, "seq": <integer ≥ 0>}.')


async def handle_subscribe(conn: Connection, frame: dict[str, Any]) -> None:
    topic = frame.get("topic")
    if not is_valid_topic(topic):
        raise bad_request('"topic" must be a topic name such as "event:<slug>:availability".')
    match = registry.match(topic)
    if match is None:
        raise FrameError("not_found", f"There is no topic {topic!r}.", topic=topic)
    since = _parse_since(frame.get("since"))
    options = frame.get("filter", {})
    if not isinstance(options, dict):
        raise bad_request('"filter" must be an object.')
    already = topic in conn.subscriptions
    if not already and len(conn.subscriptions) >= settings.REALTIME["MAX_SUBSCRIPTIONS"]:
        raise bad_request("Too many subscriptions on this connection; unsubscribe first.")

    await ensure_live(conn)
    allowed = await database_sync_to_async(match.spec.may_subscribe)(conn.identity, match.params)
    if not allowed:
        raise FrameError("forbidden", f"You may not subscribe to {topic!r}.", topic=topic)
    await conn.join(match.group)
    store = frame_store()

    if since is not None:
        missed = await store.since(topic, since.epoch, since.seq)
        if missed is not None:
            last = missed[-1].seq if missed else since.seq
            conn.subscriptions.set(topic, match.group, since.epoch, last)
            await conn.send_frame(
                {
                    "type": "subscribed",
                    "topic": topic,
                    "epoch": since.epoch,
                    "seq": since.seq,
                    "recovered": True,
                }
            )
            for missed_frame in missed:
                await conn.send_text(missed_frame.text)
            return

    position = await store.position(topic)
    try:
        snapshot = await database_sync_to_async(match.spec.snapshot)(match.params, options)
    except (TopicFilterError, TopicGone) as error:
        if not already:
            await conn.leave(match.group)
        if isinstance(error, TopicGone):
            raise FrameError("not_found", f"There is no topic {topic!r}.", topic=topic) from None
        raise bad_request(f'Bad "filter": {error}') from None
    conn.subscriptions.set(topic, match.group, position.epoch, position.seq)
    reply: dict[str, Any] = {
        "type": "subscribed",
        "topic": topic,
        "epoch": position.epoch,
        "seq": position.seq,
        "snapshot": snapshot,
    }
    if since is not None:
        reply["recovered"] = False
    await conn.send_frame(reply)


async def handle_unsubscribe(conn: Connection, frame: dict[str, Any]) -> None:
    topic = frame.get("topic")
    if not is_valid_topic(topic):
        raise bad_request('"topic" must be a topic name.')
    subscription = conn.subscriptions.remove(topic)
    if subscription is not None:
        await conn.leave(subscription.group)
    await conn.send_frame({"type": "unsubscribed", "topic": topic})
