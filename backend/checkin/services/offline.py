"""Stations that keep scanning when the network does not.

A station downloads its gate's *bundle* (the public keys, and every ticket the gate admits
with its version and status) and checks codes itself while offline, keeping a queue. On
reconnect it uploads the queue: scans are replayed in the order they happened, and for each
ticket the **earliest** admission wins, even one that arrives later from another station;
the admission it displaces, and every later one, are reported back as conflicts and logged.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from backend.accounts.models import ScannerDevice
from backend.checkin.models import Gate, Scan
from backend.checkin.selectors import gate_counts
from backend.checkin.services.scans import (
    MESSAGES,
    Station,
    count_scan,
    json_ready,
    log_scan,
    read_code,
    setup_code_answer,
    ticket_summary,
)
from backend.core.errors import ValidationError
from backend.realtime import publish
from backend.realtime.dashboard import mark_dashboard_dirty
from backend.realtime.topics import GATE
from backend.tickets.models import Ticket

S = Scan.Status
OLDEST_OFFLINE_SCAN = timedelta(days=3)
CLOCK_SKEW = timedelta(minutes=5)


def _checked_time(value: datetime, now: datetime) -> datetime:
    if value > now + CLOCK_SKEW or value < now - OLDEST_OFFLINE_SCAN:
        raise ValidationError(
            fields={"scans": [f"A scan time must be within the last {OLDEST_OFFLINE_SCAN.days}"
                              " days, and not in the future."]}
        )  # fmt: skip
    return value


def _admit_earliest(ticket: Ticket, gate: Gate, at: datetime) -> tuple[bool, Scan | None]:
    """Make ``at`` the ticket's admission if it is the earliest; returns whether it is, and
    the admission scan it displaced (if any)."""
    displaced = None
    if ticket.admitted_at is not None and ticket.admitted_at > at:
        displaced = (
            Scan.objects.filter(ticket=ticket, status=S.ADMITTED).order_by("scanned_at").first()
        )
    done = (
        Ticket.objects.filter(pk=ticket.pk, status=Ticket.Status.VALID, version=ticket.version)
        .filter(Q(admitted_at__isnull=True) | Q(admitted_at__gt=at))
        .update(admitted_at=at, admitted_gate=gate, inside=True)
    )
    return bool(done), displaced if done else None


def _conflict_answer(ticket: Ticket, first_at: datetime, first_gate: Gate) -> dict[str, Any]:
    return {
        "status": S.ALREADY_USED,
        "message": MESSAGES[S.ALREADY_USED],
        "conflict": True,
        "ticket": ticket_summary(ticket),
        "first_admitted_at": first_at,
        "first_gate": {"id": first_gate.pk, "name": first_gate.name},
    }


@transaction.atomic
def offline_sync(
    *, gate: Gate, station: Station, scans: list[dict[str, Any]], now: datetime | None = None
) -> list[dict[str, Any]]:
    """Replay a station's offline scans in time order; one answer per scan, in the order
    they were sent. Idempotent: a ``request_id`` already synced answers as before."""
    now = now or timezone.now()
    device: ScannerDevice | None = station.device
    order = sorted(range(len(scans)), key=lambda i: _checked_time(scans[i]["scanned_at"], now))
    answers: list[dict[str, Any]] = [{} for _ in scans]
    for index in order:
        item = scans[index]
        at, request_id = item["scanned_at"], item.get("request_id") or ""
        if request_id and device is not None:
            earlier = Scan.objects.filter(device=device, request_id=request_id).first()
            if earlier is not None:
                answers[index] = earlier.answer
                continue
        answers[index] = _sync_one(gate, device, item["qr"], at, request_id)
    publish(GATE.name(gate_id=gate.pk), "counts", gate_counts(gate.pk))
    mark_dashboard_dirty(gate.event.slug)
    return answers


def _sync_one(
    gate: Gate, device: ScannerDevice | None, qr: str, at: datetime, request_id: str
) -> dict[str, Any]:
    reading = read_code(qr, gate, lock=True)
    ticket = reading.ticket
    if reading.refusal is not None:
        answer = reading.refusal
    elif reading.setup is not None:  # judged at the moment it was scanned
        answer = setup_code_answer(reading.setup, gate, direction="in", now=at, commit=True)
    else:
        assert ticket is not None  # no refusal: there is a ticket
        first, displaced = _admit_earliest(ticket, gate, at)
        if first:
            answer = {"status": S.ADMITTED, "message": MESSAGES[S.ADMITTED],
                      "ticket": ticket_summary(ticket)}  # fmt: skip
            if displaced is not None:
                _mark_conflict(displaced, ticket, at, gate)
        else:
            ticket.refresh_from_db(fields=["admitted_at", "admitted_gate"])
            first_at, first_gate = ticket.admitted_at, ticket.admitted_gate
            assert first_at is not None  # admitted earlier
            assert first_gate is not None
            answer = _conflict_answer(ticket, first_at, first_gate)
    answer = json_ready({**answer, "gate": gate.pk, "scanned_at": at, "offline": True})
    log_scan(
        answer, gate=gate, ticket=ticket, device=device,
        request_id=request_id if device is not None else "", at=at, setup=reading.setup,
    )  # fmt: skip
    return answer


def _mark_conflict(displaced: Scan, ticket: Ticket, first_at: datetime, gate: Gate) -> None:
    """An earlier offline admission turned up: the admission we had recorded was second."""
    count_scan(displaced.gate_id, admitted=-1, rejected=1)
    displaced.status = S.ALREADY_USED
    displaced.answer = json_ready({**displaced.answer, **_conflict_answer(ticket, first_at, gate)})
    displaced.save(update_fields=["status", "answer"])
