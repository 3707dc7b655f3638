"""The embedded channel layer hands messages across threads and event loops."""

from __future__ import annotations

import asyncio
import threading

import pytest

from backend.realtime.layers import LocalChannelLayer


def send_from_another_thread(layer: LocalChannelLayer, coro_factory: object) -> None:
    """Run a coroutine on a fresh loop in another thread, as the dispatcher does."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(coro_factory())  # type: ignore[operator]
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(5)
    assert not errors


async def test_a_send_from_another_loop_wakes_the_receiver() -> None:
    layer = LocalChannelLayer()
    channel = await layer.new_channel()
    receiving = asyncio.ensure_future(layer.receive(channel))
    await asyncio.sleep(0.01)  # the receiver is waiting now

    send_from_another_thread(layer, lambda: layer.send(channel, {"type": "x.y", "n": 1}))

    assert await asyncio.wait_for(receiving, 2) == {"type": "x.y", "n": 1}


async def test_group_send_reaches_every_member_across_loops() -> None:
    layer = LocalChannelLayer()
    channels = [await layer.new_channel() for _ in range(3)]
    for channel in channels:
        await layer.group_add("rt.test", channel)
    receivers = [asyncio.ensure_future(layer.receive(c)) for c in channels]
    await asyncio.sleep(0.01)

    send_from_another_thread(layer, lambda: layer.group_send("rt.test", {"type": "a.b"}))

    assert await asyncio.wait_for(asyncio.gather(*receivers), 2) == [{"type": "a.b"}] * 3


async def test_a_full_inbox_is_skipped_and_the_others_still_receive() -> None:
    layer = LocalChannelLayer(capacity=2)
    stuck, live = await layer.new_channel(), await layer.new_channel()
    for channel in (stuck, live):
        await layer.group_add("rt.test", channel)

    for n in range(3):
        await layer.group_send("rt.test", {"type": "a.b", "n": n})
        assert (await layer.receive(live))["n"] == n

    assert [(await layer.receive(stuck))["n"] for _ in range(2)] == [0, 1]


async def test_a_cancelled_receive_forgets_the_channel() -> None:
    layer = LocalChannelLayer()
    channel = await layer.new_channel()
    await layer.group_add("rt.test", channel)
    receiving = asyncio.ensure_future(layer.receive(channel))
    await asyncio.sleep(0.01)

    receiving.cancel()
    with pytest.raises(asyncio.CancelledError):
        await receiving

    assert layer.group_size("rt.test") == 0
