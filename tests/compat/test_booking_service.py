"""/compat/booking-service/: every request example of reference/time-slot-rooms.md, sent as
written, and the edges of its hold, its authentication and bad input.

The README books 2025-10-25, so the clock is frozen before it; its room is id 1 (Conference
Room A, 09:00 to 18:00 in 30-minute slots at 50.00 each). Stripe is the fake on 127.0.0.1,
with its real signature scheme.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.conf import settings
from rest_framework.test import APIClient

from backend.accounts.models import User
from backend.bookings.models import Booking
from backend.inventory.models import Amenity, Event, Resource, Slot, Venue
from backend.inventory.services.slots import slots_for_time_ranges
from backend.payments.models import Payment
from tests.factories import EventFactory, StaffFactory
from tests.support.fake_stripe import (
    FakeStripe,
    payment_intent_canceled,
    signed_webhook,
    stripe_signature,
)

pytestmark = pytest.mark.django_db
committing = pytest.mark.django_db(transaction=True)

BASE = "/compat/booking-service"
NOW = datetime(2025, 10, 20, 6, 0, tzinfo=UTC)
COOKIE = "refresh_token"

# The README's bodies, as written.
REGISTER = {
    "email": "user@example.com",
    "password": "yourpassword",
    "confirm_password": "yourpassword",
}
LOGIN = {"email": "user@example.com", "password": "yourpassword"}
BOOKING = {
    "user_id": 1,
    "room_id": 1,
    "booking_date": "2025-10-25",
    "start_time": "09:00:00",
    "end_time": "10:00:00",
    "guest_count": 5,
    "special_requests": "Need projector setup",
}
PAYMENT_INTENT = {"booking_id": 1, "amount": 100.00, "currency": "usd"}


@pytest.fixture(autouse=True)
def frozen() -> Iterator[Any]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def room(db: Any) -> Resource:
    """The README's room 1, open 09:00 to 18:00 (Riyadh time) in 30-minute slots."""
    venue = Venue.objects.create(name="Workspace", city="Riyadh", time_zone="Asia/Riyadh")
    event = EventFactory(
        venue=venue,
        kind=Event.Kind.ROOMS,
        currency="USD",
        hold_minutes=30,
        max_quantity_per_hold=18,
        starts_at=datetime(2025, 10, 1, tzinfo=UTC),
        ends_at=datetime(2025, 12, 1, tzinfo=UTC),
    )
    resource = Resource.objects.create(
        pk=1,
        event=event,
        kind=Resource.Kind.SPACE,
        name="Conference Room A",
        description="Large conference room",
        price=Decimal("50.00"),
        guest_capacity=10,
    )
    for order, label in enumerate(["WiFi", "Projector", "Whiteboard"]):
        amenity = Amenity.objects.create(code=f"bs-{label.lower()}", label=label, sort_order=order)
        resource.amenities.add(amenity)
    slots_for_time_ranges(
        resource,
        first_day=date(2025, 10, 20),
        last_day=date(2025, 10, 31),
        opening=time(9),
        closing=time(18),
    )
    return resource


@pytest.fixture
def client() -> APIClient:
    return APIClient(enforce_csrf_checks=True)


def post(client: APIClient, path: str, body: Any = None, **headers: str) -> Any:
    if body is None:
        return client.post(f"{BASE}{path}", **headers)
    return client.post(
        f"{BASE}{path}", json.dumps(body), content_type="application/json", **headers
    )


def get(client: APIClient, path: str, **headers: str) -> Any:
    return client.get(f"{BASE}{path}", **headers)


def error_of(answer: Any) -> dict[str, Any]:
    body = answer.json()
    assert body["ok"] is False, body
    return body["error"]


