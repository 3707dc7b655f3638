"""Stripe webhooks on the full stack: signed deliveries in, confirmed bookings out.

800 bookings wait for payment (each from its own user's hold, made through the services,
each with a Stripe Payment ``pi_bench_<n>``). Then 1,000 signed ``payment_intent.succeeded``
webhooks (800 distinct events and 200 duplicates of random ones, shuffled) are posted to
one daphne over 20 keep-alive connections; one real Celery worker (``CELERY_CONCURRENCY``,
default 2, Redis broker; ``WEBHOOK_BATCH`` deliveries per transaction) handles them. Printed:
HTTP deliveries/s, p50/p99 latency of the 200 answers and the status codes; the end-to-end
time until the worker has handled every delivery and the confirmed bookings/s; the worker's
rate from its first handled delivery to its last (issue 19's table row, goal beside it) and
its CPU per delivery (the worker's processes, read from /proc); then the proof: 800
deliveries stored, 800 bookings confirmed, none confirmed twice (one succeeded payment each,
``slot.sold`` equal to the confirmed quantities) and no unit oversold.

Run: .venv/bin/python bench/webhooks.py   (local PostgreSQL and Redis, bench db and db 8)
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from common import ROOT, percentile, setup_django
from fanout import PRODUCTION_LIKE
from loadclient import HttpConnection

BOOKINGS = 800
DUPLICATES = 200
CONCURRENCY = 20
WORKER_CONCURRENCY = int(os.environ.get("CELERY_CONCURRENCY", "2"))
GOAL = 200.0  # deliveries/s handled by the worker (issue 19)
PROCESS_TIMEOUT = 120.0
SLUG = "bench-webhooks"
PRICE = "150.00"
SECRET_KEY = "sk_test_bench"
WEBHOOK_SECRET = "whsec_bench"
EVENT_PREFIX = "evt_bench_"
PATH = "/api/webhooks/stripe/"
VAR = Path("/tmp/gatehouse-bench")


class RawConnection(HttpConnection):
    """The bench's keep-alive client, sending a body exactly as it was signed."""

    async def post_raw(self, path: str, body: bytes, headers: dict[str, str]) -> int:
        assert self.reader is not None
        assert self.writer is not None
        extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n{extra}\r\n"
        )
        self.writer.write(head.encode() + body)
        status = int((await self.reader.readline()).split()[1])
        length = 0
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        await self.reader.readexactly(length)
        return status


def stripe_signature(body: bytes, secret: str) -> str:
    """Stripe's scheme: ``t=<ts>,v1=<hex HMAC-SHA256(secret, "<ts>.<body>")>``."""
    t = int(time.time())
    mac = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def clean_up() -> None:
    """Remove the previous run: bookings and holds protect the event and its slots."""
    from backend.bookings.models import Booking
    from backend.inventory.models import Event, Hold
    from backend.invoices.models import Invoice
    from backend.payments.models import Payment
    from backend.webhooks.models import WebhookDelivery

    WebhookDelivery.objects.filter(provider="stripe", event_id__startswith=EVENT_PREFIX).delete()
    # Invoices protect their bookings (credit notes their invoices): the citing ones first.
    invoices = Invoice.objects.filter(booking__event__slug=SLUG)
    invoices.filter(cites__isnull=False).delete()
    invoices.delete()
    Payment.objects.filter(booking__event__slug=SLUG).delete()
    Payment.objects.filter(provider="stripe", reference__startswith="pi_bench_").delete()
    Booking.objects.filter(event__slug=SLUG).delete()
    Hold.objects.filter(event__slug=SLUG).delete()
    Event.objects.filter(slug=SLUG).delete()


