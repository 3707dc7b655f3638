from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from consumers.identity import Identity
from consumers.topics import TopicFilterError, TopicSpec, registry


def _snapshot(params: dict[str, str], options: dict[str, Any]) -> dict[str, Any]:
    if "bad" in options:
        raise TopicFilterError("'bad' is not a filter of this topic")
    return {"name": params["name"], "filter": options}


def _only_named_open(identity: Identity, params: dict[str, str]) -> bool:
    return params["name"].startswith("open")


@pytest.fixture
def test_topics() -> Iterator[None]:
    """``test:{name}`` anyone may watch; ``guarded:{name}`` only names starting "open"."""
    registry.register(TopicSpec("test:{name}", lambda i, p: True, _snapshot))
    registry.register(TopicSpec("guarded:{name}", _only_named_open, _snapshot))
    yield
    registry.unregister("test:{name}")
    registry.unregister("guarded:{name}")


def unique(prefix: str = "t") -> str:
    return f"{prefix}{uuid.uuid4().hex[:12]}"
