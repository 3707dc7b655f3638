"""Wallet passes say when the whole booking is: the pass of a meeting of two slots is good
09:00-10:00, a stay's from check-in to check-out with its nights (Apple's relevantDate and
date field, Google's validTimeInterval and "Date" module)."""

from __future__ import annotations

from typing import Any

import pytest

from backend.wallet.services import apple, google
from backend.wallet.services.passes import wallet_pass_for
from tests.factories import UserFactory
from tests.support.spans import meeting, pass_of, stay
from tests.wallet.conftest import Pki, ServiceAccount

pytestmark = pytest.mark.django_db

DASH = "\N{EN DASH}"


@pytest.fixture
def user() -> Any:
    return UserFactory(email="guest@example.com")


def test_apple_pass_of_a_meeting_shows_both_slots(apple_wallet: Pki, user: Any) -> None:
    wallet_pass = wallet_pass_for(ticket=pass_of(meeting(user)), holder=user)
    data = apple.pass_json(wallet_pass)
    assert data["relevantDate"] == "2026-12-21T06:00:00+00:00"  # 09:00 in Riyadh
    [date] = [f for f in data["eventTicket"]["secondaryFields"] if f["key"] == "date"]
    assert date["value"] == f"Mon 21 Dec 2026, 09:00{DASH}10:00 (Asia/Riyadh)"


def test_apple_pass_of_a_stay_shows_its_nights(apple_wallet: Pki, user: Any) -> None:
    wallet_pass = wallet_pass_for(ticket=pass_of(stay(user)), holder=user)
    data = apple.pass_json(wallet_pass)
    assert data["relevantDate"] == "2026-12-20T09:30:00+00:00"  # check-in, 15:00 in Kolkata
    [date] = [f for f in data["eventTicket"]["secondaryFields"] if f["key"] == "date"]
    assert date["value"] == (
        f"Sun 20 Dec 2026, 15:00{DASH}Wed 23 Dec 2026, 11:00 (Asia/Kolkata), 3 nights"
    )


def test_google_object_of_a_stay_is_valid_from_check_in_to_check_out(
    google_wallet: ServiceAccount, user: Any
) -> None:
    wallet_pass = wallet_pass_for(ticket=pass_of(stay(user)), holder=user)
    data = google.ticket_object(wallet_pass)
    assert data["validTimeInterval"] == {
        "start": {"date": "2026-12-20T09:30:00+00:00"},
        "end": {"date": "2026-12-23T05:30:00+00:00"},
    }
    module, show = data["textModulesData"]
    assert module["body"].endswith("11:00 (Asia/Kolkata), 3 nights")
    assert (show["header"], show["body"]) == ("Reservation", "Show it at reception.")