def bearer(access: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {access}"}


def signed_up(client: APIClient, email: str = "user@example.com") -> str:
    """Registered and signed in as the README does; the access token."""
    password = "yourpassword"
    body = {"email": email, "password": password, "confirm_password": password}
    assert post(client, "/api/register/", body).status_code == 201
    answer = post(client, "/api/login/", {"email": email, "password": password})
    assert answer.status_code == 200, answer.json()
    return answer.json()["access"]


def login(client: APIClient, email: str = "user@example.com") -> str:
    """A fresh access token (they live 15 minutes; some tests wait longer)."""
    answer = post(client, "/api/login/", {"email": email, "password": "yourpassword"})
    assert answer.status_code == 200, answer.json()
    return answer.json()["access"]


def book(client: APIClient, access: str, **change: Any) -> Any:
    return post(client, "/api/bookings/", {**BOOKING, **change}, **bearer(access))


def free_slots(room: Resource) -> int:
    return sum(s.capacity - s.sold - s.held for s in Slot.objects.filter(resource=room))


# Authentication


class TestAuth:
    def test_the_readme_register_then_login(self, client: APIClient) -> None:
        registered = post(client, "/api/register/", REGISTER)
        login = post(client, "/api/login/", LOGIN)

        assert registered.status_code == 201, registered.json()
        assert registered.json()["message"] == "Registration successful"
        user = User.objects.get(email="user@example.com")
        assert login.status_code == 200, login.json()
        body = login.json()
        assert body["message"] == "Login successful"
        assert body["user_id"] == user.pk
        assert body["email"] == "user@example.com"
        assert body["is_staff"] is False
        assert body["is_superuser"] is False
        assert body["access"]
        assert "refresh" not in body  # only in the cookie
        cookie = login.cookies[COOKIE]
        assert cookie["httponly"]
        assert cookie["samesite"] == "Lax"
        assert cookie["path"] == "/compat/booking-service/api/"

    def test_a_taken_address_gets_the_same_answer(self, client: APIClient) -> None:
        first = post(client, "/api/register/", REGISTER)
        again = post(client, "/api/register/", REGISTER)

        assert (again.status_code, again.json()) == (first.status_code, first.json())
        assert User.objects.filter(email="user@example.com").count() == 1

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"confirm_password": "otherpassword"}, "confirm_password"),
            ({"password": "12345678", "confirm_password": "12345678"}, "password"),
            ({"email": "not-an-email"}, "email"),
            ({"password": None}, "password"),
        ],
    )
    def test_bad_registrations_are_400(
        self, client: APIClient, change: dict[str, Any], field: str
    ) -> None:
        answer = post(client, "/api/register/", {**REGISTER, **change})

        assert answer.status_code == 400
        assert field in error_of(answer)["fields"]
        assert not User.objects.filter(email="user@example.com").exists()

    def test_a_wrong_password_is_401(self, client: APIClient) -> None:
        post(client, "/api/register/", REGISTER)

        answer = post(client, "/api/login/", {**LOGIN, "password": "wrongpassword"})

        assert answer.status_code == 401
        assert COOKIE not in answer.cookies

    def test_the_readme_refresh_reads_the_cookie_and_rotates_it(
        self, client: APIClient, frozen: Any
    ) -> None:
        signed_up(client)
        first_cookie = client.cookies[COOKIE].value

        answer = post(client, "/api/token/refresh-cookie/")

        assert answer.status_code == 200, answer.json()
        assert answer.json()["message"] == "Token refreshed successfully"
        assert answer.json()["access"]
        assert answer.cookies[COOKIE].value != first_cookie
        # The new access token works; the spent refresh token does not.
        assert get(client, "/api/rooms/", **bearer(answer.json()["access"])).status_code == 200
        frozen.shift(settings.JWT_REFRESH_REUSE_SECONDS + 1)  # past the native grace
        stale = APIClient()
        stale.cookies[COOKIE] = first_cookie
        assert post(stale, "/api/token/refresh-cookie/").status_code == 401

    def test_refresh_without_the_cookie_is_401(self, client: APIClient) -> None:
        answer = post(client, "/api/token/refresh-cookie/")

        assert answer.status_code == 401
        assert error_of(answer)["code"] == "not_authenticated"

    @committing  # the revocation is remembered on commit
    def test_the_readme_logout_ends_the_session(self, client: APIClient) -> None:
        access = signed_up(client)

        answer = post(client, "/api/logout/", **bearer(access))

        assert answer.status_code == 200, answer.json()
        assert answer.json() == {"message": "Logout successful"}
        assert get(client, "/api/rooms/", **bearer(access)).status_code == 401
        assert post(client, "/api/token/refresh-cookie/").status_code == 401

    def test_logout_without_a_token_is_401(self, client: APIClient) -> None:
        assert post(client, "/api/logout/").status_code == 401


