"""Wallet test fixtures: a certificate chain made here (a root CA, a WWDR-like intermediate,
a pass certificate), Apple Wallet and Google Wallet switched on with it, and a paid
festival ticket."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from backend.tickets.models import Ticket
from backend.wallet.services import apple, google
from tests.support.bookings import Shop, mark_paid

PASS_TYPE = "pass.com.example.gatehouse"
TEAM = "ABCDE12345"
ISSUER = "3388000000012345678"


@dataclass(frozen=True)
class Pki:
    root: Path
    wwdr: Path
    cert: Path
    key: Path


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _cert(
    subject: str,
    key: rsa.RSAPrivateKey,
    issuer: str,
    issuer_key: rsa.RSAPrivateKey,
    *,
    ca: bool,
) -> x509.Certificate:
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if ca:
        builder = builder.add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
    return builder.sign(issuer_key, hashes.SHA256())


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def key_pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    """Root CA → intermediate ("WWDR") → pass certificate, as PEM files."""
    return write_pki(tmp_path_factory.mktemp("pki"))


def write_pki(folder: Path) -> Pki:
    """Root CA → intermediate ("WWDR") → pass certificate, as PEM files in ``folder``."""
    root_key, wwdr_key, pass_key = new_key(), new_key(), new_key()
    root = _cert("Test Root CA", root_key, "Test Root CA", root_key, ca=True)
    wwdr = _cert("Test WWDR", wwdr_key, "Test Root CA", root_key, ca=True)
    cert = _cert(f"Pass Type ID: {PASS_TYPE}", pass_key, "Test WWDR", wwdr_key, ca=False)
    paths = Pki(folder / "root.pem", folder / "wwdr.pem", folder / "pass.pem", folder / "pass.key")
    paths.root.write_bytes(_pem(root))
    paths.wwdr.write_bytes(_pem(wwdr))
    paths.cert.write_bytes(_pem(cert))
    paths.key.write_bytes(key_pem(pass_key))
    return paths


@pytest.fixture
def apple_wallet(settings: Any, pki: Pki) -> Pki:
    settings.APPLE_WALLET_PASS_TYPE_ID = PASS_TYPE
    settings.APPLE_WALLET_TEAM_ID = TEAM
    settings.APPLE_WALLET_CERT = str(pki.cert)
    settings.APPLE_WALLET_KEY = str(pki.key)
    settings.APPLE_WALLET_WWDR = str(pki.wwdr)
    apple._signer.cache_clear()
    return pki


@dataclass(frozen=True)
class ServiceAccount:
    path: Path
    email: str
    key: rsa.RSAPrivateKey


@pytest.fixture(scope="session")
def service_account_key() -> rsa.RSAPrivateKey:
    return new_key()


@pytest.fixture
def google_wallet(
    settings: Any, tmp_path: Path, service_account_key: rsa.RSAPrivateKey
) -> ServiceAccount:
    """Google Wallet on, with a service account made here (its token_uri points nowhere
    until a test sets it to a fake's)."""
    account = ServiceAccount(
        tmp_path / "service-account.json",
        "wallet@gatehouse-test.iam.gserviceaccount.com",
        service_account_key,
    )
    write_account(account, token_uri="http://127.0.0.1:9/token")
    settings.GOOGLE_WALLET_ISSUER_ID = ISSUER
    settings.GOOGLE_WALLET_SERVICE_ACCOUNT = str(account.path)
    google._account.cache_clear()
    return account


def write_account(account: ServiceAccount, *, token_uri: str) -> None:
    account.path.write_text(
        json.dumps(
            {
                "type": "service_account",
                "project_id": "gatehouse-test",
                "private_key_id": "k1",
                "private_key": key_pem(account.key).decode(),
                "client_email": account.email,
                "token_uri": token_uri,
            }
        )
    )
    google._account.cache_clear()


@pytest.fixture
def ticket(shop: Shop, guest: Any) -> Ticket:
    booking = shop.book(guest, 1)
    mark_paid(booking=booking)
    return booking.tickets.get()
