"""PostgreSQL from the event loop: psycopg 3's async connections, pooled, for rush routes.

Django's database layer is synchronous: under ASGI each query hops to a worker thread and
back. A rush route (backend/core/rush.py) sends its one statement on a connection of this
pool instead, without leaving the loop. Connections are in autocommit (each statement is its
own transaction, which is all a rush route sends), in UTC, and bounded by
``RUSH_DATABASE_POOL_SIZE`` per process; waiting longer than ``DATABASE_POOL_TIMEOUT`` for
one is a 503 in the error shape. So is PostgreSQL going away or answering too slowly (a
restart, a lock held past ``DATABASE_LOCK_TIMEOUT_MS``): the statement is rolled back whole,
and the pool tests its idle connections at once so that the ones a restart broke are
replaced (backend/core/db_recovery.py says why).
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from typing import Any

import psycopg
from django.conf import settings
from psycopg import AsyncConnection
from psycopg_pool import AsyncConnectionPool, PoolTimeout

from backend.core import db_recovery
from backend.core.errors import DatabaseUnavailable

logger = logging.getLogger(__name__)
statements_sent = 0  # by this process, on its rush pools (tests pin what a route sends)

_pools: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, AsyncConnectionPool] = (
    weakref.WeakKeyDictionary()
)


def connection_kwargs() -> dict[str, Any]:
    """Django's default database as psycopg connection arguments."""
    db = settings.DATABASES["default"]
    kwargs: dict[str, Any] = {
        "dbname": db["NAME"],
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
        "application_name": "gatehouse-rush",
    }
    options = {
        key: value for key, value in db.get("OPTIONS", {}).items() if key in ("sslmode", "options")
    }
    return {key: value for key, value in {**kwargs, **options}.items() if value is not None}


async def _configure(conn: AsyncConnection[Any]) -> None:
    await conn.set_autocommit(True)
    await conn.execute("SET TIME ZONE 'UTC'")


def _pool() -> AsyncConnectionPool:
    loop = asyncio.get_running_loop()
    pool = _pools.get(loop)
    if pool is None:
        pool = _pools[loop] = AsyncConnectionPool(
            kwargs=connection_kwargs(),
            min_size=1,
            max_size=settings.RUSH_DATABASE_POOL_SIZE,
            timeout=settings.DATABASE_POOL_TIMEOUT,
            configure=_configure,
            open=False,
            name="rush",
        )
    return pool


async def fetch_value(sql: str, params: list[Any]) -> Any:
    """The first column of the first row of one statement, on a pooled connection."""
    global statements_sent
    pool = _pool()
    if pool.closed:
        await pool.open(wait=False)
    try:
        async with pool.connection() as conn:
            statements_sent += 1
            cursor = await conn.execute(sql, params, prepare=True)
            row = await cursor.fetchone()
    except PoolTimeout:
        raise DatabaseUnavailable("The database is busy; try again in a moment.") from None
    except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
        logger.warning("Rush statement failed: %s: %s", type(exc).__name__, exc)
        if db_recovery.due("rush"):
            _checks.add(asyncio.get_running_loop().create_task(_check(pool)))
        raise DatabaseUnavailable() from None
    return None if row is None else row[0]


_checks: set[asyncio.Task[None]] = set()  # running pool checks (a task needs a reference)


async def _check(pool: AsyncConnectionPool) -> None:
    try:
        await pool.check()
    except Exception:  # still down: the next failure asks again
        logger.info("Checking the rush pool failed", exc_info=True)
    finally:
        task = asyncio.current_task()
        if task is not None:
            _checks.discard(task)


async def close_pool() -> None:
    """Close the running loop's pool (a test's loop ends; a server stops)."""
    pool = _pools.pop(asyncio.get_running_loop(), None)
    if pool is not None:
        await pool.close()
