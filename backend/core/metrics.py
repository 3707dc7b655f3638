"""Prometheus metrics: core's own series, the request middleware, and ``/metrics``.

The official client (prometheus_client). Each app declares its series in
``backend/<app>/metrics.py`` as module-level objects, counted where its services decide an
outcome; core holds what every request goes through and the exposition:

* :func:`http_metrics_middleware` (first in MIDDLEWARE) times every request Django answers,
  from its arrival at the concurrency gate (backend/core/concurrency.py) when it passed one,
  labelled with its route's pattern (never the raw path), method and status class; the rush
  routes (backend/core/rush.py) record theirs with :func:`observe_request` under the same
  route label.
* The database pools (Django's psycopg pool, the rush routes' pools in backend/core/async_db.py)
  keep their own counters; :func:`harvest_pool_stats` moves them into counters at most once a
  second per process, from the request path and at each scrape: nothing is timed per
  connection.
* Things measured at scrape time (the webhook inbox, the Celery queues) are collectors
  registered with :func:`on_scrape`: they run only when ``/metrics`` is read.

Several processes: with ``PROMETHEUS_MULTIPROC_DIR`` set (the full stack: backend/serve.py,
the Procfile, ``make stack``) every process writes its values there and a scrape reads them
all (the client's multiprocess mode), so one scrape through nginx sees the whole node. It must
be set before prometheus_client is first imported, and emptied when the node starts.

``/metrics`` is refused unless ``METRICS_TOKEN`` (a bearer token, compared in constant time)
or ``METRICS_ALLOWED_NETWORKS`` (client addresses, as backend/core/proxies.py resolves them) is
set; with neither it is a 404. docs/operations.md, "Metrics".
"""

from __future__ import annotations

import hmac
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

from asgiref.sync import iscoroutinefunction
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils.decorators import sync_and_async_middleware
from django.views.decorators.csrf import csrf_exempt
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from backend.core.concurrency import ARRIVED
from backend.core.errors import ApplicationError, Forbidden, NotAuthenticated, NotFound
from backend.core.proxies import is_trusted, parse_address, parse_networks

logger = logging.getLogger(__name__)

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNRESOLVED = "(unresolved)"  # a request no URL pattern matched (a 404, a redirect before it)

HTTP_REQUESTS = Histogram(
    "gatehouse_http_request_duration_seconds",
    "HTTP requests answered, and how long each took: per route pattern, method and status "
    "class (its _count is the request count).",
    ["route", "method", "status"],
    buckets=LATENCY_BUCKETS,
)
POOL_REQUESTS = Counter(
    "gatehouse_db_pool_requests_total",
    "Connections asked of a database pool (django: Django's; rush: the rush routes').",
    ["pool"],
)
POOL_WAITS = Counter(
    "gatehouse_db_pool_waits_total",
    "Connection requests that had to wait for a free connection.",
    ["pool"],
)
POOL_WAIT_SECONDS = Counter(
    "gatehouse_db_pool_wait_seconds_total",
    "Time spent waiting for a free connection.",
    ["pool"],
)
POOL_ERRORS = Counter(
    "gatehouse_db_pool_errors_total",
    "Connection requests that failed (no connection within DATABASE_POOL_TIMEOUT, or none "
    "could be made).",
    ["pool"],
)


def multiprocess() -> bool:
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


# --- requests --------------------------------------------------------------------------


def observe_request(route: str, method: str, status: int, seconds: float) -> None:
    HTTP_REQUESTS.labels(
        route, method if method in METHODS else "other", f"{status // 100}xx"
    ).observe(seconds)
    harvest_pool_stats()


