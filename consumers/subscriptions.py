"""One connection's subscriptions, and the ordering of the frames it forwards.

Each subscription remembers the epoch and the last ``seq`` the client has been given (by a
snapshot, a replay or a frame).  A frame the client already has is dropped; a frame that
arrives ahead of one still in flight (two publishing processes racing) has the gap filled
from the topic's history first, so clients see every topic in order and without holes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from backend.realtime.store import frame_store


@dataclass
class Subscription:
    topic: str
    group: str
    epoch: str
    seq: int


class Subscriptions:
    def __init__(self) -> None:
        self._by_topic: dict[str, Subscription] = {}

    def __len__(self) -> int:
        return len(self._by_topic)

    def __contains__(self, topic: str) -> bool:
        return topic in self._by_topic

    def get(self, topic: str) -> Subscription | None:
        return self._by_topic.get(topic)

    def set(self, topic: str, group: str, epoch: str, seq: int) -> None:
        self._by_topic[topic] = Subscription(topic, group, epoch, seq)

    def remove(self, topic: str) -> Subscription | None:
        return self._by_topic.pop(topic, None)

    def all(self) -> list[Subscription]:
        return list(self._by_topic.values())

    async def accept(self, message: dict[str, Any]) -> list[str]:
        """The frame texts to forward for one frame from the channel layer, in order."""
        sub = self._by_topic.get(message["topic"])
        if sub is None:
            return []  # unsubscribed while the frame was on its way
        epoch, seq = message["epoch"], message["seq"]
        if epoch != sub.epoch:
            # The numbering restarted (Redis lost it): pass the frame on; the client sees the
            # new epoch and asks for a fresh snapshot.
            sub.epoch, sub.seq = epoch, seq
            return [message["text"]]
        if seq <= sub.seq:
            return []
        texts: list[str] = []
        if seq > sub.seq + 1:
            missed = await frame_store().since(sub.topic, sub.epoch, sub.seq)
            if missed:
                texts = [frame.text for frame in missed if frame.seq < seq]
        sub.seq = seq
        texts.append(message["text"])
        return texts
