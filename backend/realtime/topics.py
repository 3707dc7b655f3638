"""Topic names, and the channel-layer group each topic is delivered through.

A topic is a string of ``:``-separated parts (``event:summer-fest:availability``).  Later
apps add their name builders here so that publishers and the gateway agree on one spelling.
"""

from __future__ import annotations

import re

MAX_TOPIC_LENGTH = 90
_TOPIC_RE = re.compile(r"^[A-Za-z0-9_-]+(?::[A-Za-z0-9_-]+)*$")


def is_valid_topic(topic: object) -> bool:
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


def availability_topic(event_slug: str) -> str:
    """Live availability of an event's slots; anyone may watch."""
    return f"event:{event_slug}:availability"


def hold_topic(hold_id: object) -> str:
    """One hold's countdown and fate; only its owner may watch."""
    return f"hold:{hold_id}"


def gate_topic(gate_id: int) -> str:
    """Each scan at one gate and its counts; its stations and the event's staff watch."""
    return f"gate:{gate_id}"


def dashboard_topic(event_slug: str) -> str:
    """An event's live figures for its staff."""
    return f"event:{event_slug}:dashboard"


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
