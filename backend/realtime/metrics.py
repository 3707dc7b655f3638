"""The realtime side's Prometheus metrics: websockets, their topics and their frames.

Module-level objects of the official client (prometheus_client): in the full stack each
process writes them to the shared PROMETHEUS_MULTIPROC_DIR and one scrape of ``/metrics``
(backend/core/metrics.py) adds up every process of the node. Gauges of things that live in
a process (open websockets, subscriptions) are ``livesum``: a dead process's share is gone.
Labels are bounded: the consumer's name, a topic's kind (its declaration's key in
``backend.realtime.topics``: ``availability``, ``hold``, ``gate``...), never a topic itself.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge

from backend.realtime.topics import TOPICS

WEBSOCKETS_OPEN = Gauge(
    "gatehouse_websockets_open",
    "Websocket connections open now, per consumer.",
    ["consumer"],
    multiprocess_mode="livesum",
)
SUBSCRIPTIONS = Gauge(
    "gatehouse_websocket_subscriptions",
    "Topics watched by open websockets now, per topic kind.",
    ["kind"],
    multiprocess_mode="livesum",
)
FRAMES_SENT = Counter(
    "gatehouse_websocket_frames_sent_total",
    "Frames written to websocket clients (one per client).",
)
FRAMES_DROPPED = Counter(
    "gatehouse_websocket_frames_dropped_total",
    "Frames never written because the client's outbox overflowed (it is closed with 4008).",
)
SLOW_CLIENT_CLOSES = Counter(
    "gatehouse_websocket_slow_closes_total",
    "Websockets closed with 4008: the client read too slowly and its outbox overflowed.",
)


def topic_kind(topic: str) -> str:
    """A topic's kind, for a label: ``availability`` for ``event:gala:availability``;
    ``other`` for a topic no declaration matches."""
    for declared in TOPICS:
        if declared.regex.match(topic):
            return declared.key
    return "other"
