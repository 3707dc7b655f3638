"""/compat/repairmybike/: reference/repair-shop.md's two APIs, their examples sent as written.

The shop is a service event (``REPAIRMYBIKE_EVENT``) with the catalog and hourly bays of
tests/support/appointments.py, in India; sign-in codes go through a fake Twilio Verify on
127.0.0.1; the staff API authenticates with a staff API key in ``X-API-Key``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from backend.accounts.models import RoleGrant
from backend.accounts.services.api_keys import api_key_create, api_key_revoke
from backend.bookings.models import Booking
from backend.core.models import AuditEntry
from backend.inventory.models import Venue
from tests.factories import EventFactory, StaffFactory
from tests.support.appointments import Garage, make_garage
from tests.support.fake_twilio import FakeTwilioVerify

pytestmark = pytest.mark.django_db
# Codes are sent by a task queued when the request's transaction commits.
committed = pytest.mark.django_db(transaction=True)

BASE = "/compat/repairmybike"
PHONE = "+919876543210"  # the README's 9876543210, at an Indian shop
T0 = datetime(2026, 11, 21, 12, 0, 0, tzinfo=UTC)


@pytest.fixture
def shop(settings: Any) -> Garage:
    settings.REPAIRMYBIKE_EVENT = "repair-shop"
    garage = make_garage(slug="repair-shop", bays=2)
    Venue.objects.filter(pk=garage.event.venue_id).update(
        country="IN", time_zone="UTC", city="Bengaluru", contact_phone="+91 80 4000 1234"
    )
    garage.event.refresh_from_db()
    return garage


@pytest.fixture
def twilio(settings: Any) -> Iterator[FakeTwilioVerify]:
    with FakeTwilioVerify() as fake:
        settings.SMS_PROVIDER = "twilio"
        settings.TWILIO_VERIFY_API_BASE = fake.base_url
        settings.TWILIO_ACCOUNT_SID = fake.account_sid
        settings.TWILIO_AUTH_TOKEN = fake.auth_token
        settings.TWILIO_VERIFY_SERVICE_SID = fake.service_sid
        settings.SMS_TIMEOUT_SECONDS = 5.0
        yield fake


@pytest.fixture
def staff(shop: Garage) -> Any:
    return StaffFactory(grant__event=shop.event)


@pytest.fixture
def key(staff: Any, shop: Garage) -> str:
    _, raw = api_key_create(label="Staff desk", user=staff, event=shop.event, created_by=staff)
    return raw


def client() -> Client:
    return Client(enforce_csrf_checks=True)  # no CSRF applies: the old clients send none


def post(path: str, body: Any, **headers: Any) -> Any:
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    return client().post(BASE + path, raw, content_type="application/json", **headers)


def get(path: str, **headers: Any) -> Any:
    return client().get(BASE + path, **headers)


def tomorrow() -> str:
    return (timezone.now() + timedelta(days=1)).date().isoformat()


def readme_booking(shop: Garage, **changes: Any) -> dict[str, Any]:
    """The README's body, with ids of this catalog and a date to come."""
    body = {
        "customer_name": "John Doe",
        "customer_phone": "9876543210",
        "customer_email": "john@example.com",
        "vehicle_model_id": shop.classic.pk,
        "service_ids": [shop.general.pk, shop.brakes.pk, shop.chain.pk],
        "service_location": "home",
        "address": "123 Main St",
        "appointment_date": tomorrow(),
        "appointment_time": "10:00:00",
        "payment_method": "cash",
        "notes": "Optional notes",
    }
    return {**body, **changes}


# --- catalog and shop ---------------------------------------------------------------------


def test_vehicle_types_brands_and_models(shop: Garage) -> None:
    types = get("/api/vehicle-types/").json()
    scooter = next(t for t in types if t["name"] == "Scooter")
    brands = get(f"/api/vehicle-brands/?vehicle_type={scooter['id']}").json()
    models = get(f"/api/vehicle-models/?vehicle_brand={brands[0]['id']}").json()

    assert sorted(t["name"] for t in types) == ["Motorcycle", "Scooter"]
    assert [b["name"] for b in brands] == ["Honda"]
    assert models == [
        {
            "id": shop.activa.pk,
            "name": "Activa 6G",
            "vehicle_brand": brands[0]["id"],
            "vehicle_type": scooter["id"],
        }
    ]
    assert len(get("/api/vehicle-models/").json()) == 2


