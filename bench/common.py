"""What every benchmark needs: Django on PostgreSQL and Redis, a migrated bench database."""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/gatehouse_bench"
BENCH_REDIS_URL = "redis://127.0.0.1:6379/8"


def setup_django() -> None:
    """Point at the bench database and Redis (overridable), create, migrate, set up."""
    os.environ.setdefault("DATABASE_URL", BENCH_DATABASE_URL)
    os.environ.setdefault("REDIS_URL", BENCH_REDIS_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
    # Service variables mean production (DEBUG off) unless asked: the benches ask, as before.
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("ensure_database")
    call_command("migrate", verbosity=0)
    sweep_expired_holds()


def sweep_expired_holds() -> None:
    """What the running system's sweeper and PostgreSQL's autovacuum would have done since
    the last bench run (a bench churns through thousands of holds in seconds; their dead
    rows and index entries would otherwise weigh on the next run's reads)."""
    from django.db import connection

    from backend.inventory.services.holds import holds_expire

    while holds_expire(batch=5000):
        pass
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE inventory_hold, inventory_holditem, inventory_slot")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def describe_ms(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return (
        f"n={len(ms)} mean={statistics.fmean(ms):.2f} ms p50={percentile(ms, 50):.2f} "
        f"p95={percentile(ms, 95):.2f} p99={percentile(ms, 99):.2f}"
    )
