"""Apple Wallet: a ticket's .pkpass, its manifest and its signature (checked with openssl
against a certificate chain made in the test)."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.tickets.models import Ticket
from backend.tickets.services.tickets import tickets_void
from tests.conftest import require_binary
from tests.factories import UserFactory
from tests.support.bookings import client_of
from tests.wallet.conftest import PASS_TYPE, TEAM, Pki

pytestmark = pytest.mark.django_db


def pkpass_of(api: APIClient, ticket: Ticket) -> dict[str, bytes]:
    answer = api.get(f"/api/tickets/{ticket.pk}/wallet/apple.pkpass")
    assert answer.status_code == 200, answer.content[:300]
    assert answer["Content-Type"] == "application/vnd.apple.pkpass"
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_unset_settings_answer_wallet_not_configured(ticket: Ticket, guest_api: APIClient) -> None:
    answer = guest_api.get(f"/api/tickets/{ticket.pk}/wallet/apple.pkpass")

    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "wallet_not_configured"


def test_the_pass_shows_the_ticket_and_carries_its_code(
    apple_wallet: Pki, ticket: Ticket, guest_api: APIClient, settings: Any
) -> None:
    code = guest_api.get(f"/api/tickets/{ticket.pk}/").json()["qr_payload"]

    files = pkpass_of(guest_api, ticket)

    assert set(files) == {
        "pass.json",
        "icon.png",
        "icon@2x.png",
        "logo.png",
        "manifest.json",
        "signature",
    }
    data = json.loads(files["pass.json"])
    assert data["formatVersion"] == 1
    assert (data["passTypeIdentifier"], data["teamIdentifier"]) == (PASS_TYPE, TEAM)
    assert data["webServiceURL"] == settings.FRONTEND_URL + "/api/wallet/apple/"
    assert len(data["authenticationToken"]) >= 16
    assert data["barcodes"] == [
        {
            "format": "PKBarcodeFormatQR",
            "message": code,
            "messageEncoding": "iso-8859-1",
            "altText": ticket.reference,  # never the (sequential) id
        }
    ]
    fields = data["eventTicket"]
    assert fields["primaryFields"][0]["value"] == ticket.event.name
    secondary = {field["key"]: field["value"] for field in fields["secondaryFields"]}
    assert ticket.event.venue.name in secondary["venue"]
    assert f"({ticket.event.venue.time_zone})" in secondary["date"]
    auxiliary = {field["key"]: field["value"] for field in fields["auxiliaryFields"]}
    assert auxiliary == {"admits": ticket.label, "holder": "Holder 1"}
    assert "voided" not in data
    # The same pass (serial and token) every time it is asked for.
    again = json.loads(pkpass_of(guest_api, ticket)["pass.json"])
    assert (again["serialNumber"], again["authenticationToken"]) == (
        data["serialNumber"],
        data["authenticationToken"],
    )


def test_the_manifest_hashes_every_file_and_openssl_verifies_the_signature(
    apple_wallet: Pki, ticket: Ticket, guest_api: APIClient, tmp_path: Path
) -> None:
    openssl = require_binary("openssl")
    files = pkpass_of(guest_api, ticket)

    manifest = json.loads(files["manifest.json"])
    assert manifest == {
        name: hashlib.sha1(content).hexdigest()
        for name, content in files.items()
        if name not in {"manifest.json", "signature"}
    }
    (tmp_path / "manifest.json").write_bytes(files["manifest.json"])
    (tmp_path / "signature").write_bytes(files["signature"])
    verify = [
        openssl, "smime", "-verify", "-binary", "-inform", "DER",
        "-in", str(tmp_path / "signature"), "-content", str(tmp_path / "manifest.json"),
        "-CAfile", str(apple_wallet.root), "-purpose", "any", "-out", "/dev/null",
    ]  # fmt: skip
    result = subprocess.run(verify, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    # The intermediate travels in the signature: the root alone is enough to verify it.
    certs = subprocess.run(
        [openssl, "pkcs7", "-inform", "DER", "-print_certs", "-in", str(tmp_path / "signature")],
        capture_output=True,
        text=True,
        timeout=30,
    ).stdout
    assert "Test WWDR" in certs
    # An altered manifest does not verify.
    (tmp_path / "manifest.json").write_bytes(files["manifest.json"].replace(b"a", b"b", 1))
    assert subprocess.run(verify, capture_output=True, timeout=30).returncode != 0


def test_a_void_ticket_gives_a_voided_pass(
    apple_wallet: Pki, ticket: Ticket, guest_api: APIClient
) -> None:
    tickets_void(ticket.booking)

    data = json.loads(pkpass_of(guest_api, ticket)["pass.json"])

    assert data["voided"] is True


def test_someone_elses_ticket_is_not_found(apple_wallet: Pki, ticket: Ticket) -> None:
    stranger = client_of(UserFactory())

    answer = stranger.get(f"/api/tickets/{ticket.pk}/wallet/apple.pkpass")

    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"
