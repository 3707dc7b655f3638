"""Topic names, and the channel-layer group each topic is delivered through.

A topic is a string of ``:``-separated parts (``event:summer-fest:availability``). Each kind
of topic is declared once, in ``TOPICS``: publishers, the gateway and the web app (through
its generated ``src/realtime/topics.ts``) all spell it from there.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import TypeGuard

MAX_TOPIC_LENGTH = 90
_TOPIC_RE = re.compile(r"^[A-Za-z0-9_-]+(?::[A-Za-z0-9_-]+)*$")


def is_valid_topic(topic: object) -> TypeGuard[str]:
    return (
        isinstance(topic, str)
        and 0 < len(topic) <= MAX_TOPIC_LENGTH
        and _TOPIC_RE.match(topic) is not None
    )


def group_name(topic: str) -> str:
    """The channel-layer group of a topic (group names may not contain ``:``)."""
    if not is_valid_topic(topic):
        raise ValueError(f"invalid topic name: {topic!r}")
    return "rt." + topic.replace(":", ".")


class Access(enum.StrEnum):
    """Who may subscribe to a topic (the gateway maps each to its check)."""

    ANYONE = "anyone"
    HOLD_OWNER = "hold_owner"  # the hold's owner
    GATE_STATION = "gate_station"  # stations bound to the gate; scanners and staff of its event
    EVENT_STAFF = "event_staff"  # staff of the event
    QUEUE_OWNER = "queue_owner"  # the queue token's owner
    WAITLIST_OWNER = "waitlist_owner"  # the waitlist entry's owner


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Topic:
    """One kind of topic, declared once: its pattern, who may watch it, what it carries.
    Its snapshot is built by the app that owns the data (wired in ``consumers.registered``);
    the web app's builders are generated from this table (``manage.py topics_ts``)."""

    key: str
    pattern: str
    access: Access
    about: str
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parts = _PLACEHOLDER.split(self.pattern)
        regex = "".join(
            re.escape(part) if i % 2 == 0 else f"(?P<{part}>[A-Za-z0-9_-]{{1,64}})"
            for i, part in enumerate(parts)
        )
        object.__setattr__(self, "regex", re.compile(f"^{regex}$"))

    @property
    def params(self) -> list[str]:
        return _PLACEHOLDER.findall(self.pattern)

    def name(self, **params: object) -> str:
        """The topic's name for these parameters (all of them, nothing else)."""
        if sorted(params) != sorted(self.params):
            raise TypeError(f"{self.pattern} takes {self.params}, not {sorted(params)}")
        topic = self.pattern.format(**{key: str(value) for key, value in params.items()})
        if self.regex.match(topic) is None:
            raise ValueError(f"invalid topic name: {topic!r}")
        return topic

    def match(self, topic: str) -> dict[str, str] | None:
        found = self.regex.match(topic)
        return found.groupdict() if found else None


AVAILABILITY = Topic(
    "availability",
    "event:{slug}:availability",
    Access.ANYONE,
    "Live availability of an event's slots.",
)
HOLD = Topic("hold", "hold:{hold_id}", Access.HOLD_OWNER, "One hold's countdown and fate.")
GATE = Topic(
    "gate",
    "gate:{gate_id}",
    Access.GATE_STATION,
    "Each scan at one gate, and its counts.",
)
DASHBOARD = Topic(
    "dashboard",
    "event:{slug}:dashboard",
    Access.EVENT_STAFF,
    "An event's live figures.",
)
BOOKINGS = Topic(
    "bookings",
    "event:{slug}:bookings",
    Access.EVENT_STAFF,
    "An event's bookings as the staff list shows them, on every change of status or payment.",
)
SCHEDULE = Topic(
    "schedule",
    "event:{slug}:schedule",
    Access.ANYONE,
    "An event's schedule: every change to a performance (a delay, a stage swap, a cancellation).",
)
QUEUE = Topic(
    "queue",
    "queue:{slug}:{token}",
    Access.QUEUE_OWNER,
    "One place in an event's waiting room: its position, then the pass.",
)
WAITLIST = Topic(
    "waitlist",
    "waitlist:{entry_id}",
    Access.WAITLIST_OWNER,
    "One place on a slot's waitlist: the offer when units come back, then its fate.",
)
TOPICS: tuple[Topic, ...] = (
    AVAILABILITY, HOLD, GATE, DASHBOARD, BOOKINGS, SCHEDULE, QUEUE, WAITLIST,
)  # fmt: skip


IDENTITY_KINDS = frozenset({"session", "device", "user"})


def identity_group(kind: str, key: object) -> str:
    """The channel-layer group of every live connection signed in as one identity: a
    sign-in session (its ``sid``), a scanning station (its id) or a user (their id)."""
    if kind not in IDENTITY_KINDS:
        raise ValueError(f"unknown identity kind {kind!r}")
    text = str(key)
    if not text or len(text) > 64 or not all(c.isalnum() or c == "-" for c in text):
        raise ValueError(f"invalid identity key {key!r}")
    return f"id.{kind}.{text}"
