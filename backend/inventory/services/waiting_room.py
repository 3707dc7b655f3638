"""The waiting room (docs/waiting-room.md): joining, the order, admission, the pass.

- **Order.** Whoever joins before ``opens_at`` has no rank until the opening; then the
  early arrivals are put in a uniformly random order once (:func:`open_room`,
  ``random.SystemRandom`` unless a seeded generator is handed in), under the room's row lock
  that every join takes too, so nobody can slip in between. Whoever joins after takes the
  next rank (first come, first served).
- **Admission.** :func:`admission_tick` (the ``waiting-room`` periodic job, every second) lets
  in ``admission_per_minute`` per minute, the lowest ranks first, each with a **pass**:
  a signed token (``django.core.signing``) bound to the account, the event and an expiry,
  which the hold paths verify without reading the database (:func:`verify_pass`).
- **auto mode.** Arrivals at the event's pages are counted per minute in the cache
  (:func:`note_arrival`); past ``arrival_threshold`` the room switches itself on, and the
  tick switches it off again once the line is empty and arrivals have fallen below it.
"""

from __future__ import annotations

import random
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from backend.core.audit import audit, snapshot
from backend.core.errors import ApplicationError, Conflict, RateLimited
from backend.inventory.models import Event, QueueEntry, WaitingRoom
from backend.realtime import publish
from backend.realtime.dashboard import mark_dashboard_dirty
from backend.realtime.presence import watched
from backend.realtime.topics import QUEUE

PASS_SALT = "gatehouse.waiting-room.pass"  # noqa: S105  (a salt, not a secret)
LIVE = (QueueEntry.Status.WAITING, QueueEntry.Status.ADMITTED)
STAFF_FIELDS = ("mode", "opens_at", "admission_per_minute", "pass_minutes", "arrival_threshold")


class QueuePassRequired(ApplicationError):
    status, code = 403, "queue_pass_required"
    message = "This sale has a waiting room: join the queue and hold with your pass."


class QueuePassInvalid(ApplicationError):
    status, code = 403, "queue_pass_invalid"
    message = "Your queue pass is not valid for you, this event or now."


class WaitingRoomOff(Conflict):
    code = "waiting_room_off"
    message = "This event has no waiting room open now."


# --- the pass ---------------------------------------------------------------------------------


def sign_pass(*, user_id: int, event_id: int, expires_at: datetime) -> str:
    return signing.dumps(
        {"u": user_id, "e": event_id, "x": int(expires_at.timestamp())},
        salt=PASS_SALT,
        compress=False,
    )


def verify_pass(token: object, *, user_id: int, event_id: int, now: float | None = None) -> None:
    """Raises :class:`QueuePassRequired` / :class:`QueuePassInvalid` unless ``token`` is a
    pass this process signed for this account and event that has not run out. No database
    read: the signature is the proof."""
    if token is None or token == "":
        raise QueuePassRequired()
    if not isinstance(token, str) or len(token) > 500:
        raise QueuePassInvalid()
    try:
        claims = signing.loads(token, salt=PASS_SALT)
    except signing.BadSignature:
        raise QueuePassInvalid() from None
    if not isinstance(claims, dict):
        raise QueuePassInvalid()
    moment = time.time() if now is None else now
    if claims.get("u") != user_id or claims.get("e") != event_id:
        raise QueuePassInvalid()
    if not isinstance(claims.get("x"), int) or claims["x"] <= moment:
        raise QueuePassInvalid()


def check_hold_pass(*, event: Event, user_id: int, token: object) -> None:
    """The hold paths' check: nothing to do when the event's room is not active."""
    if not room_active(event):
        return
    verify_pass(token, user_id=user_id, event_id=event.pk)


def public_state(event: Event) -> dict[str, Any]:
    """What the event's page shows: whether holds need a pass, and the on-sale moment."""
    room = WaitingRoom.objects.filter(event=event).only("active", "opens_at").first()
    if room is None:
        return {"active": False, "opens_at": None}
    return {"active": room.active, "opens_at": room.opens_at}


def room_active(event: Event) -> bool:
    return WaitingRoom.objects.filter(event=event, active=True).exists()


# --- reading a place ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    position: int | None
    ahead: int | None
    estimated_wait_seconds: int | None


def place_of(entry: QueueEntry, room: WaitingRoom) -> Place:
    """Where a waiting entry stands: 1 is the next to be let in. Before the opening the
    order is not drawn yet: no position."""
    if entry.status != QueueEntry.Status.WAITING or entry.rank is None:
        return Place(None, None, None)
    ahead = QueueEntry.objects.filter(
        room=room, status=QueueEntry.Status.WAITING, rank__lt=entry.rank
    ).count()
    return Place(ahead + 1, ahead, wait_seconds(ahead, room))


