"""The push to APNs as Apple takes it: HTTP/2 over TLS, authenticated by the pass
certificate (a TLS client certificate), against a fake on 127.0.0.1 that speaks only h2."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID
from rest_framework.test import APIClient

from backend.tickets.models import Ticket
from backend.tickets.services.tickets import tickets_void
from backend.wallet.services import apns
from tests.support.fake_wallet import FakeApnsHttp2
from tests.wallet.conftest import PASS_TYPE, Pki, key_pem, new_key
from tests.wallet.test_passkit_web_service import PUSH_TOKEN, download, register, wallet

pytestmark = pytest.mark.django_db


def server_certificate(folder: Path) -> tuple[Path, Path, Path]:
    """A CA and a certificate for 127.0.0.1 it signed: (ca, cert, key) PEM paths."""
    ca_key, key = new_key(), new_key()
    now = datetime.now(UTC)
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Fake APNs CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    paths = folder / "apns-ca.pem", folder / "apns.pem", folder / "apns.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(key_pem(key))
    return paths


@pytest.fixture
def apns_h2(
    apple_wallet: Pki, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FakeApnsHttp2]:
    ca, cert, key = server_certificate(tmp_path)
    client_ca = tmp_path / "client-ca.pem"
    client_ca.write_bytes(apple_wallet.root.read_bytes() + apple_wallet.wwdr.read_bytes())
    made = apns._ssl_context

    def trusting_the_fake() -> Any:
        context = made()  # the pass certificate as the client certificate, as in production
        context.load_verify_locations(str(ca))
        return context

    monkeypatch.setattr(apns, "_ssl_context", trusting_the_fake)
    with FakeApnsHttp2(cert=str(cert), key=str(key), client_ca=str(client_ca)) as fake:
        settings.APPLE_APNS_BASE = fake.base_url
        yield fake


def test_a_changed_pass_is_pushed_over_http2_with_the_pass_certificate(
    apns_h2: FakeApnsHttp2,
    ticket: Ticket,
    guest_api: APIClient,
    django_capture_on_commit_callbacks: Any,
) -> None:
    data = download(guest_api, ticket)
    register(wallet(data), data["serialNumber"])

    with django_capture_on_commit_callbacks(execute=True):
        tickets_void(ticket.booking)

    [push] = apns_h2.requests
    assert push["alpn"] == "h2"
    assert push["headers"][":method"] == "POST"
    assert push["headers"][":path"] == f"/3/device/{PUSH_TOKEN}"
    assert push["headers"]["apns-topic"] == PASS_TYPE
    assert push["body"] == b"{}"
    assert push["client_subject"]["commonName"] == f"Pass Type ID: {PASS_TYPE}"
