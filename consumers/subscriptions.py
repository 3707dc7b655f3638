"""One connection's subscriptions, and the ordering of the frames it forwards.

Each subscription remembers the epoch and the last ``seq`` the client has been given (by a
snapshot, a replay or a frame). The process's hub (``backend.realtime.hub``) hands every
watched topic's frames over in ``seq`` order, gaps already filled; here a frame the client
already has is dropped. While a subscribe is being answered (the topic is joined, then its
position and snapshot are read) the frames that arrive are held back and sorted out once the
answer is queued, so the client gets the answer first and then exactly the frames after it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Subscription:
    topic: str
    epoch: str
    seq: int

    def advance(self, epoch: str, seq: int) -> bool:
        """Whether a frame numbered (epoch, seq) is new to the client; remember it if so."""
        if epoch != self.epoch:
            # The numbering restarted (Redis lost it): pass the frame on; the client sees the
            # new epoch and asks for a fresh snapshot.
            self.epoch, self.seq = epoch, seq
            return True
        if seq <= self.seq:
            return False
        # A gap here was one the topic's history could not fill: the client sees it in
        # ``seq`` and recovers, as the protocol says.
        self.seq = seq
        return True


Held = list[tuple[str, int, str]]


class Subscriptions:
    def __init__(self) -> None:
        self._by_topic: dict[str, Subscription] = {}
        self._opening: dict[str, Held] = {}

    def __len__(self) -> int:
        return len(self._by_topic)

    def __contains__(self, topic: str) -> bool:
        return topic in self._by_topic

    def get(self, topic: str) -> Subscription | None:
        return self._by_topic.get(topic)

    def set(self, topic: str, epoch: str, seq: int) -> None:
        self._by_topic[topic] = Subscription(topic, epoch, seq)

    def remove(self, topic: str) -> Subscription | None:
        self._opening.pop(topic, None)
        return self._by_topic.pop(topic, None)

    def all(self) -> list[Subscription]:
        return list(self._by_topic.values())

    def topics(self) -> list[str]:
        """Every topic the connection watches or is about to (its hub deliveries)."""
        return [*self._by_topic, *(t for t in self._opening if t not in self._by_topic)]

    # --- a subscribe being answered ---------------------------------------------------------

    def open(self, topic: str) -> None:
        """Hold the topic's frames back until :meth:`opened` (the answer is being made)."""
        self._opening.setdefault(topic, [])

    def opened(self, topic: str) -> list[str]:
        """The answer is queued: the held frames the client does not have yet, in order."""
        held = self._opening.pop(topic, [])
        sub = self._by_topic.get(topic)
        if sub is None:
            return []
        return [text for epoch, seq, text in held if sub.advance(epoch, seq)]

    # --- frames from the hub ----------------------------------------------------------------

    def admit(self, topic: str, epoch: str, seq: int, text: str) -> bool:
        """Whether to forward one frame from the hub now."""
        held = self._opening.get(topic)
        if held is not None:
            held.append((epoch, seq, text))
            return False
        sub = self._by_topic.get(topic)
        if sub is None:
            return False  # unsubscribed while the frame was on its way
        return sub.advance(epoch, seq)
