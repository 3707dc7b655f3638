"""The ``subscribe`` and ``unsubscribe`` frames.

Order matters for a gapless stream: the connection starts watching the topic through its
process's hub first (confirmed by Redis), then reads the topic's position, then builds the
snapshot.  Every frame numbered after that position reaches the connection through the hub;
every change numbered before it is already in the snapshot (its transaction committed before
it was numbered).  Frames carry absolute values, so one that is in the snapshot as well does
no harm.  Frames that arrive while the answer is made wait for it (``Subscriptions.open``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from channels.db import database_sync_to_async
from django.conf import settings

from backend.realtime.store import Position, frame_store
from backend.realtime.topics import is_valid_topic
from consumers.auth import ensure_live
from consumers.frames import FrameError, bad_request
from consumers.topics import TopicFilterError, TopicGone, TopicMatch, registry

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
    conn.subscriptions.open(topic)  # frames arriving from now on wait for the answer
    try:
        await conn.watch(topic)
        await _answer(conn, topic, match, since, options)
    except BaseException:
        if not already:
            conn.subscriptions.remove(topic)
            conn.unwatch(topic)
        else:  # the subscription held before goes on, with what arrived meanwhile
            for text in conn.subscriptions.opened(topic):
                await conn.send_text(text)
        raise
    # The answer is queued; then what arrived meanwhile, after the answer's position. (No
    # frame can come in between: nothing here waits until the texts are queued.)
    for text in conn.subscriptions.opened(topic):
        await conn.send_text(text)


async def _answer(
    conn: Connection, topic: str, match: TopicMatch, since: Position | None, options: dict[str, Any]
) -> None:
    store = frame_store()
    if since is not None:
        missed = await store.since(topic, since.epoch, since.seq)
        if missed is not None:
            last = missed[-1].seq if missed else since.seq
            conn.subscriptions.set(topic, since.epoch, last)
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
    except TopicGone:
        raise FrameError("not_found", f"There is no topic {topic!r}.", topic=topic) from None
    except TopicFilterError as error:
        raise bad_request(f'Bad "filter": {error}') from None
    conn.subscriptions.set(topic, position.epoch, position.seq)
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
        conn.unwatch(topic)
    await conn.send_frame({"type": "unsubscribed", "topic": topic})