# Rooms and bookings


class TestRooms:
    def test_the_readme_room_list(self, client: APIClient, room: Resource) -> None:
        access = signed_up(client)

        answer = get(client, "/api/rooms/", **bearer(access))

        assert answer.status_code == 200, answer.json()
        body = answer.json()
        assert body["count"] == 1
        [listed] = body["rooms"]
        assert {k: v for k, v in listed.items() if k != "currency"} == {
            "id": 1,
            "name": "Conference Room A",
            "description": "Large conference room",
            "price_per_slot": 50.00,
            "capacity": 10,
            "amenities": ["WiFi", "Projector", "Whiteboard"],
            "is_available": True,
            "slot_duration_minutes": 30,
            "opening_time": "09:00:00",
            "closing_time": "18:00:00",
        }

    def test_signed_out_it_is_401(self, client: APIClient, room: Resource) -> None:
        assert get(client, "/api/rooms/").status_code == 401


class TestCreateBooking:
    def test_the_readme_booking_holds_two_slots_for_thirty_minutes(
        self, client: APIClient, room: Resource
    ) -> None:
        access = signed_up(client)

        answer = book(client, access)

        assert answer.status_code == 201, answer.json()
        body = answer.json()
        user = User.objects.get(email="user@example.com")
        assert {
            k: v for k, v in body.items() if k not in ("id", "currency", "special_requests")
        } == {
            "user_id": user.pk,
            "user_name": "user@example.com",
            "user_email": "user@example.com",
            "room_id": 1,
            "room_name": "Conference Room A",
            "booking_date": "2025-10-25",
            "start_time": "09:00:00",
            "end_time": "10:00:00",
            "guest_count": 5,
            "total_amount": 100.00,
            "number_of_slots": 2,
            "status": "pending",
            "payment_status": "pending",
            "hold_expires_at": "2025-10-20T06:30:00Z",
        }
        booking = Booking.objects.get(pk=body["id"])
        assert booking.status == Booking.Status.PENDING_PAYMENT
        assert booking.details["special_requests"] == "Need projector setup"
        held = Slot.objects.filter(resource=room, held=1).order_by("starts_at")
        assert [s.starts_at for s in held] == [
            datetime(2025, 10, 25, 6, 0, tzinfo=UTC),  # 09:00 in Riyadh
            datetime(2025, 10, 25, 6, 30, tzinfo=UTC),
        ]

    def test_the_readme_detail(self, client: APIClient, room: Resource) -> None:
        access = signed_up(client)
        made = book(client, access).json()

        answer = get(client, f"/api/bookings/{made['id']}/", **bearer(access))
        stranger = get(
            APIClient(), f"/api/bookings/{made['id']}/", **bearer(signed_up(APIClient(), "b@x.io"))
        )

        assert answer.status_code == 200
        assert answer.json() == made
        assert stranger.status_code == 404
        assert get(client, "/api/bookings/1/", **bearer(access)).status_code == 404

    def test_a_taken_slot_is_409_and_nothing_more_is_held(
        self, client: APIClient, room: Resource
    ) -> None:
        book(client, signed_up(client))
        other = signed_up(APIClient(), "other@example.com")
        free = free_slots(room)

        answer = book(APIClient(), other, start_time="09:30:00", end_time="11:00:00")

        assert answer.status_code == 409
        assert error_of(answer)["code"] == "sold_out"
        assert free_slots(room) == free

    def test_more_guests_than_the_room_takes_is_400_and_nothing_is_held(
        self, client: APIClient, room: Resource
    ) -> None:
        access = signed_up(client)
        free = free_slots(room)

        edge = book(client, access, guest_count=11)
        fits = book(client, access, guest_count=10)

        assert edge.status_code == 400
        assert "details" in error_of(edge)["fields"]
        assert fits.status_code == 201
        assert free_slots(room) == free - 2

    @pytest.mark.parametrize(
        ("change", "status", "field"),
        [
            ({"start_time": "09:15:00"}, 400, "start_time"),  # not a slot boundary
            ({"end_time": "10:10:00"}, 400, "end_time"),
            ({"start_time": "17:30:00", "end_time": "18:30:00"}, 400, "end_time"),  # closes 18:00
            ({"start_time": "08:00:00", "end_time": "09:30:00"}, 400, "start_time"),
            ({"end_time": "09:00:00"}, 400, "end_time"),
            ({"booking_date": "25-10-2025"}, 400, "booking_date"),
            ({"booking_date": "2025-12-25"}, 400, "start_time"),  # no slots that day
            ({"room_id": 999}, 404, None),
            ({"room_id": "one"}, 400, "room_id"),
            ({"guest_count": 0}, 400, "guest_count"),
        ],
    )
    def test_bad_bookings(
        self,
        client: APIClient,
        room: Resource,
        change: dict[str, Any],
        status: int,
        field: str | None,
    ) -> None:
        access = signed_up(client)

        answer = book(client, access, **change)

        assert answer.status_code == status
        if field:
            assert field in error_of(answer)["fields"]
        assert not Booking.objects.exists()
        assert not Slot.objects.filter(held__gt=0).exists()

    def test_a_past_slot_is_refused(self, client: APIClient, room: Resource, frozen: Any) -> None:
        frozen.move_to(datetime(2025, 10, 25, 6, 10, tzinfo=UTC))  # 09:10 in Riyadh
        access = signed_up(client)

        ended = book(client, access, booking_date="2025-10-24")
        earlier_today = book(client, access, start_time="08:30:00", end_time="09:00:00")

        assert ended.status_code == 400, ended.json()
        assert "booking_date" in error_of(ended)["fields"]
        assert earlier_today.status_code == 400  # before opening: no such slot
        assert not Booking.objects.exists()

    def test_signed_out_it_is_401(self, client: APIClient, room: Resource) -> None:
        assert post(client, "/api/bookings/", BOOKING).status_code == 401


