"""The topic registry: what the gateway may subscribe a connection to.

A topic is registered with three things: who may subscribe (``may_subscribe``), how its
snapshot is built (``snapshot``), and its channel-layer group (``group``, by default the one
``backend.realtime`` publishes to).  Apps add their topics in :mod:`consumers.registered`;
the gateway itself never changes for a new topic.

``may_subscribe`` and ``snapshot`` are plain synchronous functions (they read the database)
and run in a worker thread.  ``snapshot`` receives the topic's parameters and the subscribe
frame's optional ``filter`` object, and raises :class:`TopicFilterError` for a bad filter or
:class:`TopicGone` when what the topic is about does not exist.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from backend.realtime.snapshots import FilterError as TopicFilterError
from backend.realtime.snapshots import TopicGone
from backend.realtime.topics import group_name
from consumers.identity import Identity

Params = Mapping[str, str]
Permission = Callable[[Identity, Params], bool]
Snapshot = Callable[[Params, Mapping[str, Any]], dict[str, Any]]

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")

__all__ = ["TopicFilterError", "TopicGone", "TopicMatch", "TopicRegistry", "TopicSpec", "registry"]


@dataclass(frozen=True)
class TopicSpec:
    pattern: str
    may_subscribe: Permission
    snapshot: Snapshot
    group: Callable[[str], str] = group_name
    regex: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        parts = _PLACEHOLDER.split(self.pattern)
        regex = "".join(
            re.escape(part) if i % 2 == 0 else f"(?P<{part}>[A-Za-z0-9_-]{{1,64}})"
            for i, part in enumerate(parts)
        )
        object.__setattr__(self, "regex", re.compile(f"^{regex}$"))


@dataclass(frozen=True)
class TopicMatch:
    topic: str
    spec: TopicSpec
    params: dict[str, str]

    @property
    def group(self) -> str:
        return self.spec.group(self.topic)


class TopicRegistry:
    def __init__(self) -> None:
        self._specs: dict[str, TopicSpec] = {}

    def register(self, spec: TopicSpec) -> TopicSpec:
        if spec.pattern in self._specs:
            raise ValueError(f"topic {spec.pattern!r} is already registered")
        self._specs[spec.pattern] = spec
        return spec

    def unregister(self, pattern: str) -> None:
        self._specs.pop(pattern, None)

    def match(self, topic: str) -> TopicMatch | None:
        for spec in self._specs.values():
            found = spec.regex.match(topic)
            if found:
                return TopicMatch(topic, spec, found.groupdict())
        return None

    def patterns(self) -> list[str]:
        return sorted(self._specs)


registry = TopicRegistry()
