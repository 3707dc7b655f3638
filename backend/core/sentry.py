"""Errors to Sentry (``SENTRY_DSN``), with the official SDK; nothing at all without a DSN.

settings.py calls :func:`init` once, so every process that loads the settings reports: the
web servers (Django, the rush routes, the websocket consumers), the Celery workers (a task
that raises) and beat (an error it logs). What becomes an event: an exception nobody handled
(a view's 500, a task's failure) and a log record at ERROR or above. A client's mistake never
does: the API answers it with a 4xx and logs nothing at ERROR, and Django's
``django.security.*`` loggers (a bad Host header, a body too large) are ignored.

Nothing secret leaves: ``send_default_pii`` is off (no cookies, no Authorization header, no
user IP), request bodies are never sent (OTP codes, passwords, phones), and :func:`scrub`
runs over every event: values under secret-sounding keys (headers such as webhook
signatures, frame variables such as ``token`` or ``code``) become ``[Filtered]``, and so do
tokens inside strings (``/t/<token>``, ``/api/tickets/links/<token>/``, ``?token=``,
``Bearer …``, JWTs). Frame variables are sent for Gatehouse's own frames only, a task's
arguments never. Each event carries the request id (``request_id`` tag). docs/operations.md,
"Logs and errors".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

from backend.core import request_id

if TYPE_CHECKING:
    from sentry_sdk.types import Event, Hint

FILTERED = "[Filtered]"

# A key (header, variable, field, query parameter) is secret when, lower-cased with dashes
# as underscores, it is one of these or contains one of the parts.
SECRET_KEYS = frozenset(
    {
        "code",
        "otp",
        "pin",
        "key",
        "auth",
        "state",
        "nonce",
        "access",
        "refresh",
        "credentials",
        "remote_addr",
        "ip_address",
        "x_forwarded_for",
        "x_real_ip",
    }
)
SECRET_PARTS = (
    "token",
    "secret",
    "password",
    "passwd",
    "signature",
    "authorization",
    "cookie",
    "session",
    "csrf",
    "api_key",
    "apikey",
    "private_key",
    "phone",
    "otp_",
    "_otp",
)
# Secrets inside strings (URLs, messages, tracebacks): the part before stays, the secret goes.
SECRET_PATTERNS = (
    re.compile(r"(/t/)[^/?#\s\"'<>]+"),  # the web app's ticket link
    re.compile(r"(/tickets/links/)[^/?#\s\"'<>]+"),
    re.compile(
        r"((?:^|[?&])(?:token|code|state|nonce|signature|sig|key|otp|access|refresh)=)"
        r"[^&#\s\"'<>]+",
        re.IGNORECASE,
    ),
    re.compile(r"(\bBearer\s+)[A-Za-z0-9._~+/=-]+", re.IGNORECASE),
    re.compile(r"()\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"),  # a JWT
)
# Parts of an event that hold no user data: left as they are.
UNTOUCHED = frozenset({"sdk", "modules", "debug_meta", "_meta", "contexts", "platform"})
# Loggers whose records never become events or breadcrumbs: client mistakes Django logs at
# ERROR, and the console SMS backend, whose lines hold the codes.
IGNORED_LOGGERS = ("django.security.*", "gatehouse.sms")


def secret_key(key: object) -> bool:
    if not isinstance(key, str):
        return False
    name = key.lower().replace("-", "_")
    return name in SECRET_KEYS or any(part in name for part in SECRET_PARTS)


def scrub_text(text: str) -> str:
    for pattern in SECRET_PATTERNS:
        text = pattern.sub(lambda m: m.group(1) + FILTERED, text)
    return text


def scrub(value: Any) -> Any:
    """``value`` with every secret replaced, in place for dicts and lists."""
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        for key, item in value.items():
            if secret_key(key) and item not in (None, "", [], {}):
                value[key] = FILTERED
            else:
                value[key] = scrub(item)
        return value
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, list | tuple) and len(item) == 2 and secret_key(item[0]):
                value[index] = [item[0], FILTERED]  # a [name, value] pair (headers, query)
            else:
                value[index] = scrub(item)
        return value
    if isinstance(value, tuple):
        return tuple(scrub(list(value)))
    return value


def _drop_library_variables(event: dict[str, Any]) -> None:
    """Frame variables are kept for Gatehouse's own code only (scrubbed like the rest): a
    library's frames hold whole requests and task messages (Celery's tracer holds a task's
    arguments, which may be anything)."""
    for exception in (event.get("exception") or {}).get("values") or ():
        for frame in (exception.get("stacktrace") or {}).get("frames") or ():
            if not frame.get("in_app") and "vars" in frame:
                frame["vars"] = {}


def before_send(sent: Event, hint: Hint) -> Event | None:
    """Every event: the request id as a tag, and no secrets."""
    event = cast(dict[str, Any], sent)
    current = request_id.get()
    if current:
        event.setdefault("tags", {}).setdefault("request_id", current)
    _drop_library_variables(event)
    job = (event.get("extra") or {}).get("celery-job")
    if isinstance(job, dict):  # the task's name stays; its arguments may be secrets
        job.update({key: FILTERED for key in ("args", "kwargs") if job.get(key)})
    for key, part in event.items():
        if key not in UNTOUCHED:
            event[key] = scrub(part)
    return sent


def init(
    dsn: str,
    *,
    environment: str | None = None,
    release: str | None = None,
    traces_sample_rate: float = 0.0,
) -> bool:
    """Start the SDK with Django's (its ASGI handler too), Celery's and Redis's integrations;
    False (and nothing done) without a DSN. Called once per process, from settings.py.

    Errors outside Django's handler (a websocket consumer's, a rush route's) reach Sentry as
    the ERROR record the server or the route logs. asyncio's integration is left out: it
    patches a running loop, and none runs yet when the settings load."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import LoggingIntegration, ignore_logger
    from sentry_sdk.integrations.redis import RedisIntegration

    for name in IGNORED_LOGGERS:
        ignore_logger(name)
    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        release=release or None,
        traces_sample_rate=traces_sample_rate,
        send_default_pii=False,
        max_request_body_size="never",
        in_app_include=["backend", "consumers"],
        before_send=before_send,
        before_send_transaction=before_send,
        integrations=[
            DjangoIntegration(),
            CeleryIntegration(monitor_beat_tasks=False),
            RedisIntegration(),
            LoggingIntegration(),
        ],
    )
    return True