def booked(client: APIClient) -> tuple[str, str]:
    access = signed_up(client)
    answer = book(client, access)
    assert answer.status_code == 201, answer.json()
    return access, answer.json()["id"]


def intent(client: APIClient, access: str, booking_id: str, **change: Any) -> Any:
    body = {**PAYMENT_INTENT, "booking_id": booking_id, **change}
    return post(client, "/api/payment-intent/", body, **bearer(access))


class TestPaymentIntent:
    def test_the_readme_payment_intent(
        self, client: APIClient, room: Resource, stripe_fake: FakeStripe
    ) -> None:
        access, booking_id = booked(client)

        readme = post(client, "/api/payment-intent/", PAYMENT_INTENT, **bearer(access))
        answer = intent(client, access, booking_id)
        again = intent(client, access, booking_id)

        assert readme.status_code == 404  # its booking_id 1 names no booking here
        assert answer.status_code == 200, answer.json()
        body = answer.json()
        [created] = stripe_fake.intents.values()
        assert body["payment_intent_id"] == created["id"]
        assert body["client_secret"] == created["client_secret"]
        assert body["amount"] == 100.00
        assert body["currency"] == "usd"
        assert body["status"] == "requires_payment_method"
        assert body["booking_id"] == booking_id
        assert created["amount"] == 10000
        assert again.json()["payment_intent_id"] == created["id"]
        assert len(stripe_fake.intents) == 1

    @pytest.mark.parametrize(
        ("change", "field"), [({"amount": 99.99}, "amount"), ({"currency": "eur"}, "currency")]
    )
    def test_an_amount_or_currency_not_the_bookings_is_400(
        self,
        client: APIClient,
        room: Resource,
        stripe_fake: FakeStripe,
        change: dict[str, Any],
        field: str,
    ) -> None:
        access, booking_id = booked(client)

        answer = intent(client, access, booking_id, **change)

        assert answer.status_code == 400
        assert field in error_of(answer)["fields"]
        assert not stripe_fake.intents

    def test_without_stripe_configured_it_is_503_not_a_provider_field(
        self, client: APIClient, room: Resource, settings: Any
    ) -> None:
        """The embedded default has no Stripe: 503, not a 400 naming a ``provider`` field
        the client never sent."""
        settings.STRIPE_SECRET_KEY = ""
        access, booking_id = booked(client)

        answer = intent(client, access, booking_id)

        assert answer.status_code == 503, answer.json()
        assert error_of(answer)["code"] == "no_provider"
        assert not Payment.objects.exists()

    def test_someone_elses_booking_is_404(
        self, client: APIClient, room: Resource, stripe_fake: FakeStripe
    ) -> None:
        _, booking_id = booked(client)
        stranger = signed_up(APIClient(), "b@x.io")

        assert intent(APIClient(), stranger, booking_id).status_code == 404

    def test_the_hold_lasts_thirty_minutes_to_the_second(
        self, client: APIClient, room: Resource, stripe_fake: FakeStripe, frozen: Any
    ) -> None:
        _, booking_id = booked(client)
        other = APIClient()
        other_access = signed_up(other, "b@x.io")
        other_id = book(other, other_access, start_time="11:00:00", end_time="12:00:00")
        frozen.shift(timedelta(minutes=30) - timedelta(seconds=1))

        in_time = intent(client, login(client), booking_id)
        frozen.shift(timedelta(seconds=1))
        late = intent(other, login(other, "b@x.io"), other_id.json()["id"])

        assert in_time.status_code == 200, in_time.json()
        assert late.status_code == 410
        assert error_of(late)["code"] == "hold_expired"

    def test_cleanup_expires_what_is_due(
        self, client: APIClient, room: Resource, frozen: Any
    ) -> None:
        _, booking_id = booked(client)
        before = post(client, "/api/cleanup-expired-bookings")
        frozen.shift(timedelta(minutes=30, seconds=1))

        after = post(client, "/api/cleanup-expired-bookings")

        assert before.json()["expired"] == 0
        assert after.status_code == 200
        assert after.json()["expired"] == 1
        detail = get(client, f"/api/bookings/{booking_id}/", **bearer(login(client))).json()
        assert detail["status"] == "expired"
        assert free_slots(room) == Slot.objects.filter(resource=room).count()


