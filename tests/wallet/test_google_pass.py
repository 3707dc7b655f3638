"""Google Wallet: the save link's JWT (RS256, verified with the service account's public key
made in the test) carries the event's class and the ticket's object; a void or a transfer
updates the object through the Wallet REST API (a fake on 127.0.0.1)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jwt
import pytest
from rest_framework.test import APIClient

from backend.bookings.services.bookings import booking_create
from backend.inventory.services.holds import ItemRequest, hold_create
from backend.tickets.models import Ticket
from backend.tickets.services.tickets import tickets_void
from backend.tickets.services.transfers import transfer_accept, transfer_offer
from backend.wallet.models import WalletPass
from tests.factories import ResourceFactory, SlotFactory, UserFactory
from tests.support.bookings import Shop, client_of, mark_paid
from tests.support.fake_wallet import FakeGoogleWallet
from tests.wallet.conftest import ISSUER, ServiceAccount, write_account

pytestmark = pytest.mark.django_db

SAVE = "https://pay.google.com/gp/v/save/"
RECEIVER_PHONE = "+966551234567"


def claims_of(api: APIClient, ticket: Ticket, account: ServiceAccount) -> dict[str, Any]:
    answer = api.get(f"/api/tickets/{ticket.pk}/wallet/google/")
    assert answer.status_code == 200, answer.json()
    url = answer.json()["save_url"]
    assert url.startswith(SAVE)
    return jwt.decode(
        url[len(SAVE) :],
        account.key.public_key(),
        algorithms=["RS256"],
        audience="google",
        issuer=account.email,
    )


@pytest.fixture
def google_api(google_wallet: ServiceAccount, settings: Any) -> Iterator[FakeGoogleWallet]:
    with FakeGoogleWallet() as fake:
        settings.GOOGLE_WALLET_API_BASE = fake.base_url
        write_account(google_wallet, token_uri=fake.token_uri)
        yield fake


def test_unset_settings_answer_wallet_not_configured(ticket: Ticket, guest_api: APIClient) -> None:
    answer = guest_api.get(f"/api/tickets/{ticket.pk}/wallet/google/")

    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "wallet_not_configured"


def test_the_save_link_is_signed_by_the_service_account_and_carries_the_ticket(
    google_wallet: ServiceAccount, ticket: Ticket, guest_api: APIClient
) -> None:
    code = guest_api.get(f"/api/tickets/{ticket.pk}/").json()["qr_payload"]

    claims = claims_of(guest_api, ticket, google_wallet)

    assert claims["typ"] == "savetowallet"
    assert claims["origins"] == []
    [event_class] = claims["payload"]["eventTicketClasses"]
    [ticket_object] = claims["payload"]["eventTicketObjects"]
    serial = WalletPass.objects.get(ticket=ticket).serial_number
    assert event_class["id"] == f"{ISSUER}.event-{ticket.event.slug}"
    assert event_class["eventName"]["defaultValue"]["value"] == ticket.event.name
    assert ticket_object["id"] == f"{ISSUER}.{serial}"
    assert ticket_object["classId"] == event_class["id"]
    assert ticket_object["state"] == "ACTIVE"
    assert ticket_object["barcode"]["type"] == "QR_CODE"
    assert ticket_object["barcode"]["value"] == code
    assert ticket_object["ticketHolderName"] == "Holder 1"
    assert "seatInfo" not in ticket_object  # general admission


def test_a_seat_is_in_the_object(
    google_wallet: ServiceAccount, shop: Shop, guest: Any, guest_api: APIClient
) -> None:
    seat = SlotFactory(
        resource=ResourceFactory(
            event=shop.event, kind="seat", name="A-12", section="A", row="3", number=12, units=1
        )
    )
    hold = hold_create(user=guest, event=shop.event, items=[ItemRequest(seat.pk, 1)])
    booking = booking_create(user=guest, hold_id=hold.pk, details={"holders": ["Sara"]})
    mark_paid(booking=booking)

    claims = claims_of(guest_api, booking.tickets.get(), google_wallet)

    seat_info = claims["payload"]["eventTicketObjects"][0]["seatInfo"]
    assert {key: value["defaultValue"]["value"] for key, value in seat_info.items()} == {
        "section": "A",
        "row": "3",
        "seat": "12",
    }


def test_a_void_updates_the_saved_object(
    google_api: FakeGoogleWallet,
    google_wallet: ServiceAccount,
    ticket: Ticket,
    guest_api: APIClient,
    django_capture_on_commit_callbacks: Any,
) -> None:
    saved = claims_of(guest_api, ticket, google_wallet)["payload"]["eventTicketObjects"][0]
    google_api.objects[saved["id"]] = dict(saved)

    with django_capture_on_commit_callbacks(execute=True):
        tickets_void(ticket.booking)

    token_request, patch = google_api.requests
    assert token_request.path == "/token"
    grant = jwt.decode(
        token_request.form["assertion"],
        google_wallet.key.public_key(),
        algorithms=["RS256"],
        audience=google_api.token_uri,
    )
    assert grant["iss"] == google_wallet.email
    assert grant["scope"] == "https://www.googleapis.com/auth/wallet_object.issuer"
    assert patch.method == "PATCH"
    assert patch.path == f"/walletobjects/v1/eventTicketObject/{saved['id']}"
    assert google_api.objects[saved["id"]]["state"] == "INACTIVE"


def test_a_transfer_makes_the_senders_object_inactive_and_the_receiver_gets_the_new_code(
    google_api: FakeGoogleWallet,
    google_wallet: ServiceAccount,
    ticket: Ticket,
    guest: Any,
    guest_api: APIClient,
    django_capture_on_commit_callbacks: Any,
) -> None:
    saved = claims_of(guest_api, ticket, google_wallet)["payload"]["eventTicketObjects"][0]
    google_api.objects[saved["id"]] = dict(saved)
    receiver = UserFactory(phone=RECEIVER_PHONE, name="Omar")

    with django_capture_on_commit_callbacks(execute=True):
        offer = transfer_offer(ticket=ticket, user=guest, phone=RECEIVER_PHONE)
        transfer_accept(transfer=offer, user=receiver)

    assert google_api.objects[saved["id"]]["state"] == "INACTIVE"
    assert google_api.objects[saved["id"]]["barcode"] == saved["barcode"]
    receivers = claims_of(client_of(receiver), ticket, google_wallet)
    [new_object] = receivers["payload"]["eventTicketObjects"]
    assert new_object["id"] != saved["id"]
    assert new_object["state"] == "ACTIVE"
    assert (
        new_object["barcode"]["value"]
        == client_of(receiver).get(f"/api/tickets/{ticket.pk}/").json()["qr_payload"]
    )


def test_an_object_google_never_saved_is_left_alone(
    google_api: FakeGoogleWallet,
    google_wallet: ServiceAccount,
    ticket: Ticket,
    guest_api: APIClient,
    django_capture_on_commit_callbacks: Any,
) -> None:
    claims_of(guest_api, ticket, google_wallet)

    with django_capture_on_commit_callbacks(execute=True):
        tickets_void(ticket.booking)

    assert [request.method for request in google_api.requests] == ["POST", "PATCH"]
    assert google_api.objects == {}
