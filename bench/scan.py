"""Scanning at a gate over websockets, on PostgreSQL and Redis (full stack, one daphne).

One event, one single-entry gate, 20,000 valid tickets (made in bulk with the ORM: a few
confirmed bookings, each with many tickets) and 4 scanner devices bound to the gate. Each
station is a websocket that authenticates with its device token, then sends ``scan`` frames
and waits for each ``scan.result``.

(1) one station at full speed (the next scan when the previous answer arrives), distinct
    tickets → scans/s, p50/p99 round trip;
(2) 4 stations at full speed at once, distinct tickets → total scans/s, p50/p99;
(3) 4 stations at a person's pace (2 scans/s each for 15 s) → p50/p99 (goal: p99 < 50 ms);
(4) double admissions: the 4 stations scan the same 500 tickets, each ticket by all 4 at the
    same moment → tickets admitted more than once (must be 0), checked in the answers and in
    the database (admitted Scan rows per ticket, Ticket.admitted_at written once);
(5) forged codes: (a) ``codes.verify`` in this process, µs per rejection (and per valid
    code); (b) forged-code scans/s from one station at full speed;
(6) what a scan pays to publish the gate's counts: ``gate_counts`` (the counters kept on the
    gate row, not a COUNT(*) of the log) with all the bench's scan rows in the table;
(7) statements per scan, counted in this process through the same service (a ticket admitted,
    the same ticket again, a forged code).

For each phase the server's CPU (user + system, every server process, from /proc) is divided
by the scans made: the server's CPU per scan. The end is a table: row, figure, goal, CPU.

The server's per-connection frame limit (REALTIME_FRAMES_PER_SECOND, 20/s by default) is
raised here so that a station can scan at full speed; a person's pace is far below it.

Run: .venv/bin/python bench/scan.py [--processes N] [--stack [--server uvicorn]]   (local
PostgreSQL and Redis, bench db and db 8). ``--processes 2``: two daphne processes, the
stations spread over them; ``--stack``: make stack's topology (bench/stack.py: nginx in
front of the servers, which it balances), the web servers' CPU per scan.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import websockets
from common import ROOT, describe_ms, percentile, setup_django
from fanout import PRODUCTION_LIKE

SLUG = "bench-scan"
TICKETS = 20_000
BOOKINGS = 4
STATIONS = 4
WARM_UP = 100
SINGLE = 4_000  # (1)
PER_STATION = 2_500  # (2)
PACE_PER_SECOND = 2.0  # (3)
PACE_SECONDS = 15.0
SHARED = 500  # (4)
FORGED_WS = 2_000  # (5b)
FORGED_LOOPS = 5_000  # (5a)
VAR = Path(os.environ.get("GATEHOUSE_BENCH_VAR", "/tmp/gatehouse-bench"))
GOAL_RATE, GOAL_P99_MS = 500, 50.0  # issue 19: 4 stations at full speed

# The table printed at the end: (row, figure, goal, server CPU per scan).
TABLE: list[tuple[str, str, str, str]] = []


class ServerCpu:
    """CPU seconds (user + system) of the server's processes (its process group: the
    server runs in a session of its own), read from /proc."""

    def __init__(self, pid: int) -> None:
        self.group = os.getpgid(pid)
        self.tick = os.sysconf("SC_CLK_TCK")

    def seconds(self) -> float:
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # gone meanwhile
            if int(fields[2]) == self.group:  # pgrp; utime, stime follow at 11 and 12
                total += int(fields[11]) + int(fields[12])
        return total / self.tick


class StackCpu:
    """The web servers' CPU seconds of ``make stack``'s topology (bench/stack.py)."""

    def __init__(self, stack: Any) -> None:
        self.stack = stack

    def seconds(self) -> float:
        return float(self.stack.cpu().web)


CPU: ServerCpu | StackCpu | None = None


def cpu_mark() -> float:
    return CPU.seconds() if CPU is not None else 0.0


def cpu_per_scan(since: float, scans: int) -> str:
    if CPU is None or not scans:
        return "-"
    return f"{(CPU.seconds() - since) / scans * 1000:.2f} ms"


def clean_up() -> None:
    """Remove the previous run: scans, tickets, bookings and holds protect the event."""
    from backend.bookings.models import Booking, BookingItem
    from backend.checkin.models import Scan
    from backend.inventory.models import Event, Hold
    from backend.tickets.models import Ticket

    Scan.objects.filter(gate__event__slug=SLUG).delete()
    Ticket.objects.filter(event__slug=SLUG).delete()
    BookingItem.objects.filter(booking__event__slug=SLUG).delete()
    Booking.objects.filter(event__slug=SLUG).delete()
    Hold.objects.filter(event__slug=SLUG).delete()
    Event.objects.filter(slug=SLUG).delete()  # its gates and devices go with it


def make_event() -> tuple[Any, list[Any], list[str], list[str]]:
    """The event, its gate, the ticket ids (in order), their QR codes, the device tokens."""
    from decimal import Decimal

    from django.utils import timezone

    from backend.accounts.models import User
    from backend.accounts.services.devices import device_create
    from backend.bookings.models import Booking, BookingItem
    from backend.checkin.models import Gate
    from backend.inventory.models import Event, Resource, Slot, Venue
    from backend.tickets import codes
    from backend.tickets.models import Ticket

    venue, _ = Venue.objects.get_or_create(name="Bench arena", city="Riyadh")
    event = Event.objects.create(
        slug=SLUG,
        name=SLUG,
        kind=Event.Kind.FESTIVAL,
        venue=venue,
        starts_at=timezone.now() + timedelta(hours=1),
        ends_at=timezone.now() + timedelta(hours=7),
        status=Event.Status.ON_SALE,
    )
    resource = Resource.objects.create(
        event=event, kind="ticket", name="General", units=TICKETS, price="150.00"
    )
    slot = Slot.objects.create(
        resource=resource,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        capacity=TICKETS,
        sold=TICKETS,
    )
    per_booking = TICKETS // BOOKINGS
    now = timezone.now()
    for n in range(BOOKINGS):
        user, _ = User.objects.get_or_create(phone=f"+96650{7_500_000 + n:07d}")
        booking = Booking.objects.create(
            event=event,
            user=user,
            amount=Decimal("150.00") * per_booking,
            currency="SAR",
            status=Booking.Status.CONFIRMED,
            confirmed_at=now,
        )
        BookingItem.objects.create(
            booking=booking, slot=slot, quantity=per_booking, unit_price="150.00"
        )
        Ticket.objects.bulk_create(
            (
                Ticket(
                    booking=booking,
                    event=event,
                    slot=slot,
                    label=str(resource),
                    holder_name=f"Holder {n}-{k}",
                )
                for k in range(per_booking)
            ),
            batch_size=2_000,
        )
    gate = Gate.objects.create(event=event, name="North gate", mode=Gate.Mode.SINGLE)
    tokens = []
    for n in range(STATIONS):
        device, token = device_create(label=f"Bench lane {n + 1}", event=event)
        gate.devices.add(device)
        tokens.append(token)
    ids = list(Ticket.objects.filter(event=event).order_by("id").values_list("id", flat=True))
    qrs = [codes.sign(event_id=event.pk, ticket_id=i, version=1) for i in ids]
    return gate, ids, qrs, tokens


def forge(qr: str) -> str:
    """The code with one character of its signature changed (a fully-used one, not the
    last, whose low bits are padding)."""
    k = len(qr) - 10
    return qr[:k] + ("A" if qr[k] != "A" else "B") + qr[k + 1 :]


class StationClient:
    """One scanning station: a websocket signed in with a device token."""

    def __init__(self, name: str, url: str, origin: str, token: str, gate_id: int) -> None:
        self.name, self.url, self.origin, self.token = name, url, origin, token
        self.gate_id = gate_id
        self.ws: Any = None
        self.count = 0

    async def open(self) -> StationClient:
        self.ws = await websockets.connect(
            self.url, origin=self.origin, open_timeout=30, ping_interval=None, max_size=None
        )
        await self.ws.send(json.dumps({"type": "auth", "token": self.token}))
        while True:
            frame = json.loads(await self.ws.recv())
            if frame.get("type") == "auth.ok":
                return self
            if frame.get("type") == "error":
                raise RuntimeError(f"{self.name}: {frame}")

    async def close(self) -> None:
        await self.ws.close()

    async def scan(self, qr: str) -> tuple[str, float]:
        """Scan one code: (status, round trip in seconds); error frames give error:<code>."""
        self.count += 1
        request_id = f"{self.name}-{self.count}"
        frame = {"type": "scan", "gate": self.gate_id, "qr": qr, "request_id": request_id}
        start = time.perf_counter()
        await self.ws.send(json.dumps(frame))
        while True:
            answer = json.loads(await self.ws.recv())
            if answer.get("request_id") != request_id:
                continue  # a frame for someone else (none expected: nothing subscribed)
            elapsed = time.perf_counter() - start
            if answer.get("type") == "scan.result":
                return answer["status"], elapsed
            return f"error:{answer.get('code')}", elapsed


async def stream(station: StationClient, qrs: list[str]) -> tuple[list[str], list[float]]:
    statuses, times = [], []
    for qr in qrs:
        status, elapsed = await station.scan(qr)
        statuses.append(status)
        times.append(elapsed)
    return statuses, times


def origin_of(url: str, default: str) -> str:
    """The page origin a browser at that server would send (each daphne its own port)."""
    host = url.split("//", 1)[1].split("/", 1)[0]
    return f"http://{host}" if url.startswith("ws://") else default


def rate_p99(times: list[float], elapsed: float) -> str:
    return f"{len(times) / elapsed:,.0f}/s, p99 {percentile(times, 99) * 1000:.1f} ms"


def report(label: str, statuses: list[str], times: list[float], elapsed: float) -> None:
    print(f"{label}")
    print(f"    statuses {dict(Counter(statuses).most_common())}")
    print(f"    {len(times) / elapsed:,.0f} scans/s; round trip {describe_ms(times)}")


async def scenario(urls: list[str], origin: str, gate: Any, qrs: list[str],
                   tokens: list[str]) -> list[int]:  # fmt: skip
    """Phases (1) to (4) and (5b); returns the indexes of the tickets of phase (4). The
    stations are spread over the servers' ``urls``."""
    stations = []
    for n, token in enumerate(tokens):
        url = urls[n % len(urls)]
        station = StationClient(f"lane{n + 1}", url, origin_of(url, origin), token, gate.pk)
        stations.append(await station.open())
    cursor = 0

    def take(n: int) -> list[str]:
        nonlocal cursor
        taken = qrs[cursor : cursor + n]
        assert len(taken) == n, "not enough tickets"
        cursor += n
        return taken

    for station in stations:  # warm-up: connections in the pool, code paths loaded
        await stream(station, take(WARM_UP // STATIONS))

    # (1) one station at full speed
    cpu = cpu_mark()
    start = time.perf_counter()
    statuses, times = await stream(stations[0], take(SINGLE))
    elapsed = time.perf_counter() - start
    report(f"(1) one station at full speed, {SINGLE:,} distinct tickets:", statuses, times, elapsed)
    per_scan = cpu_per_scan(cpu, len(times))
    print(f"    server CPU per scan {per_scan}")
    TABLE.append(("(1) one station at full speed", rate_p99(times, elapsed), "-", per_scan))
    head, tail = times[:500], times[-500:]
    print(
        f"    first 500 scans p50 {statistics.median(head) * 1000:.2f} ms, "
        f"last 500 p50 {statistics.median(tail) * 1000:.2f} ms"
    )

    # (2) 4 stations at full speed
    batches = [take(PER_STATION) for _ in stations]
    cpu = cpu_mark()
    start = time.perf_counter()
    results = await asyncio.gather(*(stream(s, b) for s, b in zip(stations, batches, strict=True)))
    elapsed = time.perf_counter() - start
    statuses = [s for r in results for s in r[0]]
    times = [t for r in results for t in r[1]]
    report(
        f"(2) {STATIONS} stations at full speed, {PER_STATION:,} distinct tickets each:",
        statuses,
        times,
        elapsed,
    )
    per_scan = cpu_per_scan(cpu, len(times))
    print(f"    server CPU per scan {per_scan}")
    rate, p99 = len(times) / elapsed, percentile(times, 99) * 1000
    met = "met" if rate >= GOAL_RATE and p99 <= GOAL_P99_MS else "MISSED"
    TABLE.append(
        (
            f"(2) {STATIONS} stations at full speed",
            rate_p99(times, elapsed),
            f">= {GOAL_RATE}/s, p99 <= {GOAL_P99_MS:g} ms: {met}",
            per_scan,
        )
    )

    # (3) 4 stations at a person's pace
    per_station = int(PACE_PER_SECOND * PACE_SECONDS)
    batches = [take(per_station) for _ in stations]
    interval = 1 / PACE_PER_SECOND
    begin = time.perf_counter() + 0.2

    async def paced(number: int, station: StationClient, mine: list[str]) -> list[Any]:
        out = []
        for k, qr in enumerate(mine):
            due = begin + k * interval + number * interval / len(stations)  # staggered
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            out.append(await station.scan(qr))
        return out

    cpu = cpu_mark()
    results = await asyncio.gather(
        *(paced(n, s, b) for n, (s, b) in enumerate(zip(stations, batches, strict=True)))
    )
    statuses = [s for r in results for s, _ in r]
    times = [t for r in results for _, t in r]
    p99 = percentile(times, 99) * 1000
    per_scan = cpu_per_scan(cpu, len(times))  # includes the idle server between scans
    print(f"(3) {STATIONS} stations at {PACE_PER_SECOND:g} scans/s each for {PACE_SECONDS:g} s:")
    print(f"    statuses {dict(Counter(statuses).most_common())}")
    print(f"    round trip {describe_ms(times)}, max {max(times) * 1000:.2f} ms")
    print(f"    goal p99 < 50 ms: {'met' if p99 < 50 else 'MISSED'} ({p99:.2f} ms)")
    TABLE.append(
        (
            f"(3) {STATIONS} stations at a person's pace",
            f"p99 {p99:.1f} ms",
            f"p99 < 50 ms: {'met' if p99 < 50 else 'MISSED'}",
            per_scan,
        )
    )

    # (4) the same 500 tickets, each by all 4 stations at the same moment
    first = cursor
    shared = take(SHARED)
    per_ticket: list[Counter[str]] = []
    times = []
    cpu = cpu_mark()
    start = time.perf_counter()
    for qr in shared:
        answers = await asyncio.gather(*(s.scan(qr) for s in stations))
        per_ticket.append(Counter(status for status, _ in answers))
        times += [t for _, t in answers]
    elapsed = time.perf_counter() - start
    twice = sum(1 for c in per_ticket if c["admitted"] > 1)
    never = sum(1 for c in per_ticket if c["admitted"] == 0)
    overall = sum(per_ticket, Counter())
    print(f"(4) {SHARED} tickets, each scanned by all {STATIONS} stations at the same moment:")
    print(f"    statuses {dict(overall.most_common())}")
    print(f"    {len(times) / elapsed:,.0f} scans/s; round trip {describe_ms(times)}")
    print(f"    answers: tickets admitted more than once: {twice} (must be 0); never: {never}")
    per_scan = cpu_per_scan(cpu, len(times))
    print(f"    server CPU per scan {per_scan}")
    TABLE.append(
        (
            f"(4) same tickets by {STATIONS} stations at once",
            f"{rate_p99(times, elapsed)}; admitted twice {twice}",
            f"0 twice: {'met' if twice == 0 else 'MISSED'}",
            per_scan,
        )
    )

    # (5b) forged codes at full speed from one station
    forged = [forge(qr) for qr in take(FORGED_WS)]
    cpu = cpu_mark()
    start = time.perf_counter()
    statuses, times = await stream(stations[0], forged)
    elapsed = time.perf_counter() - start
    report(f"(5b) one station, {FORGED_WS:,} forged codes at full speed:", statuses, times, elapsed)
    per_scan = cpu_per_scan(cpu, len(times))
    print(f"    server CPU per scan {per_scan}")
    TABLE.append(("(5b) forged codes, one station", rate_p99(times, elapsed), "-", per_scan))

    for station in stations:
        await station.close()
    return list(range(first, first + SHARED))


def check_database(gate: Any, ids: list[int], shared: list[int]) -> None:
    """(4) in the database: one admitted scan per ticket, admitted_at written once."""
    from django.db.models import Count

    from backend.checkin.models import Scan
    from backend.tickets.models import Ticket

    shared_ids = [ids[i] for i in shared]
    admitted = Scan.objects.filter(gate=gate, status=Scan.Status.ADMITTED)
    per_ticket = dict(
        admitted.filter(ticket_id__in=shared_ids)
        .values_list("ticket_id")
        .annotate(n=Count("id"))
        .values_list("ticket_id", "n")
    )
    twice = sum(1 for n in per_ticket.values() if n > 1)
    never = len(shared_ids) - len(per_ticket)
    scanned_at = dict(
        admitted.filter(ticket_id__in=shared_ids).values_list("ticket_id", "scanned_at")
    )
    tickets = Ticket.objects.filter(pk__in=shared_ids)
    unset = tickets.filter(admitted_at__isnull=True).count()
    mismatched = sum(
        1 for pk, at in tickets.values_list("pk", "admitted_at") if at != scanned_at.get(pk)
    )
    everywhere = admitted.values("ticket_id").annotate(n=Count("id")).filter(n__gt=1).count()
    print(
        f"    database: tickets with more than one admitted scan: {twice} (must be 0), "
        f"with none: {never}; admitted_at unset: {unset}, not the admitting scan's time: "
        f"{mismatched}"
    )
    print(f"    database, whole bench: tickets with more than one admitted scan: {everywhere}")


def verify_cost(qrs: list[str]) -> None:
    """(5a) codes.verify in this process."""
    from backend.tickets import codes

    valid = qrs[-FORGED_LOOPS:]
    samples = {
        "valid": valid,
        "forged signature": [forge(qr) for qr in valid],
        "truncated": [qr[:-4] for qr in valid],
        "garbage, right length": ["GH1" + "A" * (codes.CODE_LENGTH - 3)] * FORGED_LOOPS,
    }
    print(f"(5a) codes.verify in process, {FORGED_LOOPS:,} codes each:")
    for label, sample in samples.items():
        rejected = 0
        start = time.perf_counter()
        for qr in sample:
            try:
                codes.verify(qr)
            except codes.InvalidCode:
                rejected += 1
        elapsed = time.perf_counter() - start
        print(
            f"    {label}: {elapsed / len(sample) * 1e6:.1f} µs per code "
            f"({rejected:,} rejected of {len(sample):,})"
        )


def counts_cost(gate: Any) -> None:
    """(6) the gate's counts: what a scan publishes (counters on the gate row)."""
    from backend.checkin.models import Scan
    from backend.checkin.selectors import gate_counts

    rows = Scan.objects.filter(gate=gate).count()
    gate_counts(gate.pk)
    times = []
    for _ in range(50):
        start = time.perf_counter()
        gate_counts(gate.pk)
        times.append(time.perf_counter() - start)
    print(f"(6) gate_counts (the gate's counters) with {rows:,} scans at the gate:")
    print(f"    {describe_ms(times)}")


def statements_per_scan(gate: Any, qr: str) -> None:
    """(7) statements per scan through the service, in this process (autocommit)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from backend.checkin.services import scans

    scan_at_gate, Station = getattr(scans, "scan_at_gate", None), scans.Station
    if scan_at_gate is None:  # the code before scan_at_gate (a before/after run)
        print("(7) statements per scan: not counted (no scan_at_gate in this code)")
        return

    device = gate.devices.order_by("pk").first()
    counted = []
    for label, code in (("admitted", qr), ("already used", qr), ("forged", forge(qr))):
        with CaptureQueriesContext(connection) as queries:
            status = scan_at_gate(gate_id=gate.pk, station=Station(device=device), qr=code)
        counted.append(f"{label} ({status['status']}): {len(queries.captured_queries)}")
    print("(7) statements per scan (in process, a device station): " + "; ".join(counted))
    TABLE.append(("(7) statements per scan", counted[0].split(": ")[-1], "1", "-"))


def print_table() -> None:
    print()
    widths = [max(len(row[i]) for row in [HEADER, *TABLE]) for i in range(4)]
    for row in [HEADER, *TABLE]:
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |")


HEADER = ("row", "figure", "goal", "server CPU per scan")


def main() -> None:
    global CPU
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=1, help="web server processes")
    parser.add_argument(
        "--stack",
        action="store_true",
        help="make stack's topology (bench/stack.py): nginx in front of --processes servers",
    )
    parser.add_argument("--server", default=None, help="with --stack: daphne or uvicorn")
    options = parser.parse_args()
    setup_django()
    sys.path.insert(0, str(ROOT))
    from django.conf import settings

    from tests.support.live import free_port, live_server, wait_for_http

    started = time.perf_counter()
    clean_up()
    gate, ids, qrs, tokens = make_event()
    setup = time.perf_counter() - started
    VAR.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        **PRODUCTION_LIKE,
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "REDIS_URL": os.environ["REDIS_URL"],
        "GATEHOUSE_VAR_DIR": str(VAR),
        "LOG_LEVEL": "WARNING",
        "REALTIME_FRAMES_PER_SECOND": "100000",
        "REALTIME_FRAME_BURST": "100000",
        "WEB_PROCESSES": str(options.processes),
    }
    port = free_port()
    mode, cores = settings.GATEHOUSE_MODE, os.cpu_count()
    print(f"{options.processes} daphne (backend.serve) from :{port}, {mode} stack, {cores} cores")
    print(
        f"event {SLUG}: {len(ids):,} tickets in {BOOKINGS} bookings, one single-entry gate, "
        f"{STATIONS} devices (set up in {setup:.1f} s)"
    )
    if options.stack:
        from stack import running_stack

        limits = {k: env[k] for k in ("REALTIME_FRAMES_PER_SECOND", "REALTIME_FRAME_BURST")}
        with running_stack(processes=options.processes, server=options.server, env=limits) as st:
            print(f"through nginx :{st.port}: {st.processes} {st.server} process(es)")
            CPU = StackCpu(st)
            shared = asyncio.run(scenario([st.ws_url], st.origin, gate, qrs, tokens))
    else:
        with live_server(env, VAR, port=port) as server:
            urls = [f"ws://127.0.0.1:{port + n}/ws/" for n in range(options.processes)]
            for n in range(1, options.processes):
                wait_for_http(f"http://127.0.0.1:{port + n}/api/health/", server.process, 30)
            CPU = ServerCpu(server.process.pid)
            shared = asyncio.run(scenario(urls, server.origin, gate, qrs, tokens))
    check_database(gate, ids, shared)
    verify_cost(qrs)
    counts_cost(gate)
    statements_per_scan(gate, qrs[-1])
    print_table()


if __name__ == "__main__":
    main()
