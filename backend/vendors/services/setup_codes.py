"""Setup codes: one signed code per approved vendor that lets its crew in at load-in gates,
inside the event's setup window, up to the crew its booth brings.

The code is a ticket code of format 2 (``backend.tickets.codes``): the vendor's id and the
code's version, signed with the tickets' Ed25519 keys. Revoking a vendor raises the version,
so every code printed before is void. Scanning goes through the one scanning service
(``backend.checkin``), which asks :func:`setup_code_scan` (its ``setup_code_scanned`` hook)
and logs, counts and publishes the attempt like a ticket's. A crew member is counted in by
one conditional UPDATE (``crew_admitted < allowed``): two gates scanning the last place at
the same instant let exactly one through.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import F

from backend.checkin.models import Gate, Scan
from backend.checkin.services.scans import scan_answer
from backend.core.errors import Conflict
from backend.tickets import codes
from backend.vendors.models import Vendor, VendorSettings
from backend.vendors.selectors import booth_of, crew_passes, in_setup_window, vendor_settings

S = Scan.Status


@dataclass(frozen=True)
class SetupCode:
    qr_payload: str
    valid_from: datetime | None
    valid_until: datetime | None
    crew_passes: int
    admitted: int


class NotApproved(Conflict):
    code, message = "not_approved", "Only an approved vendor has a setup code."


def setup_code_for(vendor: Vendor) -> SetupCode:
    """The vendor's current setup code and what it admits."""
    if vendor.status != Vendor.Status.APPROVED:
        raise NotApproved()
    settings = vendor_settings(vendor.event)
    payload = codes.sign(
        event_id=vendor.event_id,
        ticket_id=vendor.pk,
        version=vendor.code_version,
        form=codes.SETUP_FORMAT,
    )
    return SetupCode(
        qr_payload=payload,
        valid_from=settings.setup_starts_at,
        valid_until=settings.setup_ends_at,
        crew_passes=crew_passes(vendor, settings),
        admitted=vendor.crew_admitted,
    )


def _who(vendor: Vendor) -> dict[str, Any]:
    booth = booth_of(vendor)
    return {"id": vendor.pk, "name": vendor.name, "booth": booth.code if booth else None}


def _refusal(vendor: Vendor, gate: Gate, settings: VendorSettings, now: datetime) -> str | None:
    if vendor.status != Vendor.Status.APPROVED:
        return S.VOID
    if not gate.load_in:
        return S.WRONG_GATE
    if not in_setup_window(settings, now):
        return S.OUTSIDE_SETUP
    return None


MESSAGES: dict[str, str] = {
    S.VOID: "This setup code is no longer valid (the vendor was revoked).",
    S.WRONG_GATE: "Setup codes are scanned at the load-in gate.",
}


def setup_code_scan(
    *, code: codes.TicketCode, gate: Gate, direction: str, now: datetime, commit: bool
) -> dict[str, Any]:
    """The answer for a setup code at ``gate`` (the ``setup_code_scanned`` hook). With
    ``commit`` (in the scan's transaction), an admission counts a crew member in, and an
    exit at an entry-and-exit gate counts one out."""
    vendor = (
        Vendor.objects.filter(pk=code.ticket_id, event_id=code.event_id)
        .select_related("event", "booth")
        .first()
    )
    if vendor is None:
        return scan_answer(S.INVALID)
    if vendor.code_version != code.version:
        return scan_answer(S.VOID, message=MESSAGES[S.VOID], vendor=_who(vendor))
    settings = vendor_settings(vendor.event)
    allowed = crew_passes(vendor, settings)

    def answer(status: str, admitted: int, **extra: Any) -> dict[str, Any]:
        crew = {"admitted": admitted, "allowed": allowed}
        return scan_answer(status, vendor=_who(vendor), crew=crew, **extra)

    refusal = _refusal(vendor, gate, settings, now)
    if refusal is not None:
        return answer(refusal, vendor.crew_admitted, **_window(refusal, settings))
    current = Vendor.objects.filter(pk=vendor.pk, code_version=code.version)
    if direction == "out" and gate.mode == Gate.Mode.REENTRY:
        if commit and current.filter(crew_admitted__gt=0).update(
            crew_admitted=F("crew_admitted") - 1
        ):
            return answer(S.EXITED, vendor.crew_admitted - 1)
        if not commit and vendor.crew_admitted > 0:
            return answer(S.EXITED, vendor.crew_admitted - 1)
        return answer(S.ALREADY_USED, vendor.crew_admitted, message="No crew member is inside.")
    if not commit:
        if vendor.crew_admitted >= allowed:
            return answer(S.CREW_FULL, vendor.crew_admitted, message=_full(allowed))
        return answer(S.ADMITTED, vendor.crew_admitted + 1, message=_welcome(vendor))
    done = current.filter(status=Vendor.Status.APPROVED, crew_admitted__lt=allowed).update(
        crew_admitted=F("crew_admitted") + 1
    )
    vendor.refresh_from_db(fields=["crew_admitted", "status", "code_version"])
    if done:
        return answer(S.ADMITTED, vendor.crew_admitted, message=_welcome(vendor))
    if vendor.status != Vendor.Status.APPROVED or vendor.code_version != code.version:
        return answer(S.VOID, vendor.crew_admitted, message=MESSAGES[S.VOID])
    return answer(S.CREW_FULL, vendor.crew_admitted, message=_full(allowed))


def _welcome(vendor: Vendor) -> str:
    return f"Crew of {vendor.name}: welcome in."


def _full(allowed: int) -> str:
    if allowed == 0:
        return "This vendor has no crew passes yet (no booth assigned)."
    return f"This vendor's whole crew is already in ({allowed} of {allowed})."


def _window(status: str, settings: VendorSettings) -> dict[str, Any]:
    if status != S.OUTSIDE_SETUP:
        return {} if status not in MESSAGES else {"message": MESSAGES[status]}
    starts, ends = settings.setup_starts_at, settings.setup_ends_at
    return {
        "setup": {
            "starts_at": starts.isoformat() if starts else None,
            "ends_at": ends.isoformat() if ends else None,
        }
    }