class TestAllBookings:
    def test_staff_see_every_booking_and_guests_get_403(
        self, client: APIClient, room: Resource
    ) -> None:
        access, booking_id = booked(client)
        book(
            APIClient(),
            signed_up(APIClient(), "b@x.io"),
            start_time="11:00:00",
            end_time="12:00:00",
        )
        StaffFactory(email="admin@example.com", grant__event=room.event)
        staff = post(
            APIClient(),
            "/api/login/",
            {"email": "admin@example.com", "password": "correct horse battery"},
        ).json()

        answer = get(APIClient(), "/api/bookings/all/", **bearer(staff["access"]))
        refused = get(client, "/api/bookings/all/", **bearer(access))

        assert staff["is_staff"] is True
        assert answer.status_code == 200, answer.json()
        assert answer.json()["count"] == 2
        assert booking_id in {b["id"] for b in answer.json()["bookings"]}
        assert refused.status_code == 403
        assert error_of(refused)["code"] == "forbidden"

    def test_staff_of_another_event_see_none_of_these(
        self, client: APIClient, room: Resource
    ) -> None:
        booked(client)
        StaffFactory(email="elsewhere@example.com", grant__event=EventFactory())
        staff = post(
            APIClient(),
            "/api/login/",
            {"email": "elsewhere@example.com", "password": "correct horse battery"},
        ).json()

        answer = get(APIClient(), "/api/bookings/all/", **bearer(staff["access"]))

        assert answer.status_code == 200
        assert answer.json()["count"] == 0


def deliver(body: bytes, signature: str | None) -> Any:
    headers = {"HTTP_STRIPE_SIGNATURE": signature} if signature else {}
    return APIClient(enforce_csrf_checks=True).post(
        f"{BASE}/api/stripe-webhook/", body, content_type="application/json", **headers
    )


def paying(client: APIClient, stripe_fake: FakeStripe) -> tuple[str, str, dict[str, Any]]:
    access, booking_id = booked(client)
    answer = intent(client, access, booking_id)
    assert answer.status_code == 200, answer.json()
    return access, booking_id, stripe_fake.intent(answer.json()["payment_intent_id"])