def make_bookings() -> tuple[Any, list[Any]]:
    """The event, one ticket slot, and 800 bookings pending payment with their payments."""
    from django.utils import timezone

    from backend.accounts.models import User
    from backend.bookings.services.bookings import booking_create
    from backend.inventory.models import Event, Resource, Slot, Venue
    from backend.inventory.services.holds import ItemRequest, hold_create
    from backend.payments.models import Payment

    venue, _ = Venue.objects.get_or_create(name="Bench arena", city="Riyadh")
    event = Event.objects.create(
        slug=SLUG,
        name=SLUG,
        kind=Event.Kind.FESTIVAL,
        venue=venue,
        starts_at=timezone.now() + timedelta(days=30),
        ends_at=timezone.now() + timedelta(days=30, hours=6),
        status=Event.Status.ON_SALE,
        hold_minutes=120,
    )
    quantities = [1 + n % 2 for n in range(BOOKINGS)]
    capacity = sum(quantities) + 100
    resource = Resource.objects.create(
        event=event, kind="ticket", name="general", units=capacity, price=PRICE
    )
    slot = Slot.objects.create(
        resource=resource, starts_at=event.starts_at, ends_at=event.ends_at, capacity=capacity
    )
    bookings = []
    for n, quantity in enumerate(quantities):
        user, _ = User.objects.get_or_create(phone=f"+96650{8_000_000 + n:07d}")
        hold = hold_create(user=user, event=event, items=[ItemRequest(slot.pk, quantity)])
        holders = [f"Holder {n}-{k}" for k in range(quantity)]
        bookings.append(booking_create(user=user, hold_id=hold.pk, details={"holders": holders}))
    Payment.objects.bulk_create(
        Payment(
            booking=b,
            provider="stripe",
            reference=f"pi_bench_{n}",
            status=Payment.Status.CREATED,
            amount=b.amount,
            currency=b.currency,
        )
        for n, b in enumerate(bookings)
    )
    return slot, bookings


def webhook_bodies(bookings: list[Any]) -> list[bytes]:
    """800 distinct events and 200 copies of random ones, shuffled."""
    from backend.payments.providers.base import minor_units

    distinct = [
        json.dumps(
            {
                "id": f"{EVENT_PREFIX}{n}",
                "object": "event",
                "type": "payment_intent.succeeded",
                "created": int(time.time()),
                "data": {
                    "object": {
                        "id": f"pi_bench_{n}",
                        "object": "payment_intent",
                        "amount_received": minor_units(b.amount, b.currency),
                        "currency": b.currency.lower(),
                        "status": "succeeded",
                        "metadata": {"booking": str(b.pk)},
                    }
                },
            }
        ).encode()
        for n, b in enumerate(bookings)
    ]
    rng = random.Random(8)
    bodies = distinct + [rng.choice(distinct) for _ in range(DUPLICATES)]
    rng.shuffle(bodies)
    return bodies


async def deliver(port: int, bodies: list[bytes]) -> tuple[float, list[float], Counter[int]]:
    """Post every body, signed, over CONCURRENCY keep-alive connections."""
    clients = await asyncio.gather(
        *(RawConnection("127.0.0.1", port).open() for _ in range(CONCURRENCY))
    )
    queue = list(reversed(bodies))
    latencies: list[float] = []
    statuses: Counter[int] = Counter()

    async def run(client: RawConnection) -> None:
        while queue:
            body = queue.pop()
            headers = {"Stripe-Signature": stripe_signature(body, WEBHOOK_SECRET)}
            start = time.perf_counter()
            status = await client.post_raw(PATH, body, headers)
            statuses[status] += 1
            if status == 200:
                latencies.append(time.perf_counter() - start)

    start = time.perf_counter()
    await asyncio.gather(*(run(c) for c in clients))
    elapsed = time.perf_counter() - start
    for client in clients:
        await client.close()
    return elapsed, latencies, statuses


def start_worker(env: dict[str, str], name: str) -> subprocess.Popen[bytes]:
    log = (VAR / "worker-webhooks.log").open("wb")
    command = [
        str(Path(sys.executable).parent / "celery"), "-A", "backend", "worker",
        "-Q", "celery,email", "--loglevel", "WARNING",
        "--concurrency", str(WORKER_CONCURRENCY), "-n", name,
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    log.close()
    return process


def wait_for_worker(process: subprocess.Popen[bytes], name: str, timeout: float = 60) -> None:
    from backend.celery import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (VAR / "worker-webhooks.log").read_text(errors="replace")[-3000:]
            raise RuntimeError(f"the worker exited with {process.returncode}:\n{log}")
        replies = app.control.ping(destination=[name], timeout=1)
        if any(name in reply for reply in replies):
            return
    raise TimeoutError(f"the worker {name} did not answer within {timeout} s")


def stop_worker(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)  # warm shutdown: running tasks finish
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)


