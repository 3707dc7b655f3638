"""An invitation books once: the service the bookings flow calls, under races too."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from backend.accounts.services.allowlist import (
    AlreadyBooked,
    NotOnAllowlist,
    allowlist_mark_booked,
    allowlist_may_book,
    allowlist_unbook,
)
from tests.factories import AllowlistEntryFactory, EventFactory


@pytest.mark.django_db
def test_a_listed_phone_books_once() -> None:
    entry = AllowlistEntryFactory()

    assert allowlist_may_book(event=entry.event, phone=entry.phone)
    allowlist_mark_booked(event=entry.event, phone=entry.phone)

    assert not allowlist_may_book(event=entry.event, phone=entry.phone)
    with pytest.raises(AlreadyBooked):
        allowlist_mark_booked(event=entry.event, phone=entry.phone)


@pytest.mark.django_db
def test_an_unlisted_phone_cannot_book() -> None:
    event = EventFactory(allowlist_only=True)

    with pytest.raises(NotOnAllowlist):
        allowlist_mark_booked(event=event, phone="+966512345678")


@pytest.mark.django_db
def test_unbooking_gives_the_invitation_back() -> None:
    entry = AllowlistEntryFactory()
    allowlist_mark_booked(event=entry.event, phone=entry.phone)

    assert allowlist_unbook(event=entry.event, phone=entry.phone) is True
    assert allowlist_may_book(event=entry.event, phone=entry.phone)
    assert allowlist_unbook(event=entry.event, phone=entry.phone) is False


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_bookings_at_the_same_instant_use_the_invitation_once() -> None:
    entry = AllowlistEntryFactory()
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def book() -> None:
        try:
            barrier.wait()
            allowlist_mark_booked(event=entry.event, phone=entry.phone)
            outcomes.append("booked")
        except AlreadyBooked:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert sorted(outcomes) == ["booked"] + ["refused"] * 7
