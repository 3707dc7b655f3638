"""Scanning: one service behind the REST endpoints and the websocket ``scan`` frame.

The order matters. The code's signature is checked first, with no query at all: a forged,
altered or truncated code costs nothing but a log line. Then the ticket is read and judged.
Admission itself is one conditional UPDATE (``WHERE admitted_at IS NULL``, or ``inside =
false`` at a re-entry gate): of two stations scanning one ticket at the same instant, the
database lets exactly one through. A ``request_id`` repeated by the same device gets the
first answer back (a station retrying after a network drop).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import psycopg
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from backend.accounts.models import ScannerDevice
from backend.bookings.services.transitions import SOLD
from backend.checkin import hooks, metrics
from backend.checkin.models import Gate, Scan
from backend.checkin.selectors import gate_for_station
from backend.core.errors import Forbidden, NotFound
from backend.realtime import publish
from backend.realtime.dashboard import mark_dashboard_dirty, mark_dashboard_dirty_async
from backend.realtime.dispatcher import dispatcher
from backend.realtime.topics import GATE
from backend.tickets import codes
from backend.tickets.models import Ticket

if TYPE_CHECKING:
    from backend.accounts.models import User

logger = logging.getLogger(__name__)
S = Scan.Status
MESSAGES: dict[str, str] = {
    S.ADMITTED: "Welcome in.",
    S.EXITED: "Exit recorded; re-entry allowed.",
    S.ALREADY_USED: "This ticket has already been used.",
    S.INVALID: "Not a valid ticket code.",
    S.VOID: "This ticket is no longer valid (refunded, cancelled or transferred).",
    S.UNPAID: "This booking is not paid.",
    S.WRONG_GATE: "This ticket is for another gate.",
    S.WRONG_EVENT: "This ticket is for another event.",
    S.OUTSIDE_SETUP: "Setup codes admit crews only during the setup window.",
    S.CREW_FULL: "This vendor's whole crew is already in.",
}


@dataclass(frozen=True)
class Station:
    """Who scans: a device bound to gates, or a signed-in staff member."""

    device: ScannerDevice | None = None
    user: User | None = None


def ticket_summary(ticket: Ticket) -> dict[str, Any]:
    return {
        "id": ticket.pk,
        "label": ticket.label,
        "holder_name": ticket.holder_name,
        "event": ticket.event_id,
    }


def scan_answer(status: str, **extra: Any) -> dict[str, Any]:
    """An answer with ``status``'s standard message (``extra`` may replace it)."""
    return {"status": status, "message": MESSAGES[status], **extra}


def _answer(status: str, ticket: Ticket | None = None, **extra: Any) -> dict[str, Any]:
    answer: dict[str, Any] = {"status": status, "message": MESSAGES[status], **extra}
    if ticket is not None:
        answer["ticket"] = ticket_summary(ticket)
    return answer


def judge_ticket(code: codes.TicketCode, gate: Gate, ticket: Ticket | None) -> str | None:
    """The reason a ticket may not pass this gate, or None."""
    if code.event_id != gate.event_id:
        return S.WRONG_EVENT
    if ticket is None or ticket.event_id != code.event_id:
        return S.INVALID
    if gate.load_in:  # crews only
        return S.WRONG_GATE
    if ticket.status == Ticket.Status.VOID or ticket.version != code.version:
        return S.VOID
    if ticket.booking.status not in SOLD:
        return S.UNPAID
    admits = gate.admitted_resource_ids
    if admits and ticket.slot.resource_id not in admits:
        return S.WRONG_GATE
    return None


def _admit(ticket: Ticket, gate: Gate, direction: str, now: datetime) -> str:
    valid = Ticket.objects.filter(pk=ticket.pk, status=Ticket.Status.VALID, version=ticket.version)
    if gate.mode == Gate.Mode.SINGLE:
        done = valid.filter(admitted_at__isnull=True).update(
            admitted_at=now, admitted_gate=gate, inside=True
        )
        return S.ADMITTED if done else S.ALREADY_USED
    if direction == "out":
        return S.EXITED if valid.filter(inside=True).update(inside=False) else S.ALREADY_USED
    first = {} if ticket.admitted_at else {"admitted_at": now, "admitted_gate": gate}
    done = valid.filter(inside=False).update(inside=True, **first)
    return S.ADMITTED if done else S.ALREADY_USED


def _first_admission(ticket_id: int) -> dict[str, Any]:
    ticket = Ticket.objects.select_related("admitted_gate").get(pk=ticket_id)
    gate = ticket.admitted_gate
    return {
        "first_admitted_at": ticket.admitted_at,
        "first_gate": {"id": gate.pk, "name": gate.name} if gate else None,
    }


