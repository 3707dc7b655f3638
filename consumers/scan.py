"""The ``scan`` frame: a station scans over its websocket, through the same service as
``POST /api/scan/commit/``; the answer comes back as ``scan.result`` with the request id."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from channels.db import database_sync_to_async

from backend.core.errors import ApplicationError
from backend.core.fields import is_id, is_text
from consumers.auth import REVOKED, change_identity, reloaded
from consumers.frames import FrameError, bad_request, dumps
from consumers.identity import ANONYMOUS

if TYPE_CHECKING:
    from consumers.identity import Identity
    from consumers.protocol import Connection


def _scan(identity: Identity, gate_id: int, qr: str, request_id: str, direction: str) -> Any:
    from backend.checkin.services.scans import Station, StationRevoked, scan_at_gate

    if identity.device is None:  # a person: the account and session read again
        fresh = reloaded(identity)  # in the same trip to the database thread as the scan
        if fresh is None:
            raise ApplicationError(REVOKED, code="auth_revoked", status=401)
        identity = fresh
    # A station's revocation and binding are checked by the scan itself (one round trip on
    # PostgreSQL): a revoked station stops at its next scan.
    station = Station(device=identity.device, user=identity.user)
    try:
        return scan_at_gate(
            gate_id=gate_id, station=station, qr=qr, request_id=request_id, direction=direction
        )
    except StationRevoked:
        raise ApplicationError(REVOKED, code="auth_revoked", status=401) from None


async def _scan_on_the_loop(
    identity: Identity, gate_id: int, qr: str, request_id: str, direction: str
) -> dict[str, Any] | None:
    from backend.checkin.services.scans import StationRevoked, scan_at_gate_async

    assert identity.device is not None
    try:
        return await scan_at_gate_async(
            gate_id=gate_id, device=identity.device, qr=qr, request_id=request_id,
            direction=direction,
        )  # fmt: skip
    except StationRevoked:
        raise ApplicationError(REVOKED, code="auth_revoked", status=401) from None


async def handle_scan(conn: Connection, frame: dict[str, Any]) -> None:
    request_id, gate, qr = frame.get("request_id", ""), frame.get("gate"), frame.get("qr")
    direction = frame.get("direction", "in")
    if not is_text(request_id, 64):
        raise bad_request('"request_id" must be a string of at most 64 characters.')
    if not is_id(gate) or not is_text(qr, 512):
        raise FrameError("bad_request", 'A scan needs "gate" (a gate id) and "qr" (a code).',
                         request_id=request_id)  # fmt: skip
    if direction not in ("in", "out"):
        raise FrameError("bad_request", 'Bad direction: "in" or "out".', request_id=request_id)
    if conn.identity.is_anonymous:
        raise FrameError("forbidden", "Authenticate as a station or staff first.",
                         request_id=request_id)  # fmt: skip
    from backend.checkin.services.scans import scans_on_the_loop

    try:
        answer = None
        if conn.identity.device is not None and scans_on_the_loop():
            # A station on PostgreSQL: one statement from the event loop, no thread hop.
            answer = await _scan_on_the_loop(conn.identity, gate, qr, request_id, direction)
        if answer is None:
            # Not thread-sensitive: stations' scans run side by side on the executor's
            # threads, each on its own pooled connection, instead of queueing on one thread.
            answer = await database_sync_to_async(_scan, thread_sensitive=False)(
                conn.identity, gate, qr, request_id, direction
            )
    except ApplicationError as error:
        if error.code == "auth_revoked":
            topics = await change_identity(conn, ANONYMOUS)
            raise FrameError(error.code, REVOKED, request_id=request_id, topics=topics) from None
        raise FrameError(error.code, error.message, request_id=request_id) from None
    await conn.send_text(dumps({"type": "scan.result", "request_id": request_id, **answer}))
