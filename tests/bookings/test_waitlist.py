"""Waitlists of sold-out slots (docs/waiting-room.md): joining only when sold out, one entry
per account per slot, leaving, the offers of returned units (a release, an expiry, a
cancelled booking), a lapsed offer moving on, a taken one, the messages, the staff's list and
the dashboard's figures. Real transactions: the offers follow the engine's hook after commit."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from backend.bookings.models import WaitlistEntry
from backend.bookings.services.bookings import booking_cancel, booking_create
from backend.bookings.services.waitlist import waitlist_join
from backend.checkin.selectors import dashboard_stats
from backend.inventory.models import Hold, Slot
from backend.inventory.services.holds import ItemRequest, hold_create, hold_release, holds_expire
from backend.notifications.models import Message
from tests.factories import (
    EventFactory,
    ResourceFactory,
    SlotFactory,
    StaffFactory,
    UserFactory,
)
from tests.support.bookings import client_of

pytestmark = pytest.mark.django_db(transaction=True)
W = WaitlistEntry.Status


@pytest.fixture
def event() -> Any:
    return EventFactory(slug="fest", hold_minutes=10, max_quantity_per_hold=4)


def ticket(event: Any, capacity: int = 2, price: str = "100.00") -> Slot:
    return SlotFactory(resource=ResourceFactory(event=event, units=capacity, price=price))


def hold(user: Any, slot: Slot, quantity: int) -> Hold:
    return hold_create(user=user, event=slot.resource.event, items=[ItemRequest(slot.pk, quantity)])


def join(user: Any, slot: Slot, quantity: int = 1) -> WaitlistEntry:
    entry, _ = waitlist_join(
        user=user, event=slot.resource.event, slot_id=slot.pk, quantity=quantity
    )
    return entry


def fresh(entry: WaitlistEntry) -> WaitlistEntry:
    entry.refresh_from_db()
    return entry


def sold_out(event: Any, capacity: int = 2) -> tuple[Slot, Hold]:
    slot = ticket(event, capacity)
    return slot, hold(UserFactory(), slot, capacity)


# --- joining and leaving -----------------------------------------------------------------


def test_joining_a_slot_with_units_to_hold_is_409_not_sold_out(event: Any) -> None:
    slot = ticket(event, capacity=2)
    hold(UserFactory(), slot, 1)

    answer = client_of(UserFactory()).post(
        "/api/events/fest/waitlist/", {"slot": slot.pk, "quantity": 1}, format="json"
    )

    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "not_sold_out"
    assert not WaitlistEntry.objects.exists()


def test_one_entry_per_account_per_slot_in_the_order_they_joined(event: Any) -> None:
    slot, _ = sold_out(event)
    first, second = UserFactory(), UserFactory()

    a = client_of(first).post(
        "/api/events/fest/waitlist/", {"slot": slot.pk, "quantity": 2}, format="json"
    )
    b = client_of(second).post("/api/events/fest/waitlist/", {"slot": slot.pk}, format="json")
    again = client_of(first).post(
        "/api/events/fest/waitlist/", {"slot": slot.pk, "quantity": 1}, format="json"
    )

    assert (a.status_code, b.status_code, again.status_code) == (201, 201, 200)
    assert again.json()["id"] == a.json()["id"]
    assert again.json()["quantity"] == 2
    assert (a.json()["position"], b.json()["position"]) == (1, 2)
    assert a.json()["status"] == "waiting"
    assert a.json()["offer"] is None
    assert WaitlistEntry.objects.count() == 2


@pytest.mark.parametrize(
    "body",
    [{}, {"slot": "x"}, {"slot": 10**6}, {"slot": 1, "quantity": 0}, {"slot": 1, "quantity": 9}],
)
def test_bad_joins_are_400s(event: Any, body: dict[str, Any]) -> None:
    slot, _ = sold_out(event)
    if body.get("slot") == 1:
        body = {**body, "slot": slot.pk}

    answer = client_of(UserFactory()).post("/api/events/fest/waitlist/", body, format="json")

    assert answer.status_code == 400, answer.json()


def test_joining_needs_an_account_and_an_event(event: Any) -> None:
    slot, _ = sold_out(event)
    from rest_framework.test import APIClient

    assert (
        APIClient().post("/api/events/fest/waitlist/", {"slot": slot.pk}, format="json").status_code
        == 401
    )
    answer = client_of(UserFactory()).post(
        "/api/events/nope/waitlist/", {"slot": slot.pk}, format="json"
    )
    assert answer.status_code == 404


def test_leaving_and_the_callers_own_entries(event: Any) -> None:
    slot, _ = sold_out(event)
    me, other = UserFactory(), UserFactory()
    entry = join(me, slot)
    theirs = join(other, slot)

    mine = client_of(me).get("/api/waitlist/").json()
    not_mine = client_of(me).get(f"/api/waitlist/{theirs.pk}/")
    left = client_of(me).delete(f"/api/waitlist/{entry.pk}/")
    twice = client_of(me).delete(f"/api/waitlist/{entry.pk}/")

    assert [r["id"] for r in mine["results"]] == [entry.pk]
    assert not_mine.status_code == 404
    assert left.status_code == 200
    assert left.json()["status"] == "left"
    assert twice.status_code == 409
    assert twice.json()["error"]["code"] == "waitlist_ended"
    assert fresh(theirs).status == W.WAITING
    assert client_of(other).get(f"/api/waitlist/{theirs.pk}/").json()["position"] == 1


# --- offers --------------------------------------------------------------------------------


def test_a_release_offers_the_units_to_the_first_entry_whose_quantity_fits(
    event: Any, settings: Any, captured_publishes: list[Any]
) -> None:
    settings.WAITLIST_OFFER_MINUTES = 7
    slot = ticket(event, capacity=3)
    holder_hold = hold(UserFactory(), slot, 2)
    hold(UserFactory(), slot, 1)
    big, small, last = (join(UserFactory(), slot, q) for q in (3, 1, 1))

    before = timezone.now()
    hold_release(hold=holder_hold)

    big, small, last = fresh(big), fresh(small), fresh(last)
    assert (big.status, small.status, last.status) == (W.WAITING, W.OFFERED, W.OFFERED)
    for entry in (small, last):
        assert entry.hold.user == entry.user
        assert entry.hold.status == Hold.Status.ACTIVE
        assert entry.hold.items.get().quantity == 1
        remaining = entry.hold.expires_at - before
        assert timedelta(minutes=7) <= remaining < timedelta(minutes=7, seconds=30)
    slot.refresh_from_db()
    assert (slot.sold, slot.held) == (0, 3)
    offered = [p for p in captured_publishes if p.topic == f"waitlist:{small.pk}"]
    assert [p.kind for p in offered] == ["waitlist.offered"]
    assert offered[0].data["hold"] == str(small.hold_id)
    detail = client_of(small.user).get(f"/api/waitlist/{small.pk}/").json()
    assert detail["status"] == "offered"
    assert detail["offer"]["hold"] == str(small.hold_id)


def test_an_expired_hold_is_offered_and_an_offer_left_to_lapse_goes_to_the_next(
    event: Any,
) -> None:
    slot, taken = sold_out(event, capacity=1)
    first, second = join(UserFactory(), slot), join(UserFactory(), slot)

    holds_expire(now=taken.expires_at + timedelta(seconds=1))
    first = fresh(first)
    assert first.status == W.OFFERED
    assert fresh(second).status == W.WAITING

    holds_expire(now=first.hold.expires_at + timedelta(seconds=1))

    assert fresh(first).status == W.LAPSED
    second = fresh(second)
    assert second.status == W.OFFERED
    assert second.hold.user == second.user
    slot.refresh_from_db()
    assert slot.held == 1


def test_booking_the_offer_takes_it_and_a_cancelled_booking_is_offered_again(
    event: Any, captured_publishes: list[Any]
) -> None:
    slot = ticket(event, capacity=1, price="0.00")  # free: booked is sold at once
    owner = UserFactory()
    booking = booking_create(
        user=owner, hold_id=hold(owner, slot, 1).pk, details={"holders": ["A"]}
    )
    first, second = join(UserFactory(), slot), join(UserFactory(), slot)

    booking_cancel(booking=booking)  # sold units come back
    first = fresh(first)
    assert first.status == W.OFFERED
    booking_create(user=first.user, hold_id=first.hold_id, details={"holders": ["B"]})

    assert fresh(first).status == W.TAKEN
    assert fresh(second).status == W.WAITING
    kinds = [p.kind for p in captured_publishes if p.topic == f"waitlist:{first.pk}"]
    assert kinds == ["waitlist.offered", "waitlist.taken"]
    slot.refresh_from_db()
    assert (slot.sold, slot.held) == (1, 0)


def test_leaving_with_an_offer_gives_it_to_the_next(event: Any) -> None:
    slot, taken = sold_out(event, capacity=1)
    first, second = join(UserFactory(), slot), join(UserFactory(), slot)
    hold_release(hold=taken)
    first = fresh(first)

    client_of(first.user).delete(f"/api/waitlist/{first.pk}/")

    assert fresh(first).status == W.LEFT
    assert Hold.objects.get(pk=first.hold_id).status == Hold.Status.RELEASED
    assert fresh(second).status == W.OFFERED


def test_a_release_on_a_slot_without_a_waitlist_makes_no_offer(event: Any) -> None:
    _slot, taken = sold_out(event, capacity=1)
    other, _ = sold_out(event, capacity=1)
    entry = join(UserFactory(), other)

    hold_release(hold=taken)

    assert fresh(entry).status == W.WAITING


# --- messages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "words"), [("en", "held for you until"), ("ar", "محجوز لك حتى")]
)
def test_the_offer_is_e_mailed_in_the_persons_language_with_its_deadline_and_link(
    event: Any, settings: Any, language: str, words: str
) -> None:
    settings.FRONTEND_URL = "https://tickets.example"
    slot, taken = sold_out(event, capacity=1)
    person = UserFactory(email="sara@example.com", language=language)
    entry = join(person, slot)
    mail.outbox.clear()

    hold_release(hold=taken)

    entry = fresh(entry)
    [sent] = mail.outbox
    assert sent.to == ["sara@example.com"]
    assert words in sent.body
    assert f"https://tickets.example/waitlist/{entry.pk}" in sent.body
    zone = ZoneInfo(event.venue.time_zone)
    assert entry.hold.expires_at.astimezone(zone).strftime("%H:%M") in sent.body
    sms = Message.objects.get(channel="sms", template="waitlist_offered")
    assert (sms.language, sms.status) == (language, "held")  # no phone proved with a code


# --- staff -------------------------------------------------------------------------------


def test_staff_see_the_events_waitlist_in_order_and_the_dashboard_counts_it(event: Any) -> None:
    slot, taken = sold_out(event, capacity=1)
    other_slot, _ = sold_out(event, capacity=1)
    entries = [join(UserFactory(), slot) for _ in range(3)]
    join(UserFactory(), other_slot)
    hold_release(hold=taken)
    staff = StaffFactory(grant__event=event)
    stranger = StaffFactory(grant__event=EventFactory())

    page = client_of(staff).get(f"/api/staff/waitlist/?event=fest&slot={slot.pk}&page_size=2")
    everything = client_of(staff).get("/api/staff/waitlist/?event=fest").json()
    refused = client_of(stranger).get("/api/staff/waitlist/?event=fest")
    guest = client_of(UserFactory()).get("/api/staff/waitlist/?event=fest")

    assert page.status_code == 200
    body = page.json()
    assert (body["count"], body["pages"]) == (3, 2)
    assert [r["id"] for r in body["results"]] == [entries[0].pk, entries[1].pk]
    assert [r["status"] for r in body["results"]] == ["offered", "waiting"]
    assert body["results"][1]["position"] == 1
    assert body["results"][0]["phone"] == entries[0].user.phone
    assert everything["count"] == 4
    assert refused.status_code == 403
    assert guest.status_code == 403
    assert dashboard_stats(event)["waitlist"] == {
        "waiting": 3,
        "offered": 1,
        "taken": 0,
        "lapsed": 0,
    }


def test_the_admin_lists_entries_read_only(event: Any, admin_browser: Any) -> None:
    slot, _ = sold_out(event, capacity=1)
    entry = join(UserFactory(), slot)

    listing = admin_browser.get("/admin/bookings/waitlistentry/")
    page = admin_browser.get(f"/admin/bookings/waitlistentry/{entry.pk}/change/")

    assert listing.status_code == 200
    assert str(entry.pk) in listing.content.decode()
    assert page.status_code == 200  # a read-only view
    assert admin_browser.get("/admin/bookings/waitlistentry/add/").status_code == 403


@pytest.mark.parametrize(
    ("language", "words"), [("en", "are held for you until"), ("ar", "ومحجوزًا لك حتى")]
)
def test_the_offer_is_texted_to_a_proved_phone_in_the_persons_language(
    event: Any, twilio_messaging: Any, language: str, words: str
) -> None:
    slot, taken = sold_out(event, capacity=1)
    person = UserFactory(language=language)
    person.verified_phone = person.phone
    person.save(update_fields=["verified_phone"])
    entry = join(person, slot)

    hold_release(hold=taken)

    [sms] = twilio_messaging.messages
    assert sms.to == person.phone
    assert words in sms.body
    assert sms.body.endswith(f"https://tickets.example/waitlist/{entry.pk}")
    assert Message.objects.get(template="waitlist_offered").status == "sent"