def route_of(request: HttpRequest) -> str:
    """The request's route pattern (``/api/holds/<uuid:pk>/``), or its URL name for a
    regular expression pattern; never the path itself."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return UNRESOLVED
    route = match.route or ""
    if route.startswith("^") or "(?" in route:
        return match.url_name or match.view_name or UNRESOLVED
    return "/" + route


@sync_and_async_middleware
def http_metrics_middleware(get_response: Any) -> Any:
    """Times each request from the top of Django's stack: first in MIDDLEWARE."""

    if iscoroutinefunction(get_response):

        async def middleware(request: HttpRequest) -> HttpResponseBase:
            # From the request's arrival at the concurrency gate, when it went through it.
            scope = getattr(request, "scope", None)
            started = (scope or {}).get(ARRIVED) or time.perf_counter()
            response = await get_response(request)
            observe_request(
                route_of(request),
                request.method or "",
                response.status_code,
                time.perf_counter() - started,
            )
            return response

        return middleware

    def sync_middleware(request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        response = get_response(request)
        observe_request(
            route_of(request), request.method or "", response.status_code,
            time.perf_counter() - started,
        )  # fmt: skip
        return response

    return sync_middleware


# --- database pools --------------------------------------------------------------------

HARVEST_SECONDS = 1.0
_harvested_at = 0.0


def _pools() -> Iterator[tuple[str, Any]]:
    from django.db import connections

    for alias in settings.DATABASES:
        # Django keeps its psycopg pools on the backend class, one per alias (only once one
        # was made: asking the connection for ``pool`` would make it).
        made = getattr(type(connections[alias]), "_connection_pools", {})
        if alias in made:
            yield ("django" if alias == "default" else f"django-{alias}"), made[alias]
    from backend.core.async_db import _pools as rush_pools

    for pool in list(rush_pools.values()):
        yield "rush", pool


def harvest_pool_stats(*, force: bool = False) -> None:
    """Move the pools' own counters (psycopg_pool's ``pop_stats``) into the metrics, at most
    once every HARVEST_SECONDS in this process."""
    global _harvested_at
    now = time.monotonic()
    if not force and now - _harvested_at < HARVEST_SECONDS:
        return
    _harvested_at = now
    for name, pool in _pools():
        stats = pool.pop_stats()
        POOL_REQUESTS.labels(name).inc(stats.get("requests_num", 0))
        POOL_WAITS.labels(name).inc(stats.get("requests_queued", 0))
        POOL_WAIT_SECONDS.labels(name).inc(stats.get("requests_wait_ms", 0) / 1000)
        POOL_ERRORS.labels(name).inc(stats.get("requests_errors", 0))


# --- measured at scrape time -----------------------------------------------------------

_scrape_collectors: list[Collector] = []


def on_scrape(collector: Collector) -> Collector:
    """Run ``collector`` at each scrape of this process's ``/metrics`` (it must be cheap and
    bounded: a scrape may come every few seconds). Returns it, to use as a decorator."""
    if collector not in _scrape_collectors:
        _scrape_collectors.append(collector)
    return collector


class _Collected:
    """A collector made of a function yielding metrics."""

    def __init__(self, collect: Callable[[], Iterable[Metric]]) -> None:
        self._collect = collect

    def collect(self) -> Iterable[Metric]:
        return self._collect()


def scrape_collector(function: Callable[[], Iterable[Metric]]) -> Collector:
    """``@scrape_collector`` on a function yielding metrics: :func:`on_scrape` for it. A
    failure (the database, Redis away) is logged and leaves its series out of the scrape."""

    def guarded() -> Iterable[Metric]:
        try:
            return list(function())
        except Exception:
            logger.warning("Metrics collector %s failed", function.__name__, exc_info=True)
            return []

    return on_scrape(_Collected(guarded))


# Kombu's Redis transport keeps a queue's messages of priority N > 0 under name + SEP + N.
_PRIORITY_SEP = "\x06\x16"
_PRIORITY_STEPS = (0, 3, 6, 9)


def celery_queues() -> list[str]:
    queues = {getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", "celery")}
    for route in getattr(settings, "CELERY_TASK_ROUTES", {}).values():
        if isinstance(route, dict) and route.get("queue"):
            queues.add(route["queue"])
    return sorted(queues)


@cache
def _broker(url: str) -> Any:
    import redis

    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


@scrape_collector
def celery_queue_lengths() -> Iterator[Metric]:
    """Messages waiting in each Celery queue (Redis list lengths; full stack only)."""
    if not str(settings.CELERY_BROKER_URL).startswith(("redis://", "rediss://", "unix://")):
        return
    queues = celery_queues()
    pipe = _broker(settings.CELERY_BROKER_URL).pipeline(transaction=False)
    for queue in queues:
        for step in _PRIORITY_STEPS:
            pipe.llen(queue if step == 0 else f"{queue}{_PRIORITY_SEP}{step}")
    lengths = pipe.execute()
    family = GaugeMetricFamily(
        "gatehouse_celery_queue_length", "Tasks waiting in each Celery queue.", labels=["queue"]
    )
    steps = len(_PRIORITY_STEPS)
    for n, queue in enumerate(queues):
        family.add_metric([queue], sum(lengths[n * steps : (n + 1) * steps]))
    yield family


# --- exposition ------------------------------------------------------------------------


def exposition() -> bytes:
    """The Prometheus text format: every process of the node (multiprocess mode) or this
    one, and the collectors run at scrape time."""
    from prometheus_client import multiprocess as prometheus_multiprocess

    harvest_pool_stats(force=True)
    registry = CollectorRegistry(auto_describe=False)
    if multiprocess():
        prometheus_multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(REGISTRY)
    for collector in _scrape_collectors:
        registry.register(collector)
    return generate_latest(registry)


def scrape_refusal(request: HttpRequest) -> ApplicationError | None:
    """Why this request may not read the metrics, or None. With neither METRICS_TOKEN nor
    METRICS_ALLOWED_NETWORKS set, nobody may (404: nothing says there is anything here).
    Each one set must pass: the client's address in a network, the bearer token."""
    token: str = settings.METRICS_TOKEN
    networks = parse_networks(settings.METRICS_ALLOWED_NETWORKS)
    if not token and not networks:
        return NotFound()
    if networks:
        client = parse_address(str(request.META.get("REMOTE_ADDR") or ""))
        if client is None or not is_trusted(client, networks):
            return Forbidden("Metrics are not served to this address.")
    if token:
        kind, _, given = request.headers.get("Authorization", "").partition(" ")
        if kind.lower() != "bearer" or not given:
            return NotAuthenticated("A bearer token is needed for the metrics.")
        if not hmac.compare_digest(given.strip().encode(), token.encode()):
            return NotAuthenticated("This token does not open the metrics.")
    return None


@csrf_exempt  # a scraper has no CSRF token, and any other method must get the JSON 405
def metrics_view(request: HttpRequest) -> HttpResponse:
    """``GET /metrics``: the Prometheus text format, to whom the settings allow."""
    refusal = scrape_refusal(request)
    if refusal is None and request.method not in ("GET", "HEAD"):
        refusal = ApplicationError(
            "Only GET reads the metrics.", code="method_not_allowed", status=405
        )
    if refusal is not None:
        response: HttpResponse = JsonResponse(refusal.body(), status=refusal.status)
        if refusal.status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        elif refusal.status == 405:
            response["Allow"] = "GET, HEAD"
        return response
    response = HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
