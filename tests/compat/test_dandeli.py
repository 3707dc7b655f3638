"""/compat/dandeli/: every request example of reference/resort-stays.md, sent as written, and
the edges of its limits, its authentication and bad input.

The README's examples book December 2024, so the clock is frozen before it; its resort is
id 1 and its room id 101 (made with those ids). Razorpay is the fake on 127.0.0.1, with its
real signature scheme.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import PIL.Image
import pytest
import time_machine
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from rest_framework.test import APIClient

from backend.accounts.models import AuthSession, User
from backend.accounts.services.sessions import session_start
from backend.bookings.models import Booking
from backend.inventory.models import Event, Hold, Resource, ResourceImage, Slot, Venue
from backend.inventory.services.slots import slots_for_nights
from backend.payments.models import Payment
from tests.accounts.phone_codes import codes_sent, last_code
from tests.factories import EventFactory
from tests.support.fake_razorpay import (
    FakeRazorpay,
    payment_captured,
    payment_failed,
    signed_webhook,
    webhook_signature,
)

pytestmark = pytest.mark.django_db
# Sending a code and handling a webhook happen after commit: those tests commit for real.
committing = pytest.mark.django_db(transaction=True)

BASE = "/compat/dandeli"
IMAGE = "room_images/beach_view.jpg"
NOW = datetime(2024, 12, 1, 6, 0, tzinfo=UTC)
PHONE = "9999988888"
E164 = "+919999988888"

# The README's bodies, as written.
OTP_REQUEST = {"phone_number": "9999988888"}
OTP_VERIFY = {"phone_number": "9999988888", "otp": "123456"}
PROFILE = {
    "name": "John Doe",
    "email": "john.doe@example.com",
    "date_of_birth": "1990-01-15",
    "gender": "Male",
}
SEARCH = "location=Goa&check_in_date=2024-12-20&check_out_date=2024-12-25&guests=2"
SELECT = {
    "resort_id": 1,
    "room_ids": [101],
    "check_in_date": "2024-12-20",
    "check_out_date": "2024-12-25",
    "guests": 2,
}
GUESTS = {
    "booking_attempt_id": 123,
    "guests": [
        {"room_id": 101, "name": "Alice", "age": 30},
        {"room_id": 101, "name": "Bob", "age": 32},
    ],
}
PAY = {"booking_attempt_id": 123}


@pytest.fixture(autouse=True)
def frozen() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def resort(db: Any) -> Event:
    """The README's resort (id 1, Goa) with room 101 (A101, 2 guests, 7500.00 a night)."""
    venue = Venue.objects.create(
        pk=1, name="Beachside Resort", city="Goa", time_zone="Asia/Kolkata", country="IN"
    )
    event = EventFactory(
        venue=venue,
        kind=Event.Kind.STAYS,
        currency="INR",
        starts_at=datetime(2024, 11, 1, tzinfo=UTC),
        ends_at=datetime(2025, 3, 1, tzinfo=UTC),
    )
    room = Resource.objects.create(
        pk=101,
        event=event,
        kind=Resource.Kind.ROOM,
        name="A101",
        guest_capacity=2,
        price=Decimal("7500.00"),
    )
    if not default_storage.exists(IMAGE):
        picture = io.BytesIO()
        PIL.Image.new("RGB", (8, 6), "teal").save(picture, "JPEG")
        default_storage.save(IMAGE, ContentFile(picture.getvalue()))
    ResourceImage.objects.create(resource=room, image=IMAGE, alt="Beach view")
    slots_for_nights(room, first_night=date(2024, 12, 15), last_night=date(2024, 12, 31))
    other = Resource.objects.create(
        pk=102,
        event=event,
        kind=Resource.Kind.ROOM,
        name="A102",
        guest_capacity=3,
        price=Decimal("9000.00"),
    )
    slots_for_nights(other, first_night=date(2024, 12, 15), last_night=date(2024, 12, 31))
    return event


@pytest.fixture
def client() -> APIClient:
    return APIClient(enforce_csrf_checks=True)


