"""Stages and their performances, and the live schedule they feed.

Every change that alters what the schedule shows publishes, after commit, one ``schedule``
frame on ``event:{slug}:schedule``: ``{"items": [each changed performance as the schedule
shows it], "removed": [ids of deleted performances]}``. A stage renamed or reordered sends
its performances (each item names its stage); a stage only moved on the map, or added
without performances, changes no item and sends nothing. A delay sends every performance
it moved in one frame.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction

from backend.content.models import Performance, Stage
from backend.content.selectors import day_bounds, event_zone, schedule_item, stage_data
from backend.core.audit import audit
from backend.core.errors import Conflict, ValidationError
from backend.inventory.models import Event
from backend.realtime import publish
from backend.realtime.topics import SCHEDULE

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal

STAGE_FIELDS = ("name", "name_ar", "x", "y", "sort_order")
PERFORMANCE_FIELDS = (
    "title", "title_ar", "starts_at", "ends_at", "performers", "status", "note", "note_ar",
)  # fmt: skip
DELAY_MAX_MINUTES = 240


def schedule_publish(
    event: Event, *, changed: Iterable[Performance] = (), removed: Iterable[int] = ()
) -> None:
    """One ``schedule`` frame for these changes, after commit (none when there are none)."""
    items = [schedule_item(p) for p in changed]
    gone = list(removed)
    if items or gone:
        publish(SCHEDULE.name(slug=event.slug), "schedule", {"items": items, "removed": gone})


# --- stages ----------------------------------------------------------------------------------


def _unique_name(event: Event, name: str, *, other_than: int | None = None) -> None:
    taken = Stage.objects.filter(event=event, name=name)
    if other_than is not None:
        taken = taken.exclude(pk=other_than)
    if taken.exists():
        raise ValidationError(fields={"name": [f"This event already has a stage named {name!r}."]})


def stage_create(*, event: Event, actor: Principal | None, data: Mapping[str, Any]) -> Stage:
    _unique_name(event, data["name"])
    try:
        with transaction.atomic():
            stage = Stage.objects.create(
                event=event, **{k: data[k] for k in STAGE_FIELDS if k in data}
            )
            audit(actor=actor, action="content.stage_create", obj=stage, event=event,
                  after=stage_data(stage))  # fmt: skip
    except IntegrityError:  # the same name, added by someone else at the same instant
        _unique_name(event, data["name"])
        raise
    return stage


def stage_update(*, stage: Stage, actor: Principal | None, changes: Mapping[str, Any]) -> Stage:
    event = stage.event
    if "name" in changes:
        _unique_name(event, changes["name"], other_than=stage.pk)
    with transaction.atomic():
        stage = (
            Stage.objects.select_for_update(of=("self",)).select_related("event").get(pk=stage.pk)
        )
        before = stage_data(stage)
        for name in STAGE_FIELDS:
            if name in changes:
                setattr(stage, name, changes[name])
        stage.save()
        after = stage_data(stage)
        if after != before:
            audit(actor=actor, action="content.stage_update", obj=stage, event=event,
                  before=before, after=after)  # fmt: skip
        if any(before[k] != after[k] for k in ("name", "name_ar", "sort_order")):
            schedule_publish(event, changed=stage.performances.select_related("stage"))
    return stage


def stage_delete(*, stage: Stage, actor: Principal | None) -> None:
    """Only a stage without performances (409 ``stage_has_performances`` otherwise)."""
    with transaction.atomic():
        stage = (
            Stage.objects.select_for_update(of=("self",)).select_related("event").get(pk=stage.pk)
        )
        if stage.performances.exists():
            raise Conflict(
                "This stage has performances: move them to another stage or delete them first.",
                code="stage_has_performances",
            )
        audit(actor=actor, action="content.stage_delete", obj=stage, event=stage.event,
              before=stage_data(stage))  # fmt: skip
        stage.delete()


# --- performances ----------------------------------------------------------------------------


def _audited(performance: Performance) -> dict[str, Any]:
    item = schedule_item(performance)
    return {"stage": performance.stage_id, **{k: item[k] for k in PERFORMANCE_FIELDS}}


def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError(fields={"ends_at": ["A performance ends after it starts."]})


def _stage_of(event: Event, stage: Stage) -> Stage:
    if stage.event_id != event.pk:
        raise ValidationError(fields={"stage": ["Not a stage of this event."]})
    return stage


def performance_create(
    *, event: Event, actor: Principal | None, stage: Stage, data: Mapping[str, Any]
) -> Performance:
    _stage_of(event, stage)
    _check_times(data["starts_at"], data["ends_at"])
    with transaction.atomic():
        performance = Performance.objects.create(
            stage=stage, **{k: data[k] for k in PERFORMANCE_FIELDS if k in data}
        )
        audit(actor=actor, action="content.performance_create", obj=performance, event=event,
              after=_audited(performance))  # fmt: skip
        schedule_publish(event, changed=[performance])
    return performance


def performance_update(
    *,
    performance: Performance,
    actor: Principal | None,
    changes: Mapping[str, Any],
    stage: Stage | None = None,
) -> Performance:
    """Change a performance (``stage``: move it to another stage of its event)."""
    event = performance.stage.event
    if stage is not None:
        _stage_of(event, stage)
    with transaction.atomic():
        performance = (
            Performance.objects.select_for_update(of=("self",))
            .select_related("stage")
            .get(pk=performance.pk)
        )
        before = _audited(performance)
        for name in PERFORMANCE_FIELDS:
            if name in changes:
                setattr(performance, name, changes[name])
        if stage is not None:
            performance.stage = stage
        _check_times(performance.starts_at, performance.ends_at)
        performance.save()
        after = _audited(performance)
        if after != before:
            audit(actor=actor, action="content.performance_update", obj=performance,
                  event=event, before=before, after=after)  # fmt: skip
            schedule_publish(event, changed=[performance])
    return performance


def performance_delete(*, performance: Performance, actor: Principal | None) -> None:
    event = performance.stage.event
    with transaction.atomic():
        gone = performance.pk
        audit(actor=actor, action="content.performance_delete", obj=performance, event=event,
              before=_audited(performance))  # fmt: skip
        performance.delete()
        schedule_publish(event, removed=[gone])


def performance_delay(
    *, performance: Performance, actor: Principal | None, minutes: int, cascade: bool = False
) -> list[Performance]:
    """Move a performance ``minutes`` later and mark it ``delayed``; with ``cascade`` the
    performances after it on the same stage that day (in the venue's time zone) move the
    same and are marked delayed too, cancelled ones excepted. Returns what moved (it first),
    published in one frame, audited in one row. A cancelled performance is not delayed
    (409 ``performance_cancelled``)."""
    if not 1 <= minutes <= DELAY_MAX_MINUTES:
        raise ValidationError(fields={"minutes": [f"From 1 to {DELAY_MAX_MINUTES} minutes."]})
    event = performance.stage.event
    shift = timedelta(minutes=minutes)
    with transaction.atomic():
        performance = (
            Performance.objects.select_for_update(of=("self",))
            .select_related("stage")
            .get(pk=performance.pk)
        )
        if performance.status == Performance.Status.CANCELLED:
            raise Conflict(
                "This performance is cancelled: there is nothing to delay.",
                code="performance_cancelled",
            )
        moved = [performance]
        if cascade:
            day = performance.starts_at.astimezone(event_zone(event)).date()
            _, day_end = day_bounds(event, day)
            moved += list(
                Performance.objects.select_for_update(of=("self",))
                .select_related("stage")
                .filter(
                    stage=performance.stage,
                    starts_at__gte=performance.starts_at,
                    starts_at__lt=day_end,
                )
                .exclude(pk=performance.pk)
                .exclude(status=Performance.Status.CANCELLED)
                .order_by("starts_at", "id")
            )
        before = {p.pk: schedule_item(p)["starts_at"] for p in moved}
        for each in moved:
            each.starts_at += shift
            each.ends_at += shift
            each.status = Performance.Status.DELAYED
            each.save(update_fields=["starts_at", "ends_at", "status", "updated_at"])
        audit(
            actor=actor, action="content.performance_delay", obj=performance, event=event,
            before={"starts_at": before},
            after={"minutes": minutes, "cascade": cascade,
                   "starts_at": {p.pk: schedule_item(p)["starts_at"] for p in moved}},
        )  # fmt: skip
        schedule_publish(event, changed=moved)
    return moved