def test_service_categories_and_services(shop: Garage) -> None:
    categories = get("/api/service-categories/").json()
    periodic = next(c for c in categories if c["name"] == "Periodic")

    every = get("/api/services/").json()
    some = get(f"/api/services/?category_id={periodic['id']}").json()

    assert {s["name"] for s in every} == {
        "General service",
        "Oil change",
        "Brake pads",
        "Chain adjustment",
    }
    assert {s["name"] for s in some} == {"General service", "Oil change"}
    general = next(s for s in every if s["name"] == "General service")
    assert general["base_price"] == "899.00"
    assert general["duration_minutes"] == 60


def test_pricing_by_vehicle_is_that_models_prices(shop: Garage) -> None:
    answer = get(f"/api/service-pricing/by-vehicle/?vehicle_model_id={shop.activa.pk}")

    assert answer.status_code == 200
    body = answer.json()
    assert body["vehicle_model"]["id"] == shop.activa.pk
    assert body["currency"] == "INR"
    prices = {s["service_name"]: s["price"] for s in body["services"]}
    assert prices["General service"] == "649.00"  # the model's own price
    assert "Oil change" not in prices  # not offered for this model


@pytest.mark.parametrize(
    "path",
    [
        "/api/service-pricing/by-vehicle/",
        "/api/service-pricing/by-vehicle/?vehicle_model_id=abc",
        "/api/vehicle-brands/?vehicle_type=x",
        "/api/services/?category_id=-1",
    ],
)
def test_bad_query_parameters_are_a_400_naming_them(shop: Garage, path: str) -> None:
    answer = get(path)

    assert answer.status_code == 400
    assert len(answer.json()) == 1


def test_an_unknown_model_is_a_404(shop: Garage) -> None:
    answer = get("/api/service-pricing/by-vehicle/?vehicle_model_id=999999")

    assert answer.status_code == 404
    assert answer.json() == {"detail": "Vehicle model not found."}


def test_shop_info(shop: Garage) -> None:
    body = get("/api/shop-info/").json()

    assert body["name"] == shop.event.venue.name
    assert body["city"] == "Bengaluru"
    assert body["phone"] == "+91 80 4000 1234"
    assert isinstance(body["timings"], list)
    assert body["home_visit_fee"] == "199.00"


def test_without_the_shop_event_the_public_endpoints_are_404(db: None, settings: Any) -> None:
    settings.REPAIRMYBIKE_EVENT = "no-such-shop"

    assert get("/api/vehicle-types/").status_code == 404
    assert get("/api/shop-info/").json() == {"detail": "The shop is not open for bookings."}


# --- bookings -----------------------------------------------------------------------------


def test_the_readme_booking_is_created_priced_and_due_in_cash(shop: Garage) -> None:
    answer = post("/api/bookings/", readme_booking(shop))

    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["customer_name"] == "John Doe"
    assert body["customer_phone"] == PHONE
    assert body["service_location"] == "home"
    assert body["address"] == "123 Main St"
    assert body["appointment_date"] == tomorrow()
    assert body["appointment_time"] == "10:00:00"
    assert body["payment_method"] == "cash"
    assert body["payment_status"] == "pending"
    assert body["status"] == "confirmed"
    # 1399 (the Classic's own general service) + 299 + 149 + the home visit's 199
    assert body["total_amount"] == "2046.00"
    assert body["notes"] == "Optional notes"
    booking = Booking.objects.get(pk=body["id"])
    assert booking.payment_status == Booking.PaymentStatus.DUE
    # 60 + 45 + 20 minutes of work and 30 of travel: three hourly slots of one bay
    assert [i.slot_id for i in booking.items.order_by("slot__starts_at")] == [
        shop.slots[1].pk,
        shop.slots[2].pk,
        shop.slots[3].pk,
    ]


def test_the_readme_booking_as_written_is_refused_for_its_past_date(shop: Garage) -> None:
    body = readme_booking(shop, appointment_date="2025-11-01")

    answer = post("/api/bookings/", body)

    assert answer.status_code == 400
    assert "appointment_time" in answer.json()


def test_a_booking_at_the_shop_holds_one_slot(shop: Garage) -> None:
    body = readme_booking(
        shop,
        service_location="shop",
        service_ids=[shop.general.pk],
        vehicle_model_id=shop.activa.pk,
    )

    answer = post("/api/bookings/", body)

    assert answer.status_code == 201
    assert answer.json()["total_amount"] == "649.00"


