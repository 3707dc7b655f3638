"""No client input reaches a 500: every operation of the OpenAPI schema, fed hostile values.

For each operation, as an anonymous client and as a signed-in superuser (so that permission
checks hide nothing), every path parameter, query parameter and JSON body field gets, one at
a time, values chosen to break things (ids past the bigint range, negative numbers, wrong
types, deep nesting, over-long strings, NUL characters, impossible or far-away dates, bad
UUIDs), the rest of the request staying valid; the body as a whole also gets non-JSON text,
deep nesting and the wrong JSON type. Every answer must be below 500, and every 4xx must
carry the one error shape. A Hypothesis test then mixes hostile values freely across fields
(bounded and derandomized, so the run is the same every time).
"""

from __future__ import annotations

import contextlib
import copy
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.db import transaction
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from backend.checkin.models import Gate
from backend.core import ratelimit
from backend.core.ratelimit import Decision
from backend.tickets import codes
from tests.accounts.helpers import bearer, sign_in
from tests.factories import EventFactory, ResourceFactory, SlotFactory, UserFactory
from tests.support.bookings import mark_paid
from tests.support.db_ints import refuse_ints_past_bigint

pytestmark = pytest.mark.django_db

METHODS = ("get", "post", "put", "patch", "delete")
HUGE = 2**64
BIG = 2**63  # one past the bigint maximum
DEEP_TEXT = "[" * 100_000 + "]" * 100_000  # well under the 1 MiB body limit


def nested(depth: int) -> Any:
    value: Any = 1
    for level in range(depth):
        value = [value] if level % 2 else {"a": value}
    return value


# --- hostile values ---------------------------------------------------------------------

TEXT_VALUES = [  # for path and query parameters: everything arrives as text
    "",
    "0",
    "-1",
    str(BIG),
    str(HUGE),
    "1.5",
    "1e999",
    "x" * 5000,
    "a\x00b",
    "not-a-uuid",
    "0001-01-01",
    "9999-12-31",
    "2026-13-40",
    "9999-12-31T23:59:59+23:59",
    "drafty",  # a draft event's slug
    "ü🎉",
]

JSON_VALUES = [  # for body fields
    BIG,
    HUGE,
    -(2**63) - 1,
    -1,
    1.5,
    1e308,
    True,
    None,
    "",
    "x" * 10_000,
    "\x00",
    str(HUGE),
    "not-a-uuid",
    "9999-12-31",
    [],
    {},
    [HUGE],
    {"a": HUGE},
    nested(40),
    nested(800),  # parses, but a serializer's json.dumps may not come back
    nested(20),  # deep but within the parser's bound: reaches the serializers
    {"\x00": "\x00"},
]

BODY_TEXTS = [  # whole bodies, sent as application/json unless the tuple says otherwise
    ("{not json", "application/json"),
    (DEEP_TEXT, "application/json"),
    ("[" * 500 + "]" * 500, "application/json"),
    (json.dumps(nested(100)), "application/json"),
    ("[]", "application/json"),
    ('"text"', "application/json"),
    ("null", "application/json"),
    (str(HUGE), "application/json"),
    ('{"a": NaN}', "application/json"),
    ('"\\ud800"', "application/json"),
    ("a=1", "application/x-www-form-urlencoded"),
    ("plain", "text/plain"),
]


# --- the schema -------------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    path_params: dict[str, dict[str, Any]]
    query_params: dict[str, dict[str, Any]]
    body: dict[str, Any] | None = None

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.path}"


def _resolve(schema: dict[str, Any], node: Any) -> Any:
    if isinstance(node, dict) and "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return _resolve(schema, schema["components"]["schemas"][name])
    if isinstance(node, dict):
        return {key: _resolve(schema, value) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolve(schema, item) for item in node]
    return node


def load_operations() -> list[Operation]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = []
    for path, item in schema["paths"].items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            params = [_resolve(schema, p) for p in operation.get("parameters", [])]
            content = operation.get("requestBody", {}).get("content", {})
            # A multipart-only upload gets JSON thrown at it all the same (a 415 is its answer).
            json_body = content.get("application/json")
            body = _resolve(schema, json_body["schema"]) if json_body else None
            found.append(
                Operation(
                    method,
                    path,
                    {p["name"]: p.get("schema", {}) for p in params if p["in"] == "path"},
                    {p["name"]: p.get("schema", {}) for p in params if p["in"] == "query"},
                    body,
                )
            )
    return found


OPERATIONS = load_operations()


# --- a world to aim at ------------------------------------------------------------------


class AllowAll:
    """A rate-limit store that never refuses: a 429 must not hide what comes after it."""

    def hit(self, *args: Any, **kwargs: Any) -> Decision:
        return Decision(True)

    def remove(self, *args: Any) -> None:
        pass

    def clear(self, *args: Any) -> None:
        pass


