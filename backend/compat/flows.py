"""Each system's documented flow as data: the requests its README walks a client through.

A flow is what a Postman collection is generated from (``backend/compat/collections.py``), so
the collection cannot drift from the code: every step names its method, its path under the
system's base URL, its body and headers, the status the README promises, the answer fields
that must be there, and the values later steps need (a token, an id), saved as variables.

Placeholders ``{{name}}`` in a path, a header or a string of the body are the collection's
variables: ``baseUrl`` (the system's base URL, ending in ``/compat/<system>``), the flow's own
``variables`` (set in its environment), and whatever an earlier step saved. A placeholder
inside a JSON string stays a string; wrap it in :class:`Raw` to insert a variable's value as
JSON (a number: ``{"slot": Raw("{{slotId}}")}``). ``form`` sends a form-encoded body instead
of JSON. Cookies a server sets are kept between steps (newman's cookie jar), as a browser
keeps them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class Raw(str):
    """A body value written into the JSON as is, unquoted: ``Raw("{{slotId}}")`` sends the
    saved variable as a number (or whatever JSON it holds), not as a string."""

    __slots__ = ()


@dataclass(frozen=True)
class Step:
    name: str
    method: str
    # Under {{baseUrl}} (starting with "/"), or a full URL with its own placeholder
    # (e.g. "{{smsOutbox}}/last?to={{phone}}": a fake's inbox the test environment provides).
    path: str
    body: Any = None  # JSON; None: no body
    headers: Mapping[str, str] = field(default_factory=dict)
    status: int = 200
    # Dotted paths into the JSON answer that must be present ("tokens.access", "items.0.id").
    expect: tuple[str, ...] = ()
    # Variable name → dotted path into the JSON answer, saved for the steps after this one.
    save: Mapping[str, str] = field(default_factory=dict)
    # Extra Postman script lines (JavaScript), for what data cannot say: a signature computed
    # before the request (e.g. a webhook's HMAC with CryptoJS), a cookie read after it.
    prerequest: tuple[str, ...] = ()
    tests: tuple[str, ...] = ()
    # A form-encoded body (application/x-www-form-urlencoded) instead of ``body``.
    form: Mapping[str, str] | None = None
    # What the step is for, shown in the collection (the README's words).
    description: str = ""


@dataclass(frozen=True)
class Flow:
    system: str  # the prefix under /compat/ ("lodore-villa"), or "native" for /api/
    name: str
    steps: tuple[Step, ...]
    # Environment variables the flow needs besides baseUrl, with their values for the
    # demo/test data (a phone on the allowlist, an event slug…).
    variables: Mapping[str, str] = field(default_factory=dict)
    description: str = ""
