"""Postman collections generated from the documented flows (``backend/compat/flows.py``).

Each :class:`~backend.compat.flows.Flow` becomes a Postman v2.1 collection, one request per
step, and an environment holding ``baseUrl``, ``smsOutbox`` and the flow's own variables. Every
request carries a test script: the status the flow promises, each ``expect`` path present in
the JSON answer, each ``save`` variable read from the answer and set in the environment
(``pm.environment.set``) for the steps after it, then the step's own script lines.

The output is deterministic (ids are uuid5 of the system's and steps' names, keys in a fixed
order, no timestamps), so ``manage.py compat_collections`` rewrites the committed files under
``collections/`` byte for byte unless a flow changed; a test fails when they differ.
"""

from __future__ import annotations

import importlib
import json
import re
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

from backend.compat.flows import Flow, Raw, Step
from backend.compat.native_flow import FLOW as NATIVE_FLOW
from backend.compat.urls import SYSTEMS

SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
NAMESPACE = uuid.UUID("5b1f3a52-8d0e-4c59-9a64-2f0c7e3d1a21")  # fixed: the ids never move
# The defaults of the environment: a server started by `make run`, and an SMS inbox the test
# environment provides (tests/support/fake_sms_inbox.py); newman's --env-var overrides them.
SITE_URL = "http://127.0.0.1:8000"
SMS_OUTBOX = "http://127.0.0.1:8025"
NATIVE = "native"

# Looks up a dotted path ("tokens.access", "items.0.id") in the parsed answer.
_HELPERS = (
    "var body; try { body = pm.response.json(); } catch (e) { body = undefined; }",
    "function at(value, path) {",
    "  return path.split('.').reduce(function (v, key) {",
    "    return v === undefined || v === null ? undefined : v[key];",
    "  }, value);",
    "}",
)


def _id(*names: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(names)))


def _js(value: str) -> str:
    """A JavaScript string literal (JSON's is one)."""
    return json.dumps(value, ensure_ascii=False)


def flows() -> list[Flow]:
    """Every flow there is: each system's ``backend/compat/<package>/flow.py`` ``FLOW`` (in
    the order of SYSTEMS; a system without one yet is left out), then the native API's."""
    found: list[Flow] = []
    for package in SYSTEMS.values():
        module_name = f"backend.compat.{package}.flow"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        found.append(module.FLOW)
    return [*found, NATIVE_FLOW]


def base_url(flow: Flow, site_url: str = SITE_URL) -> str:
    site = site_url.rstrip("/")
    return site if flow.system == NATIVE else f"{site}/compat/{flow.system}"


def _url(step: Step) -> str:
    if step.path.startswith("/"):
        return "{{baseUrl}}" + step.path
    if step.path.startswith(("{{", "http://", "https://")):
        return step.path
    raise ValueError(f"step {step.name!r}: a path starts with / or is a full URL: {step.path!r}")


_RAW = re.compile(r'"\\u0000raw:(.*?)\\u0000"')


def _mark_raw(value: Any) -> Any:
    if isinstance(value, Raw):
        return f"\x00raw:{value}\x00"
    if isinstance(value, Mapping):
        return {key: _mark_raw(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_mark_raw(item) for item in value]
    return value


def json_body(body: Any) -> str:
    """The body as JSON text, with :class:`Raw` values written unquoted."""
    text = json.dumps(_mark_raw(body), indent=2, ensure_ascii=False)
    return _RAW.sub(lambda match: json.loads(f'"{match.group(1)}"'), text)


def _request(step: Step) -> dict[str, Any]:
    if step.body is not None and step.form is not None:
        raise ValueError(f"step {step.name!r}: a JSON body or a form, not both")
    headers = dict(step.headers)
    body: dict[str, Any] | None = None
    if step.body is not None:
        headers.setdefault("Content-Type", "application/json")
        body = {
            "mode": "raw",
            "raw": json_body(step.body),
            "options": {"raw": {"language": "json"}},
        }
    elif step.form is not None:
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        body = {
            "mode": "urlencoded",
            "urlencoded": [
                {"key": key, "value": value, "type": "text"} for key, value in step.form.items()
            ],
        }
    request: dict[str, Any] = {
        "method": step.method.upper(),
        "header": [{"key": key, "value": value} for key, value in headers.items()],
        "url": _url(step),
    }
    if body is not None:
        request["body"] = body
    if step.description:
        request["description"] = step.description
    return request


def test_script(step: Step) -> list[str]:
    """The step's Postman test script: status, expected fields, saved variables, own lines."""
    lines = [
        f"pm.test({_js(f'status {step.status}')}, function () {{",
        f"  pm.response.to.have.status({step.status});",
        "});",
    ]
    lines.extend(_HELPERS)  # ``body`` and ``at`` for the step's own lines too
    for path in step.expect:
        lines += [
            f"pm.test({_js(f'answer has {path}')}, function () {{",
            f"  pm.expect(at(body, {_js(path)}), {_js(path)}).to.not.be.undefined;",
            "});",
        ]
    for name, path in step.save.items():
        lines += [
            f"pm.test({_js(f'saves {name} from {path}')}, function () {{",
            f"  var value = at(body, {_js(path)});",
            f"  pm.expect(value, {_js(path)}).to.not.be.undefined;",
            f"  pm.environment.set({_js(name)}, value);",
            "});",
        ]
    return lines + list(step.tests)


def _item(flow: Flow, step: Step) -> dict[str, Any]:
    events = []
    if step.prerequest:
        events.append(_event(flow, step, "prerequest", list(step.prerequest)))
    events.append(_event(flow, step, "test", test_script(step)))
    return {
        "id": _id(flow.system, flow.name, step.name),
        "name": step.name,
        "event": events,
        "request": _request(step),
        "response": [],
    }


def _event(flow: Flow, step: Step, listen: str, lines: list[str]) -> dict[str, Any]:
    return {
        "listen": listen,
        "script": {
            "id": _id(flow.system, flow.name, step.name, listen),
            "type": "text/javascript",
            "exec": lines,
        },
    }


def collection(flow: Flow) -> dict[str, Any]:
    names = [step.name for step in flow.steps]
    if len(set(names)) != len(names):
        raise ValueError(f"flow {flow.name!r}: step names must be unique (they make the ids)")
    info: dict[str, Any] = {
        "_postman_id": _id(flow.system, flow.name),
        "name": flow.name,
        "schema": SCHEMA,
    }
    if flow.description:
        info["description"] = flow.description
    return {"info": info, "item": [_item(flow, step) for step in flow.steps]}


def environment(flow: Flow, site_url: str = SITE_URL) -> dict[str, Any]:
    values = {"baseUrl": base_url(flow, site_url), "smsOutbox": SMS_OUTBOX, **flow.variables}
    return {
        "id": _id(flow.system, flow.name, "environment"),
        "name": f"{flow.name} Local",  # "Lodore Villa Local", as its README names it
        "values": [
            {"key": key, "value": value, "type": "default", "enabled": True}
            for key, value in values.items()
        ],
        "_postman_variable_scope": "environment",
    }


def render(document: Mapping[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def collection_name(flow: Flow) -> str:
    return f"{flow.system}.postman_collection.json"


def environment_name(flow: Flow) -> str:
    return f"{flow.system}.postman_environment.json"


def files(all_flows: list[Flow] | None = None) -> Iterator[tuple[str, str]]:
    """(file name, text) of every collection and environment, as committed in collections/."""
    for flow in flows() if all_flows is None else all_flows:
        yield collection_name(flow), render(collection(flow))
        yield environment_name(flow), render(environment(flow))