def test_a_full_time_is_refused_and_nothing_is_left_held(shop: Garage) -> None:
    one = readme_booking(shop, service_location="shop", service_ids=[shop.chain.pk])
    assert post("/api/bookings/", one).status_code == 201
    assert post("/api/bookings/", {**one, "customer_phone": "9876543211"}).status_code == 201

    third = post("/api/bookings/", {**one, "customer_phone": "9876543212"})

    assert third.status_code == 409
    assert "detail" in third.json()
    shop.slots[1].refresh_from_db()
    assert shop.slots[1].held == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"customer_phone": "12"}, "customer_phone"),
        ({"customer_email": "not-an-email"}, "customer_email"),
        ({"vehicle_model_id": 999999}, "vehicle_model_id"),
        ({"service_ids": []}, "service_ids"),
        ({"service_ids": [999999]}, "service_ids"),
        ({"service_location": "moon"}, "service_location"),
        ({"payment_method": "razorpay"}, "payment_method"),
        ({"appointment_time": "03:00:00"}, "appointment_time"),
        ({"appointment_time": "17:00:00"}, "appointment_time"),  # too late for 155 minutes
        ({"appointment_date": "tomorrow"}, "appointment_date"),
        ({"customer_name": None}, "customer_name"),
    ],
)
def test_bad_booking_input_is_a_400_naming_the_field(
    shop: Garage, changes: dict[str, Any], field: str
) -> None:
    answer = post("/api/bookings/", readme_booking(shop, **changes))

    assert answer.status_code == 400, answer.content
    assert field in answer.json()
    assert not Booking.objects.exists()


@pytest.mark.parametrize("body", ["not json", "[]", "{"])
def test_a_body_that_is_not_an_object_is_a_400(shop: Garage, body: str) -> None:
    assert post("/api/bookings/", body).status_code == 400


