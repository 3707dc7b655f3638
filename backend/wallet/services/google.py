"""Google Wallet: a "save to Google Wallet" link per ticket, a JWT signed RS256 with the
issuer's service-account key that carries the event's ticket class and the ticket's
object (its barcode value is the ticket's ``qr_payload``); and later changes to the object
(a void, a transfer) sent through the Wallet REST API with an OAuth access token that the
service account obtains by a JWT grant at its ``token_uri``."""

from __future__ import annotations

import functools
import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import jwt
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from backend.inventory.wording import words_for
from backend.tickets import codes
from backend.tickets.models import Ticket
from backend.tickets.pdf import span_words
from backend.tickets.selectors import ticket_label, ticket_span
from backend.wallet.errors import WalletNotConfigured
from backend.wallet.models import WalletPass
from backend.wallet.services.passes import pass_is_live, pass_language

SAVE_URL = "https://pay.google.com/gp/v/save/"
SCOPE = "https://www.googleapis.com/auth/wallet_object.issuer"
GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer"
TIMEOUT_SECONDS = 10.0
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def google_configured() -> bool:
    return bool(settings.GOOGLE_WALLET_ISSUER_ID and settings.GOOGLE_WALLET_SERVICE_ACCOUNT)


def require_google() -> None:
    if not google_configured():
        raise WalletNotConfigured("Google Wallet passes are not offered here.")


@functools.cache
def _account(path: str) -> dict[str, Any]:
    try:
        account = json.loads(Path(path).read_text())
        for field in ("client_email", "private_key"):
            if not account.get(field):
                raise ValueError(f"no {field}")
    except (OSError, ValueError) as error:
        raise ImproperlyConfigured(f"GOOGLE_WALLET_SERVICE_ACCOUNT: {error}") from None
    return dict(account)


def service_account() -> dict[str, Any]:
    return _account(settings.GOOGLE_WALLET_SERVICE_ACCOUNT)


def class_id(ticket: Ticket) -> str:
    return f"{settings.GOOGLE_WALLET_ISSUER_ID}.event-{_UNSAFE.sub('_', ticket.event.slug)}"


def object_id(wallet_pass: WalletPass) -> str:
    return f"{settings.GOOGLE_WALLET_ISSUER_ID}.{wallet_pass.serial_number}"


TAGS = {"en": "en-US", "ar": "ar"}


def _text(value: str, language: str = "en") -> dict[str, Any]:
    return {"defaultValue": {"language": TAGS.get(language, "en-US"), "value": value}}


def _localized(ticket: Ticket, value: Callable[[], str]) -> dict[str, Any]:
    """A LocalizedString read in the language the booking was made in, with the other
    language's reading (a translated name) as its translation when it differs."""
    language = pass_language(ticket)
    readings = {}
    for each in (language, *(other for other in TAGS if other != language)):
        with translation.override(each):
            readings[each] = value()
    data = _text(readings[language], language)
    others = [
        {"language": TAGS[each], "value": text}
        for each, text in readings.items()
        if each != language and text != readings[language]
    ]
    if others:
        data["translatedValues"] = others
    return data


def ticket_class(ticket: Ticket) -> dict[str, Any]:
    event, venue = ticket.event, ticket.event.venue
    return {
        "id": class_id(ticket),
        "issuerName": "Gatehouse",
        "eventName": _localized(ticket, lambda: event.name),
        "reviewStatus": "UNDER_REVIEW",
        "venue": {
            "name": _localized(ticket, lambda: venue.name),
            "address": _localized(ticket, lambda: venue.address or venue.city),
        },
        "dateTime": {"start": event.starts_at.isoformat(), "end": event.ends_at.isoformat()},
    }


