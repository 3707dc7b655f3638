"""/compat/oc-mena/: every endpoint reference/festival-ticketing.md lists, along a guest's
journey (config → auth → ticket types → checkout → orders → tickets → transfer → scan → staff
→ vendors → wallet), plus authentication refusals, limits at their edge and bad input.

The README shows no bodies or answers, only methods and paths: the bodies here are the ones
docs/compat.md chose (native field names, the ids the paths leave out in the body). Stripe is
the fake on 127.0.0.1 and its webhook is signed with Stripe's scheme.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from backend.accounts.models import AuthSession, User
from backend.accounts.services.devices import device_create
from backend.bookings.models import Booking
from backend.bookings.services.bookings import booking_create
from backend.checkin.models import Gate
from backend.content.models import Sponsor
from backend.inventory.models import Event, Slot
from backend.inventory.services.holds import ItemRequest, hold_create
from backend.vendors.models import Booth, Vendor, VendorSettings
from backend.vendors.services.decisions import vendor_approve
from tests.accounts.helpers import bearer, sign_in
from tests.factories import EventFactory, ResourceFactory, SlotFactory, StaffFactory, UserFactory
from tests.support.bookings import mark_paid
from tests.support.checkin import qr_of
from tests.support.fake_stripe import FakeStripe, signed_webhook
from tests.wallet.conftest import (  # noqa: F401  (fixtures)
    apple_wallet,
    google_wallet,
    pki,
    service_account_key,
)

pytestmark = pytest.mark.django_db

BASE = "/compat/oc-mena"
PASSWORD = "correct horse battery"

# Every endpoint of the README's list: (method, path, answer without a token).
PUBLIC = 200
SIGNED_IN = 401
ENDPOINTS = [
    ("get", "/api/health/", PUBLIC),
    ("get", "/api/config/public/", PUBLIC),
    ("get", "/api/config/sponsors/", PUBLIC),
    ("get", "/api/config/schedule/", PUBLIC),
    ("post", "/api/config/contact/", 400),
    ("get", "/api/tickets/types/", PUBLIC),
    ("post", "/api/auth/register/", 400),
    ("post", "/api/auth/login/", 400),
    ("post", "/api/auth/logout/", SIGNED_IN),
    ("post", "/api/auth/token/refresh/", 401),
    ("get", "/api/auth/me/", SIGNED_IN),
    ("patch", "/api/auth/me/", SIGNED_IN),
    ("post", "/api/auth/password/change/", SIGNED_IN),
    ("post", "/api/auth/password/reset/", 400),
    ("post", "/api/auth/password/reset/confirm/", 400),
    ("get", "/api/tickets/my/", SIGNED_IN),
    ("get", "/api/tickets/1/", SIGNED_IN),
    ("get", "/api/tickets/1/qr/", SIGNED_IN),
    ("get", "/api/tickets/transfers/", SIGNED_IN),
    ("post", "/api/tickets/transfers/create/", SIGNED_IN),
    ("post", "/api/tickets/transfers/00000000-0000-0000-0000-000000000000/cancel/", SIGNED_IN),
    ("post", "/api/tickets/transfers/accept/", SIGNED_IN),
    ("get", "/api/tickets/upgrades/", SIGNED_IN),
    ("post", "/api/tickets/upgrades/create/", SIGNED_IN),
    ("post", "/api/payments/checkout/create-intent/", SIGNED_IN),
    ("post", "/api/payments/checkout/confirm/", SIGNED_IN),
    ("get", "/api/payments/orders/", SIGNED_IN),
    ("get", "/api/payments/orders/00000000-0000-0000-0000-000000000000/", SIGNED_IN),
    ("get", "/api/payments/orders/00000000-0000-0000-0000-000000000000/invoice/", SIGNED_IN),
    ("post", "/api/payments/webhook/stripe/", 400),
    ("post", "/api/scan/validate/", SIGNED_IN),
    ("post", "/api/scan/commit/", SIGNED_IN),
    ("get", "/api/scan/logs/", SIGNED_IN),
    ("get", "/api/scan/stats/", SIGNED_IN),
    ("post", "/api/tickets/staff/comp/", SIGNED_IN),
    ("post", "/api/tickets/staff/refund/", SIGNED_IN),
    ("post", "/api/tickets/staff/upgrade/", SIGNED_IN),
    ("post", "/api/tickets/staff/resend-tickets/", SIGNED_IN),
    ("post", "/api/tickets/staff/resend-invoice/", SIGNED_IN),
    ("get", "/api/tickets/staff/orders/", SIGNED_IN),
    ("get", "/api/tickets/staff/orders/00000000-0000-0000-0000-000000000000/", SIGNED_IN),
    ("get", "/api/vendors/list/", PUBLIC),
    ("get", "/api/vendors/profile/", SIGNED_IN),
    ("patch", "/api/vendors/profile/", SIGNED_IN),
    ("get", "/api/vendors/dashboard/", SIGNED_IN),
    ("get", "/api/vendors/setup-qr/", SIGNED_IN),
    ("get", "/api/vendors/admin/booths/", SIGNED_IN),
    ("post", "/api/vendors/admin/booths/assign/", SIGNED_IN),
    ("get", "/api/vendors/admin/vendors/", SIGNED_IN),
    ("post", "/api/wallet/apple/create-pass/", SIGNED_IN),
    ("post", "/api/wallet/google/create-pass/", SIGNED_IN),
    ("get", "/api/wallet/passes/", SIGNED_IN),
]


@dataclass
class Fest:
    event: Event
    general: Slot  # General Admission, 150.00, 10 places
    vip: Slot  # VIP Lounge, 650.00, 2 places
    staff: User
    gate: Gate


@pytest.fixture
def fest(db: Any) -> Fest:
    event = EventFactory(slug="oc-mena-2026", name="OC MENA Festival", currency="USD")
    general = SlotFactory(
        resource=ResourceFactory(event=event, name="General Admission", price="150.00", units=10)
    )
    vip = SlotFactory(
        resource=ResourceFactory(event=event, name="VIP Lounge", price="650.00", units=2)
    )
    gate = Gate.objects.create(event=event, name="Main gate")
    return Fest(event, general, vip, StaffFactory(grant__event=event), gate)


def api_of(user: User) -> APIClient:
    client = APIClient(enforce_csrf_checks=True)
    client.credentials(**bearer(sign_in(user, AuthSession.Method.PASSWORD)))
    return client


@pytest.fixture
def guest(db: Any) -> User:
    return UserFactory(email="layla@example.com", name="Layla Haddad", phone="+966501234501")


@pytest.fixture
def guest_api(guest: User) -> APIClient:
    return api_of(guest)


def error_code(answer: Any) -> str:
    body = answer.json()
    assert body["ok"] is False, body
    return str(body["error"]["code"])


# --- every path of the README, and who may use it ---


@pytest.mark.parametrize(("method", "path", "anonymous"), ENDPOINTS)
def test_every_readme_endpoint_is_served_and_refuses_the_anonymous_where_it_should(
    fest: Fest, method: str, path: str, anonymous: int
) -> None:
    client = Client(enforce_csrf_checks=True)
    if method == "get":
        answer = client.get(BASE + path)
    else:
        answer = getattr(client, method)(BASE + path, "{}", content_type="application/json")

    assert answer.status_code == anonymous, answer.content[:300]
    assert answer["Content-Type"].startswith("application/json")


def test_a_method_the_readme_does_not_list_is_405_in_the_json_shape(guest_api: APIClient) -> None:
    answer = guest_api.get(f"{BASE}/api/payments/checkout/create-intent/")

    assert answer.status_code == 405
    assert error_code(answer) == "method_not_allowed"


def test_a_session_cookie_is_not_a_way_in(fest: Fest, guest: User) -> None:
    # No session authentication on these views, so no CSRF page either: a browser session
    # alone is anonymous here.
    client = Client(enforce_csrf_checks=True)
    client.force_login(guest)

    assert client.get(f"{BASE}/api/auth/me/").status_code == 401
    answer = client.post(
        f"{BASE}/api/payments/checkout/create-intent/", {}, content_type="application/json"
    )
    assert answer.status_code == 401
    assert answer["Content-Type"] == "application/json"


# --- config ---


def test_config_public_is_the_festival_with_its_page(fest: Fest) -> None:
    answer = Client().get(f"{BASE}/api/config/public/")

    assert answer.status_code == 200
    body = answer.json()
    assert body["ok"] is True
    assert body["event"]["slug"] == "oc-mena-2026"
    assert body["event"]["name"] == "OC MENA Festival"
    assert body["event"]["currency"] == "USD"


def test_without_a_festival_config_is_a_json_404(db: Any) -> None:
    EventFactory(kind=Event.Kind.ROOMS)

    answer = Client().get(f"{BASE}/api/config/public/")

    assert answer.status_code == 404
    assert error_code(answer) == "not_found"


def test_sponsors_schedule_and_contact(fest: Fest) -> None:
    Sponsor.objects.create(event=fest.event, name="Desert Cola", tier="gold")
    client = Client(enforce_csrf_checks=True)

    sponsors = client.get(f"{BASE}/api/config/sponsors/")
    schedule = client.get(f"{BASE}/api/config/schedule/")
    contact = client.post(
        f"{BASE}/api/config/contact/",
        {
            "name": "Omar",
            "email": "omar@example.com",
            "subject": "Parking",
            "message": "Is there parking at the venue?",
        },
        content_type="application/json",
    )

    assert sponsors.status_code == 200
    assert [s["name"] for s in sponsors.json()] == ["Desert Cola"]
    assert schedule.status_code == 200
    assert schedule.json() == []
    assert contact.status_code == 201, contact.json()


def test_ticket_types_are_the_festivals_places_on_sale(fest: Fest) -> None:
    answer = Client().get(f"{BASE}/api/tickets/types/")

    assert answer.status_code == 200
    assert [(t["id"], t["name"], t["price"], t["available"]) for t in answer.json()] == [
        (fest.general.pk, "General Admission", "150.00", 10),
        (fest.vip.pk, "VIP Lounge", "650.00", 2),
    ]
    assert answer.json()[0]["currency"] == "USD"


# --- auth ---


def test_register_login_me_refresh_logout(
    fest: Fest, django_capture_on_commit_callbacks: Any
) -> None:
    client = APIClient(enforce_csrf_checks=True)

    registered = client.post(
        f"{BASE}/api/auth/register/",
        {"email": "sami@example.com", "password": "a long passphrase 42", "name": "Sami"},
        format="json",
    )
    assert registered.status_code == 201, registered.json()
    wrong = client.post(
        f"{BASE}/api/auth/login/",
        {"email": "sami@example.com", "password": "not it"},
        format="json",
    )
    assert wrong.status_code == 401
    login = client.post(
        f"{BASE}/api/auth/login/",
        {"email": "sami@example.com", "password": "a long passphrase 42"},
        format="json",
    )
    assert login.status_code == 200, login.json()
    tokens = login.json()
    assert {"access", "refresh"} <= set(tokens)

    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    me = client.get(f"{BASE}/api/auth/me/")
    assert me.status_code == 200
    assert me.json()["email"] == "sami@example.com"
    patched = client.patch(f"{BASE}/api/auth/me/", {"name": "Sami K."}, format="json")
    assert patched.status_code == 200, patched.json()
    assert patched.json()["name"] == "Sami K."

    refreshed = APIClient().post(
        f"{BASE}/api/auth/token/refresh/", {"refresh": tokens["refresh"]}, format="json"
    )
    assert refreshed.status_code == 200
    pair = refreshed.json()
    # Its successor used, a refresh token presented again is a reuse: the session ends.
    later = APIClient().post(
        f"{BASE}/api/auth/token/refresh/", {"refresh": pair["refresh"]}, format="json"
    )
    assert later.status_code == 200
    pair = later.json()
    again = APIClient().post(
        f"{BASE}/api/auth/token/refresh/", {"refresh": tokens["refresh"]}, format="json"
    )
    assert again.status_code == 401
    assert error_code(again) == "not_authenticated"

    client.credentials(HTTP_AUTHORIZATION=f"Bearer {pair['access']}")
    with django_capture_on_commit_callbacks(execute=True):
        out = client.post(f"{BASE}/api/auth/logout/", {"refresh": pair["refresh"]}, format="json")
    assert out.status_code == 200
    assert client.get(f"{BASE}/api/auth/me/").status_code == 401


def test_password_change_and_reset(fest: Fest, guest: User, guest_api: APIClient) -> None:
    guest.set_password(PASSWORD)
    guest.save()

    wrong = guest_api.post(
        f"{BASE}/api/auth/password/change/",
        {"old_password": "nope", "new_password": "another long one 77"},
        format="json",
    )
    changed = guest_api.post(
        f"{BASE}/api/auth/password/change/",
        {"old_password": PASSWORD, "new_password": "another long one 77"},
        format="json",
    )
    reset = APIClient().post(
        f"{BASE}/api/auth/password/reset/", {"email": "layla@example.com"}, format="json"
    )
    confirm = APIClient().post(
        f"{BASE}/api/auth/password/reset/confirm/",
        {"token": "forged", "new_password": "a third long one 99"},
        format="json",
    )

    assert wrong.status_code == 400
    assert changed.status_code == 200, changed.json()
    assert reset.status_code in (200, 202), reset.json()
    assert confirm.status_code == 400


# --- checkout, orders, tickets, transfers, upgrades ---


def checkout(api: APIClient, slot: Slot, quantity: int = 1, **extra: Any) -> Any:
    body = {"items": [{"ticket_type": slot.pk, "quantity": quantity}], **extra}
    return api.post(f"{BASE}/api/payments/checkout/create-intent/", body, format="json")


def stripe_paid(fake: FakeStripe, intent_id: str) -> Any:
    body, signature = signed_webhook(fake.succeed(intent_id), fake.webhook_secret)
    return Client().post(
        f"{BASE}/api/payments/webhook/stripe/",
        data=body,
        content_type="application/json",
        headers={"Stripe-Signature": signature},
    )


@pytest.mark.django_db(transaction=True)
def test_a_guests_journey_from_checkout_to_an_accepted_transfer_and_an_upgrade(
    fest: Fest, guest: User, guest_api: APIClient, stripe_fake: FakeStripe
) -> None:
    started = checkout(guest_api, fest.general, 2, holders=["Layla Haddad", "Omar Haddad"])
    assert started.status_code == 201, started.json()
    body = started.json()
    assert body["order"]["status"] == "pending"
    assert body["amount"] == "300.00"
    assert body["currency"] == "USD"
    assert body["client_secret"]
    assert body["payment_intent_id"].startswith("pi_")
    order = body["order"]["id"]

    # Unpaid yet: confirm says so.
    waiting = guest_api.post(
        f"{BASE}/api/payments/checkout/confirm/", {"order": order}, format="json"
    )
    assert waiting.json()["order"]["status"] == "pending"
    assert waiting.json()["payment"]["status"] == "created"

    # Stripe's signed webhook, at the README's webhook path, confirms it.
    assert stripe_paid(stripe_fake, body["payment_intent_id"]).status_code == 200
    confirmed = guest_api.post(
        f"{BASE}/api/payments/checkout/confirm/", {"order": order}, format="json"
    )
    assert confirmed.status_code == 200
    assert confirmed.json()["order"]["status"] == "confirmed"
    assert confirmed.json()["payment"]["status"] == "succeeded"

    orders = guest_api.get(f"{BASE}/api/payments/orders/")
    assert [o["id"] for o in orders.json()["results"]] == [order]
    detail = guest_api.get(f"{BASE}/api/payments/orders/{order}/")
    assert detail.json()["amount"] == "300.00"
    invoice = guest_api.get(f"{BASE}/api/payments/orders/{order}/invoice/")
    assert invoice.status_code == 200, invoice.json()

    mine = guest_api.get(f"{BASE}/api/tickets/my/").json()["results"]
    assert len(mine) == 2
    first, second = sorted(t["id"] for t in mine)
    assert guest_api.get(f"{BASE}/api/tickets/{first}/").json()["id"] == first
    qr = guest_api.get(f"{BASE}/api/tickets/{first}/qr/")
    assert qr.status_code == 200
    assert qr["Content-Type"] == "image/png"

    # Transfer the first ticket to a friend, who accepts with the offer's id in the body.
    friend = UserFactory(phone="+966501234502", name="Sara")
    friend_api = api_of(friend)
    offered = guest_api.post(
        f"{BASE}/api/tickets/transfers/create/",
        {"ticket": first, "phone": "+966501234502"},
        format="json",
    )
    assert offered.status_code == 201, offered.json()
    transfer = offered.json()["id"]
    assert [
        t["id"] for t in friend_api.get(f"{BASE}/api/tickets/transfers/").json()["results"]
    ] == [transfer]
    assert (
        guest_api.post(
            f"{BASE}/api/tickets/transfers/accept/", {"transfer": transfer}, format="json"
        ).status_code
        == 403
    )
    accepted = friend_api.post(
        f"{BASE}/api/tickets/transfers/accept/", {"transfer": transfer}, format="json"
    )
    assert accepted.status_code == 200, accepted.json()
    assert [t["id"] for t in friend_api.get(f"{BASE}/api/tickets/my/").json()["results"]] == [first]
    # Offered and cancelled: the second ticket stays.
    again = guest_api.post(
        f"{BASE}/api/tickets/transfers/create/",
        {"ticket": second, "phone": "+966501234502"},
        format="json",
    )
    cancelled = guest_api.post(f"{BASE}/api/tickets/transfers/{again.json()['id']}/cancel/")
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"

    # Upgrade the second ticket to the VIP Lounge: an order for the difference.
    upgrade = guest_api.post(
        f"{BASE}/api/tickets/upgrades/create/",
        {"ticket": second, "slot": fest.vip.pk},
        format="json",
    )
    assert upgrade.status_code == 201, upgrade.json()
    assert upgrade.json()["amount"] == "500.00"
    upgrades = guest_api.get(f"{BASE}/api/tickets/upgrades/").json()["results"]
    assert [(u["id"], u["status"]) for u in upgrades] == [(upgrade.json()["id"], "pending")]


def test_checkout_takes_up_to_the_places_left_and_not_one_more(
    fest: Fest, guest_api: APIClient, stripe_fake: FakeStripe
) -> None:
    # Two VIP places: three is sold out and holds nothing; two is fine.
    too_many = checkout(guest_api, fest.vip, 3)
    assert too_many.status_code == 409
    assert error_code(too_many) == "sold_out"
    fest.vip.refresh_from_db()
    assert (fest.vip.held, fest.vip.sold) == (0, 0)

    assert checkout(guest_api, fest.vip, 2).status_code == 201


def test_a_checkout_refused_after_the_hold_gives_the_places_back(
    fest: Fest, guest_api: APIClient, stripe_fake: FakeStripe
) -> None:
    # One holder name for two tickets: the booking is refused, the hold released, so the
    # guest (one live hold at a time) can check out again at once.
    refused = checkout(guest_api, fest.general, 2, holders=["Only One"])
    assert refused.status_code == 400
    assert error_code(refused) == "validation_error"
    fest.general.refresh_from_db()
    assert fest.general.held == 0

    assert checkout(guest_api, fest.general, 2).status_code == 201


def test_checkout_without_stripe_is_a_503_that_holds_nothing(
    fest: Fest, guest_api: APIClient, settings: Any
) -> None:
    settings.STRIPE_SECRET_KEY = ""

    answer = checkout(guest_api, fest.general)

    assert answer.status_code == 503
    assert error_code(answer) == "no_provider"
    fest.general.refresh_from_db()
    assert fest.general.held == 0
    assert not Booking.objects.exists()


def test_a_checkout_stripe_refuses_ends_its_order_and_frees_its_places(
    fest: Fest, guest_api: APIClient, stripe_fake: FakeStripe
) -> None:
    stripe_fake.fail(500)

    refused = checkout(guest_api, fest.general, 2)

    assert refused.status_code in (502, 503), refused.json()
    assert refused.json()["ok"] is False
    fest.general.refresh_from_db()
    assert (fest.general.held, fest.general.sold) == (0, 0)
    assert Booking.objects.get().status == Booking.Status.CANCELLED
    # Stripe is back: the guest checks out again at once.
    stripe_fake.recover()
    assert checkout(guest_api, fest.general, 2).status_code == 201


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"items": []},
        {"items": [{"ticket_type": 0}]},
        {"items": [{"ticket_type": "one"}]},
        {"items": [{"ticket_type": 1, "quantity": 0}]},
        {"items": "all"},
        {"items": [{"ticket_type": 1}], "holders": "me"},
    ],
)
def test_checkout_bad_input_is_a_400(fest: Fest, guest_api: APIClient, body: Any) -> None:
    answer = guest_api.post(f"{BASE}/api/payments/checkout/create-intent/", body, format="json")

    assert answer.status_code == 400
    assert error_code(answer) == "validation_error"


def test_checkout_of_another_events_place_or_broken_json_is_a_4xx(
    fest: Fest, guest_api: APIClient, stripe_fake: FakeStripe
) -> None:
    elsewhere = SlotFactory()
    other = checkout(guest_api, elsewhere)
    broken = guest_api.post(
        f"{BASE}/api/payments/checkout/create-intent/",
        data='{"items": [',
        content_type="application/json",
    )

    assert 400 <= other.status_code < 500
    assert other.json()["ok"] is False
    assert broken.status_code == 400


def test_orders_and_tickets_of_someone_else_are_404(
    fest: Fest, guest_api: APIClient, stripe_fake: FakeStripe
) -> None:
    order = checkout(guest_api, fest.general).json()["order"]["id"]
    stranger = api_of(UserFactory())

    assert stranger.get(f"{BASE}/api/payments/orders/{order}/").status_code == 404
    confirm = stranger.post(
        f"{BASE}/api/payments/checkout/confirm/", {"order": order}, format="json"
    )
    assert confirm.status_code == 404
    bad = stranger.post(
        f"{BASE}/api/payments/checkout/confirm/", {"order": "not-a-uuid"}, format="json"
    )
    assert bad.status_code == 400
    accept = stranger.post(
        f"{BASE}/api/tickets/transfers/accept/", {"transfer": "nope"}, format="json"
    )
    assert accept.status_code == 400


# --- scanning and staff actions ---


@pytest.fixture
def paid(fest: Fest, guest: User) -> Booking:
    """Two General Admission tickets of the guest, paid cash at the desk."""
    hold = hold_create(user=guest, event=fest.event, items=[ItemRequest(fest.general.pk, 2)])
    booking = booking_create(user=guest, hold_id=hold.pk, details={"holders": ["L", "O"]})
    return mark_paid(booking=booking)


def test_scan_validate_commit_logs_and_stats(fest: Fest, paid: Booking) -> None:
    ticket = paid.tickets.order_by("id").first()
    assert ticket is not None
    staff = api_of(fest.staff)
    scan = {"qr": qr_of(ticket), "gate": fest.gate.pk}

    validated_ = staff.post(f"{BASE}/api/scan/validate/", scan, format="json")
    assert validated_.status_code == 200, validated_.json()
    assert validated_.json()["status"] == "admitted"
    first = staff.post(f"{BASE}/api/scan/commit/", scan, format="json")
    assert first.json()["status"] == "admitted"
    # A scanning station with its device token scans too; the ticket is used now.
    device, token = device_create(label="Lane 1", event=fest.event)
    fest.gate.devices.add(device)
    lane = APIClient()
    lane.credentials(HTTP_AUTHORIZATION=f"Device {token}")
    second = lane.post(f"{BASE}/api/scan/commit/", scan, format="json")
    assert second.status_code == 200
    assert second.json()["status"] == "already_used"
    forged = staff.post(
        f"{BASE}/api/scan/commit/", {"qr": "GH1.forged", "gate": fest.gate.pk}, format="json"
    )
    assert forged.json()["status"] == "invalid"

    logs = staff.get(f"{BASE}/api/scan/logs/")
    assert logs.status_code == 200
    assert [row["status"] for row in logs.json()["results"]][:3] == [
        "invalid",
        "already_used",
        "admitted",
    ]
    stats = staff.get(f"{BASE}/api/scan/stats/")
    assert stats.status_code == 200, stats.json()

    # A guest is no scanner.
    guest_scan = api_of(paid.user).post(f"{BASE}/api/scan/commit/", scan, format="json")
    assert guest_scan.status_code == 403


def test_staff_actions(fest: Fest, guest: User, paid: Booking) -> None:
    staff = api_of(fest.staff)
    ticket = paid.tickets.order_by("id").first()
    assert ticket is not None

    comp = staff.post(
        f"{BASE}/api/tickets/staff/comp/",
        {
            "event": fest.event.slug,
            "phone": "+966501234503",
            "name": "Press",
            "items": [{"slot": fest.general.pk, "quantity": 1}],
        },
        format="json",
    )
    assert comp.status_code == 201, comp.json()
    assert comp.json()["status"] == "confirmed"

    upgrade = staff.post(
        f"{BASE}/api/tickets/staff/upgrade/",
        {"ticket": ticket.pk, "slot": fest.vip.pk, "payment": "comp"},
        format="json",
    )
    assert upgrade.status_code == 201, upgrade.json()

    resent = staff.post(
        f"{BASE}/api/tickets/staff/resend-tickets/", {"booking": str(paid.pk)}, format="json"
    )
    assert resent.status_code == 202, resent.json()
    invoice = staff.post(
        f"{BASE}/api/tickets/staff/resend-invoice/", {"order": str(paid.pk)}, format="json"
    )
    assert invoice.status_code in (202, 409), invoice.json()

    orders = staff.get(f"{BASE}/api/tickets/staff/orders/")
    assert orders.status_code == 200
    assert str(paid.pk) in {o["id"] for o in orders.json()["results"]}
    detail = staff.get(f"{BASE}/api/tickets/staff/orders/{paid.pk}/")
    assert detail.json()["status"] == "confirmed"

    refund = staff.post(f"{BASE}/api/tickets/staff/refund/", {"order": str(paid.pk)}, format="json")
    assert refund.status_code == 200, refund.json()
    assert refund.json()["status"] == "refunded"


def test_staff_actions_refuse_guests_and_bad_ids(fest: Fest, paid: Booking) -> None:
    guest = api_of(paid.user)
    staff = api_of(fest.staff)

    assert guest.get(f"{BASE}/api/tickets/staff/orders/").status_code == 403
    refused = guest.post(
        f"{BASE}/api/tickets/staff/refund/", {"order": str(paid.pk)}, format="json"
    )
    assert refused.status_code == 403
    assert staff.post(f"{BASE}/api/tickets/staff/refund/", {}, format="json").status_code == 400
    unknown = staff.post(
        f"{BASE}/api/tickets/staff/refund/",
        {"order": "00000000-0000-0000-0000-000000000000"},
        format="json",
    )
    assert unknown.status_code == 404
    assert (
        staff.post(
            f"{BASE}/api/tickets/staff/upgrade/", {"ticket": -1, "slot": 1}, format="json"
        ).status_code
        == 400
    )


# --- vendors and booths ---


def test_vendors_their_profile_dashboard_setup_code_and_the_admin_booths(fest: Fest) -> None:
    now = timezone.now()
    VendorSettings.objects.create(
        event=fest.event,
        setup_starts_at=now - timedelta(hours=1),
        setup_ends_at=now + timedelta(hours=5),
        crew_small=2,
    )
    owner = UserFactory()
    vendor = Vendor.objects.create(
        event=fest.event, name="Saffron Kitchen", category="food", user=owner,
        contact_email="saffron@example.com",
    )  # fmt: skip
    booth = Booth.objects.create(event=fest.event, code="A-01", zone="Food court", size="small")
    staff = api_of(fest.staff)
    mine = api_of(owner)

    # Applied, not approved: the profile shows it; the setup code is for approved vendors.
    profile = mine.get(f"{BASE}/api/vendors/profile/")
    assert profile.status_code == 200, profile.json()
    assert (profile.json()["name"], profile.json()["status"]) == ("Saffron Kitchen", "pending")
    assert mine.get(f"{BASE}/api/vendors/setup-qr/").status_code == 403
    edited = mine.patch(
        f"{BASE}/api/vendors/profile/", {"description": "Rice and saffron."}, format="json"
    )
    assert edited.status_code == 200, edited.json()
    assert edited.json()["description"] == "Rice and saffron."

    listed = staff.get(f"{BASE}/api/vendors/admin/vendors/")
    assert listed.status_code == 200, listed.json()
    assert [v["name"] for v in listed.json()["results"]] == ["Saffron Kitchen"]
    vendor_approve(vendor_id=vendor.pk, actor=fest.staff)

    booths = staff.get(f"{BASE}/api/vendors/admin/booths/")
    assert [b["code"] for b in booths.json()] == ["A-01"]
    assigned = staff.post(
        f"{BASE}/api/vendors/admin/booths/assign/",
        {"booth": booth.pk, "vendor": vendor.pk},
        format="json",
    )
    assert assigned.status_code == 200, assigned.json()
    taken = staff.post(
        f"{BASE}/api/vendors/admin/booths/assign/",
        {"booth": booth.pk, "vendor": vendor.pk + 1000},
        format="json",
    )
    assert 400 <= taken.status_code < 500
    assert (
        mine.post(
            f"{BASE}/api/vendors/admin/booths/assign/", {"booth": booth.pk, "vendor": vendor.pk}
        ).status_code
        == 403
    )

    public = Client().get(f"{BASE}/api/vendors/list/")
    assert [v["name"] for v in public.json()] == ["Saffron Kitchen"]
    dashboard = mine.get(f"{BASE}/api/vendors/dashboard/")
    assert dashboard.status_code == 200, dashboard.json()
    code = mine.get(f"{BASE}/api/vendors/setup-qr/")
    assert code.status_code == 200, code.json()
    assert code.json()["crew_passes"] == 2


# --- wallet ---


@pytest.mark.usefixtures("apple_wallet", "google_wallet")
def test_wallet_passes_for_my_ticket(fest: Fest, paid: Booking) -> None:
    ticket = paid.tickets.order_by("id").first()
    assert ticket is not None
    mine = api_of(paid.user)
    assert mine.get(f"{BASE}/api/wallet/passes/").json() == []

    apple = mine.post(f"{BASE}/api/wallet/apple/create-pass/", {"ticket": ticket.pk}, format="json")
    assert apple.status_code == 200
    assert apple["Content-Type"] == "application/vnd.apple.pkpass"
    google = mine.post(
        f"{BASE}/api/wallet/google/create-pass/", {"ticket": ticket.pk}, format="json"
    )
    assert google.status_code == 200, google.json()
    assert google.json()["save_url"].startswith("https://pay.google.com/gp/v/save/")

    passes = mine.get(f"{BASE}/api/wallet/passes/").json()
    assert {p["ticket"] for p in passes} == {ticket.pk}
    stranger = api_of(UserFactory())
    refused = stranger.post(
        f"{BASE}/api/wallet/apple/create-pass/", {"ticket": ticket.pk}, format="json"
    )
    assert refused.status_code == 404
    assert refused["Content-Type"].startswith("application/json")
    assert stranger.get(f"{BASE}/api/wallet/passes/").json() == []
    bad = mine.post(f"{BASE}/api/wallet/google/create-pass/", {"ticket": "x"}, format="json")
    assert bad.status_code == 400


def test_wallet_not_configured_is_the_native_404(fest: Fest, paid: Booking, settings: Any) -> None:
    settings.APPLE_WALLET_PASS_TYPE_ID = ""
    settings.GOOGLE_WALLET_ISSUER_ID = ""
    ticket = paid.tickets.order_by("id").first()
    assert ticket is not None
    mine = api_of(paid.user)

    apple = mine.post(f"{BASE}/api/wallet/apple/create-pass/", {"ticket": ticket.pk}, format="json")
    google = mine.post(
        f"{BASE}/api/wallet/google/create-pass/", {"ticket": ticket.pk}, format="json"
    )

    assert (apple.status_code, error_code(apple)) == (404, "wallet_not_configured")
    assert (google.status_code, error_code(google)) == (404, "wallet_not_configured")


# --- no 500 from any input ---

JUNK = [
    [],
    "text",
    None,
    {"items": None, "ticket": "1; drop", "order": 5, "booth": [], "transfer": {}},
    {"items": [{"ticket_type": 10**30, "quantity": 10**30}], "qr": "x" * 600, "gate": -1},
]


def test_junk_bodies_never_get_a_500_from_any_endpoint(fest: Fest, stripe_fake: FakeStripe) -> None:
    staff = api_of(fest.staff)
    for method, path, _ in ENDPOINTS:
        if method not in ("post", "patch") or path == "/api/auth/logout/":
            continue  # (logout with no body ends the access token's session: a 200)
        for body in JUNK:
            answer = getattr(staff, method)(BASE + path, body, format="json")
            # (An empty PATCH of the profile changes nothing: a 200.)
            assert answer.status_code < 500, (path, body, answer.content[:300])
            assert answer.json()["ok"] is (answer.status_code < 400), (path, body)
