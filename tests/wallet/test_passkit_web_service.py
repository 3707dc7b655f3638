"""Apple's PassKit web service: devices register for a pass, learn which passes changed
since a tag, fetch the latest pass, and are pushed through APNs (a fake on 127.0.0.1) when
a ticket is upgraded, transferred or voided."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.tickets import codes
from backend.tickets.models import Ticket
from backend.tickets.services.tickets import tickets_void
from backend.tickets.services.transfers import transfer_accept, transfer_offer
from backend.wallet.models import AppleDevice
from tests.factories import ResourceFactory, SlotFactory, UserFactory
from tests.support.bookings import Shop, client_of
from tests.support.fake_wallet import FakeApns
from tests.wallet.conftest import PASS_TYPE, Pki

pytestmark = pytest.mark.django_db

BASE = "/api/wallet/apple/v1"
DEVICE = "a1b2c3d4e5f60718293a4b5c6d7e8f90"
PUSH_TOKEN = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
RECEIVER_PHONE = "+966551234567"


@pytest.fixture
def apns(apple_wallet: Pki, settings: Any) -> Iterator[FakeApns]:
    with FakeApns() as fake:
        settings.APPLE_APNS_BASE = fake.base_url
        yield fake


def pass_files(content: bytes) -> dict[str, Any]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return json.loads(archive.read("pass.json"))


def download(api: APIClient, ticket: Ticket) -> dict[str, Any]:
    answer = api.get(f"/api/tickets/{ticket.pk}/wallet/apple.pkpass")
    assert answer.status_code == 200
    return pass_files(answer.content)


def wallet(data: dict[str, Any]) -> APIClient:
    """Apple Wallet on a phone, holding the pass ``data``."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"ApplePass {data['authenticationToken']}")
    return client


def register(client: APIClient, serial: str, device: str = DEVICE) -> Any:
    return client.post(
        f"{BASE}/devices/{device}/registrations/{PASS_TYPE}/{serial}",
        {"pushToken": PUSH_TOKEN},
        format="json",
    )


def changed(client: APIClient, since: str | None = None, device: str = DEVICE) -> Any:
    query = f"?passesUpdatedSince={since}" if since else ""
    return client.get(f"{BASE}/devices/{device}/registrations/{PASS_TYPE}{query}")


def latest(client: APIClient, serial: str, **headers: str) -> Any:
    return client.get(f"{BASE}/passes/{PASS_TYPE}/{serial}", **headers)


def qr(ticket: Ticket) -> str:
    ticket.refresh_from_db()
    return codes.sign(event_id=ticket.event_id, ticket_id=ticket.pk, version=ticket.version)


def test_a_device_registers_once_with_the_passs_token_only(
    apple_wallet: Pki, ticket: Ticket, guest_api: APIClient
) -> None:
    data = download(guest_api, ticket)
    phone = wallet(data)

    assert register(phone, data["serialNumber"]).status_code == 201
    assert register(phone, data["serialNumber"]).status_code == 200
    other = dict(data, authenticationToken="0" * 64)
    assert register(wallet(other), data["serialNumber"]).status_code == 401
    assert register(APIClient(), data["serialNumber"]).status_code == 401
    assert register(phone, "no-such-serial").status_code == 401
    answer = phone.post(
        f"{BASE}/devices/{DEVICE}/registrations/pass.other/{data['serialNumber']}",
        {"pushToken": PUSH_TOKEN},
        format="json",
    )
    assert answer.status_code == 404