def post(client: APIClient, path: str, body: Any, **headers: str) -> Any:
    return client.post(
        f"{BASE}{path}", json.dumps(body), content_type="application/json", **headers
    )


def error_of(answer: Any) -> dict[str, Any]:
    body = answer.json()
    assert body["ok"] is False, body
    return body["error"]


def sign_in(client: APIClient, caplog: pytest.LogCaptureFixture, phone: str = PHONE) -> str:
    """Signed in as a client is: a code by SMS, then the verification."""
    caplog.set_level("INFO", logger="gatehouse.sms")
    assert post(client, "/api/auth/otp/request/", {"phone_number": phone}).status_code == 200
    e164 = "+91" + phone[-10:]
    answer = post(
        client, "/api/auth/otp/verify/", {"phone_number": phone, "otp": last_code(caplog, e164)}
    )
    assert answer.status_code == 200, answer.json()
    return answer.json()["access"]


def guest(phone: str = E164) -> str:
    """An access token for the phone's account, without an SMS (the booking tests)."""
    user, _ = User.objects.get_or_create(phone=phone)
    return session_start(user=user, method=AuthSession.Method.OTP).access


def bearer(access: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {access}"}


def held_and_sold(room: int) -> set[tuple[int, int]]:
    return set(Slot.objects.filter(resource_id=room).values_list("held", "sold"))


# Authentication


class TestOtp:
    @committing
    def test_the_readme_request_sends_a_code_to_the_indian_number(
        self, client: APIClient, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level("INFO", logger="gatehouse.sms")

        answer = post(client, "/api/auth/otp/request/", OTP_REQUEST)

        assert answer.status_code == 200, answer.json()
        assert answer.json()["message"] == "OTP sent successfully."
        assert answer.json()["resend_in"] == settings.OTP_RESEND_COOLDOWN_SECONDS
        assert len(codes_sent(caplog, E164)) == 1

    @committing
    def test_the_readme_verify_with_its_code_is_a_wrong_code_then_the_sent_one_signs_in(
        self, client: APIClient, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level("INFO", logger="gatehouse.sms")
        post(client, "/api/auth/otp/request/", OTP_REQUEST)
        code = last_code(caplog, E164)
        readme = OTP_VERIFY if code != "123456" else {**OTP_VERIFY, "otp": "654321"}

        wrong = post(client, "/api/auth/otp/verify/", readme)
        right = post(client, "/api/auth/otp/verify/", {**OTP_VERIFY, "otp": code})

        assert wrong.status_code == 400
        assert error_of(wrong)["code"] == "otp_invalid"
        assert error_of(wrong)["attempts_remaining"] == settings.OTP_MAX_CHECKS - 1
        assert right.status_code == 200, right.json()
        body = right.json()
        assert body["access"]
        assert body["refresh"]
        assert body["is_new_user"] is True
        assert body["user"]["phone_number"] == E164
        assert User.objects.filter(phone=E164).exists()
        assert right.cookies[settings.REFRESH_COOKIE_NAME]["httponly"]
        # The access token works on the signed-in endpoints.
        profile = post(client, "/api/auth/profile/update/", {"name": "A"}, **bearer(body["access"]))
        assert profile.status_code == 200

    @committing
    def test_a_second_request_within_the_cooldown_is_429_and_one_after_it_is_sent(
        self,
        client: APIClient,
        caplog: pytest.LogCaptureFixture,
        frozen: time_machine.Coordinates,
    ) -> None:
        caplog.set_level("INFO", logger="gatehouse.sms")
        post(client, "/api/auth/otp/request/", OTP_REQUEST)

        frozen.shift(settings.OTP_RESEND_COOLDOWN_SECONDS - 1)
        early = post(client, "/api/auth/otp/request/", OTP_REQUEST)
        frozen.shift(1)
        on_time = post(client, "/api/auth/otp/request/", OTP_REQUEST)

        assert early.status_code == 429
        assert error_of(early)["code"] == "rate_limited"
        assert error_of(early)["retry_after"] >= 1
        assert on_time.status_code == 200
        assert len(codes_sent(caplog, E164)) == 2

    @committing
    def test_the_last_allowed_check_then_the_code_is_dead(
        self, client: APIClient, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level("INFO", logger="gatehouse.sms")
        post(client, "/api/auth/otp/request/", OTP_REQUEST)
        code = last_code(caplog, E164)
        wrong = "000000" if code != "000000" else "111111"

        answers = [
            post(client, "/api/auth/otp/verify/", {**OTP_VERIFY, "otp": wrong})
            for _ in range(settings.OTP_MAX_CHECKS)
        ]
        after = post(client, "/api/auth/otp/verify/", {**OTP_VERIFY, "otp": code})

        remaining = [error_of(a)["attempts_remaining"] for a in answers]
        assert remaining == list(range(settings.OTP_MAX_CHECKS - 1, -1, -1))
        assert after.status_code == 400
        assert error_of(after)["code"] == "otp_exhausted"

    @committing
    def test_the_newest_code_is_the_one_checked(
        self,
        client: APIClient,
        caplog: pytest.LogCaptureFixture,
        frozen: time_machine.Coordinates,
    ) -> None:
        caplog.set_level("INFO", logger="gatehouse.sms")
        post(client, "/api/auth/otp/request/", OTP_REQUEST)
        frozen.shift(settings.OTP_RESEND_COOLDOWN_SECONDS)
        post(client, "/api/auth/otp/request/", OTP_REQUEST)
        first, second = codes_sent(caplog, E164)

        older = post(client, "/api/auth/otp/verify/", {**OTP_VERIFY, "otp": first})
        answer = post(client, "/api/auth/otp/verify/", {**OTP_VERIFY, "otp": second})

        assert older.status_code == (200 if first == second else 400)
        assert answer.status_code == (400 if first == second else 200), answer.json()

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({}, "phone_number"),
            ({"phone_number": "12"}, "phone_number"),
            ({"phone_number": 9999988888}, "phone_number"),
            ({"phone_number": "02224567890"}, "phone_number"),  # a landline: no SMS
        ],
    )
    def test_bad_phone_numbers_are_400_naming_phone_number(
        self, client: APIClient, body: dict[str, Any], field: str
    ) -> None:
        answer = post(client, "/api/auth/otp/request/", body)

        assert answer.status_code == 400
        assert field in error_of(answer)["fields"]

    @pytest.mark.parametrize(
        "body",
        [{}, {"phone_number": PHONE}, {"phone_number": PHONE, "otp": ""}, [1], "x"],
    )
    def test_bad_verify_bodies_are_400(self, client: APIClient, body: Any) -> None:
        answer = post(client, "/api/auth/otp/verify/", body)

        assert answer.status_code == 400
        assert error_of(answer)["code"] == "validation_error"

    def test_verify_without_any_request_is_400_naming_otp(self, client: APIClient) -> None:
        answer = post(client, "/api/auth/otp/verify/", OTP_VERIFY)

        assert answer.status_code == 400
        assert "otp" in error_of(answer)["fields"]


class TestProfile:
    @committing
    def test_the_readme_update(self, client: APIClient, caplog: pytest.LogCaptureFixture) -> None:
        access = sign_in(client, caplog)

        answer = post(client, "/api/auth/profile/update/", PROFILE, **bearer(access))

        assert answer.status_code == 200, answer.json()
        assert answer.json()["user"]["name"] == "John Doe"
        assert answer.json()["user"]["gender"] == "Male"
        user = User.objects.get(phone=E164)
        assert (user.name, user.email, user.date_of_birth, user.gender) == (
            "John Doe",
            "john.doe@example.com",
            date(1990, 1, 15),
            "male",
        )

    @pytest.mark.parametrize("headers", [{}, {"HTTP_AUTHORIZATION": "Bearer not-a-token"}])
    def test_without_a_valid_token_it_is_401(
        self, client: APIClient, headers: dict[str, str]
    ) -> None:
        answer = post(client, "/api/auth/profile/update/", PROFILE, **headers)

        assert answer.status_code == 401
        assert error_of(answer)["code"] == "not_authenticated"

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"gender": "robot"}, "gender"),
            ({"date_of_birth": "15/01/1990"}, "date_of_birth"),
            ({"email": "nope"}, "email"),
        ],
    )
    def test_bad_fields_are_400(
        self,
        client: APIClient,
        change: dict[str, str],
        field: str,
    ) -> None:
        access = guest()

        answer = post(client, "/api/auth/profile/update/", {**PROFILE, **change}, **bearer(access))

        assert answer.status_code == 400
        assert field in error_of(answer)["fields"]
        assert User.objects.get(phone=E164).name != "John Doe"