@dataclass
class World:
    known: dict[str, Any]  # a valid value per parameter or field name
    superuser: Any
    station_token: str

    def client(self, role: str) -> APIClient:
        client = APIClient()
        if role == "superuser":
            client.credentials(**bearer(sign_in(self.superuser)))
        elif role == "station":
            client.credentials(HTTP_AUTHORIZATION=f"Device {self.station_token}")
        return client


@pytest.fixture
def world(monkeypatch: pytest.MonkeyPatch) -> World:
    """A festival on sale with a booking, a ticket, a hold, a gate and a station, all the
    superuser's; ``known`` names them so every request but its one hostile value is valid."""
    from backend.accounts.services.devices import device_create
    from backend.bookings.services.bookings import booking_create
    from backend.inventory.services.holds import ItemRequest, hold_create

    monkeypatch.setattr(ratelimit, "_store", AllowAll)
    refuse_ints_past_bigint(monkeypatch)
    superuser = UserFactory(phone="+966500000001", email="root@example.com", is_superuser=True)
    event = EventFactory(slug="fest", max_live_holds_per_user=1000)
    EventFactory(slug="drafty", status="draft")
    slot = SlotFactory(resource=ResourceFactory(event=event, units=1000))

    def hold() -> Any:
        return hold_create(user=superuser, event=event, items=[ItemRequest(slot.pk, 1)])

    booking = booking_create(user=superuser, hold_id=hold().pk, details={"holders": ["Root"]})
    mark_paid(booking=booking)
    ticket = booking.tickets.get()
    gate = Gate.objects.create(event=event, name="North")
    device, station_token = device_create(label="Lane 1", event=event)
    gate.devices.add(device)
    today = timezone.localdate()
    known = {
        "slug": "fest",
        "event": "fest",
        "slot": slot.pk,
        "hold": str(hold().pk),
        "hold_id": str(hold().pk),
        "booking": str(booking.pk),
        "booking_id": str(booking.pk),
        "ticket": ticket.pk,
        "ticket_id": ticket.pk,
        "gate": gate.pk,
        "gate_id": gate.pk,
        "device": device.pk,
        "device_id": device.pk,
        "session_id": str(sign_in(superuser).session.pk),
        "transfer_id": str(uuid.uuid4()),
        "qr": codes.sign(event_id=event.pk, ticket_id=ticket.pk, version=ticket.version),
        "phone": "+966500000002",
        "email": "guest@example.com",
        "provider": "test",
        "quantity": 1,
        "location": "Riyadh",
        "from": str(today),
        "to": str(today + timedelta(days=7)),
        "date": str(today + timedelta(days=7)),
        "check_in": str(today + timedelta(days=7)),
        "check_out": str(today + timedelta(days=9)),
    }
    return World(known, superuser, station_token)


# --- building requests ------------------------------------------------------------------


def sample(schema: dict[str, Any], name: str, known: dict[str, Any]) -> Any:
    """A valid-looking value for a schema, preferring the world's real ones by name."""
    if name in known:
        return known[name]
    if schema.get("enum"):
        return next((v for v in schema["enum"] if v is not None), None)
    for combined in ("allOf", "oneOf", "anyOf"):
        if schema.get(combined):
            return sample(schema[combined][0], name, known)
    kind, fmt = schema.get("type"), schema.get("format")
    if kind == "object" or "properties" in schema:
        return {key: sample(sub, key, known) for key, sub in schema.get("properties", {}).items()}
    if kind == "array":
        return [sample(schema.get("items", {}), name, known)]
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    return {
        "uuid": str(uuid.uuid4()),
        "date": "2026-12-05",
        "date-time": timezone.now().isoformat(),
        "email": "someone@example.com",
    }.get(fmt, "x")


