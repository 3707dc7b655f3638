"""The API contract, checked over the whole suite: every 2xx answer matches ``/api/schema/``.

A pytest plugin (``tests/conftest.py`` loads it). It wraps the handler behind Django's test
clients (``ClientHandler`` for ``Client`` and DRF's ``APIClient``, ``AsyncClientHandler`` for
``AsyncClient``), so every request any test makes to ``/api/...`` has its 2xx answer checked
against the schema drf-spectacular generates, once per session, from the same generator that
serves ``/api/schema/``:

- a JSON answer must validate against its operation's documented response (openapi-core),
  strictly: an object may not carry a key its serializer does not name (the schema is read
  with ``additionalProperties: false`` wherever it lists properties and says nothing else);
- any other answer (PDF, CSV, HTML, images) must carry a documented content type;
- a 2xx answer from an ``/api/`` path or method the schema does not document is a mismatch.

A mismatch raises :class:`ContractMismatch` where the request was made (path, method, status
and what differs), and the test that made it fails even if something swallowed the exception.
``GATEHOUSE_CONTRACT_REPORT=<file>`` appends every mismatch to that file instead of failing
(to see all the drift at once). At the end of the session the terminal summary says how many
documented 2xx operations the suite exercised (``-v`` lists the ones it did not).

Requests made under another urlconf (``pytest.mark.urls``) are not the schema's business, nor
are the paths in ``NOT_CHECKED``.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pytest
from django.conf import settings
from django.http import HttpRequest
from django.http.request import RawPostDataException
from django.http.response import HttpResponseBase
from django.test.client import AsyncClientHandler, ClientHandler
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

SCHEMA_URLCONF = "backend.urls"
NOT_CHECKED = {
    "/api/schema/": "the documentation itself",
    "/api/docs/": "the documentation itself",
    # A plain Django view: the test provider's HTML checkout page for a browser, on only in
    # the embedded mode; it is not a REST operation and the schema leaves it out.
    "/api/payments/test/": "the test provider's HTML checkout page",
}
METHODS = ("get", "put", "post", "delete", "patch")


class ContractMismatch(AssertionError):
    """A 2xx answer that the schema at /api/schema/ does not describe."""


@dataclass
class Operation:
    path: str  # the schema's path template, e.g. /api/holds/{id}/
    method: str
    responses: dict[str, Any]

    def media_types(self, status: int) -> list[str] | None:
        response = self.responses.get(str(status)) or self.responses.get(f"{status // 100}XX")
        response = response or self.responses.get("default")
        if response is None:
            return None
        return list(response.get("content", {}))


@dataclass
class Contract:
    """The schema, ready to check answers against."""

    schema: dict[str, Any]
    openapi: Any  # openapi_core.OpenAPI
    paths: list[tuple[re.Pattern[str], str]]
    seen: Counter[tuple[str, str, int]] = field(default_factory=Counter)
    checked: int = 0

    def operation(self, path: str, method: str) -> Operation | None:
        for pattern, template in self.paths:
            if pattern.fullmatch(path):
                item = self.schema["paths"][template]
                if method not in item:
                    return Operation(template, method, {})
                return Operation(template, method, item[method].get("responses", {}))
        return None

    def documented_2xx(self) -> set[tuple[str, str, int]]:
        return {
            (template, method, int(status))
            for template, item in self.schema["paths"].items()
            for method, operation in item.items()
            if method in METHODS
            for status in operation.get("responses", {})
            if status.isdigit() and 200 <= int(status) < 300
        }


def _closed(node: Any) -> None:
    """Every object that lists its properties gets ``additionalProperties: false``."""
    if isinstance(node, dict):
        if "properties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for value in node.values():
            _closed(value)
    elif isinstance(node, list):
        for value in node:
            _closed(value)


def _strict(schema: dict[str, Any]) -> dict[str, Any]:
    strict = json.loads(json.dumps(schema))
    _closed(strict)
    return strict


def _path_pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", template)
    return re.compile("".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts))


@cache
def contract() -> Contract:
    """The schema /api/schema/ serves, generated once per session."""
    from drf_spectacular.renderers import OpenApiJsonRenderer
    from drf_spectacular.views import SpectacularAPIView
    from openapi_core import OpenAPI

    generator = SpectacularAPIView.generator_class(urlconf=SCHEMA_URLCONF)
    schema = json.loads(OpenApiJsonRenderer().render(generator.get_schema(public=True)))
    # Literal paths before templated ones: /api/holds/mine/ wins over /api/holds/{id}/.
    templates = sorted(schema["paths"], key=lambda t: (t.count("{"), t))
    return Contract(
        schema=schema,
        openapi=OpenAPI.from_dict(_strict(schema)),
        paths=[(_path_pattern(t), t) for t in templates],
    )


class _Request(DjangoOpenAPIRequest):
    path_pattern = None  # openapi-core matches the path against the schema's templates itself

    @property
    def body(self) -> bytes:
        # Only the answer is checked, so a request body the view streamed (a multipart
        # upload, which Django cannot read twice) is not needed: none is given.
        try:
            return super().body
        except RawPostDataException:
            return b""


def _media_type(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def _is_json(media_type: str) -> bool:
    return media_type == "application/json" or media_type.endswith("+json")


def _accepts(documented: list[str], media_type: str) -> bool:
    for option in documented:
        option = _media_type(option)
        if option in (media_type, "*/*"):
            return True
        if option.endswith("/*") and media_type.startswith(option[:-1]):
            return True
    return False


def _describe(error: Exception) -> list[str]:
    cause = error.__cause__
    schema_errors = list(getattr(cause, "schema_errors", None) or [])
    if not schema_errors:
        return [f"{type(error).__name__}: {cause or error}"]
    lines = []
    for schema_error in schema_errors:
        where = "".join(f"[{p!r}]" for p in getattr(schema_error, "absolute_path", ()))
        text = str(getattr(schema_error, "message", schema_error))
        if len(text) > 300:
            text = text[:150] + " … " + text[-120:]
        lines.append(f"body{where}: {text}")
    return lines


def problems(request: HttpRequest, response: HttpResponseBase) -> list[str] | None:
    """What differs between this answer and the schema; None when the contract does not apply
    (not 2xx, not under /api/, another urlconf, HEAD or OPTIONS)."""
    if not 200 <= response.status_code < 300 or not request.path.startswith("/api/"):
        return None
    if request.path.startswith(tuple(NOT_CHECKED)):
        return None
    if (getattr(request, "urlconf", None) or settings.ROOT_URLCONF) != SCHEMA_URLCONF:
        return None
    method = (request.method or "").lower()
    if method not in METHODS:
        return None

    spec = contract()
    operation = spec.operation(request.path, method)
    if operation is None:
        return ["the schema documents no such path"]
    if not operation.responses:
        return [f"the schema documents no {method.upper()} on {operation.path}"]
    spec.seen[(operation.path, method, response.status_code)] += 1
    spec.checked += 1

    documented = operation.media_types(response.status_code)
    if documented is None:
        return [f"status {response.status_code} is not documented for {operation.path}"]
    if not documented:
        body = response.streaming or bool(getattr(response, "content", b""))
        return ["a body, where the schema documents none"] if body else []
    media_type = _media_type(response.get("Content-Type", ""))
    if not _is_json(media_type) or response.streaming:
        if not _accepts(documented, media_type):
            return [f"content type {media_type or '(none)'} is not one of {documented}"]
        return []
    found = []
    for error in spec.openapi.iter_response_errors(
        _Request(request), DjangoOpenAPIResponse(response)
    ):
        found.extend(_describe(error))
    return found


# --- the wiring -------------------------------------------------------------------------------

_lock = threading.Lock()
_mismatches: list[str] = []  # those of the running test
_expected: list[list[str]] = []  # stack of contract_mismatches_expected() sinks


@contextmanager
def contract_mismatches_expected() -> Iterator[list[str]]:
    """Collect mismatches instead of failing on them (for the checker's own tests)."""
    sink: list[str] = []
    _expected.append(sink)
    try:
        yield sink
    finally:
        _expected.remove(sink)


def _check(request: HttpRequest, response: HttpResponseBase) -> None:
    found = problems(request, response)
    if not found:
        return
    message = (
        f"{request.method} {request.get_full_path()} answered {response.status_code}, "
        f"which /api/schema/ does not describe:\n  " + "\n  ".join(found)
    )
    if _expected:
        _expected[-1].append(message)
        return
    report = os.environ.get("GATEHOUSE_CONTRACT_REPORT")
    if report:
        with _lock, open(report, "a") as sink:
            sink.write(message + "\n")
        return
    with _lock:
        _mismatches.append(message)
    raise ContractMismatch(message)


_sync_call = ClientHandler.__call__
_async_call = AsyncClientHandler.__call__


def _checked_sync_call(self: ClientHandler, environ: dict[str, Any]) -> HttpResponseBase:
    response = _sync_call(self, environ)
    _check(response.wsgi_request, response)
    return response


async def _checked_async_call(self: AsyncClientHandler, scope: dict[str, Any]) -> Any:
    response = await _async_call(self, scope)
    _check(response.asgi_request, response)
    return response


def pytest_configure(config: pytest.Config) -> None:
    ClientHandler.__call__ = _checked_sync_call
    AsyncClientHandler.__call__ = _checked_async_call


def pytest_unconfigure(config: pytest.Config) -> None:
    ClientHandler.__call__ = _sync_call
    AsyncClientHandler.__call__ = _async_call


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """A test whose requests got answers the schema does not describe fails, even when it
    caught the ContractMismatch itself (or a thread it started swallowed it)."""
    with _lock:
        _mismatches.clear()
    result = yield
    with _lock:
        found = list(_mismatches)
        _mismatches.clear()
    if found:
        raise ContractMismatch("\n\n".join(found))
    return result


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    if contract.cache_info().currsize == 0:
        return  # no test reached the API
    spec = contract()
    documented = spec.documented_2xx()
    exercised = documented & set(spec.seen)
    terminalreporter.write_sep("-", "OpenAPI contract")
    terminalreporter.write_line(
        f"{spec.checked} 2xx answers checked against /api/schema/; "
        f"{len(exercised)} of {len(documented)} documented 2xx operations exercised"
    )
    if config.option.verbose > 0:
        for template, method, status in sorted(documented - exercised):
            terminalreporter.write_line(f"  not exercised: {method.upper()} {template} {status}")