# Booking flow


class TestSearch:
    def test_the_readme_search(self, client: APIClient, resort: Event) -> None:
        answer = client.get(f"{BASE}/api/rooms/search/?{SEARCH}")

        assert answer.status_code == 200, answer.json()
        [found] = answer.json()
        assert found["resort_id"] == 1
        assert found["resort_name"] == "Beachside Resort"
        assert found["location"] == "Goa"
        rooms = {room["id"]: room for room in found["available_rooms"]}
        assert set(rooms) == {101, 102}
        assert rooms[101] == {
            "id": 101,
            "room_number": "A101",
            "capacity": 2,
            "price_per_night": "7500.00",
            "total_price": "37500.00",
            "images": [{"image": "/media/room_images/beach_view.jpg"}],
        }

    def test_a_room_held_some_night_is_not_listed(self, client: APIClient, resort: Event) -> None:
        access = guest()
        post(client, "/api/booking/select-rooms/", SELECT, **bearer(access))

        answer = client.get(f"{BASE}/api/rooms/search/?{SEARCH}")

        [found] = answer.json()
        assert [room["id"] for room in found["available_rooms"]] == [102]

    def test_too_many_guests_for_the_rooms_left_finds_nothing(
        self, client: APIClient, resort: Event
    ) -> None:
        answer = client.get(f"{BASE}/api/rooms/search/?{SEARCH.replace('guests=2', 'guests=6')}")

        assert answer.status_code == 200
        assert answer.json() == []

    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ("location=Goa&check_in_date=2024-12-25&check_out_date=2024-12-20", "check_out_date"),
            ("location=Goa&check_in_date=2024-11-20&check_out_date=2024-11-25", "check_in_date"),
            ("location=Goa&check_in_date=20-12-2024&check_out_date=2024-12-25", "check_in_date"),
            ("location=Goa&check_in_date=2024-12-20", "check_out_date"),
            ("check_in_date=2024-12-20&check_out_date=2024-12-25", "location"),
            (SEARCH.replace("guests=2", "guests=two"), "guests"),
            (SEARCH.replace("guests=2", "guests=0"), "guests"),
        ],
    )
    def test_bad_queries_are_400_naming_the_readme_field(
        self, client: APIClient, resort: Event, query: str, field: str
    ) -> None:
        answer = client.get(f"{BASE}/api/rooms/search/?{query}")

        assert answer.status_code == 400
        assert field in error_of(answer)["fields"]


