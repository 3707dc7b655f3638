"""Reading check-in: which gate a station may scan at, logs, the gates' figures, the staff's
dashboard of an event, and a gate's offline bundle."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMinute
from django.utils import timezone

from backend.accounts.models import Role, ScannerDevice
from backend.accounts.roles import may, require, where_may
from backend.bookings.selectors import waitlist_stats
from backend.bookings.services.transitions import SOLD
from backend.checkin.models import Gate, GateCountShard, Scan
from backend.core.errors import Forbidden, NotFound
from backend.core.fields import parse_id
from backend.inventory.models import Event, Slot
from backend.inventory.selectors.events import event_for
from backend.inventory.selectors.slots import expired_units
from backend.inventory.selectors.waiting_room import queue_figures
from backend.realtime.snapshots import TopicGone
from backend.tickets import codes
from backend.tickets.models import Ticket

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal


def gate_for_station(
    gate_id: object, *, device: ScannerDevice | None, user: Principal | None
) -> Gate:
    """The gate, if this station may scan there: a device bound to it and not revoked
    (checked in the database each time: a revoked station stops at once), or a person who
    scans or staffs its event."""
    if not isinstance(gate_id, int) or isinstance(gate_id, bool):
        raise NotFound("There is no such gate.")
    gate = (
        Gate.objects.select_related("event")
        .prefetch_related("resources")
        .filter(pk=gate_id)
        .first()
    )
    if gate is None:
        raise NotFound("There is no such gate.")
    if device is not None:
        if gate.devices.filter(pk=device.pk, revoked_at__isnull=True).exists():
            return gate
    elif may(user, Role.SCANNER, gate.event):
        return gate
    raise Forbidden("This station may not scan at this gate.")


def gates_of_event(
    event: Event, *, device: ScannerDevice | None, user: Principal | None
) -> QuerySet[Gate]:
    """Scanners and staff of the event see its every gate (403 for anyone else); a device
    sees the gates it is bound to."""
    gates = event.gates.all().prefetch_related("resources")
    if device is not None:
        return gates.filter(devices=device, devices__revoked_at__isnull=True)
    require(user, Role.SCANNER, event, "You neither scan nor staff this event.")
    return gates


def scans_for_staff(
    user: Principal,
    *,
    event: str | None = None,
    gate: int | None = None,
    status: str | None = None,
) -> QuerySet[Scan]:
    scans = Scan.objects.filter(where_may(user, Role.STAFF, field="gate__event")).select_related(
        "gate", "device", "ticket"
    )
    if event:
        scans = scans.filter(gate__event=event_for(user, event))
    if gate:
        scans = scans.filter(gate_id=gate)
    if status:
        scans = scans.filter(status=status)
    return scans


def scan_stats(user: Principal, *, event: str, now: datetime | None = None) -> dict[str, Any]:
    """Per gate: admitted, rejected, inside now; and scans per minute over the last 15."""
    now = now or timezone.now()
    gates = Gate.objects.filter(event=event_for(user, event))
    rows = with_counts(gates).order_by("name")
    since = now - timedelta(minutes=15)
    per_minute = (
        Scan.objects.filter(gate__in=gates, scanned_at__gte=since)
        .annotate(minute=TruncMinute("scanned_at"))
        .values("minute")
        .annotate(scans=Count("id"))
        .order_by("minute")
    )
    return {
        "gates": [
            {
                "id": g.pk,
                "name": g.name,
                "admitted": counted(g, "admitted"),
                "rejected": counted(g, "rejected"),
            }
            for g in rows
        ],
        "scans_per_minute": [
            {"minute": row["minute"], "scans": row["scans"]} for row in per_minute
        ],
    }


def with_counts(gates: QuerySet[Gate]) -> QuerySet[Gate]:
    """The gates with ``admitted`` and ``rejected``: the counters kept with the log, on the
    gate row (the ORM path) and on its shards (the one-statement scan), added up."""
    return gates.annotate(
        admitted=F("admitted_count")
        + Coalesce(
            Subquery(
                GateCountShard.objects.filter(gate=OuterRef("pk"))
                .values("gate")
                .annotate(n=Sum("admitted"))
                .values("n")
            ),
            0,
        ),
        rejected=F("rejected_count")
        + Coalesce(
            Subquery(
                GateCountShard.objects.filter(gate=OuterRef("pk"))
                .values("gate")
                .annotate(n=Sum("rejected"))
                .values("n")
            ),
            0,
        ),
    )


def gate_counts(gate_id: int) -> dict[str, int]:
    """The gate's admitted and rejected scans (the counters kept with the log: the gate
    row's and its shards')."""
    admitted, rejected = Gate.objects.filter(pk=gate_id).values_list(
        "admitted_count", "rejected_count"
    )[0]
    shards = GateCountShard.objects.filter(gate_id=gate_id).aggregate(
        admitted=Sum("admitted"), rejected=Sum("rejected")
    )
    return {
        "admitted": admitted + (shards["admitted"] or 0),
        "rejected": rejected + (shards["rejected"] or 0),
    }


def counted(gate: Gate, figure: str) -> int:
    """``admitted`` or ``rejected`` of a gate read through :func:`with_counts`."""
    return int(getattr(gate, figure))


# --- topic snapshots (wired to their topics in consumers.registered) ---------------------


MINUTES_SHOWN = 15


def dashboard_stats(event: Event, *, now: datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    slots = Slot.objects.filter(resource__event=event, ends_at__gt=now)
    totals = slots.aggregate(capacity=Sum("capacity"), sold=Sum("sold"), held=Sum("held"))
    capacity, sold, held = (totals[k] or 0 for k in ("capacity", "sold", "held"))
    stale = expired_units(now=now, event=event)  # almost always empty
    if stale:
        live = set(slots.filter(id__in=list(stale)).values_list("id", flat=True))
        expired = sum(units for slot_id, units in stale.items() if slot_id in live)
    else:
        expired = 0
    gates = with_counts(Gate.objects.filter(event=event)).order_by("name")
    since = (now - timedelta(minutes=MINUTES_SHOWN)).replace(second=0, microsecond=0)
    per_minute = dict(
        Scan.objects.filter(gate__event=event, scanned_at__gte=since)
        .annotate(minute=TruncMinute("scanned_at"))
        .values("minute")
        .annotate(scans=Count("id"))
        .values_list("minute", "scans")
    )
    minutes = [since + timedelta(minutes=n) for n in range(MINUTES_SHOWN + 1)]
    return {
        "sold": sold,
        "held": held - expired,
        "available": capacity - sold - held + expired,
        "checked_in": [
            {"gate": g.pk, "name": g.name, "admitted": counted(g, "admitted")} for g in gates
        ],
        "scans_per_minute": [
            {
                "minute": minute.isoformat().replace("+00:00", "Z"),
                "scans": per_minute.get(minute, 0),
            }
            for minute in minutes
        ],
        "queue": queue_figures(event),
        "waitlist": waitlist_stats(event),
        "server_time": now.isoformat().replace("+00:00", "Z"),
    }


def offline_bundle(gate: Gate) -> tuple[dict[str, Any], str]:
    """What a station needs to scan this gate alone, and its ETag (a hash of it)."""
    tickets = Ticket.objects.filter(event_id=gate.event_id)
    if gate.admitted_resource_ids:
        tickets = tickets.filter(slot__resource_id__in=gate.admitted_resource_ids)
    rows = list(
        tickets.order_by("id").values_list(
            "id", "version", "status", "admitted_at", "booking__status"
        )
    )
    bundle = {
        "gate": {"id": gate.pk, "name": gate.name, "mode": gate.mode, "event": gate.event_id},
        "public_keys": {str(k): v for k, v in codes.public_keys().items()},
        "tickets": [
            {
                "id": pk,
                "version": version,
                "status": status if booking in SOLD else "unpaid",
                "admitted": admitted_at is not None,
            }
            for pk, version, status, admitted_at, booking in rows
        ],
        "revoked": [pk for pk, _v, status, _a, _b in rows if status == Ticket.Status.VOID],
    }
    text = json.dumps(bundle, sort_keys=True, separators=(",", ":"))
    etag = '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'
    return bundle, etag


# --- topic snapshots (wired to their topics in consumers.registered) ---


def gate_topic_snapshot(params: Mapping[str, str], options: Mapping[str, Any]) -> dict[str, Any]:
    """``gate:{gate_id}``: the gate's counts and its last ten scans, newest first."""
    gate_id = parse_id(params["gate_id"])
    if gate_id is None or not Gate.objects.filter(pk=gate_id).exists():
        raise TopicGone(params["gate_id"])
    last = Scan.objects.filter(gate_id=gate_id).order_by("-scanned_at", "-id")[:10]
    return {**gate_counts(gate_id), "last": [scan.answer for scan in last]}


def dashboard_topic_snapshot(
    params: Mapping[str, str], options: Mapping[str, Any]
) -> dict[str, Any]:
    """``event:{slug}:dashboard``: the event's live figures."""
    event = Event.objects.filter(slug=params["slug"]).first()
    if event is None:
        raise TopicGone(params["slug"])
    return dashboard_stats(event)