def test_history_by_phone_and_one_booking(shop: Garage) -> None:
    made = post("/api/bookings/", readme_booking(shop)).json()
    other = readme_booking(shop, customer_phone="9876500000", appointment_time="14:00:00")
    assert post("/api/bookings/", other).status_code == 201

    history = get("/api/bookings/?phone=9876543210")
    one = get(f"/api/bookings/{made['id']}/")

    assert history.status_code == 200
    assert [b["id"] for b in history.json()] == [made["id"]]
    assert one.json() == made
    assert get("/api/bookings/?phone=+919876543210").json() == history.json()
    assert get("/api/bookings/not-an-id/").status_code == 404
    assert get("/api/bookings/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert get("/api/bookings/").status_code == 400
    assert get("/api/bookings/?phone=12").status_code == 400


def test_history_lookups_are_rate_limited_per_address(shop: Garage) -> None:
    with time_machine.travel(T0, tick=False):
        answers = [get("/api/bookings/?phone=9876543210") for _ in range(31)]

    assert [a.status_code for a in answers[:30]] == [200] * 30
    assert answers[30].status_code == 429
    assert answers[30]["Retry-After"] == "60"


# --- phone sign-in --------------------------------------------------------------------------


@committed
def test_request_and_verify_otp_as_the_readme_writes_them(
    shop: Garage, twilio: FakeTwilioVerify
) -> None:
    asked = post("/api/auth/phone/request-otp/", {"phone_number": "+919876543210"})

    assert asked.status_code == 200
    assert asked.json()["success"] is True
    code = twilio.code_for(PHONE)
    signed_in = post(
        "/api/auth/phone/verify-otp/", {"phone_number": "+919876543210", "otp_code": code}
    )

    assert signed_in.status_code == 200
    body = signed_in.json()
    assert body["session_token"]
    assert body["refresh_token"]
    assert body["user"]["phone_number"] == PHONE
    assert body["user"]["is_verified"] is True
    auth = {"HTTP_AUTHORIZATION": f"Bearer {body['session_token']}"}
    profile = get("/api/auth/profile/", **auth)
    assert profile.status_code == 200
    assert profile.json()["phone_number"] == PHONE
    status = get("/api/auth/phone/verification-status/", **auth).json()
    assert status == {"phone_number": PHONE, "is_verified": True}


def test_the_readme_phone_is_not_a_real_number(shop: Garage) -> None:
    # "+1234567890" is the README's placeholder: no such number, so a 400 naming the field.
    answer = post("/api/auth/phone/request-otp/", {"phone_number": "+1234567890"})

    assert answer.status_code == 400
    assert "phone_number" in answer.json()


@committed
def test_a_wrong_code_and_the_cooldown(shop: Garage, twilio: FakeTwilioVerify) -> None:
    with time_machine.travel(T0, tick=False):
        assert (
            post("/api/auth/phone/request-otp/", {"phone_number": "9876543210"}).status_code == 200
        )
    with time_machine.travel(T0 + timedelta(seconds=30), tick=False):
        again = post("/api/auth/phone/resend-otp/", {"phone_number": "9876543210"})
    with time_machine.travel(T0 + timedelta(seconds=59), tick=False):
        edge = post("/api/auth/phone/resend-otp/", {"phone_number": "9876543210"})
    with time_machine.travel(T0 + timedelta(seconds=60), tick=False):
        after = post("/api/auth/phone/resend-otp/", {"phone_number": "9876543210"})
        right = twilio.code_for(PHONE)
        wrong = post(
            "/api/auth/phone/login/",
            {"phone_number": "9876543210", "otp_code": "000000" if right != "000000" else "1"},
        )
        login = post("/api/auth/phone/login/", {"phone_number": "9876543210", "otp_code": right})

    assert again.status_code == 429
    assert again.json()["detail"].endswith("30 seconds.")
    assert edge.status_code == 429
    assert after.status_code == 200
    assert wrong.status_code == 400
    assert login.status_code == 200


def test_verify_without_a_request_or_with_bad_input(shop: Garage) -> None:
    none = post("/api/auth/phone/verify-otp/", {"phone_number": "9876543210", "otp_code": "1"})
    missing = post("/api/auth/phone/verify-otp/", {"phone_number": "9876543210"})

    assert none.status_code == 400
    assert "otp_code" in none.json()
    assert missing.status_code == 400
    assert "otp_code" in missing.json()


@committed
def test_profile_sessions_and_logout(shop: Garage, twilio: FakeTwilioVerify) -> None:
    post("/api/auth/phone/request-otp/", {"phone_number": "9876543210"})
    code = twilio.code_for(PHONE)
    tokens = post(
        "/api/auth/phone/verify-otp/", {"phone_number": "9876543210", "otp_code": code}
    ).json()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {tokens['session_token']}"}

    changed = client().patch(
        BASE + "/api/auth/profile/",
        json.dumps({"first_name": "John", "last_name": "Doe"}),
        content_type="application/json",
        **auth,
    )
    listed = get("/api/auth/sessions/", **auth).json()
    bad = post("/api/auth/sessions/not-a-session/revoke/", {}, **auth)
    out = post("/api/auth/logout/", {}, **auth)
    after = get("/api/auth/profile/", **auth)

    assert changed.json()["first_name"] == "John"
    assert len(listed) == 1
    assert listed[0]["is_current"] is True
    assert bad.status_code == 404
    assert out.json()["success"] is True
    assert after.status_code == 401
    assert get("/api/auth/profile/").status_code == 401


@committed
def test_a_session_is_revoked_by_id(shop: Garage, twilio: FakeTwilioVerify) -> None:
    post("/api/auth/phone/request-otp/", {"phone_number": "9876543210"})
    code = twilio.code_for(PHONE)
    tokens = post(
        "/api/auth/phone/verify-otp/", {"phone_number": "9876543210", "otp_code": code}
    ).json()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {tokens['session_token']}"}
    session_id = get("/api/auth/sessions/", **auth).json()[0]["id"]

    revoked = post(f"/api/auth/sessions/{session_id}/revoke/", {}, **auth)

    assert revoked.status_code == 200
    assert get("/api/auth/profile/", **auth).status_code == 401


# --- staff API ----------------------------------------------------------------------------


def staff_get(path: str, key: str) -> Any:
    return get(path, HTTP_X_API_KEY=key)


def booked(shop: Garage, **changes: Any) -> dict[str, Any]:
    answer = post("/api/bookings/", readme_booking(shop, **changes))
    assert answer.status_code == 201, answer.content
    return answer.json()


def test_staff_list_filter_look_and_stats(shop: Garage, key: str) -> None:
    john = booked(shop)
    jane = booked(shop, customer_name="Jane Roe", customer_phone="9876500000",
                  customer_email="jane@example.com", appointment_time="14:00:00")  # fmt: skip

    every = staff_get("/api/staff/bookings/", key).json()
    confirmed = staff_get("/api/staff/bookings/?status=confirmed", key).json()
    pending = staff_get("/api/staff/bookings/?status=pending", key).json()
    that_day = staff_get(f"/api/staff/bookings/?date={tomorrow()}", key).json()
    other_day = staff_get("/api/staff/bookings/?date=2025-11-01", key).json()
    found = staff_get("/api/staff/bookings/?search=John", key).json()
    one = staff_get(f"/api/staff/bookings/{jane['id']}/", key)
    stats = staff_get("/api/staff/bookings/stats/", key).json()

    assert {b["id"] for b in every} == {john["id"], jane["id"]}
    assert len(confirmed) == 2
    assert pending == []
    assert len(that_day) == 2
    assert other_day == []
    assert [b["id"] for b in found] == [john["id"]]
    assert one.json()["customer_name"] == "Jane Roe"
    assert stats["total_bookings"] == 2
    assert stats["bookings_by_status"]["confirmed"] == 2
    assert stats["payments"]["pending"] == 2


def test_staff_move_a_booking_along_and_each_use_is_audited(shop: Garage, key: str) -> None:
    made = booked(shop)

    def status(value: str) -> Any:
        return client().patch(
            f"{BASE}/api/staff/bookings/{made['id']}/update-status/",
            json.dumps({"status": value}),
            content_type="application/json",
            HTTP_X_API_KEY=key,
        )

    started = status("in_progress")
    back = status("pending")
    done = status("completed")
    again = status("completed")
    late = status("cancelled")
    junk = status("flying")

    assert started.json()["status"] == "in_progress"
    assert back.status_code == 400
    assert done.json()["status"] == "completed"
    assert again.status_code == 200
    assert late.status_code == 409
    assert junk.status_code == 400
    assert "status" in junk.json()
    assert AuditEntry.objects.filter(action="booking.status").count() == 2
    uses = AuditEntry.objects.filter(action="compat.repairmybike.staff")
    assert uses.count() == 6
    assert uses.first().after["request"].startswith("PATCH ")


@pytest.mark.parametrize("header", [None, "", "wrong", "ghk_0123456789_nope"])
def test_the_staff_api_refuses_a_missing_or_wrong_key(shop: Garage, header: str | None) -> None:
    extra = {"HTTP_X_API_KEY": header} if header is not None else {}

    answer = get("/api/staff/bookings/", **extra)

    assert answer.status_code == 401
    assert "detail" in answer.json()


def test_a_revoked_key_is_refused(shop: Garage, staff: Any, key: str) -> None:
    from backend.accounts.models import StaffApiKey

    assert staff_get("/api/staff/bookings/", key).status_code == 200
    api_key_revoke(api_key=StaffApiKey.objects.get(), actor=staff)

    assert staff_get("/api/staff/bookings/", key).status_code == 401


def test_a_key_of_another_event_is_refused(shop: Garage) -> None:
    elsewhere = EventFactory()
    owner = StaffFactory(grant__event=elsewhere)
    RoleGrant.objects.create(user=owner, role="staff", event=shop.event)  # staff of both
    _, other_key = api_key_create(label="x", user=owner, event=elsewhere, created_by=owner)

    answer = staff_get("/api/staff/bookings/", other_key)

    assert answer.status_code == 403


def test_a_key_whose_owner_lost_the_role_is_refused(shop: Garage, staff: Any, key: str) -> None:
    RoleGrant.objects.filter(user=staff).delete()

    assert staff_get("/api/staff/bookings/", key).status_code == 403


def test_the_key_rate_limit_at_its_edge(shop: Garage, staff: Any) -> None:
    _, small = api_key_create(
        label="x", user=staff, event=shop.event, created_by=staff, requests_per_minute=2
    )
    with time_machine.travel(T0, tick=False):
        answers = [staff_get("/api/staff/bookings/stats/", small) for _ in range(3)]
    with time_machine.travel(T0 + timedelta(seconds=60), tick=False):
        later = staff_get("/api/staff/bookings/stats/", small)

    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2]["Retry-After"] == "60"
    assert later.status_code == 200


