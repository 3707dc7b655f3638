"""JSON with a bound on nesting: REST bodies and websocket frames refuse deep documents."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from rest_framework.exceptions import ParseError

from backend.core.parsers import MAX_JSON_DEPTH, JSONParser, JSONTooDeep, check_depth, loads

DEEP_TEXT = "[" * 100_000 + "]" * 100_000


def nested(depth: int, leaf: Any = 1) -> Any:
    value = leaf
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


def parse(text: str) -> Any:
    return JSONParser().parse(io.BytesIO(text.encode()), "application/json", {})


def test_documents_up_to_the_bound_pass_through() -> None:
    document = {"a": [nested(MAX_JSON_DEPTH - 2)], "b": "text", "c": None}

    assert check_depth(document) is document
    assert loads(json.dumps(document)) == document
    assert parse(json.dumps(document)) == document
    assert loads("7") == 7


def test_one_level_more_is_too_deep() -> None:
    with pytest.raises(JSONTooDeep, match="nested deeper than 32 levels"):
        check_depth(nested(MAX_JSON_DEPTH + 1))
    with pytest.raises(ParseError, match="nested deeper than 32 levels"):
        parse(json.dumps({"fine": 1, "deep": nested(MAX_JSON_DEPTH)}))


def test_depth_is_measured_at_the_deepest_branch() -> None:
    wide = {f"k{n}": [1, {"a": [2]}] for n in range(1000)}
    wide["k500"] = nested(MAX_JSON_DEPTH)

    with pytest.raises(JSONTooDeep):
        check_depth(wide)


def test_a_document_too_deep_for_the_decoder_is_refused_not_a_crash() -> None:
    with pytest.raises(JSONTooDeep):
        loads(DEEP_TEXT)
    with pytest.raises(ParseError, match="nested deeper"):
        parse(DEEP_TEXT)


def test_malformed_json_is_still_a_value_error() -> None:
    with pytest.raises(ValueError, match="Expecting"):
        loads("{not json")
