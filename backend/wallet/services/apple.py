"""Apple Wallet passes (``.pkpass``): a zip of ``pass.json`` (style ``eventTicket``), the
images, ``manifest.json`` (the SHA-1 of every other file) and ``signature``, a detached
PKCS#7 signature of the manifest by the pass certificate, carrying Apple's WWDR
intermediate certificate.

The PassKit authentication token of a pass is derived (HMAC-SHA256 of its serial number
under ``SECRET_KEY``): unguessable, never stored, the same every time the pass is built.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from backend.core.bidi import isolate_in
from backend.inventory.wording import words_for
from backend.tickets import codes
from backend.tickets.models import Ticket
from backend.tickets.pdf import span_words
from backend.tickets.selectors import ticket_label, ticket_span
from backend.wallet.errors import WalletNotConfigured
from backend.wallet.models import WalletPass
from backend.wallet.services.passes import pass_is_live, pass_language

ASSETS = Path(__file__).resolve().parent.parent / "assets"
IMAGES = ("icon.png", "icon@2x.png", "logo.png")
CONTENT_TYPE = "application/vnd.apple.pkpass"
WEB_SERVICE_PATH = "/api/wallet/apple/"
ORGANIZATION = "Gatehouse"


@dataclass(frozen=True)
class Signer:
    certificate: x509.Certificate
    key: pkcs7.PKCS7PrivateKeyTypes  # RSA or EC
    wwdr: x509.Certificate


def apple_configured() -> bool:
    return all(
        (
            settings.APPLE_WALLET_PASS_TYPE_ID,
            settings.APPLE_WALLET_TEAM_ID,
            settings.APPLE_WALLET_CERT,
            settings.APPLE_WALLET_KEY,
            settings.APPLE_WALLET_WWDR,
        )
    )


def require_apple() -> None:
    if not apple_configured():
        raise WalletNotConfigured("Apple Wallet passes are not offered here.")


@functools.cache
def _signer(cert_path: str, key_path: str, wwdr_path: str) -> Signer:
    try:
        certificate = x509.load_pem_x509_certificate(Path(cert_path).read_bytes())
        key = serialization.load_pem_private_key(Path(key_path).read_bytes(), password=None)
        if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
            raise ValueError("the key is neither RSA nor EC")
        wwdr = x509.load_pem_x509_certificate(Path(wwdr_path).read_bytes())
    except (OSError, ValueError) as error:
        raise ImproperlyConfigured(f"Apple Wallet certificate or key: {error}") from None
    return Signer(certificate, key, wwdr)


def signer() -> Signer:
    return _signer(
        settings.APPLE_WALLET_CERT, settings.APPLE_WALLET_KEY, settings.APPLE_WALLET_WWDR
    )


def authentication_token(serial_number: str) -> str:
    """The token a device presents (``Authorization: ApplePass <token>``) for this pass."""
    key = hashlib.sha256(f"gatehouse-wallet-pass:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, serial_number.encode(), hashlib.sha256).hexdigest()


def token_matches(serial_number: str, token: str) -> bool:
    return hmac.compare_digest(authentication_token(serial_number), token)


def web_service_url() -> str:
    return settings.FRONTEND_URL + WEB_SERVICE_PATH


def pass_json(wallet_pass: WalletPass) -> dict[str, Any]:
    """What the pass shows: the event, date and time in the venue's time zone, the venue,
    what the ticket admits and its holder; the QR code of the ticket's ``qr_payload``. In
    the language its booking was made in and the words of its business (a reservation, an
    appointment ...: :mod:`backend.inventory.wording`), names read in that language and set
    as isolated runs (:mod:`backend.core.bidi`); its references, never the ticket's id."""
    ticket: Ticket = wallet_pass.ticket
    language = pass_language(ticket)
    with translation.override(language):
        return _pass_json(wallet_pass, ticket, language)


def _pass_json(wallet_pass: WalletPass, ticket: Ticket, language: str) -> dict[str, Any]:
    event, venue, span = ticket.event, ticket.event.venue, ticket_span(ticket)
    words = words_for(event.kind, language)
    payload = codes.sign(event_id=ticket.event_id, ticket_id=ticket.pk, version=wallet_pass.version)
    live = pass_is_live(wallet_pass)
    comma = "، " if language == "ar" else ", "
    place = comma.join(isolate_in(part, language) for part in (venue.name, venue.city) if part)
    data: dict[str, Any] = {
        "formatVersion": 1,
        "passTypeIdentifier": settings.APPLE_WALLET_PASS_TYPE_ID,
        "teamIdentifier": settings.APPLE_WALLET_TEAM_ID,
        "serialNumber": wallet_pass.serial_number,
        "authenticationToken": authentication_token(wallet_pass.serial_number),
        "webServiceURL": web_service_url(),
        "organizationName": ORGANIZATION,
        "description": f"{words.title}: {isolate_in(event.name, language)}",
        "logoText": ORGANIZATION,
        "foregroundColor": "rgb(255, 255, 255)",
        "backgroundColor": "rgb(20, 24, 38)",
        "labelColor": "rgb(245, 197, 66)",
        "relevantDate": span.starts_at.isoformat(),
        "eventTicket": {
            "primaryFields": [{"key": "event", "label": words.event, "value": event.name}],
            "secondaryFields": [
                {
                    "key": "date",
                    "label": words.when,
                    "value": span_words(span, language),
                },
                {"key": "venue", "label": words.venue, "value": place},
            ],
            "auxiliaryFields": [
                {"key": "admits", "label": words.admits, "value": ticket_label(ticket, language)},
                {
                    "key": "holder",
                    "label": words.holder,
                    "value": (ticket.holder_name or "-") if live else words.transferred,
                },
            ],
            "backFields": [
                {"key": "booking", "label": words.booking, "value": ticket.booking.reference},
                {"key": "ticket", "label": words.title, "value": ticket.reference},
                {"key": "address", "label": words.address, "value": venue.address or place},
            ],
        },
        "barcodes": [
            {
                "format": "PKBarcodeFormatQR",
                "message": payload,
                "messageEncoding": "iso-8859-1",
                "altText": ticket.reference,
            }
        ],
    }
    data["barcode"] = data["barcodes"][0]  # iOS 8 and older read this one
    if not live:
        data["voided"] = True
    return data


def manifest(files: dict[str, bytes]) -> bytes:
    return json.dumps(
        # Apple Wallet checks SHA-1 (a manifest format, not a security choice of ours).
        {
            name: hashlib.sha1(content).hexdigest()  # noqa: S324
            for name, content in sorted(files.items())
        },
        indent=2,
    ).encode()


def sign_manifest(content: bytes, signer: Signer) -> bytes:
    """The detached PKCS#7 (DER) signature of ``content`` that Apple Wallet checks."""
    return (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(content)
        .add_signer(signer.certificate, signer.key, hashes.SHA256())
        .add_certificate(signer.wwdr)
        .sign(
            serialization.Encoding.DER,
            [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary],
        )
    )


def pkpass(wallet_pass: WalletPass) -> bytes:
    """The signed ``.pkpass`` of a pass, as it is now."""
    require_apple()
    files = {"pass.json": json.dumps(pass_json(wallet_pass), ensure_ascii=False).encode()}
    for name in IMAGES:
        files[name] = (ASSETS / name).read_bytes()
    files["manifest.json"] = manifest(files)
    files["signature"] = sign_manifest(files["manifest.json"], signer())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