def wait_seconds(ahead: int, room: WaitingRoom) -> int:
    return round(ahead * 60 / max(1, room.admission_per_minute))


def entry_state(entry: QueueEntry, room: WaitingRoom, *, ok: bool = True) -> dict[str, Any]:
    """The REST shape (``ok`` left out for the topic's snapshot)."""
    place = place_of(entry, room)
    state: dict[str, Any] = {
        "token": entry.token,
        "status": entry.status,
        "position": place.position,
        "ahead": place.ahead,
        "estimated_wait_seconds": place.estimated_wait_seconds,
        "opens_at": room.opens_at,
        "topic": QUEUE.name(slug=room.event.slug, token=entry.token),
    }
    if entry.status == QueueEntry.Status.ADMITTED and entry.pass_expires_at is not None:
        state["pass"] = pass_of(entry, room)
    return {"ok": True, **state} if ok else state


def pass_of(entry: QueueEntry, room: WaitingRoom) -> dict[str, Any]:
    assert entry.pass_expires_at is not None
    return {
        "token": sign_pass(
            user_id=entry.user_id, event_id=room.event_id, expires_at=entry.pass_expires_at
        ),
        "expires_at": entry.pass_expires_at,
    }


# --- joining and leaving ------------------------------------------------------------------------


def _locked_room(event: Event) -> WaitingRoom:
    room = WaitingRoom.objects.select_for_update().select_related("event").filter(event=event)
    found = room.first()
    if found is None or not found.active:
        raise WaitingRoomOff()
    return found


def queue_join(
    *,
    event: Event,
    user: Any,
    address: str | None,
    device: str = "",
    rng: random.Random | None = None,
    now: datetime | None = None,
) -> tuple[QueueEntry, bool]:
    """(the caller's live entry, whether it is new). One per account per event; at most
    ``WAITING_ROOM_TOKENS_PER_ADDRESS`` per client address per event (the room's row lock
    makes the count exact under concurrent joins)."""
    now = now or timezone.now()
    with transaction.atomic():
        room = _locked_room(event)
        existing = QueueEntry.objects.filter(room=room, user=user, status__in=LIVE).first()
        if existing is not None:
            existing.seen_at = now
            existing.save(update_fields=["seen_at"])
            return existing, False
        if address is not None:
            taken = QueueEntry.objects.filter(room=room, address=address).count()
            if taken >= settings.WAITING_ROOM_TOKENS_PER_ADDRESS:
                raise RateLimited(60, "Too many queue places from your network for this event.")
        if not room.opened and (room.opens_at is None or room.opens_at <= now):
            open_room(room, rng=rng)
        entry = QueueEntry(
            room=room,
            user=user,
            token=secrets.token_urlsafe(16),
            address=address,
            device=device[:64],
            joined_at=now,
            seen_at=now,
        )
        if room.opened:
            entry.rank = room.next_rank
            room.next_rank += 1
            room.save(update_fields=["next_rank"])
        entry.save()
        return entry, True


def open_room(room: WaitingRoom, *, rng: random.Random | None = None) -> int:
    """The opening (room row locked by the caller): the early arrivals in a uniformly
    random order, once. Returns how many were shuffled."""
    early = list(
        QueueEntry.objects.filter(room=room, rank__isnull=True, status=QueueEntry.Status.WAITING)
        .order_by("id")
        .values_list("id", flat=True)
    )
    (rng or random.SystemRandom()).shuffle(early)
    for offset, entry_id in enumerate(early):
        QueueEntry.objects.filter(pk=entry_id).update(rank=room.next_rank + offset)
    room.next_rank += len(early)
    room.opened = True
    room.save(update_fields=["next_rank", "opened"])
    return len(early)


def entry_for_owner(event: Event, token: str, user: Any) -> QueueEntry | None:
    entry = (
        QueueEntry.objects.select_related("room__event")
        .filter(room__event=event, token=token, user=user)
        .first()
    )
    if entry is not None and entry.status == QueueEntry.Status.WAITING:
        entry.seen_at = timezone.now()
        QueueEntry.objects.filter(pk=entry.pk).update(seen_at=entry.seen_at)
    return entry