def leaf_paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a body a hostile value can go: each field, each first list item."""
    if isinstance(value, dict):
        for key, sub in value.items():
            yield (*prefix, key)
            yield from leaf_paths(sub, (*prefix, key))
    elif isinstance(value, list) and value:
        yield (*prefix, 0)
        yield from leaf_paths(value[0], (*prefix, 0))


def replaced(body: Any, path: tuple[Any, ...], value: Any) -> Any:
    body = copy.deepcopy(body)
    target = body
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return body


def url_of(op: Operation, known: dict[str, Any], **override: str) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in override:
            return quote(override[name], safe="")
        return quote(str(sample(op.path_params.get(name, {}), name, known)), safe="")

    return re.sub(r"\{(\w+)\}", value, op.path)


def base_query(op: Operation, known: dict[str, Any]) -> dict[str, str]:
    """The parameters the world knows a good value for; others are left out."""
    return {name: str(known[name]) for name in op.query_params if name in known}


@dataclass
class Caller:
    """One role sending one operation its requests, each in a savepoint: what a request
    wrote (or a database error it met) is undone, so every request meets the same world."""

    world: World
    role: str
    op: Operation
    client: APIClient = field(init=False)

    def __post_init__(self) -> None:
        self.client = self.world.client(self.role)

    def send(
        self,
        url: str,
        query: dict[str, Any] | None = None,
        body: Any = None,
        raw: tuple[str, str] | None = None,
    ) -> Any:
        if query:
            url = f"{url}?{urlencode(query, doseq=True)}"
        call = getattr(self.client, self.op.method)
        with transaction.atomic():
            if raw is not None:
                response = call(url, raw[0], content_type=raw[1])
            elif body is not None:
                response = call(url, json.dumps(body), content_type="application/json")
            else:
                response = call(url)
            transaction.set_rollback(True)
        if response.status_code == 401 and self.role == "superuser":
            self.client = self.world.client(self.role)  # (a logout may outlive the savepoint)
        return response


def problem(response: Any) -> str | None:
    """What is wrong with an answer: a 5xx, or a 4xx outside the one error shape."""
    status = response.status_code
    if status >= 500:
        return f"{status} {response.content[:200]!r}"
    if status < 400:
        return None
    if not response["Content-Type"].startswith("application/json"):
        return f"{status} is not JSON: {response.content[:100]!r}"
    body = response.json()
    error = body.get("error") if isinstance(body, dict) else None
    if (
        body.get("ok") is not False
        or not isinstance(error, dict)
        or not re.fullmatch(r"[a-z][a-z0-9_]*", str(error.get("code")))
        or not isinstance(error.get("message"), str)
        or not error["message"]
        or not isinstance(error.get("fields", {}), dict)
    ):
        return f"{status} not in the error shape: {body!r:.200}"
    return None


# --- the table --------------------------------------------------------------------------


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.id)
def test_no_hostile_input_reaches_a_500(op: Operation, world: World) -> None:
    problems: list[str] = []
    for role in ("anonymous", "superuser"):
        problems += [f"as {role}: {found}" for found in hostile_requests(op, world, role)]
    assert not problems, "\n".join(problems)


def hostile_requests(op: Operation, world: World, role: str) -> Iterator[str]:
    """Send ``op`` its hostile variants; yield what was wrong with the answers."""
    known = world.known
    caller = Caller(world, role, op)
    query = base_query(op, known)
    body = sample(op.body, "", known) if op.body is not None else None
    url = url_of(op, known)

    def check(what: str, response: Any) -> Iterator[str]:
        found = problem(response)
        if found:
            yield f"{what}: {found}"

    yield from check("baseline", caller.send(url, query, body))
    for name in op.path_params:
        for value in TEXT_VALUES:
            hostile_url = url_of(op, known, **{name: value})
            yield from check(f"path {name}={value:.40}", caller.send(hostile_url, query, body))
    for name in op.query_params:
        for value in [*TEXT_VALUES, ["1", "2"]]:
            hostile = {**query, name: value}
            yield from check(f"query {name}={value!r:.60}", caller.send(url, hostile, body))
    if op.body is None:
        return
    for path in leaf_paths(body):
        for value in JSON_VALUES:
            response = caller.send(url, query, replaced(body, path, value))
            yield from check(f"body {'.'.join(map(str, path))}={value!r:.60}", response)
    for raw in BODY_TEXTS:
        yield from check(f"body text {raw[0]:.40}", caller.send(url, query, raw=raw))


# --- the generative walk ----------------------------------------------------------------

hostile_leaf = st.one_of(
    st.sampled_from([v for v in JSON_VALUES if not isinstance(v, dict | list)]),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.text(max_size=50),
    st.dates().map(str),
)
hostile_json = st.recursive(
    hostile_leaf,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=12,
)


@settings(
    max_examples=100,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_hostile_requests_never_reach_a_500(world: World, data: st.DataObject) -> None:
    op = data.draw(st.sampled_from(OPERATIONS), label="operation")
    role = data.draw(st.sampled_from(["anonymous", "superuser", "station"]), label="role")
    known = world.known
    overrides = {
        name: data.draw(st.sampled_from(TEXT_VALUES) | st.text(max_size=30), label=name)
        for name in op.path_params
        if data.draw(st.booleans())
    }
    query = base_query(op, known)
    for name in op.query_params:
        if data.draw(st.booleans()):
            query[name] = data.draw(st.sampled_from(TEXT_VALUES) | st.text(max_size=30))
    body = sample(op.body, "", known) if op.body is not None else None
    if body is not None:
        for path in list(leaf_paths(body)):
            if data.draw(st.booleans()):
                with contextlib.suppress(KeyError, IndexError, TypeError):
                    # (an earlier replacement may have removed this place)
                    body = replaced(body, path, data.draw(hostile_json))
    url = url_of(op, known, **{k: v for k, v in overrides.items() if v})
    response = Caller(world, role, op).send(url, query, body)
    assert problem(response) is None, f"{op.id} as {role}: {problem(response)}"