def test_a_staff_booking_id_outside_the_shop_is_404(shop: Garage, key: str) -> None:
    assert staff_get("/api/staff/bookings/not-an-id/", key).status_code == 404
    assert staff_get("/api/staff/bookings/%00/", key).status_code == 404
    missing = "00000000-0000-0000-0000-000000000000"
    assert staff_get(f"/api/staff/bookings/{missing}/", key).status_code == 404


# --- e-mail accounts and the disabled payments ---------------------------------------------


@committed
def test_register_and_login_as_the_readme_writes_them(shop: Garage) -> None:
    readme = {
        "email": "user@example.com",
        "password": "securepassword123",
        "first_name": "John",
        "last_name": "Doe",
        "phone_number": "+1234567890",
    }

    as_written = post("/api/auth/register/", readme)
    registered = post("/api/auth/register/", {**readme, "phone_number": "+919876543210"})
    again = post("/api/auth/register/", {**readme, "phone_number": ""})
    login = post("/api/auth/login/", {"email": "user@example.com", "password": "securepassword123"})
    wrong = post("/api/auth/login/", {"email": "user@example.com", "password": "nope-nope-1"})

    assert as_written.status_code == 400
    assert "phone_number" in as_written.json()  # the README's placeholder is no number
    assert registered.status_code == again.status_code == 201  # the same, account or not
    assert login.status_code == 200, login.content
    assert login.json()["user"]["email"] == "user@example.com"
    auth = {"HTTP_AUTHORIZATION": f"Bearer {login.json()['session_token']}"}
    assert get("/api/auth/profile/", **auth).json()["first_name"] == "John"
    assert wrong.status_code == 401
    assert "detail" in wrong.json()


