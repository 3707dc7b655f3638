"""The outbox closes a client that lets too many frames pile up, and only then."""

from __future__ import annotations

import asyncio

from consumers.outbox import SLOW_CLIENT_CLOSE_CODE, Outbox


class Peer:
    def __init__(self) -> None:
        self.sent: list[str] = []
        self.closed_with: list[int] = []
        self.reading = asyncio.Event()
        self.reading.set()

    async def send(self, text: str) -> None:
        await self.reading.wait()  # a client that stops reading blocks the send
        self.sent.append(text)

    async def close(self, code: int) -> None:
        self.closed_with.append(code)


async def test_frames_go_out_in_order() -> None:
    peer = Peer()
    outbox = Outbox(peer.send, peer.close, size=3)
    outbox.start()

    for n in range(10):
        await outbox.put(str(n))
        await asyncio.sleep(0)
    await asyncio.sleep(0.01)

    assert peer.sent == [str(n) for n in range(10)]
    assert peer.closed_with == []
    await outbox.stop()


async def test_a_client_that_stops_reading_is_closed_with_4008_at_the_limit() -> None:
    peer = Peer()
    outbox = Outbox(peer.send, peer.close, size=3)
    outbox.start()
    peer.reading.clear()

    await outbox.put("in flight")  # taken by the writer, which now waits on the client
    await asyncio.sleep(0.01)
    for n in range(3):
        await outbox.put(f"queued {n}")
    assert peer.closed_with == []  # exactly at the limit: still open

    await outbox.put("one too many")

    assert peer.closed_with == [SLOW_CLIENT_CLOSE_CODE]
    assert outbox.overflowed
    await outbox.put("after close")
    assert peer.closed_with == [SLOW_CLIENT_CLOSE_CODE]
