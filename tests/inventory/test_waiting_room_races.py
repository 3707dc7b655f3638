"""The waiting room's invariants under real concurrency on PostgreSQL (threads with their
own connections): one live place per account, the per-address limit exact, ranks distinct
and the opening's shuffle done once while joins and ticks race."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from backend.core.errors import RateLimited
from backend.inventory.models import QueueEntry, WaitingRoom
from backend.inventory.services import waiting_room as service
from tests.factories import EventFactory, UserFactory
from tests.support.concurrency import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("races are proved on PostgreSQL")


def join_job(event: Any, user: Any, address: str) -> Callable[[], str]:
    def job() -> str:
        try:
            _entry, new = service.queue_join(event=event, user=user, address=address)
        except RateLimited:
            return "limited"
        return "joined" if new else "again"

    return job


def test_one_place_per_account_and_the_address_limit_hold_under_races(settings: Any) -> None:
    settings.WAITING_ROOM_TOKENS_PER_ADDRESS = 5
    event = EventFactory(slug="race-room")
    WaitingRoom.objects.create(event=event, mode="on", active=True)
    same = UserFactory()
    others = [UserFactory() for _ in range(12)]
    jobs = [join_job(event, same, f"10.7.0.{n}") for n in range(8)]
    jobs += [join_job(event, user, "10.7.9.9") for user in others]

    outcomes = run_together(jobs)

    assert QueueEntry.objects.filter(user=same).count() == 1
    assert QueueEntry.objects.filter(address="10.7.9.9").count() == 5
    assert outcomes == Counter({"joined": 1 + 5, "again": 7, "limited": 7})
    ranks = list(QueueEntry.objects.values_list("rank", flat=True))
    assert len(set(ranks)) == len(ranks) == 6


def test_joins_racing_the_opening_are_each_ranked_once() -> None:
    event = EventFactory(slug="race-open")
    room = WaitingRoom.objects.create(
        event=event, mode="on", active=True, opens_at=timezone.now() + timedelta(hours=1)
    )
    early = [UserFactory() for _ in range(10)]
    for n, user in enumerate(early):
        service.queue_join(event=event, user=user, address=f"10.8.0.{n}")
    WaitingRoom.objects.filter(pk=room.pk).update(opens_at=timezone.now())
    late = [UserFactory() for _ in range(10)]

    def tick() -> str:
        service.admission_tick(rng=random.Random(7))
        return "ticked"

    jobs = [join_job(event, user, f"10.8.1.{n}") for n, user in enumerate(late)]
    outcomes = run_together([*jobs, tick, tick, tick])

    assert outcomes["joined"] == 10
    ranks = list(QueueEntry.objects.values_list("rank", flat=True))
    assert None not in ranks
    assert sorted(ranks) == list(range(1, 21))
    early_ranks = QueueEntry.objects.filter(user__in=early).values_list("rank", flat=True)
    assert sorted(early_ranks) == list(range(1, 11))  # the shuffled early ones come first
