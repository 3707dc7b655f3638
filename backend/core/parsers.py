"""JSON in, with a bound on nesting: for REST bodies (DRF's parser) and websocket frames.

No request of this API nests deeper than a few levels, yet a body of ``[[[[…]]]]`` well under
the size limit made the decoder recurse until Python gave up (a 500), and a merely deep one
was stored in a JSON column for later readers to trip over. Anything nested deeper than
``MAX_JSON_DEPTH`` is refused as malformed, before any view sees it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import IO, Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_JSON_DEPTH = 32


class JSONTooDeep(ValueError):
    """The document nests arrays and objects deeper than ``MAX_JSON_DEPTH``."""

    def __init__(self, limit: int = MAX_JSON_DEPTH) -> None:
        super().__init__(f"JSON nested deeper than {limit} levels.")


def check_depth(value: Any, limit: int = MAX_JSON_DEPTH) -> Any:
    """``value`` itself, or :class:`JSONTooDeep` when its arrays and objects nest too deep.

    Iterative, so a deep value cannot exhaust the stack here either.
    """
    level: list[Any] = [value]
    depth = 0
    while level:
        containers = [item for item in level if isinstance(item, dict | list)]
        if not containers:
            return value
        depth += 1
        if depth > limit:
            raise JSONTooDeep(limit)
        level = [
            child
            for container in containers
            for child in (container.values() if isinstance(container, dict) else container)
        ]
    return value


def loads(text: str | bytes, limit: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads`` with the nesting bound: ValueError for anything malformed or too deep."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise JSONTooDeep(limit) from None
    return check_depth(value, limit)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with the nesting bound (``REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]``)."""

    def parse(
        self,
        stream: IO[bytes],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        try:
            value = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(str(JSONTooDeep())) from None
        try:
            return check_depth(value)
        except JSONTooDeep as error:
            raise ParseError(str(error)) from None
