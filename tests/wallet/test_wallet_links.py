"""The wallets offered (``GET /api/wallet/``) and a ticket's passes through the signed tickets
link, for a guest who is not signed in: the same pass as the holder's own endpoints, for a
ticket the link opens only; a bad link, another booking's ticket or one transferred away is
the link's 404."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import jwt
import pytest
from rest_framework.test import APIClient

from backend.bookings.models import Booking
from backend.tickets.links import ticket_link_token
from backend.tickets.models import Ticket
from backend.tickets.services.transfers import transfer_accept, transfer_offer
from backend.wallet.models import WalletPass
from tests.factories import UserFactory
from tests.support.bookings import Shop, client_of, mark_paid
from tests.wallet.conftest import Pki, ServiceAccount

pytestmark = pytest.mark.django_db

SAVE = "https://pay.google.com/gp/v/save/"
LINK_INVALID = {
    "ok": False,
    "error": {"code": "not_found", "message": "This link is not valid or has expired."},
}


def paid(shop: Shop, user: Any, quantity: int = 1) -> Booking:
    booking = shop.book(user, quantity)
    mark_paid(booking=booking)
    return booking


def apple_path(token: str, ticket_id: int) -> str:
    return f"/api/tickets/links/{token}/{ticket_id}/wallet/apple.pkpass"


def google_path(token: str, ticket_id: int) -> str:
    return f"/api/tickets/links/{token}/{ticket_id}/wallet/google/"


def not_found(answer: Any, code: str = "not_found") -> None:
    assert answer.status_code == 404, answer.content[:300]
    assert answer.json()["error"]["code"] == code


@pytest.fixture
def phone_guest(db: Any) -> Any:
    """A guest known only by a phone, never signed in."""
    return UserFactory(email=None)


@pytest.fixture
def booking(shop: Shop, phone_guest: Any) -> Booking:
    return paid(shop, phone_guest, 2)


@pytest.fixture
def token(booking: Booking, phone_guest: Any) -> str:
    return ticket_link_token(booking=booking, holder=phone_guest)


# GET /api/wallet/


def test_no_wallet_is_offered_without_settings() -> None:
    answer = APIClient().get("/api/wallet/")

    assert answer.status_code == 200
    assert answer.json() == {"ok": True, "apple": False, "google": False}


def test_the_configured_wallets_are_offered(
    apple_wallet: Pki, google_wallet: ServiceAccount
) -> None:
    assert APIClient().get("/api/wallet/").json() == {"ok": True, "apple": True, "google": True}


def test_one_wallet_alone_is_offered_alone(google_wallet: ServiceAccount, settings: Any) -> None:
    assert APIClient().get("/api/wallet/").json() == {"ok": True, "apple": False, "google": True}
    settings.GOOGLE_WALLET_SERVICE_ACCOUNT = ""
    assert APIClient().get("/api/wallet/").json()["google"] is False


def test_an_incomplete_apple_setup_is_not_offered(apple_wallet: Pki, settings: Any) -> None:
    settings.APPLE_WALLET_WWDR = ""

    assert APIClient().get("/api/wallet/").json()["apple"] is False


# Apple Wallet through the link


def test_unconfigured_wallets_answer_wallet_not_configured_through_the_link(
    booking: Booking, token: str
) -> None:
    ticket = booking.tickets.first()
    assert ticket is not None

    not_found(APIClient().get(apple_path(token, ticket.pk)), "wallet_not_configured")
    not_found(APIClient().get(google_path(token, ticket.pk)), "wallet_not_configured")


def test_the_link_gives_the_holders_apple_pass(
    apple_wallet: Pki, booking: Booking, token: str, phone_guest: Any
) -> None:
    ticket = booking.tickets.order_by("pk").first()
    assert ticket is not None

    answer = APIClient().get(apple_path(token, ticket.pk))

    assert answer.status_code == 200, answer.content[:300]
    assert answer["Content-Type"] == "application/vnd.apple.pkpass"
    assert answer["Cache-Control"] == "private, no-cache"
    wallet_pass = WalletPass.objects.get(ticket=ticket)
    assert wallet_pass.holder == phone_guest
    assert answer["Content-Disposition"] == (
        f'attachment; filename="tickets-{ticket.reference}.pkpass"'
    )
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        data = json.loads(archive.read("pass.json"))
    assert data["serialNumber"] == wallet_pass.serial_number
    code = APIClient().get(f"/api/tickets/links/{token}/").json()["tickets"][0]["qr_payload"]
    assert data["barcodes"][0]["message"] == code
    # Signed in later, the holder gets the same pass (same serial).
    mine = client_of(phone_guest).get(f"/api/tickets/{ticket.pk}/wallet/apple.pkpass")
    assert mine.status_code == 200
    assert WalletPass.objects.filter(ticket=ticket).count() == 1


def test_an_altered_link_is_the_links_404(apple_wallet: Pki, booking: Booking, token: str) -> None:
    ticket = booking.tickets.first()
    assert ticket is not None

    answer = APIClient().get(apple_path(token[:-2] + "xx", ticket.pk))

    assert answer.status_code == 404
    assert answer.json() == LINK_INVALID
    assert not WalletPass.objects.exists()


def test_a_ticket_outside_the_link_is_not_found(
    apple_wallet: Pki, google_wallet: ServiceAccount, shop: Shop, token: str, guest: Any
) -> None:
    other = paid(shop, guest).tickets.get()

    not_found(APIClient().get(apple_path(token, other.pk)))
    not_found(APIClient().get(google_path(token, other.pk)))
    assert not WalletPass.objects.exists()


def test_a_ticket_transferred_away_leaves_the_senders_link(
    apple_wallet: Pki,
    google_wallet: ServiceAccount,
    booking: Booking,
    token: str,
    phone_guest: Any,
) -> None:
    kept, given = Ticket.objects.filter(booking=booking).order_by("pk")
    receiver = UserFactory()
    offer = transfer_offer(ticket=given, user=phone_guest, phone=receiver.phone)
    transfer_accept(transfer=offer, user=receiver)

    not_found(APIClient().get(apple_path(token, given.pk)))
    not_found(APIClient().get(google_path(token, given.pk)))
    assert APIClient().get(apple_path(token, kept.pk)).status_code == 200
    receivers = ticket_link_token(booking=booking, holder=receiver)
    assert APIClient().get(apple_path(receivers, given.pk)).status_code == 200
    assert WalletPass.objects.get(ticket=given).holder == receiver


# Google Wallet through the link


def test_the_link_gives_the_holders_google_save_link(
    google_wallet: ServiceAccount, booking: Booking, token: str
) -> None:
    ticket = booking.tickets.order_by("pk").first()
    assert ticket is not None

    answer = APIClient().get(google_path(token, ticket.pk))

    assert answer.status_code == 200, answer.json()
    assert answer["Cache-Control"] == "private, no-cache"
    url = answer.json()["save_url"]
    assert url.startswith(SAVE)
    claims = jwt.decode(
        url[len(SAVE) :],
        google_wallet.key.public_key(),
        algorithms=["RS256"],
        audience="google",
        issuer=google_wallet.email,
    )
    [ticket_object] = claims["payload"]["eventTicketObjects"]
    code = APIClient().get(f"/api/tickets/links/{token}/").json()["tickets"][0]["qr_payload"]
    assert ticket_object["barcode"]["value"] == code
    assert ticket_object["id"].endswith(WalletPass.objects.get(ticket=ticket).serial_number)


def test_an_expired_link_is_the_links_404(
    google_wallet: ServiceAccount, booking: Booking, token: str, settings: Any
) -> None:
    ticket = booking.tickets.first()
    assert ticket is not None
    settings.TICKET_LINK_MAX_AGE_DAYS = -1

    answer = APIClient().get(google_path(token, ticket.pk))

    assert answer.status_code == 404
    assert answer.json() == LINK_INVALID