@committed
def test_password_reset_and_confirm(shop: Garage) -> None:
    from backend.accounts.services.users import password_reset_token
    from tests.factories import UserFactory

    user = UserFactory(email="user@example.com", password="securepassword123")
    uid, token = password_reset_token(user)

    asked = post("/api/auth/password-reset/", {"email": "user@example.com"})
    unknown = post("/api/auth/password-reset/", {"email": "nobody@example.com"})
    done = post(
        "/api/auth/password-reset-confirm/",
        {"uid": uid, "token": token, "new_password": "another-long-password-9"},
    )
    reused = post(
        "/api/auth/password-reset-confirm/",
        {"uid": uid, "token": token, "new_password": "yet-another-password-9"},
    )

    assert asked.json() == unknown.json()
    assert asked.status_code == 200
    assert done.status_code == 200
    assert reused.status_code == 400
    user.refresh_from_db()
    assert user.check_password("another-long-password-9")


def test_the_razorpay_endpoints_are_disabled(shop: Garage) -> None:
    made = post("/api/bookings/", readme_booking(shop)).json()

    order = post("/api/payments/razorpay/create-order/", {"booking_id": made["id"]})
    verify = post(
        "/api/payments/razorpay/verify/",
        {"razorpay_order_id": "...", "razorpay_payment_id": "...", "razorpay_signature": "..."},
    )

    assert order.status_code == verify.status_code == 400
    assert "cash" in order.json()["detail"]


# --- over the real server ------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.slow
@committed
def test_a_cash_booking_and_the_staff_api_over_the_real_server(
    gatehouse_server: Any, shop: Garage, key: str
) -> None:
    import httpx

    base = f"{gatehouse_server.url}{BASE}"

    made = httpx.post(f"{base}/api/bookings/", json=readme_booking(shop), timeout=10)
    assert made.status_code == 201, made.text
    booking_id = made.json()["id"]
    history = httpx.get(f"{base}/api/bookings/", params={"phone": "9876543210"}, timeout=10)
    listed = httpx.get(f"{base}/api/staff/bookings/", headers={"X-API-Key": key}, timeout=10)
    moved = httpx.patch(
        f"{base}/api/staff/bookings/{booking_id}/update-status/",
        json={"status": "in_progress"},
        headers={"X-API-Key": key},
        timeout=10,
    )
    refused = httpx.get(f"{base}/api/staff/bookings/", headers={"X-API-Key": "nope"}, timeout=10)

    assert [b["id"] for b in history.json()] == [booking_id]
    assert [b["id"] for b in listed.json()] == [booking_id]
    assert moved.json()["status"] == "in_progress"
    assert refused.status_code == 401
    assert AuditEntry.objects.filter(action="compat.repairmybike.staff").count() == 2  # uses
