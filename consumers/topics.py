"""The topic registry: what the gateway may subscribe a connection to.

A topic is registered with two things: who may subscribe (``may_subscribe``) and how its
snapshot is built (``snapshot``); its frames reach the gateway through the process's hub
(``backend.realtime.hub``).  Apps add their topics in :mod:`consumers.registered`;
the gateway itself never changes for a new topic.

``may_subscribe`` and ``snapshot`` are plain synchronous functions (they read the database)
and run in a worker thread.  ``snapshot`` receives the topic's parameters and the subscribe
frame's optional ``filter`` object, and raises :class:`TopicFilterError` for a bad filter or
:class:`TopicGone` when what the topic is about does not exist.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from backend.realtime.snapshots import FilterError as TopicFilterError
from backend.realtime.snapshots import TopicGone
from backend.realtime.topics import Access, Topic
from consumers.identity import Identity

Params = Mapping[str, str]
Permission = Callable[[Identity, Params], bool]
Snapshot = Callable[[Params, Mapping[str, Any]], dict[str, Any]]

__all__ = ["TopicFilterError", "TopicGone", "TopicMatch", "TopicRegistry", "TopicSpec", "registry"]


@dataclass(frozen=True)
class TopicSpec:
    """A topic the gateway serves: its declaration (``backend.realtime.topics``; a bare
    pattern makes an ad-hoc one, for tests), who may subscribe, and its snapshot."""

    topic: Topic | str
    may_subscribe: Permission
    snapshot: Snapshot

    def __post_init__(self) -> None:
        if isinstance(self.topic, str):
            object.__setattr__(self, "topic", Topic(self.topic, self.topic, Access.ANYONE, ""))

    @property
    def declared(self) -> Topic:
        assert isinstance(self.topic, Topic)
        return self.topic

    @property
    def pattern(self) -> str:
        return self.declared.pattern


@dataclass(frozen=True)
class TopicMatch:
    topic: str
    spec: TopicSpec
    params: dict[str, str]


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
            params = spec.declared.match(topic)
            if params is not None:
                return TopicMatch(topic, spec, params)
        return None

    def patterns(self) -> list[str]:
        return sorted(self._specs)


registry = TopicRegistry()
