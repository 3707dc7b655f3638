"""The signed payload a ticket's QR code carries, and its check (no database needed).

Binary, to keep the QR small (version 6 at medium error correction holds it):

    format (1) | key id (1) | event id (4) | ticket id (4) | ticket version (2) | Ed25519 (64)

A vendor's setup code (which admits its crew at load-in gates) is the same payload with
format 2, the vendor's id and the code's version in place of the ticket's: one key set, one
check, and a scanner tells the two apart by ``TicketCode.kind``.

as RFC 4648 base32 without padding after the prefix ``GH1``: every character is in the QR
code's alphanumeric set, so the code is 125 characters. A scanner that holds only the public
keys verifies it offline; a forged, truncated or altered code fails here, before any query.

Keys: ``TICKET_SIGNING_KEYS`` is ``<id>:<base64 32-byte seed>`` pairs separated by commas;
``TICKET_SIGNING_KEY_ID`` names the one that signs new codes, the others still verify (a key
being retired). Without keys, key 1 is derived from ``SECRET_KEY``.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "GH1"
FORMAT = 1  # a ticket
SETUP_FORMAT = 2  # a vendor's setup code
KINDS = {FORMAT: "ticket", SETUP_FORMAT: "setup"}
_BODY = struct.Struct(">BBIIH")
SIGNATURE_BYTES = 64
CODE_LENGTH = len(PREFIX) + len(
    base64.b32encode(b"\0" * (_BODY.size + SIGNATURE_BYTES)).rstrip(b"=")
)


class InvalidCode(ValueError):
    """Not a code we signed (forged, altered, truncated, or signed by an unknown key)."""


@dataclass(frozen=True)
class TicketCode:
    key_id: int
    event_id: int
    ticket_id: int  # a setup code: the vendor's id
    version: int
    form: int = FORMAT

    @property
    def kind(self) -> str:
        """``ticket`` or ``setup``."""
        return KINDS[self.form]


@functools.cache
def _keys(configured: str, secret_key: str) -> dict[int, Ed25519PrivateKey]:
    if not configured:
        derived = hashlib.sha256(f"gatehouse-ticket-key:{secret_key}".encode()).digest()
        return {1: Ed25519PrivateKey.from_private_bytes(derived)}
    keys = {}
    for entry in configured.split(","):
        key_id, _, seed = entry.strip().partition(":")
        try:
            keys[int(key_id)] = Ed25519PrivateKey.from_private_bytes(base64.b64decode(seed))
        except (ValueError, binascii.Error) as error:
            raise ImproperlyConfigured(f"TICKET_SIGNING_KEYS entry {key_id!r}: {error}") from None
    return keys


def signing_keys() -> dict[int, Ed25519PrivateKey]:
    return _keys(settings.TICKET_SIGNING_KEYS, settings.SECRET_KEY)


@functools.cache
def _public(key: Ed25519PrivateKey) -> Ed25519PublicKey:
    return key.public_key()


def public_keys() -> dict[int, str]:
    """Key id → raw public key, base64 (what an offline scanner needs)."""
    return {
        key_id: base64.b64encode(_public(key).public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()
        for key_id, key in signing_keys().items()
    }


def sign(*, event_id: int, ticket_id: int, version: int, form: int = FORMAT) -> str:
    """A ticket's code (or, with ``form`` :data:`SETUP_FORMAT`, a vendor's setup code)."""
    key_id = settings.TICKET_SIGNING_KEY_ID
    key = signing_keys().get(key_id)
    if key is None:
        raise ImproperlyConfigured(f"TICKET_SIGNING_KEY_ID {key_id} is not in the keys.")
    body = _BODY.pack(form, key_id, event_id, ticket_id, version)
    return PREFIX + base64.b32encode(body + key.sign(body)).rstrip(b"=").decode()


def verify(code: object) -> TicketCode:
    """The ticket a code names, if we signed it; InvalidCode otherwise. No queries."""
    if not isinstance(code, str) or len(code) != CODE_LENGTH or not code.startswith(PREFIX):
        raise InvalidCode("not a Gatehouse ticket code")
    text = code[len(PREFIX) :]
    try:
        raw = base64.b32decode(text + "=" * (-len(text) % 8))
    except (binascii.Error, ValueError):
        raise InvalidCode("not a Gatehouse ticket code") from None
    if base64.b32encode(raw).rstrip(b"=").decode() != text:  # unused bits set: not ours
        raise InvalidCode("not a Gatehouse ticket code")
    body, signature = raw[: _BODY.size], raw[_BODY.size :]
    form, key_id, event_id, ticket_id, version = _BODY.unpack(body)
    key = signing_keys().get(key_id)
    if form not in KINDS or key is None:
        raise InvalidCode("signed by a key we do not know")
    try:
        _public(key).verify(signature, body)
    except InvalidSignature:
        raise InvalidCode("the signature does not match") from None
    return TicketCode(key_id, event_id, ticket_id, version, form)