def select(client: APIClient, access: str, body: dict[str, Any] = SELECT) -> Any:
    return post(client, "/api/booking/select-rooms/", body, **bearer(access))


class TestSelectRooms:
    def test_the_readme_selection_holds_every_night_of_the_room(
        self, client: APIClient, resort: Event
    ) -> None:
        access = guest()

        answer = select(client, access)

        assert answer.status_code == 201, answer.json()
        body = answer.json()
        assert body["message"] == "Rooms selected successfully. Proceed to add guest details."
        hold = Hold.objects.get(pk=body["booking_attempt_id"])
        assert hold.status == Hold.Status.ACTIVE
        nights = sorted(item.slot.starts_at for item in hold.items.all())
        assert len(nights) == 5
        assert held_and_sold(101) == {(0, 0), (1, 0)}
        assert Slot.objects.filter(resource_id=101, held=1).count() == 5

    def test_a_room_someone_else_holds_is_409_and_nothing_is_held(
        self, client: APIClient, resort: Event
    ) -> None:
        first = guest()
        select(client, first)
        second = guest("+919876543210")

        answer = select(client, second, {**SELECT, "room_ids": [102, 101], "guests": 2})

        assert answer.status_code == 409
        assert error_of(answer)["code"] == "sold_out"
        assert error_of(answer)["rooms"] == [101]
        assert held_and_sold(102) == {(0, 0)}

    def test_more_guests_than_the_rooms_take_is_400(self, client: APIClient, resort: Event) -> None:
        access = guest()

        too_many = select(client, access, {**SELECT, "guests": 3})
        enough = select(client, access, {**SELECT, "room_ids": [101, 102], "guests": 5})

        assert too_many.status_code == 400
        assert "guests" in error_of(too_many)["fields"]
        assert enough.status_code == 201

    @pytest.mark.parametrize(
        ("change", "status", "field"),
        [
            ({"resort_id": 999}, 404, None),
            ({"room_ids": [999]}, 400, "room_ids"),
            ({"room_ids": []}, 400, "room_ids"),
            ({"room_ids": "101"}, 400, "room_ids"),
            ({"check_out_date": "2024-12-20"}, 400, "check_out_date"),
            ({"check_in_date": "2024-12-32"}, 400, "check_in_date"),
            ({"guests": 0}, 400, "guests"),
            ({"resort_id": "one"}, 400, "resort_id"),
        ],
    )
    def test_bad_selections(
        self,
        client: APIClient,
        resort: Event,
        change: dict[str, Any],
        status: int,
        field: str | None,
    ) -> None:
        access = guest()

        answer = select(client, access, {**SELECT, **change})

        assert answer.status_code == status
        if field:
            assert field in error_of(answer)["fields"]
        assert not Hold.objects.exists()

    def test_nights_without_rooms_are_409(self, client: APIClient, resort: Event) -> None:
        access = guest()

        answer = select(
            client,
            access,
            {**SELECT, "check_in_date": "2024-12-30", "check_out_date": "2025-01-02"},
        )

        assert answer.status_code == 409

    def test_a_second_attempt_while_one_is_live_is_409_hold_limit(
        self, client: APIClient, resort: Event
    ) -> None:
        access = guest()
        select(client, access)

        answer = select(client, access, {**SELECT, "room_ids": [102]})

        assert answer.status_code == 409
        assert error_of(answer)["code"] == "hold_limit"
        assert held_and_sold(102) == {(0, 0)}

    def test_signed_out_it_is_401(self, client: APIClient, resort: Event) -> None:
        answer = post(client, "/api/booking/select-rooms/", SELECT)

        assert answer.status_code == 401
        assert not Hold.objects.exists()


