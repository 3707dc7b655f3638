"""The webhook inbox's Prometheus metrics, read from the database at scrape time.

Two cheap statements on the partial index of waiting deliveries (``webhook_waiting``): how
many wait (counted up to INBOX_COUNT_LIMIT, so a flooded inbox costs no more to scrape) and
how long the oldest has waited. A growing depth or age means the worker is down or behind.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily, Metric

from backend.core.metrics import scrape_collector
from backend.webhooks.models import WebhookDelivery

INBOX_COUNT_LIMIT = 10_000


@scrape_collector
def webhook_inbox() -> Iterator[Metric]:
    waiting = WebhookDelivery.objects.filter(processed_at__isnull=True).order_by()
    depth = waiting[:INBOX_COUNT_LIMIT].count()
    oldest = (
        waiting.order_by("received_at").values_list("received_at", flat=True).first()
        if depth
        else None
    )
    age = (timezone.now() - oldest).total_seconds() if oldest is not None else 0.0
    yield GaugeMetricFamily(
        "gatehouse_webhook_inbox_depth",
        f"Webhook deliveries stored and not processed yet (counted up to {INBOX_COUNT_LIMIT}).",
        value=depth,
    )
    yield GaugeMetricFamily(
        "gatehouse_webhook_inbox_oldest_age_seconds",
        "How long the oldest unprocessed webhook delivery has waited (0: none waits).",
        value=max(0.0, age),
    )