@committing
class TestStripeWebhook:
    def test_payment_intent_succeeded_confirms_the_booking(
        self, client: APIClient, room: Resource, stripe_fake: FakeStripe
    ) -> None:
        access, booking_id, created = paying(client, stripe_fake)
        paid = stripe_fake.succeed(created["id"])  # payment_intent.succeeded

        answer = deliver(*signed_webhook(paid, stripe_fake.webhook_secret))

        assert answer.status_code == 200, answer.json()
        detail = get(client, f"/api/bookings/{booking_id}/", **bearer(access)).json()
        assert (detail["status"], detail["payment_status"]) == ("confirmed", "succeeded")
        assert Slot.objects.filter(resource=room, sold=1).count() == 2

    def test_a_bad_or_missing_signature_is_400_and_changes_nothing(
        self, client: APIClient, room: Resource, stripe_fake: FakeStripe
    ) -> None:
        _, booking_id, created = paying(client, stripe_fake)
        paid = stripe_fake.succeed(created["id"])
        body, _ = signed_webhook(paid, stripe_fake.webhook_secret)
        forged = stripe_signature(body, "whsec_not_the_secret")
        old = stripe_signature(
            body, stripe_fake.webhook_secret, timestamp=int(NOW.timestamp()) - 3600
        )

        answers = [deliver(body, forged), deliver(body, None), deliver(body, old)]

        assert [a.status_code for a in answers] == [400, 400, 400]
        assert error_of(answers[0])["code"] == "bad_signature"
        assert Booking.objects.get(pk=booking_id).status == Booking.Status.PENDING_PAYMENT

    def test_payment_failed_marks_the_payment_failed_and_keeps_the_hold(
        self, client: APIClient, room: Resource, stripe_fake: FakeStripe
    ) -> None:
        access, booking_id, created = paying(client, stripe_fake)
        declined = stripe_fake.decline(created["id"])  # payment_intent.payment_failed

        answer = deliver(*signed_webhook(declined, stripe_fake.webhook_secret))

        assert answer.status_code == 200
        detail = get(client, f"/api/bookings/{booking_id}/", **bearer(access)).json()
        assert (detail["status"], detail["payment_status"]) == ("pending", "failed")
        assert Payment.objects.get(booking_id=booking_id).status == Payment.Status.FAILED
        assert Slot.objects.filter(resource=room, held=1).count() == 2

    def test_payment_intent_canceled_releases_the_slots(
        self, client: APIClient, room: Resource, stripe_fake: FakeStripe
    ) -> None:
        access, booking_id, created = paying(client, stripe_fake)
        delivery = signed_webhook(payment_intent_canceled(created), stripe_fake.webhook_secret)

        answer = deliver(*delivery)
        replay = deliver(*delivery)

        assert answer.status_code == 200
        assert replay.status_code == 200
        detail = get(client, f"/api/bookings/{booking_id}/", **bearer(access)).json()
        assert detail["status"] == "cancelled"
        assert not Slot.objects.filter(resource=room, held__gt=0).exists()
        # The same slots can be booked again at once.
        assert book(client, access).status_code == 201


ODD_BODIES = [
    {"email": "a\u0000@b.c", "password": "\u0000", "special_requests": "\u0000", "room_id": 1},
    [],
    "x",
    None,
    {"room_id": 1, "booking_date": "9999-12-31", "start_time": "23:30", "end_time": "23:59"},
    {"room_id": 10**30, "booking_date": "2025-10-25", "start_time": "09:00", "end_time": "10:00"},
    {"start_time": "24:00:00", "user_id": "me"},
    {"booking_id": 10**40, "amount": "abc"},
    {"booking_id": "00000000-0000-0000-0000-000000000000", "amount": "1e400"},
    {"email": "a@b.c", "password": "x" * 300, "confirm_password": "x" * 300},
]
POSTS = [
    "/api/register/",
    "/api/login/",
    "/api/token/refresh-cookie/",
    "/api/logout/",
    "/api/bookings/",
    "/api/payment-intent/",
]


@pytest.mark.parametrize("path", POSTS)
def test_no_input_is_a_500(client: APIClient, room: Resource, path: str) -> None:
    access = signed_up(client, "odd@example.com")

    statuses = {post(client, path, body, **bearer(access)).status_code for body in ODD_BODIES}
    pages = get(client, "/api/bookings/all/?page=x&page_size=100000", **bearer(access))

    assert max(statuses) < 500, statuses
    assert pages.status_code in (400, 403)