def attempt(client: APIClient) -> tuple[str, str]:
    access = guest()
    answer = select(client, access)
    assert answer.status_code == 201, answer.json()
    return access, answer.json()["booking_attempt_id"]


def with_attempt(body: dict[str, Any], attempt_id: str) -> dict[str, Any]:
    """The README's body with the id the selection answered instead of its 123."""
    return {**body, "booking_attempt_id": attempt_id}


class TestAddGuests:
    def test_the_readme_guests_make_the_booking(self, client: APIClient, resort: Event) -> None:
        access, attempt_id = attempt(client)

        answer = post(
            client, "/api/booking/add-guests/", with_attempt(GUESTS, attempt_id), **bearer(access)
        )

        assert answer.status_code == 200, answer.json()
        assert answer.json()["total_amount"] == 37500.0
        booking = Booking.objects.get(hold_id=attempt_id)
        assert booking.status == Booking.Status.PENDING_PAYMENT
        assert booking.amount == Decimal("37500.00")
        assert booking.details["rooms"] == [
            {"room": 101, "guests": [{"name": "Alice", "age": 30}, {"name": "Bob", "age": 32}]}
        ]

    def test_the_readme_id_123_is_400_and_an_unknown_attempt_404(
        self, client: APIClient, resort: Event
    ) -> None:
        access, _ = attempt(client)

        readme = post(client, "/api/booking/add-guests/", GUESTS, **bearer(access))
        unknown = post(
            client,
            "/api/booking/add-guests/",
            with_attempt(GUESTS, "00000000-0000-0000-0000-000000000000"),
            **bearer(access),
        )

        assert readme.status_code == 400
        assert "booking_attempt_id" in error_of(readme)["fields"]
        assert unknown.status_code == 404

    @pytest.mark.parametrize(
        "guests",
        [
            [{"room_id": 102, "name": "Alice", "age": 30}],  # a room not selected
            [{"room_id": 101, "name": "Kid", "age": 5}],  # no adult
            [{"room_id": 101, "name": f"G{n}", "age": 30} for n in range(3)],  # over capacity
            [{"room_id": 101, "name": "Alice"}],
            [],
        ],
    )
    def test_guests_the_rooms_do_not_take_are_400(
        self,
        client: APIClient,
        resort: Event,
        guests: list[dict[str, Any]],
    ) -> None:
        access, attempt_id = attempt(client)

        answer = post(
            client,
            "/api/booking/add-guests/",
            {"booking_attempt_id": attempt_id, "guests": guests},
            **bearer(access),
        )

        assert answer.status_code == 400
        assert not Booking.objects.exists()

    def test_guests_twice_is_409_and_after_the_hold_time_410(
        self, client: APIClient, resort: Event, frozen: time_machine.Coordinates
    ) -> None:
        access, attempt_id = attempt(client)
        body = with_attempt(GUESTS, attempt_id)
        post(client, "/api/booking/add-guests/", body, **bearer(access))

        twice = post(client, "/api/booking/add-guests/", body, **bearer(access))
        other = guest("+919876543210")
        late_id = select(client, other, {**SELECT, "room_ids": [102]}).json()["booking_attempt_id"]
        frozen.shift(timedelta(minutes=resort.hold_minutes, seconds=1))
        late = post(
            client,
            "/api/booking/add-guests/",
            {"booking_attempt_id": late_id, "guests": [{"room_id": 102, "name": "Eve", "age": 40}]},
            **bearer(other),
        )

        assert twice.status_code == 409
        assert error_of(twice)["code"] == "booking_exists"
        assert late.status_code == 410
        assert error_of(late)["code"] == "hold_expired"

    def test_someone_elses_attempt_is_404(self, client: APIClient, resort: Event) -> None:
        _, attempt_id = attempt(client)
        stranger = guest("+919876543210")

        answer = post(
            client, "/api/booking/add-guests/", with_attempt(GUESTS, attempt_id), **bearer(stranger)
        )

        assert answer.status_code == 404