def queue_leave(entry: QueueEntry) -> QueueEntry:
    with transaction.atomic():
        changed = QueueEntry.objects.filter(pk=entry.pk, status__in=LIVE).update(
            status=QueueEntry.Status.LEFT
        )
        if changed:
            _announce(entry, "queue.left", {})
    entry.status = QueueEntry.Status.LEFT
    return entry


def _topic(entry: QueueEntry) -> str:
    return QUEUE.name(slug=entry.room.event.slug, token=entry.token)


def _announce(entry: QueueEntry, kind: str, data: Mapping[str, Any]) -> None:
    publish(_topic(entry), kind, data)


# --- auto mode ----------------------------------------------------------------------------------


def _arrivals_key(event_id: int, minute: int) -> str:
    return f"wr:arrivals:{event_id}:{minute}"


def note_arrival(event: Event, *, now: float | None = None) -> None:
    """Count an arrival at the event's pages (one cache increment); an ``auto`` room past
    its threshold switches on."""
    minute = int((time.time() if now is None else now) // 60)
    key = _arrivals_key(event.pk, minute)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.add(key, 0, timeout=180)
        count = cache.incr(key)
    rooms = WaitingRoom.objects.filter(event=event, mode=WaitingRoom.Mode.AUTO, active=False)
    if count > _threshold(event) and rooms.exists():
        rooms.update(active=True)


def _threshold(event: Event) -> int:
    key = f"wr:threshold:{event.pk}"
    value = cache.get(key)
    if value is None:
        room = WaitingRoom.objects.filter(event=event).first()
        value = room.arrival_threshold if room is not None else 2**62
        cache.set(key, value, timeout=10)
    return int(value)


def arrivals_last_minute(event_id: int, *, now: float | None = None) -> int:
    minute = int((time.time() if now is None else now) // 60)
    return int(cache.get(_arrivals_key(event_id, minute - 1)) or 0)


# --- admission ----------------------------------------------------------------------------------


def admission_tick(*, now: datetime | None = None, rng: random.Random | None = None) -> int:
    """One pass over the active rooms: the opening when it is due, passes that ran out,
    waiting clients unseen for too long, then admissions at each room's rate. Returns how
    many were let in."""
    now = now or timezone.now()
    admitted = 0
    for room_id in WaitingRoom.objects.filter(
        mode__in=[WaitingRoom.Mode.ON, WaitingRoom.Mode.AUTO], active=True
    ).values_list("id", flat=True):
        admitted += _tick_room(room_id, now=now, rng=rng)
    return admitted


def _tick_room(room_id: int, *, now: datetime, rng: random.Random | None) -> int:
    with transaction.atomic():
        room = WaitingRoom.objects.select_for_update().select_related("event").get(pk=room_id)
        if not room.opened and (room.opens_at is None or room.opens_at <= now):
            open_room(room, rng=rng)
        entries = QueueEntry.objects.filter(room=room).select_related("room__event")
        for entry in entries.filter(status=QueueEntry.Status.ADMITTED, pass_expires_at__lte=now):
            entry.status = QueueEntry.Status.EXPIRED
            entry.save(update_fields=["status"])
            _announce(entry, "queue.expired", {})
        idle = now - timedelta(seconds=settings.WAITING_ROOM_IDLE_SECONDS)
        unseen = list(entries.filter(status=QueueEntry.Status.WAITING, seen_at__lt=idle))
        on_a_websocket = watched([_topic(entry) for entry in unseen])
        for entry in unseen:
            if _topic(entry) in on_a_websocket:
                QueueEntry.objects.filter(pk=entry.pk).update(seen_at=now)
                continue
            entry.status = QueueEntry.Status.LEFT
            entry.save(update_fields=["status"])
            _announce(entry, "queue.left", {})
        count = 0
        if room.opened:
            elapsed = (now - room.ticked_at).total_seconds() if room.ticked_at else 1.0
            credit = room.credit + room.admission_per_minute * max(0.0, elapsed) / 60
            credit = min(credit, float(room.admission_per_minute))
            count = int(credit)
            let_in = list(
                entries.filter(status=QueueEntry.Status.WAITING, rank__isnull=False).order_by(
                    "rank"
                )[:count]
            )
            for entry in let_in:
                entry.status = QueueEntry.Status.ADMITTED
                entry.admitted_at = now
                entry.pass_expires_at = now + timedelta(minutes=room.pass_minutes)
                entry.save(update_fields=["status", "admitted_at", "pass_expires_at"])
                _announce(entry, "queue.admitted", {"pass": pass_of(entry, room)})
            count = len(let_in)
            room.credit = credit - int(credit) if count == int(credit) else 0.0
            _announce_positions(room, now, room.ticked_at)
        room.ticked_at = now
        room.save(update_fields=["credit", "ticked_at"])
        transaction.on_commit(partial(mark_dashboard_dirty, room.event.slug))
        if room.mode == WaitingRoom.Mode.AUTO:
            _maybe_switch_off(room)
        return count


# Seconds: each waiting client gets its position at least this often (the contract says 5;
# one second is left for a late tick and the frames' way out).
POSITION_EVERY = 4


def _due_residues(since: datetime | None, now: datetime) -> set[int]:
    """The ``rank % POSITION_EVERY`` whose turn came in the wall-clock seconds since the last
    tick (all of them after a tick that came late: nobody's turn is skipped)."""
    last = int(now.timestamp())
    first = last if since is None else max(int(since.timestamp()) + 1, last - POSITION_EVERY + 1)
    return {second % POSITION_EVERY for second in range(first, last + 1)}


def _announce_positions(room: WaitingRoom, now: datetime, since: datetime | None) -> None:
    """``queue.position`` frames: one ordered read of the line, then a frame for each waiting
    client whose second it is (``rank % POSITION_EVERY``: a quarter of the line per tick, each
    client at least every 4 s) and for the front of the line (those let in within the next
    5 s) every tick; only to clients some node has subscribed (one Redis round trip)."""
    line = QueueEntry.objects.filter(
        room=room, status=QueueEntry.Status.WAITING, rank__isnull=False
    ).order_by("rank")
    slug = room.event.slug
    residues = _due_residues(since, now)
    front = room.admission_per_minute * 5 // 60
    due = [
        (ahead, QUEUE.name(slug=slug, token=token))
        for ahead, (token, rank) in enumerate(line.values_list("token", "rank"))
        if ahead <= front or (rank or 0) % POSITION_EVERY in residues
    ]
    on_a_websocket = watched([topic for _, topic in due])
    for ahead, topic in due:
        if topic in on_a_websocket:
            publish(
                topic,
                "queue.position",
                {
                    "position": ahead + 1,
                    "ahead": ahead,
                    "estimated_wait_seconds": wait_seconds(ahead, room),
                },
            )


def _maybe_switch_off(room: WaitingRoom) -> None:
    waiting = QueueEntry.objects.filter(room=room, status=QueueEntry.Status.WAITING).exists()
    if not waiting and arrivals_last_minute(room.event_id) < room.arrival_threshold:
        room.active = False
        room.opened = False
        room.save(update_fields=["active", "opened"])


# --- staff --------------------------------------------------------------------------------------


def room_of(event: Event) -> WaitingRoom:
    room, _created = WaitingRoom.objects.select_related("event").get_or_create(event=event)
    return room


def room_update(*, event: Event, actor: Any, changes: Mapping[str, Any]) -> WaitingRoom:
    """Staff change the room (audited ``waiting_room.update``); ``mode`` on/off sets
    ``active`` at once, ``auto`` leaves it to the arrivals."""
    with transaction.atomic():
        room_of(event)
        room = WaitingRoom.objects.select_for_update().select_related("event").get(event=event)
        before = snapshot(room, (*STAFF_FIELDS, "active"))
        for name, value in changes.items():
            setattr(room, name, value)
        if "mode" in changes:
            room.active = room.mode == WaitingRoom.Mode.ON
        if "opens_at" in changes and room.opens_at is not None and room.opens_at > timezone.now():
            room.opened = False
        room.save()
        cache.delete(f"wr:threshold:{event.pk}")
        audit(
            actor=actor,
            action="waiting_room.update",
            obj=room,
            event=event,
            before=_jsonable(before),
            after=_jsonable(snapshot(room, (*STAFF_FIELDS, "active"))),
        )
        return room


def _jsonable(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in values.items()}


def room_figures(room: WaitingRoom) -> dict[str, Any]:
    """The staff view and the dashboard's ``queue`` figures."""
    entries = QueueEntry.objects.filter(room=room)
    length = entries.filter(status=QueueEntry.Status.WAITING).count()
    minute_ago = timezone.now() - timedelta(minutes=1)
    admitted = entries.filter(status=QueueEntry.Status.ADMITTED).count()
    recent = entries.filter(admitted_at__gte=minute_ago).count()
    return {
        "active": room.active,
        "length": length,
        "admitted": admitted,
        "admitted_per_minute": recent,
        "estimated_wait_seconds": wait_seconds(length, room),
    }
