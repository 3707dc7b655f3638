"""Waitlists of sold-out slots: join, leave, and the offers of returned units
(``docs/waiting-room.md``).

When units come back to a slot (a hold released or expired, a sale given back), the engine's
``units_returned`` hook calls :func:`waitlist_units_returned` after that commit, and
:func:`waitlist_offer` gives them, in the order people joined, to the first waiting entries
whose quantity fits: each offer is a hold in the person's name made by the engine's own
``hold_create`` (so ``sold + held <= capacity`` holds), lasting ``WAITLIST_OFFER_MINUTES``.

Races: one slot's offers are made by one transaction at a time (its waiting entries are
locked ``FOR UPDATE`` first; a second run waits, then sees those entries offered), and every
status change is a conditional UPDATE from the status it expects, so an entry is never
offered twice and a unit is never held for two entries (the engine's conditional UPDATE
decides who gets it). An offer whose hold ends without a booking lapses, and its units go
to the next entry by the same path; a booking made from the hold takes it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from contextlib import suppress
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from backend.bookings import hooks
from backend.bookings.models import WaitlistEntry
from backend.core.errors import ApplicationError, Conflict, ValidationError
from backend.inventory.models import Event, Hold, Slot
from backend.inventory.selectors.slots import slot_states
from backend.inventory.services.holds import (
    HoldExpired,
    HoldNotActive,
    ItemRequest,
    hold_create,
    hold_release,
)
from backend.realtime import publish
from backend.realtime.dashboard import mark_dashboard_dirty
from backend.realtime.topics import WAITLIST

if TYPE_CHECKING:
    from backend.accounts.models import User

logger = logging.getLogger(__name__)

W = WaitlistEntry.Status
# The waiting entries one offer run looks at (in order): far more than units ever come back
# at once, few enough to lock in one statement.
OFFER_SCAN = 200


class NotSoldOut(Conflict):
    code = "not_sold_out"
    message = "These units can be held now: hold them instead of joining the waitlist."


class WaitlistEnded(Conflict):
    code, message = "waitlist_ended", "This waitlist entry has already ended."


def waitlist_publish(entry: WaitlistEntry, kind: str, data: dict[str, Any] | None = None) -> None:
    """Tell the entry's topic (after commit), and mark its event's dashboard due a frame."""
    publish(WAITLIST.name(entry_id=entry.pk), kind, {"status": entry.status, **(data or {})})
    mark_dashboard_dirty(entry.event.slug)


def waitlist_join(
    *, user: User, event: Event, slot_id: int, quantity: int, now: datetime | None = None
) -> tuple[WaitlistEntry, bool]:
    """The caller's entry on a sold-out slot of ``event``, and whether it was made now. One
    per account per slot: an entry still waiting, offered or taken is answered as it is; one
    that was left or lapsed joins again at the end of the line."""
    now = now or timezone.now()
    slot = Slot.objects.filter(pk=slot_id, resource__event=event).first()
    if slot is None:
        raise ValidationError(fields={"slot": [f"No slot {slot_id} in this event."]})
    if slot.ends_at <= now:
        raise ValidationError(fields={"slot": ["This slot has already ended."]})
    if not 1 <= quantity <= event.max_quantity_per_hold:
        raise ValidationError(
            fields={"quantity": [f"Between 1 and {event.max_quantity_per_hold}."]}
        )
    existing = WaitlistEntry.objects.filter(slot=slot, user=user).first()
    if existing is not None and existing.status in (W.WAITING, W.OFFERED, W.TAKEN):
        return existing, False
    [state] = slot_states([slot.pk], now=now)
    if state.available >= quantity:
        raise NotSoldOut(available=max(0, state.available))
    if existing is not None:
        rejoined = WaitlistEntry.objects.filter(
            pk=existing.pk, status__in=[W.LEFT, W.LAPSED]
        ).update(
            status=W.WAITING, quantity=quantity, joined_at=now, hold=None, offered_at=None,
            ended_at=None,
        )  # fmt: skip
        existing.refresh_from_db()
        if rejoined:
            mark_dashboard_dirty(event.slug)
        return existing, bool(rejoined)
    try:
        with transaction.atomic():
            entry = WaitlistEntry.objects.create(
                event=event, slot=slot, user=user, quantity=quantity, joined_at=now
            )
    except IntegrityError:  # the same account joined this very moment from another tab
        return WaitlistEntry.objects.get(slot=slot, user=user), False
    mark_dashboard_dirty(event.slug)
    return entry, True


@transaction.atomic
def waitlist_leave(*, entry: WaitlistEntry, now: datetime | None = None) -> WaitlistEntry:
    """The owner leaves the line; an offer they had is given up (its hold released, and its
    units offered to the next)."""
    now = now or timezone.now()
    left = WaitlistEntry.objects.filter(pk=entry.pk, status__in=[W.WAITING, W.OFFERED]).update(
        status=W.LEFT, ended_at=now
    )
    if not left:
        raise WaitlistEnded(entry_status=WaitlistEntry.objects.get(pk=entry.pk).status)
    hold = entry.hold if entry.status == W.OFFERED else None
    entry.refresh_from_db()
    if hold is not None and hold.status == Hold.Status.ACTIVE:
        with suppress(HoldExpired, HoldNotActive):  # it ended on its own meanwhile
            hold_release(hold=hold, now=now)
    waitlist_publish(entry, "waitlist.left")
    return entry


def waitlist_take(*, hold: Hold, now: datetime | None = None) -> None:
    """A booking was made from ``hold``: an offer it was takes its place (``taken``). Called
    inside the booking's transaction."""
    now = now or timezone.now()
    entry = WaitlistEntry.objects.select_related("event").filter(hold=hold).first()
    if entry is None:
        return
    if WaitlistEntry.objects.filter(pk=entry.pk, status=W.OFFERED).update(
        status=W.TAKEN, ended_at=now
    ):
        entry.status, entry.ended_at = W.TAKEN, now
        waitlist_publish(entry, "waitlist.taken")