def booked(client: APIClient) -> tuple[str, str]:
    access, attempt_id = attempt(client)
    answer = post(
        client, "/api/booking/add-guests/", with_attempt(GUESTS, attempt_id), **bearer(access)
    )
    assert answer.status_code == 200, answer.json()
    return access, attempt_id


def initiate(client: APIClient, access: str, attempt_id: str) -> Any:
    return post(
        client, "/api/booking/initiate-payment/", with_attempt(PAY, attempt_id), **bearer(access)
    )


class TestInitiatePayment:
    def test_the_readme_payment_is_a_razorpay_order(
        self,
        client: APIClient,
        resort: Event,
        razorpay: FakeRazorpay,
    ) -> None:
        access, attempt_id = booked(client)

        answer = initiate(client, access, attempt_id)
        again = initiate(client, access, attempt_id)

        assert answer.status_code == 200, answer.json()
        body = answer.json()
        assert body["message"] == "Payment initiated."
        [order] = razorpay.orders.values()
        assert body["razorpay_order_id"] == order["id"]
        assert body["razorpay_key"] == razorpay.key_id
        assert body["amount"] == 37500.00
        assert order["amount"] == 3_750_000  # paise
        assert Payment.objects.get(pk=body["payment_id"]).reference == order["id"]
        assert again.json()["razorpay_order_id"] == order["id"]  # no second order
        assert len(razorpay.orders) == 1

    def test_before_the_guests_are_added_it_is_400(
        self,
        client: APIClient,
        resort: Event,
        razorpay: FakeRazorpay,
    ) -> None:
        access, attempt_id = attempt(client)

        answer = initiate(client, access, attempt_id)

        assert answer.status_code == 400
        assert "booking_attempt_id" in error_of(answer)["fields"]
        assert not razorpay.orders

    def test_after_the_hold_expired_it_is_410(
        self,
        client: APIClient,
        resort: Event,
        razorpay: FakeRazorpay,
        frozen: time_machine.Coordinates,
    ) -> None:
        access, attempt_id = booked(client)
        frozen.shift(timedelta(minutes=resort.hold_minutes, seconds=1))

        answer = initiate(client, access, attempt_id)

        assert answer.status_code == 410
        assert not razorpay.orders

    def test_without_razorpay_configured_it_is_503_not_a_provider_field(
        self, client: APIClient, resort: Event, settings: Any
    ) -> None:
        """The embedded default has no Razorpay: the client gets 503, not a 400 naming a
        ``provider`` field it never sent."""
        settings.RAZORPAY_KEY_ID = ""
        settings.RAZORPAY_KEY_SECRET = ""
        access, attempt_id = booked(client)

        answer = initiate(client, access, attempt_id)

        assert answer.status_code == 503, answer.json()
        assert error_of(answer)["code"] == "no_provider"
        assert not Payment.objects.exists()


