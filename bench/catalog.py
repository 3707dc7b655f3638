"""Catalog read throughput on PostgreSQL and Redis, through one daphne.

The demo repair shop's catalog (23 models, 14 services) is loaded into the bench database;
CLIENTS keep-alive connections then read it for DURATION seconds each way:

(a) warm: a mix of the six /api/catalog/ reads (pricing for every model, the lists), all
    answered from the server cache in Redis → requests/s, p50/p99;
(b) revalidation: the same reads with If-None-Match → 304s with no body;
(c) cold: the catalog's version bumped between requests, so answers are rebuilt from
    PostgreSQL (the cost right after an admin change).

Run: .venv/bin/python bench/catalog.py   (DATABASE_URL / REDIS_URL default to the local bench
database and Redis db 8; the server is started here on a free port)
"""

from __future__ import annotations

import asyncio
import itertools
import os
import time
from pathlib import Path

from common import describe_ms, setup_django
from fanout import PRODUCTION_LIKE
from loadclient import HttpConnection

CLIENTS = 50
DURATION = 8.0
SLUG = "repair-shop"


def catalog_paths() -> list[str]:
    from backend.catalog.demo import load_repair_catalog
    from backend.catalog.models import ServiceCategory, VehicleBrand, VehicleModel, VehicleType
    from backend.inventory.demo import load_repair_shop

    load_repair_shop()
    print(load_repair_catalog())
    base = "/api/catalog"
    paths = [
        f"{base}/pricing/?event={SLUG}&vehicle_model={pk}"
        for pk in VehicleModel.objects.filter(brand__vehicle_type__event__slug=SLUG).values_list(
            "pk", flat=True
        )
    ]
    paths += [
        f"{base}/vehicle-types/?event={SLUG}",
        f"{base}/vehicle-brands/?event={SLUG}",
        f"{base}/vehicle-models/?event={SLUG}",
        f"{base}/service-categories/?event={SLUG}",
        f"{base}/services/?event={SLUG}",
    ]
    paths += [
        f"{base}/vehicle-brands/?event={SLUG}&vehicle_type={pk}"
        for pk in VehicleType.objects.filter(event__slug=SLUG).values_list("pk", flat=True)
    ]
    paths += [
        f"{base}/vehicle-models/?event={SLUG}&vehicle_brand={pk}"
        for pk in VehicleBrand.objects.filter(vehicle_type__event__slug=SLUG).values_list(
            "pk", flat=True
        )
    ]
    paths += [
        f"{base}/services/?event={SLUG}&category={pk}"
        for pk in ServiceCategory.objects.filter(event__slug=SLUG).values_list("pk", flat=True)
    ]
    return paths


async def etags(port: int, paths: list[str]) -> dict[str, str]:
    import httpx

    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        return {path: (await client.get(path)).headers["ETag"] for path in paths}


async def run(
    label: str, port: int, paths: list[str], *, tags: dict[str, str] | None = None,
    bump: bool = False,
) -> None:  # fmt: skip
    from backend.catalog.cache import catalog_cache

    latencies: list[float] = []
    statuses: dict[int, int] = {}
    deadline = time.perf_counter() + DURATION

    async def client(number: int) -> None:
        # One path per connection when revalidating: the If-None-Match header is fixed.
        mine = paths[number % len(paths) :] + paths[: number % len(paths)]
        headers = {"If-None-Match": tags[mine[0]]} if tags else {}
        connection = await HttpConnection("127.0.0.1", port, headers).open()
        try:
            for path in itertools.cycle(mine[:1] if tags else mine):
                if time.perf_counter() > deadline:
                    break
                if bump:
                    await asyncio.to_thread(catalog_cache.bump)
                start = time.perf_counter()
                status, _ = await connection.request("GET", path)
                latencies.append(time.perf_counter() - start)
                statuses[status] = statuses.get(status, 0) + 1
        finally:
            await connection.close()

    start = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(CLIENTS)))
    elapsed = time.perf_counter() - start
    print(f"{label}: {CLIENTS} keep-alive clients for {elapsed:.1f} s")
    print(f"    statuses {dict(sorted(statuses.items()))}")
    print(
        f"    {sum(statuses.values()) / elapsed:,.0f} requests/s, latency {describe_ms(latencies)}"
    )


def main() -> None:
    setup_django()
    from django.conf import settings

    from tests.support.live import free_port, live_server

    paths = catalog_paths()
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        **PRODUCTION_LIKE,
        "LOG_LEVEL": "WARNING",
    }
    var = Path("/tmp/gatehouse-bench")
    var.mkdir(exist_ok=True)
    env["GATEHOUSE_VAR_DIR"] = str(var)
    port = free_port()
    mode, cores = settings.GATEHOUSE_MODE, os.cpu_count()
    print(f"one daphne (backend.serve) on :{port}, {mode} stack, {cores} cores, {len(paths)} paths")
    with live_server(env, var, port=port):
        tags = asyncio.run(etags(port, paths))  # also warms the cache
        asyncio.run(run("(a) warm, from the Redis cache", port, paths))
        asyncio.run(run("(b) revalidation, If-None-Match → 304", port, paths, tags=tags))
        asyncio.run(run("(c) cold, rebuilt from PostgreSQL", port, paths, bump=True))


if __name__ == "__main__":
    main()