def test_an_upgrade_is_pushed_and_the_web_service_serves_the_new_code(
    apns: FakeApns,
    shop: Shop,
    ticket: Ticket,
    guest_api: APIClient,
    django_capture_on_commit_callbacks: Any,
) -> None:
    data = download(guest_api, ticket)
    serial, phone = data["serialNumber"], wallet(data)
    register(phone, serial)
    first = changed(phone)
    assert first.status_code == 200
    assert first.json()["serialNumbers"] == [serial]
    tag = first.json()["lastUpdated"]
    assert changed(phone, tag).status_code == 204
    fetched = latest(phone, serial)
    assert fetched.status_code == 200
    assert fetched["Content-Type"] == "application/vnd.apple.pkpass"
    last_modified = fetched["Last-Modified"]
    assert latest(phone, serial, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    old_code = pass_files(fetched.content)["barcodes"][0]["message"]

    terrace = SlotFactory(resource=ResourceFactory(event=shop.event, name="Terrace", price="150"))
    with django_capture_on_commit_callbacks(execute=True):
        answer = guest_api.post(
            f"/api/tickets/{ticket.pk}/upgrade/", {"slot": terrace.pk}, format="json"
        )
    assert answer.json()["status"] == "confirmed"

    [push] = apns.pushes()
    assert push.path == f"/3/device/{PUSH_TOKEN}"
    assert push.headers["apns-topic"] == PASS_TYPE
    assert push.json() == {}
    update = changed(phone, tag)
    assert update.status_code == 200
    assert update.json()["serialNumbers"] == [serial]
    assert update.json()["lastUpdated"] > tag
    renewed = pass_files(latest(phone, serial).content)
    assert renewed["serialNumber"] == serial
    assert renewed["barcodes"][0]["message"] == qr(ticket) != old_code
    assert {field["value"] for field in renewed["eventTicket"]["auxiliaryFields"]} >= {"Terrace"}
    assert "voided" not in renewed


def test_after_a_transfer_the_senders_pass_is_voided_and_the_receiver_gets_the_new_code(
    apns: FakeApns,
    ticket: Ticket,
    guest: Any,
    guest_api: APIClient,
    django_capture_on_commit_callbacks: Any,
) -> None:
    data = download(guest_api, ticket)
    serial, phone = data["serialNumber"], wallet(data)
    register(phone, serial)
    tag = changed(phone).json()["lastUpdated"]
    old_code = data["barcodes"][0]["message"]
    receiver = UserFactory(phone=RECEIVER_PHONE, name="Omar")

    with django_capture_on_commit_callbacks(execute=True):
        offer = transfer_offer(ticket=ticket, user=guest, phone=RECEIVER_PHONE)
        transfer_accept(transfer=offer, user=receiver)

    assert len(apns.pushes()) == 1
    assert changed(phone, tag).json()["serialNumbers"] == [serial]
    senders = pass_files(latest(phone, serial).content)
    assert senders["voided"] is True
    assert senders["barcodes"][0]["message"] == old_code  # it scans void now
    receivers = download(client_of(receiver), ticket)
    assert receivers["serialNumber"] != serial
    assert receivers["barcodes"][0]["message"] == qr(ticket) != old_code
    assert "voided" not in receivers
    assert guest_api.get(f"/api/tickets/{ticket.pk}/wallet/apple.pkpass").status_code == 404


def test_a_void_ticket_voids_the_pass_and_a_gone_device_is_forgotten(
    apns: FakeApns, ticket: Ticket, guest_api: APIClient, django_capture_on_commit_callbacks: Any
) -> None:
    data = download(guest_api, ticket)
    serial, phone = data["serialNumber"], wallet(data)
    register(phone, serial)
    apns.gone.add(PUSH_TOKEN)

    with django_capture_on_commit_callbacks(execute=True):
        tickets_void(ticket.booking)

    assert pass_files(latest(phone, serial).content)["voided"] is True
    assert len(apns.pushes()) == 1
    assert not AppleDevice.objects.exists()


def test_unregistering_stops_the_updates(
    apple_wallet: Pki, ticket: Ticket, guest_api: APIClient
) -> None:
    data = download(guest_api, ticket)
    serial, phone = data["serialNumber"], wallet(data)
    register(phone, serial)

    answer = phone.delete(f"{BASE}/devices/{DEVICE}/registrations/{PASS_TYPE}/{serial}")

    assert answer.status_code == 200
    assert changed(phone).status_code == 204
    assert not AppleDevice.objects.exists()


def test_a_tag_we_never_gave_is_refused(apple_wallet: Pki) -> None:
    answer = changed(APIClient(), "yesterday")

    assert answer.status_code == 400


def test_the_log_is_accepted(apple_wallet: Pki) -> None:
    answer = APIClient().post(f"{BASE}/log", {"logs": ["something failed"]}, format="json")

    assert answer.status_code == 200


def test_unconfigured_the_web_service_is_not_found(ticket: Ticket) -> None:
    answer = APIClient().post(f"{BASE}/log", {"logs": []}, format="json")

    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "wallet_not_configured"
