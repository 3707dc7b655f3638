"""``POST /api/holds/`` as a rush route (backend/core/rush.py): the on-sale's hot path.

The same contract as ``HoldCreateApi`` (inventory/api/holds.py), in one database round trip
and no Redis read: the token is checked as simplejwt checks it (signature, expiry, type)
without loading the user; the session is checked live in the same statement that takes the
hold (``accounts_session_live``, then ``inventory_hold_take``); the answer is built from the
rows the statement returned by the API's own ``hold_data``. Input it is not sure of (another
shape, a field Django would refuse), a token or a session that fails, an event it does not
handle here (a draft, an allowlist) and a shortage that a sweep could cure go to the full
path, which answers them as it always has.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone, translation
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import AccessToken

from backend.accounts.services.sessions import SID_CLAIM
from backend.core.async_db import fetch_value
from backend.core.errors import ApplicationError
from backend.core.rush import RushAnswer, RushRequest, request_language
from backend.inventory import metrics
from backend.inventory.api.holds import hold_answer
from backend.inventory.pricing import charge_at
from backend.inventory.services import sold_out_hints
from backend.inventory.services.hold_take import (
    HAND_OVER,
    answer_lines,
    answer_states,
    refusal,
    take_params,
    take_sql,
)
from backend.inventory.services.holds import (
    MAX_SLOTS_PER_HOLD,
    SoldOut,
    announce_availability_async,
    merged_per_slot,
)

_SLUG = re.compile(r"^[-a-zA-Z0-9_]+\Z")
_MAX_ITEMS = 100  # HoldInput's max_length
_MAX_QUANTITY = 1000  # ItemInput's max_value
_MAX_INT = 2**63 - 1
_ALLOW = [(b"allow", b"GET, POST, HEAD, OPTIONS")]  # as DRF says for the holds view


def _int_within(value: object, low: int, high: int) -> int | None:
    """``value`` if it is an int (not a bool: StrictIntegerField agrees) in [low, high]."""
    return value if type(value) is int and low <= value <= high else None


def _wanted(data: dict[str, Any]) -> tuple[str, list[tuple[int, int]]] | None:
    """(slug, ascending (slot, quantity) merged per slot) for input ``HoldInput`` accepts
    and ``_wanted`` passes; None for anything else (the full path says what is wrong)."""
    slug, items = data.get("event"), data.get("items")
    if not isinstance(slug, str) or not 0 < len(slug) <= 50 or not _SLUG.match(slug):
        return None
    if not isinstance(items, list) or not 0 < len(items) <= _MAX_ITEMS:
        return None
    pairs = []
    for item in items:
        if not isinstance(item, dict):
            return None
        slot = _int_within(item.get("slot"), 1, _MAX_INT)
        quantity = _int_within(item.get("quantity", 1), 1, _MAX_QUANTITY)
        if slot is None or quantity is None:
            return None
        pairs.append((slot, quantity))
    wanted = merged_per_slot(pairs)
    if len(wanted) > MAX_SLOTS_PER_HOLD:
        return None
    return slug, wanted


def _identity(token: str) -> tuple[int, uuid.UUID] | None:
    """(user id, session id) of a valid access token; None for any other token."""
    try:
        claims = AccessToken(token.encode())  # type: ignore[arg-type]  # bytes, as DRF's
    except TokenError:
        return None
    user, sid = claims.get("user_id"), claims.get(SID_CLAIM)
    try:
        return int(user), uuid.UUID(str(sid))
    except (TypeError, ValueError):
        return None


async def hold_create_route(request: RushRequest) -> RushAnswer | None:
    token = request.bearer()
    language = request_language(request.headers)
    data = request.json()
    if token is None or language is None or data is None:
        return None
    identity, wanted = _identity(token), _wanted(data)
    if identity is None or wanted is None:
        return None
    user_id, session_id = identity
    slug, slots = wanted
    hinted = sold_out_hints.refused_slots(slug, slots)
    if hinted is not None:  # the database said so a moment ago: no need to ask again
        return _refused(SoldOut(slots=hinted), language)
    now, hold_id = timezone.now(), uuid.uuid4()
    answer = await fetch_value(
        take_sql(True, own_transaction=True),
        [
            session_id,
            user_id,
            *take_params(
                event=None, slug=slug, user=user_id, wanted=slots, now=now, hold_id=hold_id
            ),
        ],
    )
    outcome = answer["outcome"]
    if outcome in HAND_OVER:
        return None
    if outcome != "held":
        if outcome == "sold_out":
            sold_out_hints.remember(slug, answer, sum(quantity for _, quantity in slots))
        return _refused(refusal(answer), language)
    metrics.hold_taken()
    event = answer["event"]
    await announce_availability_async(event["slug"], answer_states(answer))
    with translation.override(language):
        lines = answer_lines(answer)
        data = hold_answer(
            hold_id=hold_id,
            event_slug=event["slug"],
            status="active",
            expires_at=datetime.fromisoformat(answer["expires_at"]),
            now=now,
            extensions_left=event["max_hold_extensions"],
            lines=lines,
            total=charge_at(
                rate=Decimal(event["tax_rate"]),
                prices_include_tax=event["prices_include_tax"],
                currency=event["currency"],
                prices=[line.unit_price * line.quantity for line in lines],
            ),
            currency=event["currency"],
        )
        return RushAnswer(201, data, language, headers=list(_ALLOW))


def _refused(error: ApplicationError, language: str) -> RushAnswer:
    metrics.hold_refused(error.code)
    answer = RushAnswer.error(error, language)
    answer.headers = list(_ALLOW)
    return answer