def ticket_object(wallet_pass: WalletPass) -> dict[str, Any]:
    ticket: Ticket = wallet_pass.ticket
    slot, span = ticket.slot, ticket_span(ticket)
    resource = slot.resource
    language = pass_language(ticket)
    words = words_for(ticket.event.kind, language)
    data: dict[str, Any] = {
        "id": object_id(wallet_pass),
        "classId": class_id(ticket),
        "state": "ACTIVE" if pass_is_live(wallet_pass) else "INACTIVE",
        "barcode": {
            "type": "QR_CODE",
            "value": codes.sign(
                event_id=ticket.event_id, ticket_id=ticket.pk, version=wallet_pass.version
            ),
            "alternateText": ticket.reference,
        },
        "ticketHolderName": ticket.holder_name,
        "ticketNumber": ticket.reference,
        "reservationInfo": {"confirmationCode": ticket.booking.reference},
        "ticketType": _localized(ticket, lambda: ticket_label(ticket, translation.get_language())),
        "validTimeInterval": {
            "start": {"date": span.starts_at.isoformat()},
            "end": {"date": span.ends_at.isoformat()},
        },
        "textModulesData": [
            {
                "id": "when",
                "header": words.when,
                "body": span_words(span, language),
            },
            {"id": "show", "header": words.title, "body": words.show},
        ],
    }
    if resource.kind == resource.Kind.SEAT:
        seat = {
            "section": resource.section,
            "row": resource.row,
            "seat": str(resource.number) if resource.number is not None else "",
        }
        data["seatInfo"] = {key: _text(value) for key, value in seat.items() if value}
    return data


def save_url(wallet_pass: WalletPass) -> str:
    """The "save to Google Wallet" link of a ticket's pass."""
    require_google()
    account = service_account()
    claims = {
        "iss": account["client_email"],
        "aud": "google",
        "typ": "savetowallet",
        "iat": int(time.time()),
        "origins": [],
        "payload": {
            "eventTicketClasses": [ticket_class(wallet_pass.ticket)],
            "eventTicketObjects": [ticket_object(wallet_pass)],
        },
    }
    headers = {"kid": account["private_key_id"]} if account.get("private_key_id") else None
    token = jwt.encode(claims, account["private_key"], algorithm="RS256", headers=headers)
    return SAVE_URL + token


TOKEN_CACHE_KEY = "wallet:google-access-token"  # noqa: S105  (a cache key, not a secret)


def access_token(client: httpx.Client) -> str:
    """An OAuth access token for the Wallet API (the service account's JWT grant), kept in
    the cache until a minute before it expires."""
    cached = cache.get(TOKEN_CACHE_KEY)
    if cached:
        return str(cached)
    account = service_account()
    token_uri = account.get("token_uri") or "https://oauth2.googleapis.com/token"
    now = int(time.time())
    assertion = jwt.encode(
        {
            "iss": account["client_email"],
            "scope": SCOPE,
            "aud": token_uri,
            "iat": now,
            "exp": now + 3600,
        },
        account["private_key"],
        algorithm="RS256",
    )
    answer = client.post(token_uri, data={"grant_type": GRANT_TYPE, "assertion": assertion})
    answer.raise_for_status()
    body = answer.json()
    token = str(body["access_token"])
    lifetime = int(body.get("expires_in") or 3600) - 60
    if lifetime > 0:
        cache.set(TOKEN_CACHE_KEY, token, lifetime)
    return token


def object_update(*, pass_id: int) -> bool:
    """Send the pass's object as it is now to Google (state, holder, barcode). False when
    Google has no such object (the guest never saved it) or Google is not configured."""
    wallet_pass = (
        WalletPass.objects.select_related(
            "ticket__event__venue", "ticket__slot__resource", "ticket__booking", "ticket__owner"
        )
        .filter(pk=pass_id)
        .first()
    )
    if wallet_pass is None or not google_configured():
        return False
    body = ticket_object(wallet_pass)
    with httpx.Client(timeout=TIMEOUT_SECONDS) as client:
        token = access_token(client)
        answer = client.patch(
            f"{settings.GOOGLE_WALLET_API_BASE}/walletobjects/v1/eventTicketObject/{body['id']}",
            json=body,
            headers={"Authorization": f"Bearer {token}"},
        )
    if answer.status_code == 404:
        return False
    answer.raise_for_status()
    return True