def callback(body: bytes, headers: dict[str, str]) -> Any:
    return APIClient(enforce_csrf_checks=True).post(
        f"{BASE}/api/booking/payment-callback/",
        body,
        content_type="application/json",
        **{f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()},
    )


def paid_order(client: APIClient) -> tuple[str, str, dict[str, Any]]:
    access, attempt_id = booked(client)
    answer = initiate(client, access, attempt_id)
    assert answer.status_code == 200, answer.json()
    order = answer.json()["razorpay_order_id"]
    return access, attempt_id, {"order_id": order}


@committing
class TestPaymentCallback:
    def test_payment_captured_confirms_the_booking_and_sells_the_rooms(
        self,
        client: APIClient,
        resort: Event,
        razorpay: FakeRazorpay,
    ) -> None:
        _, attempt_id, order = paid_order(client)
        payment = razorpay.pay(order["order_id"])

        answer = callback(*razorpay.webhook(payment_captured(payment)))

        assert answer.status_code == 200, answer.json()
        booking = Booking.objects.get(hold_id=attempt_id)
        assert booking.status == Booking.Status.CONFIRMED
        assert Slot.objects.filter(resource_id=101, sold=1, held=0).count() == 5

    def test_a_bad_signature_is_400_and_changes_nothing(
        self,
        client: APIClient,
        resort: Event,
        razorpay: FakeRazorpay,
    ) -> None:
        _, attempt_id, order = paid_order(client)
        payment = razorpay.decline(order["order_id"])
        body, headers = signed_webhook(payment_failed(payment), secret="not-the-secret")

        answer = callback(body, headers)
        unsigned = callback(body, {})

        assert answer.status_code == 400
        assert error_of(answer)["code"] == "bad_signature"
        assert unsigned.status_code == 400
        assert Booking.objects.get(hold_id=attempt_id).status == Booking.Status.PENDING_PAYMENT
        assert Slot.objects.filter(resource_id=101, held=1).count() == 5

    def test_a_failed_payment_releases_the_rooms(
        self,
        client: APIClient,
        resort: Event,
        razorpay: FakeRazorpay,
    ) -> None:
        access, attempt_id, order = paid_order(client)
        payment = razorpay.decline(order["order_id"])
        delivery = razorpay.webhook(payment_failed(payment))

        answer = callback(*delivery)
        replay = callback(*delivery)

        assert answer.status_code == 200, answer.json()
        assert replay.status_code == 200
        booking = Booking.objects.get(hold_id=attempt_id)
        assert booking.status == Booking.Status.CANCELLED
        assert Hold.objects.get(pk=attempt_id).status == Hold.Status.RELEASED
        assert held_and_sold(101) == {(0, 0)}
        again = client.get(f"{BASE}/api/rooms/search/?{SEARCH}")
        assert 101 in [room["id"] for room in again.json()[0]["available_rooms"]]
        # The guest selects again, and this time pays.
        assert select(client, access).status_code == 201

    def test_a_capture_after_the_release_is_refunded(
        self, client: APIClient, resort: Event, razorpay: FakeRazorpay
    ) -> None:
        _, attempt_id, order = paid_order(client)
        failed = razorpay.decline(order["order_id"])
        callback(*razorpay.webhook(payment_failed(failed)))
        paid = razorpay.pay(order["order_id"])  # the guest retried in the checkout

        answer = callback(*razorpay.webhook(payment_captured(paid)))

        assert answer.status_code == 200
        assert Booking.objects.get(hold_id=attempt_id).status == Booking.Status.REFUNDED
        assert [r["payment_id"] for r in razorpay.refunds] == [paid["id"]]
        assert held_and_sold(101) == {(0, 0)}

    def test_a_failure_after_the_capture_leaves_the_booking_paid(
        self,
        client: APIClient,
        resort: Event,
        razorpay: FakeRazorpay,
    ) -> None:
        _, attempt_id, order = paid_order(client)
        failed = razorpay.decline(order["order_id"])
        paid = razorpay.pay(order["order_id"])
        callback(*razorpay.webhook(payment_captured(paid)))

        answer = callback(*razorpay.webhook(payment_failed(failed)))

        assert answer.status_code == 200
        assert Booking.objects.get(hold_id=attempt_id).status == Booking.Status.CONFIRMED
        assert Slot.objects.filter(resource_id=101, sold=1).count() == 5


