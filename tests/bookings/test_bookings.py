"""Bookings from holds: details per kind of event, amounts, transitions, expiry, staff."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from backend.bookings.models import Booking
from backend.bookings.services.bookings import bookings_expire
from backend.inventory.models import Event, Hold, Resource, Slot
from backend.inventory.services.holds import ItemRequest, hold_create, holds_expire
from backend.payments.models import Payment
from tests.factories import (
    AllowlistEntryFactory,
    EventFactory,
    ResourceFactory,
    SlotFactory,
    StaffFactory,
    UserFactory,
)
from tests.support.appointments import Garage
from tests.support.bookings import client_of

pytestmark = pytest.mark.django_db


def book(api: Any, hold: Hold | str, **body: Any) -> Any:
    return api.post(
        "/api/bookings/", {"hold": str(getattr(hold, "pk", hold)), **body}, format="json"
    )


def error_of(response: Any) -> dict[str, Any]:
    assert response.json()["ok"] is False
    return response.json()["error"]


def counters(slot: Slot) -> tuple[int, int]:
    slot.refresh_from_db()
    return slot.sold, slot.held


class TestFestival:
    def test_the_amount_comes_from_the_slots_not_the_client(
        self, shop: Any, guest: Any, guest_api: Any
    ) -> None:
        hold = shop.hold(guest, 3)

        answer = book(guest_api, hold, details={"holders": ["A", "B", "C"]}, amount="1.00")

        assert answer.status_code == 201
        assert answer.json()["amount"] == "450.00"
        assert answer.json()["status"] == "pending_payment"
        assert Booking.objects.get().amount == Decimal("450.00")

    def test_a_contact_email_given_at_checkout_is_where_the_emails_go(
        self, shop: Any, guest: Any, guest_api: Any
    ) -> None:
        sara = UserFactory(email="sara.account@example.com")
        given = book(client_of(sara), shop.hold(sara, 1), details={"holders": ["A"]},
                     contact_email="Sara@Example.com")  # fmt: skip
        unverified = UserFactory(email="new@example.com", verified_email="")
        default = book(client_of(unverified), shop.hold(unverified, 1), details={"holders": ["B"]})
        verified = book(guest_api, shop.hold(guest, 1), details={"holders": ["C"]})

        assert given.status_code == default.status_code == verified.status_code == 201
        by_id = {str(b.pk): b.contact_email for b in Booking.objects.all()}
        assert by_id[given.json()["id"]] == "sara@example.com"
        assert by_id[default.json()["id"]] == ""  # an address nobody proved is not used
        assert by_id[verified.json()["id"]] == "guest@example.com"

    def test_a_bad_contact_email_is_refused(self, shop: Any, guest: Any, guest_api: Any) -> None:
        answer = book(guest_api, shop.hold(guest, 1), details={"holders": ["A"]},
                      contact_email="not an address")  # fmt: skip

        assert answer.status_code == 400
        assert "contact_email" in error_of(answer)["fields"]
        assert not Booking.objects.exists()

    def test_one_holder_name_per_ticket(self, shop: Any, guest: Any, guest_api: Any) -> None:
        hold = shop.hold(guest, 2)

        answer = book(guest_api, hold, details={"holders": ["Only one"]})

        assert answer.status_code == 400
        assert "details" in error_of(answer)["fields"]
        assert not Booking.objects.exists()

    def test_someone_elses_hold_is_not_found(self, shop: Any, guest_api: Any) -> None:
        hold = shop.hold(UserFactory())

        answer = book(guest_api, hold, details={"holders": ["A"]})

        assert answer.status_code == 404

    def test_an_expired_hold_cannot_be_booked(self, shop: Any, guest: Any, guest_api: Any) -> None:
        hold = shop.hold(guest)
        Hold.objects.filter(pk=hold.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

        answer = book(guest_api, hold, details={"holders": ["A"]})

        assert answer.status_code == 410
        assert error_of(answer)["code"] == "hold_expired"

    def test_a_hold_is_booked_once(self, shop: Any, guest: Any, guest_api: Any) -> None:
        hold = shop.hold(guest)
        first = book(guest_api, hold, details={"holders": ["A"]})

        second = book(guest_api, hold, details={"holders": ["A"]})

        assert second.status_code == 409
        assert error_of(second)["code"] == "booking_exists"
        assert error_of(second)["booking"] == first.json()["id"]

    def test_a_free_booking_is_confirmed_at_once(
        self, shop: Any, guest: Any, guest_api: Any
    ) -> None:
        free = SlotFactory(resource=ResourceFactory(event=shop.event, price="0.00"))
        hold = shop.hold(guest, 1, slot=free)

        answer = book(guest_api, hold, details={"holders": ["A"]})

        assert answer.json()["status"] == "confirmed"
        assert counters(free) == (1, 0)

    @pytest.mark.parametrize("body", [{"hold": "not-a-uuid"}, {"hold": 7}, {}, {"hold": None}])
    def test_bad_input_is_a_validation_error(self, guest_api: Any, body: dict[str, Any]) -> None:
        answer = guest_api.post("/api/bookings/", body, format="json")

        assert answer.status_code == 400
        assert "hold" in error_of(answer)["fields"]

    def test_details_must_be_an_object(self, shop: Any, guest: Any, guest_api: Any) -> None:
        answer = book(guest_api, shop.hold(guest), details=["A"])

        assert answer.status_code == 400


@pytest.fixture
def resort(db: Any) -> tuple[Event, Resource, list[Slot]]:
    event = EventFactory(slug="resort", kind=Event.Kind.STAYS, currency="INR")
    room = ResourceFactory(event=event, kind=Resource.Kind.ROOM, guest_capacity=2, price="5000.00")
    start = event.starts_at
    nights = [
        SlotFactory(resource=room, starts_at=start + timedelta(days=n),
                    ends_at=start + timedelta(days=n, hours=20), capacity=1)
        for n in range(2)
    ]  # fmt: skip
    return event, room, nights


class TestResort:
    def hold(self, guest: Any, resort: Any) -> Hold:
        event, _room, nights = resort
        return hold_create(user=guest, event=event, items=[ItemRequest(s.pk, 1) for s in nights])

    def test_two_nights_for_two_adults(self, resort: Any, guest: Any, guest_api: Any) -> None:
        _event, room, _ = resort
        guests = [{"name": "Asha", "age": 34, "room": room.pk}, {"name": "Ravi", "age": 8}]

        answer = book(guest_api, self.hold(guest, resort), guests=guests)

        assert answer.status_code == 201, answer.json()
        assert answer.json()["amount"] == "10000.00"
        assert answer.json()["details"]["rooms"][0]["guests"][1] == {"name": "Ravi", "age": 8}

    def test_no_more_guests_than_the_room_takes(
        self, resort: Any, guest: Any, guest_api: Any
    ) -> None:
        guests = [{"name": f"G{n}", "age": 30} for n in range(3)]

        answer = book(guest_api, self.hold(guest, resort), guests=guests)

        assert answer.status_code == 400
        assert "at most 2" in str(error_of(answer)["fields"])

    def test_an_adult_comes(self, resort: Any, guest: Any, guest_api: Any) -> None:
        answer = book(guest_api, self.hold(guest, resort), guests=[{"name": "Kid", "age": 9}])

        assert answer.status_code == 400

    @pytest.mark.parametrize(
        "guests",
        [
            [{"name": "A", "age": -1}],
            [{"name": "A", "age": "30"}],
            [{"name": 5, "age": 30}],
            [{"name": "A", "age": 30, "room": 999999}],
            [],
            "two adults",
        ],
    )
    def test_bad_guests_are_refused(
        self, resort: Any, guest: Any, guest_api: Any, guests: Any
    ) -> None:
        answer = book(guest_api, self.hold(guest, resort), guests=guests)

        assert answer.status_code == 400
        assert "guests" in error_of(answer)["fields"]


@pytest.fixture
def meeting_room(db: Any) -> tuple[Event, list[Slot]]:
    event = EventFactory(slug="rooms", kind=Event.Kind.ROOMS)
    room = ResourceFactory(
        event=event, kind=Resource.Kind.SPACE, guest_capacity=6, units=1, price="60.00"
    )
    start = event.starts_at
    slots = [
        SlotFactory(resource=room, starts_at=start + timedelta(minutes=30 * n),
                    ends_at=start + timedelta(minutes=30 * (n + 1)), capacity=1)
        for n in range(3)
    ]  # fmt: skip
    return event, slots


class TestMeetingRooms:
    def test_consecutive_slots_for_a_meeting(
        self, meeting_room: Any, guest: Any, guest_api: Any
    ) -> None:
        event, slots = meeting_room
        hold = hold_create(user=guest, event=event, items=[ItemRequest(s.pk, 1) for s in slots[:2]])

        answer = book(guest_api, hold, details={"guest_count": 6, "special_requests": "Tea"})

        assert answer.status_code == 201
        assert answer.json()["amount"] == "120.00"

    def test_slots_with_a_gap_are_refused(
        self, meeting_room: Any, guest: Any, guest_api: Any
    ) -> None:
        event, slots = meeting_room
        hold = hold_create(
            user=guest,
            event=event,
            items=[ItemRequest(slots[0].pk, 1), ItemRequest(slots[2].pk, 1)],
        )

        answer = book(guest_api, hold, details={"guest_count": 2})

        assert answer.status_code == 400
        assert "items" in error_of(answer)["fields"]

    def test_no_more_people_than_the_room_takes(
        self, meeting_room: Any, guest: Any, guest_api: Any
    ) -> None:
        event, slots = meeting_room
        hold = hold_create(user=guest, event=event, items=[ItemRequest(slots[0].pk, 1)])

        answer = book(guest_api, hold, details={"guest_count": 7})

        assert answer.status_code == 400


class TestRepairShop:
    """The appointment rules in full are in ``test_appointments.py``."""

    def test_at_the_shop(self, garage: Garage, guest: Any, guest_api: Any) -> None:
        answer = book(guest_api, garage.hold(guest), details=garage.details())

        assert answer.status_code == 201
        assert answer.json()["contact"] == {
            "name": "Kiran",
            "phone": "+919999988888",
            "email": "kiran@example.com",
        }

    def test_at_home_needs_an_address(self, garage: Garage, guest: Any, guest_api: Any) -> None:
        details = garage.details(location="home", city="Bengaluru", postcode="560001")

        answer = book(guest_api, garage.hold(guest, hours=2), details=details)

        assert answer.status_code == 400
        assert "address" in error_of(answer)["fields"]["details"]

    def test_a_bad_phone_is_refused(self, garage: Garage, guest: Any, guest_api: Any) -> None:
        answer = book(guest_api, garage.hold(guest), details=garage.details(phone="12"))

        assert answer.status_code == 400
        assert "phone" in error_of(answer)["fields"]["details"]


class TestVip:
    def test_a_vip_books_once(self, db: Any) -> None:
        entry = AllowlistEntryFactory()
        slots = [
            SlotFactory(resource=ResourceFactory(event=entry.event, price="0.00")) for _ in range(2)
        ]
        vip = UserFactory(phone=entry.phone)
        api = client_of(vip)
        first = hold_create(user=vip, event=entry.event, items=[ItemRequest(slots[0].pk, 1)])
        assert book(api, first, details={}).status_code == 201
        entry.event.max_live_holds_per_user = 5
        entry.event.save()

        # The invitation is used: even a new hold is refused, and so is a second booking.
        again = api.post(
            "/api/holds/",
            {"event": entry.event.slug, "items": [{"slot": slots[1].pk}]},
            format="json",
        )

        assert again.status_code == 403
        entry.refresh_from_db()
        assert entry.booked_at is not None

    def test_a_second_booking_by_the_same_vip_is_refused(self, db: Any) -> None:
        entry = AllowlistEntryFactory()
        entry.event.max_live_holds_per_user = 2
        entry.event.save()
        slots = [SlotFactory(resource=ResourceFactory(event=entry.event)) for _ in range(2)]
        vip = UserFactory(phone=entry.phone)
        api = client_of(vip)
        holds = [
            hold_create(user=vip, event=entry.event, items=[ItemRequest(s.pk, 1)]) for s in slots
        ]

        first, second = book(api, holds[0], details={}), book(api, holds[1], details={})

        assert first.status_code == 201
        assert second.status_code == 409
        assert error_of(second)["code"] == "already_booked"
        assert Booking.objects.count() == 1


class TestExpiry:
    def test_an_unpaid_booking_expires_with_its_hold_and_gives_the_invitation_back(
        self, db: Any
    ) -> None:
        entry = AllowlistEntryFactory()
        slot = SlotFactory(resource=ResourceFactory(event=entry.event, price="50.00"))
        vip = UserFactory(phone=entry.phone)
        hold = hold_create(user=vip, event=entry.event, items=[ItemRequest(slot.pk, 1)])
        book(client_of(vip), hold, details={})
        later = timezone.now() + timedelta(minutes=entry.event.hold_minutes, seconds=1)

        holds_expire(now=later)
        expired = bookings_expire(now=later)

        assert expired == 1
        assert Booking.objects.get().status == "expired"
        assert counters(slot) == (0, 0)
        entry.refresh_from_db()
        assert entry.booked_at is None

    def test_a_live_hold_keeps_its_booking(self, shop: Any, guest: Any) -> None:
        shop.book(guest)

        assert bookings_expire() == 0
        assert Booking.objects.get().status == "pending_payment"


class TestGuestCancel:
    def test_an_unpaid_booking_can_be_given_up(self, shop: Any, guest: Any, guest_api: Any) -> None:
        booking = shop.book(guest, 2)

        answer = guest_api.post(f"/api/bookings/{booking.pk}/cancel/")

        assert answer.json()["status"] == "cancelled"
        assert counters(shop.slot) == (0, 0)

    def test_a_paid_booking_is_cancelled_only_as_its_event_policy_allows(
        self, shop: Any, guest: Any, guest_api: Any
    ) -> None:
        # No policy for the festival: only staff cancel it (tests/tickets/test_booking_changes).
        booking = shop.book(guest)
        client_of(StaffFactory()).post(f"/api/staff/bookings/{booking.pk}/mark-paid/")

        answer = guest_api.post(f"/api/bookings/{booking.pk}/cancel/")

        assert answer.status_code == 409
        assert error_of(answer)["code"] == "not_cancellable"
        assert counters(shop.slot) == (1, 0)


@pytest.fixture
def staff_api(shop: Any) -> Any:
    return client_of(StaffFactory(grant__event=shop.event))


class TestStaff:
    def test_the_repair_shop_workflow(self, shop: Any, guest: Any, staff_api: Any) -> None:
        booking = shop.book(guest)
        url = f"/api/staff/bookings/{booking.pk}/"

        too_early = staff_api.patch(url + "status/", {"status": "in_progress"}, format="json")
        paid = staff_api.post(url + "mark-paid/")
        started = staff_api.patch(url + "status/", {"status": "in_progress"}, format="json")
        done = staff_api.patch(url + "status/", {"status": "completed"}, format="json")
        back = staff_api.patch(url + "status/", {"status": "in_progress"}, format="json")

        assert too_early.status_code == 409
        assert error_of(too_early)["code"] == "invalid_transition"
        assert paid.json()["status"] == "confirmed"
        assert paid.json()["provider"] == "cash"
        assert started.json()["status"] == "in_progress"
        assert done.json()["status"] == "completed"
        assert back.status_code == 409
        assert Payment.objects.get().status == "succeeded"

    @pytest.mark.parametrize("status", ["confirmed", "refunded", "expired", "nonsense"])
    def test_staff_cannot_set_money_statuses_by_hand(
        self, shop: Any, guest: Any, staff_api: Any, status: str
    ) -> None:
        booking = shop.book(guest)

        answer = staff_api.patch(
            f"/api/staff/bookings/{booking.pk}/status/", {"status": status}, format="json"
        )

        assert answer.status_code == 400
        assert Booking.objects.get().status == "pending_payment"

    def test_comp_confirms_at_zero(self, shop: Any, guest: Any, staff_api: Any) -> None:
        booking = shop.book(guest, 2)

        answer = staff_api.post(f"/api/staff/bookings/{booking.pk}/comp/")

        assert answer.json()["status"] == "confirmed"
        assert answer.json()["amount"] == "0.00"
        assert counters(shop.slot) == (2, 0)

    def test_cancel_with_refund_frees_the_places(
        self, shop: Any, guest: Any, staff_api: Any
    ) -> None:
        booking = shop.book(guest, 2)
        staff_api.post(f"/api/staff/bookings/{booking.pk}/mark-paid/")

        answer = staff_api.post(
            f"/api/staff/bookings/{booking.pk}/cancel/", {"refund": True}, format="json"
        )

        assert answer.json()["status"] == "refunded"
        assert answer.json()["refunded_amount"] == "300.00"
        assert counters(shop.slot) == (0, 0)
        assert Payment.objects.get().status == "refunded"

    def test_list_filters_and_search(self, shop: Any, staff_api: Any) -> None:
        sara, omar = UserFactory(name="Sara Ali"), UserFactory(name="Omar")
        shop.book(sara)
        paid = shop.book(omar)
        staff_api.post(f"/api/staff/bookings/{paid.pk}/mark-paid/")

        everything = staff_api.get("/api/staff/bookings/").json()
        confirmed = staff_api.get("/api/staff/bookings/", {"status": "confirmed"}).json()
        found = staff_api.get("/api/staff/bookings/", {"search": "sara"}).json()
        by_phone = staff_api.get("/api/staff/bookings/", {"search": omar.phone[-6:]}).json()

        assert everything["count"] == 2
        assert [b["id"] for b in confirmed["results"]] == [str(paid.pk)]
        assert [b["id"] for b in found["results"]] != [str(paid.pk)]
        assert found["count"] == 1
        assert [b["id"] for b in by_phone["results"]] == [str(paid.pk)]

    def test_search_finds_a_booking_by_its_reference(self, shop: Any, staff_api: Any) -> None:
        wanted = shop.book(UserFactory())
        shop.book(UserFactory())

        def found(text: str) -> list[str]:
            answer = staff_api.get("/api/staff/bookings/", {"search": text})
            assert answer.status_code == 200
            return [b["id"] for b in answer.json()["results"]]

        reference = staff_api.get(f"/api/staff/bookings/{wanted.pk}/").json()["reference"]
        assert found(reference) == [str(wanted.pk)]  # as printed: upper case
        assert found(reference.lower()) == [str(wanted.pk)]
        assert str(wanted.pk) in found(reference[:4])  # a shorter start may find more
        assert found("zzzzzzzz") == []

    def test_staff_of_another_event_see_nothing(self, shop: Any, guest: Any) -> None:
        booking = shop.book(guest)
        other = client_of(StaffFactory(grant__event=EventFactory()))

        assert other.get("/api/staff/bookings/").json()["count"] == 0
        assert other.get(f"/api/staff/bookings/{booking.pk}/").status_code == 404
        assert other.post(f"/api/staff/bookings/{booking.pk}/mark-paid/").status_code == 404

    def test_guests_are_not_staff(self, guest_api: Any) -> None:
        assert guest_api.get("/api/staff/bookings/").status_code == 403
        assert guest_api.get("/api/staff/stats/").status_code == 403

    def test_stats_by_status_and_day(self, shop: Any, staff_api: Any) -> None:
        shop.book(UserFactory())
        paid = shop.book(UserFactory(), 2)
        staff_api.post(f"/api/staff/bookings/{paid.pk}/mark-paid/")

        stats = staff_api.get("/api/staff/stats/").json()

        assert stats["by_status"] == {
            "pending_payment": {"bookings": 1, "amount": "150.00"},
            "confirmed": {"bookings": 1, "amount": "300.00"},
        }
        assert stats["revenue"] == {"SAR": "300.00"}
        assert stats["by_day"] == [
            {
                "date": str(timezone.now().date()),
                "currency": "SAR",
                "bookings": 2,
                "revenue": "300.00",
            }
        ]


class TestLookup:
    def test_my_own_history(self, shop: Any, guest: Any, guest_api: Any) -> None:
        shop.book(guest)

        answer = guest_api.get("/api/bookings/lookup/", {"phone": guest.phone})

        assert answer.json()["count"] == 1

    def test_someone_elses_phone_is_forbidden(self, shop: Any, guest_api: Any) -> None:
        other = UserFactory()
        shop.book(other)

        answer = guest_api.get("/api/bookings/lookup/", {"phone": other.phone})

        assert answer.status_code == 403

    def test_staff_may_look_in_their_events(self, shop: Any, staff_api: Any) -> None:
        other = UserFactory()
        shop.book(other)

        assert staff_api.get("/api/bookings/lookup/", {"phone": other.phone}).json()["count"] == 1

    def test_a_bad_phone_is_a_validation_error(self, guest_api: Any) -> None:
        answer = guest_api.get("/api/bookings/lookup/", {"phone": "12"})

        assert answer.status_code == 400
        assert "phone" in error_of(answer)["fields"]

    def test_signed_out_callers_are_refused(self, api: Any) -> None:
        assert api.get("/api/bookings/lookup/", {"phone": "+966512345678"}).status_code == 401
        assert api.get("/api/bookings/").status_code == 401