def count_scan(gate_id: int, *, admitted: int = 0, rejected: int = 0) -> dict[str, int]:
    """Move the gate's counters with a scan (in its transaction); the new figures (with the
    shards the one-statement scan counts on, see ``GateCountShard``)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE checkin_gate SET admitted_count = admitted_count + %s, "
            "rejected_count = rejected_count + %s WHERE id = %s "
            "RETURNING admitted_count + (SELECT COALESCE(SUM(admitted), 0) "
            "FROM checkin_gatecountshard WHERE gate_id = %s), "
            "rejected_count + (SELECT COALESCE(SUM(rejected), 0) "
            "FROM checkin_gatecountshard WHERE gate_id = %s)",
            [admitted, rejected, gate_id, gate_id, gate_id],
        )
        new_admitted, new_rejected = cursor.fetchone()
    return {"admitted": new_admitted, "rejected": new_rejected}


def counted_as(status: str) -> dict[str, int]:
    if status == S.ADMITTED:
        return {"admitted": 1}
    return {} if status == S.EXITED else {"rejected": 1}


@dataclass(frozen=True)
class Reading:
    """A code read at a gate: the ticket it names (``None`` if the code is not ours, names
    no ticket, or is a vendor's setup code) and, when it may not pass, the answer that says
    why. A setup code comes back with its ``setup`` code and no judgement: the vendors app
    judges it (:func:`setup_code_answer`)."""

    ticket: Ticket | None
    refusal: dict[str, Any] | None
    forged: str = ""  # why the code itself was refused
    setup: codes.TicketCode | None = None


def setup_code_answer(
    code: codes.TicketCode, gate: Gate, *, direction: str, now: datetime, commit: bool
) -> dict[str, Any]:
    """What a vendor's setup code gets at ``gate`` (``commit``: its crew member counted)."""
    if code.event_id != gate.event_id:
        return scan_answer(S.WRONG_EVENT, message="This setup code is for another event.")
    try:
        answer: dict[str, Any] = hooks.setup_code_scanned.ask(
            code=code, gate=gate, direction=direction, now=now, commit=commit
        )
    except LookupError:  # no vendors app: nobody can vouch for the code
        return scan_answer(S.INVALID)
    return answer


def read_code(qr: object, gate: Gate, *, lock: bool = False) -> Reading:
    """Verify the code (no query), then load and judge its ticket (``lock``: its row)."""
    try:
        code = codes.verify(qr)
    except codes.InvalidCode as error:
        return Reading(None, _answer(S.INVALID), forged=str(error))
    if code.kind == "setup":
        return Reading(None, None, setup=code)
    tickets = Ticket.objects.select_related("booking", "slot")
    if lock:
        tickets = tickets.select_for_update(of=("self",))
    ticket = tickets.filter(pk=code.ticket_id).first()
    reason = judge_ticket(code, gate, ticket)
    if reason == S.INVALID:
        return Reading(None, _answer(S.INVALID))
    if reason is not None:
        return Reading(ticket, _answer(reason, ticket))
    return Reading(ticket, None)


def log_scan(
    answer: dict[str, Any],
    *,
    gate: Gate,
    ticket: Ticket | None,
    device: ScannerDevice | None,
    request_id: str,
    at: datetime,
    setup: codes.TicketCode | None = None,
) -> dict[str, int]:
    """Write one attempt to the log, count it and push it to the gate; its new counts.
    ``setup``: the attempt was a vendor's setup code (logged with its vendor)."""
    Scan.objects.create(
        gate=gate, ticket=ticket, device=device, status=answer["status"],
        request_id=request_id, answer=answer, scanned_at=at,
        kind=Scan.Kind.SETUP if setup else Scan.Kind.TICKET,
        vendor_id=setup.ticket_id if setup else None,
    )  # fmt: skip
    counts = count_scan(gate.pk, **counted_as(answer["status"]))
    publish(GATE.name(gate_id=gate.pk), "scan", answer)
    mark_dashboard_dirty(gate.event.slug)
    return counts


def scan_validate(*, qr: object, gate: Gate, now: datetime | None = None) -> dict[str, Any]:
    """What a commit would answer now, changing nothing (a forged code: no query)."""
    reading = read_code(qr, gate)
    if reading.refusal is not None:
        return reading.refusal
    if reading.setup is not None:
        now = now or timezone.now()
        return setup_code_answer(reading.setup, gate, direction="in", now=now, commit=False)
    ticket = reading.ticket
    assert ticket is not None  # no refusal: there is a ticket
    if gate.mode == Gate.Mode.SINGLE and ticket.admitted_at is not None:
        return _answer(S.ALREADY_USED, ticket, **_first_admission(ticket.pk))
    return _answer(S.ADMITTED, ticket)


def scan_commit(
    *,
    qr: object,
    gate: Gate,
    station: Station,
    request_id: str = "",
    direction: str = "in",
    now: datetime | None = None,
) -> dict[str, Any]:
    """Scan for real: admit (once) or refuse, log the attempt, publish to the gate. The
    admission and its log are one transaction: a retry finds the answer that was given."""
    now = now or timezone.now()
    device = station.device
    request_id = request_id if device is not None else ""
    if request_id:
        earlier = Scan.objects.filter(device=device, request_id=request_id).first()
        if earlier is not None:
            return earlier.answer
    try:
        with transaction.atomic():
            return _scan_and_log(qr, gate, device, request_id, direction, now)
    except IntegrityError:  # the same device's retry, at the same instant: first answer wins
        return Scan.objects.get(device=device, request_id=request_id).answer


def _scan_and_log(
    qr: object,
    gate: Gate,
    device: ScannerDevice | None,
    request_id: str,
    direction: str,
    now: datetime,
) -> dict[str, Any]:
    reading = read_code(qr, gate)
    ticket = reading.ticket
    if reading.forged:
        logger.info("invalid code at gate %s: %s", gate.pk, reading.forged)
    if reading.refusal is not None:
        answer = reading.refusal
    elif reading.setup is not None:
        answer = setup_code_answer(reading.setup, gate, direction=direction, now=now, commit=True)
    else:
        assert ticket is not None  # no refusal: there is a ticket
        status = _admit(ticket, gate, direction, now)
        extra = _first_admission(ticket.pk) if status == S.ALREADY_USED else {}
        answer = _answer(status, ticket, **extra)
    stored = json_ready({**answer, "gate": gate.pk, "scanned_at": now})
    counts = log_scan(
        stored, gate=gate, ticket=ticket, device=device, request_id=request_id, at=now,
        setup=reading.setup,
    )  # fmt: skip
    publish(GATE.name(gate_id=gate.pk), "counts", counts)
    metrics.scan_counted(stored)
    return stored


def json_ready(answer: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in answer.items():
        if isinstance(value, datetime):
            value = value.isoformat().replace("+00:00", "Z")
        elif isinstance(value, dict):
            value = json_ready(value)
        out[key] = value
    return out


class StationRevoked(Forbidden):
    """The scanning device was revoked (the websocket answers ``auth_revoked``)."""

    message = "This station may not scan at this gate."


def scan_at_gate(
    *,
    gate_id: object,
    station: Station,
    qr: object,
    request_id: str = "",
    direction: str = "in",
    now: datetime | None = None,
) -> dict[str, Any]:
    """May this station scan at this gate, and the scan (:func:`scan_commit`'s answer).

    Refusals: :class:`StationRevoked` (a device revoked), ``NotFound`` (no such gate),
    ``Forbidden`` (a device not bound to the gate, a person who neither scans nor staffs its
    event); nothing is logged for them. On PostgreSQL a ticket's code (or a forged one) is
    one statement, ``checkin_scan`` (migration 0006): the station's binding, an earlier
    answer to ``request_id``, the judgement, the conditional admission, the log line and
    the gate's counters. Elsewhere (SQLite, a vendor's setup code) the ORM path runs.
    """
    now = now or timezone.now()
    device = station.device
    if not isinstance(gate_id, int) or isinstance(gate_id, bool):
        raise NotFound("There is no such gate.")
    refusal = None
    try:
        code: codes.TicketCode | None = codes.verify(qr)
    except codes.InvalidCode as error:
        code, refusal = None, S.INVALID
        logger.info("invalid code at gate %s: %s", gate_id, error)
    if connection.vendor != "postgresql" or (code is not None and code.kind == "setup"):
        if device is not None and not _device_stands(device):
            raise StationRevoked()
        gate = gate_for_station(gate_id, device=device, user=station.user)
        return scan_commit(
            qr=qr, gate=gate, station=station, request_id=request_id, direction=direction, now=now
        )
    if device is None:  # a person: roles are judged here, the rest in the statement
        gate_for_station(gate_id, device=None, user=station.user)
    return _scan_in_one_statement(
        gate_id, device, code, refusal, request_id if device is not None else "", direction, now
    )


def _device_stands(device: ScannerDevice) -> bool:
    return ScannerDevice.objects.filter(pk=device.pk, revoked_at__isnull=True).exists()


_MESSAGES_JSON = json.dumps(MESSAGES)
_SOLD = sorted(SOLD)
_SCAN_SQL = "SELECT checkin_scan(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb, %s::text[])"


def _scan_in_one_statement(
    gate_id: int,
    device: ScannerDevice | None,
    code: codes.TicketCode | None,
    refusal: str | None,
    request_id: str,
    direction: str,
    now: datetime,
) -> dict[str, Any]:
    params = _scan_params(gate_id, device, code, refusal, request_id, direction, now)
    try:
        if connection.in_atomic_block:  # a savepoint, so a refused retry leaves it usable
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(_SCAN_SQL, params)
                row = cursor.fetchone()
        else:  # autocommit: the statement is its own transaction, no BEGIN nor COMMIT
            with connection.cursor() as cursor:
                cursor.execute(_SCAN_SQL, params)
                row = cursor.fetchone()
    except IntegrityError:  # the same device's retry, at the same instant: first answer wins
        return Scan.objects.get(device=device, request_id=request_id).answer
    result = row[0] if isinstance(row[0], dict) else json.loads(row[0])
    answer = _scan_answer(result)
    if result["outcome"] == "scanned":
        mark_dashboard_dirty(result["slug"])  # first: the frames leave together, as at a commit
        topic = GATE.name(gate_id=gate_id)
        publish(topic, "scan", answer)
        publish(topic, "counts", result["counts"])
        metrics.scan_counted(answer)
    return answer


def _scan_params(
    gate_id: int,
    device: ScannerDevice | None,
    code: codes.TicketCode | None,
    refusal: str | None,
    request_id: str,
    direction: str,
    now: datetime,
) -> list[Any]:
    return [
        gate_id, device.pk if device is not None else None,
        code.ticket_id if code else None, code.event_id if code else None,
        code.version if code else None, refusal, direction, now,
        now.isoformat().replace("+00:00", "Z"), request_id,
        translation.get_language() or "en", _MESSAGES_JSON, _SOLD,
    ]  # fmt: skip


def _scan_answer(result: dict[str, Any]) -> dict[str, Any]:
    """The answer of ``checkin_scan``'s result, or the refusal it stands for."""
    outcome = result["outcome"]
    if outcome == "revoked":
        raise StationRevoked()
    if outcome == "no_gate":
        raise NotFound("There is no such gate.")
    if outcome == "forbidden":
        raise Forbidden("This station may not scan at this gate.")
    answer: dict[str, Any] = result["answer"]
    return answer


def scans_on_the_loop() -> bool:
    """Whether a device's scan may run on the event loop (PostgreSQL, rush pool allowed)."""
    return bool(settings.RUSH_ROUTES) and settings.DATABASES["default"]["ENGINE"].endswith(
        "postgresql"
    )


async def scan_at_gate_async(
    *,
    gate_id: int,
    device: ScannerDevice,
    qr: object,
    request_id: str = "",
    direction: str = "in",
    now: datetime | None = None,
) -> dict[str, Any] | None:
    """:func:`scan_at_gate` for a device station, from the event loop (the websocket): the
    same ``checkin_scan`` statement on the loop's own pool (``backend.core.async_db``), the
    dashboard marked and the gate's frames handed to the dispatcher without a thread hop.
    ``None``: this scan takes the thread path (a setup code; a retry that met its twin
    at the same instant, whose answer the thread path reads)."""
    from backend.core.async_db import fetch_value

    now = now or timezone.now()
    refusal = None
    try:
        code: codes.TicketCode | None = codes.verify(qr)
    except codes.InvalidCode as error:
        code, refusal = None, S.INVALID
        logger.info("invalid code at gate %s: %s", gate_id, error)
    if code is not None and code.kind == "setup":
        return None
    params = _scan_params(gate_id, device, code, refusal, request_id, direction, now)
    try:
        result = await fetch_value(_SCAN_SQL, params)
    except psycopg.errors.UniqueViolation:
        return None
    answer = _scan_answer(result)
    if result["outcome"] == "scanned":
        await mark_dashboard_dirty_async(result["slug"])
        topic = GATE.name(gate_id=gate_id)  # committed: handed over at once, as publish does
        dispatcher.submit(topic, "scan", answer, None)
        dispatcher.submit(topic, "counts", result["counts"], None)
        metrics.scan_counted(answer)
    return answer