class TestPaymentCallbackInput:
    """Refused or ignored before any booking is touched (nothing to commit)."""

    @pytest.mark.parametrize("body", [b"not json", b"[]", b"{"])
    def test_signed_nonsense_is_400(self, razorpay: FakeRazorpay, body: bytes) -> None:
        answer = callback(
            body, {"X-Razorpay-Signature": webhook_signature(razorpay.webhook_secret, body)}
        )

        assert answer.status_code == 400
        assert error_of(answer)["code"] == "bad_request"

    def test_a_signed_event_for_no_payment_of_ours_is_received_and_ignored(
        self, razorpay: FakeRazorpay
    ) -> None:
        payment = razorpay.decline(razorpay_order(razorpay))

        answer = callback(*razorpay.webhook(payment_failed(payment)))

        assert answer.status_code == 200
        assert answer.json() == {"received": True}


def razorpay_order(razorpay: FakeRazorpay) -> str:
    """An order made at Razorpay by someone else (the account is shared)."""
    status, order = razorpay._create_order({"amount": 1000, "currency": "INR", "receipt": "x"})
    assert status == 200, order
    return str(order["id"])


ODD_BODIES = [
    {"name": "a\u0000", "phone_number": "\u0000", "otp": "\u0000", "location": "\u0000"},
    [],
    "x",
    None,
    {"resort_id": True, "room_ids": [True]},
    {"room_ids": [10**30], "resort_id": 10**30},
    {"booking_attempt_id": "00000000-0000-0000-0000-000000000000", "guests": "x"},
    {"phone_number": "٩٩٩٩٩٨٨٨٨٨", "otp": ["1"]},
    {"phone_number": "+" + "9" * 60},
    {"gender": ["Male"], "date_of_birth": "0000-00-00"},
]
POSTS = [
    "/api/auth/otp/request/",
    "/api/auth/otp/verify/",
    "/api/auth/profile/update/",
    "/api/booking/select-rooms/",
    "/api/booking/add-guests/",
    "/api/booking/initiate-payment/",
]


@pytest.mark.parametrize("path", POSTS)
def test_no_input_is_a_500(client: APIClient, resort: Event, path: str) -> None:
    access = guest()

    statuses = {post(client, path, body, **bearer(access)).status_code for body in ODD_BODIES}
    searched = client.get(f"{BASE}/api/rooms/search/?location={'a' * 500}&guests=99999999999")

    assert max(statuses) < 500, statuses
    assert searched.status_code == 400