def waitlist_units_returned(*, slot_ids: Iterable[int]) -> None:
    """The engine's ``units_returned`` hook (after commit): offer the units of each slot that
    has a waitlist. One query when none has; a failure is logged, never raised into the
    release that already committed."""
    slot_ids = list(slot_ids)
    listed = (
        WaitlistEntry.objects.filter(slot_id__in=slot_ids, status__in=[W.WAITING, W.OFFERED])
        .values_list("slot_id", flat=True)
        .distinct()
    )
    for slot_id in sorted(set(listed)):
        try:
            waitlist_offer(slot_id=slot_id)
        except Exception:
            logger.exception("waitlist: offering the returned units of slot %s failed", slot_id)


def _lapse(slot_id: int, now: datetime) -> list[WaitlistEntry]:
    """Offers on the slot whose hold ended without a booking lapse (each claimed once)."""
    ended = Q(hold__isnull=True) | Q(hold__status__in=[Hold.Status.EXPIRED, Hold.Status.RELEASED])
    ended |= Q(hold__status=Hold.Status.ACTIVE, hold__expires_at__lte=now)
    lapsed = []
    candidates = WaitlistEntry.objects.filter(slot_id=slot_id, status=W.OFFERED).filter(ended)
    for entry in candidates.select_related("event"):
        if WaitlistEntry.objects.filter(pk=entry.pk, status=W.OFFERED).update(
            status=W.LAPSED, ended_at=now
        ):
            entry.status, entry.ended_at = W.LAPSED, now
            waitlist_publish(entry, "waitlist.lapsed")
            lapsed.append(entry)
    return lapsed


def waitlist_offer(*, slot_id: int, now: datetime | None = None) -> list[WaitlistEntry]:
    """Lapse the slot's ended offers, then offer what is free to the first waiting entries
    whose quantity fits, in the order they joined; the entries offered."""
    now = now or timezone.now()
    offered: list[WaitlistEntry] = []
    with transaction.atomic():
        _lapse(slot_id, now)
        waiting = (
            WaitlistEntry.objects.select_for_update(of=("self",))
            .filter(slot_id=slot_id, status=W.WAITING)
            .select_related("event", "user")
            .order_by("joined_at", "pk")
        )
        entries = list(waiting[:OFFER_SCAN])
        if not entries:
            return offered
        [state] = slot_states([slot_id], now=now)
        free = state.available
        for entry in entries:
            if free <= 0:
                break
            if entry.quantity > free:
                continue
            try:
                with transaction.atomic():
                    hold = hold_create(
                        user=entry.user,
                        event=entry.event,
                        items=[ItemRequest(slot=slot_id, quantity=entry.quantity)],
                        now=now,
                    )
            except ApplicationError as error:
                logger.info("waitlist: no offer to entry %s (%s)", entry.pk, error.code)
                if error.code == "sold_out":  # someone else held some: count again
                    [state] = slot_states([slot_id], now=now)
                    free = state.available
                continue
            _offer(entry, hold, now)
            offered.append(entry)
            free -= entry.quantity
    return offered


def _offer(entry: WaitlistEntry, hold: Hold, now: datetime) -> None:
    expires_at = now + timedelta(minutes=settings.WAITLIST_OFFER_MINUTES)
    Hold.objects.filter(pk=hold.pk).update(expires_at=expires_at)
    hold.expires_at = expires_at
    entry.status, entry.hold, entry.offered_at = W.OFFERED, hold, now
    entry.save(update_fields=["status", "hold", "offered_at"])
    waitlist_publish(entry, "waitlist.offered", {"hold": str(hold.pk), "expires_at": expires_at})
    transaction.on_commit(lambda: hooks.waitlist_offered.send(entry=entry), robust=True)