def wait_drained(name: str, started: float, timeout: float = 120) -> float | None:
    """Seconds (from ``started``) until the broker queue is empty and the worker idle: the
    booking e-mails that confirmations queue (their own queue, same worker) included."""
    from backend.celery import app

    with app.connection_for_read() as connection:
        client = connection.default_channel.client
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if client.llen("celery") == 0 and client.llen("email") == 0:
                inspect = app.control.inspect(destination=[name], timeout=1)
                busy = [*(inspect.active() or {}).values(), *(inspect.reserved() or {}).values()]
                if not any(busy):
                    return time.perf_counter() - started
            time.sleep(0.2)
    return None


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its living children (the worker's pool), from
    /proc: what the worker has spent so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    pids += [int(child) for child in children]
    for each in pids:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def worker_rate() -> float:
    """Deliveries handled per second from the worker's first handled one to its last."""
    from django.db.models import Max, Min

    from backend.webhooks.models import WebhookDelivery

    deliveries = WebhookDelivery.objects.filter(
        provider="stripe", event_id__startswith=EVENT_PREFIX, processed_at__isnull=False
    )
    span = deliveries.aggregate(first=Min("processed_at"), last=Max("processed_at"))
    if span["first"] is None:
        return 0.0
    seconds = (span["last"] - span["first"]).total_seconds() or 1e-9
    return deliveries.count() / seconds


def worker_figures() -> str:
    """From the deliveries' own times: the worker's rate while it worked, and the lag from
    storing a delivery to handling it."""
    from django.db.models import Max, Min

    from backend.webhooks.models import WebhookDelivery

    deliveries = WebhookDelivery.objects.filter(
        provider="stripe", event_id__startswith=EVENT_PREFIX, processed_at__isnull=False
    )
    span = deliveries.aggregate(first=Min("processed_at"), last=Max("processed_at"))
    seconds = (span["last"] - span["first"]).total_seconds() or 1e-9
    lags = [
        (done - received).total_seconds() * 1000
        for received, done in deliveries.values_list("received_at", "processed_at")
    ]
    return (
        f"{len(lags) / seconds:,.1f} deliveries/s from its first to its last; lag from "
        f"stored to handled p50={percentile(lags, 50) / 1000:.1f} s "
        f"p99={percentile(lags, 99) / 1000:.1f} s"
    )


def wait_processed(started: datetime) -> tuple[float | None, int]:
    """Poll until every bench delivery has processed_at; the end-to-end seconds (from the
    first request to the last delivery handled) and how many are still unprocessed."""
    from django.db.models import Max

    from backend.webhooks.models import WebhookDelivery

    deliveries = WebhookDelivery.objects.filter(
        provider="stripe", event_id__startswith=EVENT_PREFIX
    )
    deadline = time.monotonic() + PROCESS_TIMEOUT
    left = BOOKINGS
    while time.monotonic() < deadline:
        left = BOOKINGS - deliveries.filter(processed_at__isnull=False).count()
        if left <= 0:
            last = deliveries.aggregate(last=Max("processed_at"))["last"]
            return (last - started).total_seconds(), 0
        time.sleep(0.05)
    return None, left


def proof(slot: Any, bookings: list[Any]) -> None:
    from django.db.models import Count, Q, Sum

    from backend.bookings.models import Booking, BookingItem
    from backend.inventory.models import Slot
    from backend.webhooks.models import WebhookDelivery

    deliveries = WebhookDelivery.objects.filter(
        provider="stripe", event_id__startswith=EVENT_PREFIX
    )
    outcomes = dict(deliveries.values_list("outcome").annotate(n=Count("id")).order_by())
    attempts = deliveries.aggregate(n=Sum("attempts"))["n"] or 0
    ours = Booking.objects.filter(pk__in=[b.pk for b in bookings])
    statuses = dict(ours.values_list("status").annotate(n=Count("id")).order_by())
    confirmed = statuses.get(Booking.Status.CONFIRMED, 0)
    not_one_payment = (
        ours.annotate(paid=Count("payments", filter=Q(payments__status="succeeded")))
        .exclude(paid=1)
        .count()
    )
    slot = Slot.objects.get(pk=slot.pk)
    confirmed_units = (
        BookingItem.objects.filter(
            booking__in=ours.filter(status=Booking.Status.CONFIRMED), slot=slot
        ).aggregate(n=Sum("quantity"))["n"]
        or 0
    )
    twice = not_one_payment + max(0, slot.sold - confirmed_units)
    oversold = max(0, slot.sold + slot.held - slot.capacity)
    print(f"proof: WebhookDelivery rows {deliveries.count()} (must be {BOOKINGS})")
    print(f"       outcomes {outcomes}, handling attempts {attempts}")
    print(f"       bookings confirmed {confirmed} (must be {BOOKINGS}); statuses {statuses}")
    print(
        f"       confirmed more than once: {twice} (bookings without exactly one succeeded "
        f"payment: {not_one_payment}; slot.sold {slot.sold} vs confirmed units "
        f"{confirmed_units})"
    )
    print(
        f"       oversold units: {oversold} (capacity {slot.capacity}, sold {slot.sold}, "
        f"held {slot.held})"
    )


def main() -> None:
    setup_django()
    sys.path.insert(0, str(ROOT))
    from django.conf import settings

    from tests.support.live import free_port, live_server

    VAR.mkdir(exist_ok=True)
    clean_up()
    start = time.perf_counter()
    slot, bookings = make_bookings()
    made = time.perf_counter() - start
    print(f"setup: {BOOKINGS} bookings pending payment in {made:.1f} s (holds via the services)")

    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        **PRODUCTION_LIKE,
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "REDIS_URL": os.environ["REDIS_URL"],
        "STRIPE_SECRET_KEY": SECRET_KEY,
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "GATEHOUSE_VAR_DIR": str(VAR),
        "LOG_LEVEL": "WARNING",
    }
    bodies = webhook_bodies(bookings)
    port = free_port()
    name = f"bench-webhooks-{os.getpid()}@localhost"
    mode, cores = settings.GATEHOUSE_MODE, os.cpu_count()
    print(
        f"one daphne (backend.serve) on :{port} + one celery worker (concurrency "
        f"{WORKER_CONCURRENCY}), {mode} stack, {cores} cores"
    )
    worker = start_worker(env, name)
    try:
        wait_for_worker(worker, name)
        with live_server(env, VAR, port=port):
            started = datetime.now(UTC)
            http_started = time.perf_counter()
            cpu_before = cpu_seconds(worker.pid)
            elapsed, latencies, statuses = asyncio.run(deliver(port, bodies))
            ms = [v * 1000 for v in latencies]
            print(
                f"HTTP: {len(bodies):,} webhooks ({BOOKINGS} distinct + {DUPLICATES} duplicates) "
                f"over {CONCURRENCY} connections in {elapsed:.2f} s: "
                f"{len(bodies) / elapsed:,.0f} deliveries/s"
            )
            if ms:
                print(
                    f"      latency of the 200s: p50={percentile(ms, 50):.1f} ms "
                    f"p99={percentile(ms, 99):.1f} ms"
                )
            print(f"      statuses {dict(sorted(statuses.items()))}")
            end_to_end, left = wait_processed(started)
            cpu_handled = cpu_seconds(worker.pid) - cpu_before
            if end_to_end is None:
                print(f"worker: {left} deliveries still unprocessed after {PROCESS_TIMEOUT:.0f} s")
            else:
                print(
                    f"worker: every delivery handled {end_to_end:.2f} s after the first request "
                    f"(HTTP done at {elapsed:.2f} s): {BOOKINGS / end_to_end:,.0f} confirmed "
                    "bookings/s end to end"
                )
                print(f"        {worker_figures()}")
            drained = wait_drained(name, http_started)
            cpu_drained = cpu_seconds(worker.pid) - cpu_before
            if drained is None:
                print("        the broker queue was not drained within 120 s")
            else:
                print(
                    f"        queue drained (the booking e-mail tasks too) {drained:.2f} s after "
                    "the first request"
                )
            print(
                f"worker CPU: {cpu_handled * 1000 / BOOKINGS:.1f} ms per delivery until the last "
                f"was handled ({cpu_handled:.1f} s for {BOOKINGS}, its share of the booking "
                f"e-mails so far included); {cpu_drained * 1000 / BOOKINGS:.1f} ms per delivery "
                "with every e-mail sent"
            )
            rate = worker_rate()
            batch = os.environ.get("WEBHOOK_BATCH", str(settings.WEBHOOK_BATCH))
            print()
            print("| path | figure | goal |")
            print("| --- | --- | --- |")
            print(
                f"| webhook deliveries handled by the worker (concurrency {WORKER_CONCURRENCY}, "
                f"batch {batch}) | {rate:,.0f}/s ({cpu_handled * 1000 / BOOKINGS:.1f} ms worker "
                f"CPU each) | ≥ {GOAL:,.0f}/s {'(met)' if rate >= GOAL else '(not met)'} |"
            )
            print()
    finally:
        stop_worker(worker)
    proof(slot, bookings)


if __name__ == "__main__":
    main()
