"""Check-in's Prometheus metrics: scans by the answer the gate got.

Counted once per scan logged (a station's retry of the same request id answers from the log
and is not counted again); the outcome is the answer's status (``admitted``, ``already_used``,
``invalid``, ``wrong_gate``...): a bounded set (``Scan.Status``).
"""

from __future__ import annotations

from typing import Any

from prometheus_client import Counter

SCANS = Counter("gatehouse_scans_total", "Scans logged, by the answer given.", ["outcome"])


def scan_counted(answer: dict[str, Any]) -> None:
    SCANS.labels(str(answer.get("status") or "unknown")).inc()
