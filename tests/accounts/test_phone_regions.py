"""Numbers in the venue's country: a number typed without a country code for an event is
read in its venue's country (Venue.country), else PHONE_DEFAULT_REGION (SA): the same ten
digits are an Indian mobile at an Indian venue and not a number at all in Saudi Arabia."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.accounts.models import User
from backend.accounts.phones import InvalidPhone, normalize_phone, region_of
from backend.inventory.services.holds import ItemRequest
from backend.tickets.services.comps import comp_tickets
from tests.factories import (
    EventFactory,
    ResourceFactory,
    SlotFactory,
    StaffFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

INDIAN_LOCAL, INDIAN = "098765 43210", "+919876543210"
SAUDI_LOCAL, SAUDI = "0512345678", "+966512345678"


@pytest.fixture
def india(db: Any) -> Any:
    return EventFactory(slug="goa", venue=VenueFactory(country="IN", time_zone="Asia/Kolkata"))


@pytest.fixture
def saudi(db: Any) -> Any:
    return EventFactory(slug="jeddah", venue=VenueFactory(country="SA"))


@pytest.fixture(autouse=True)
def _console_sms(settings: Any, caplog: pytest.LogCaptureFixture) -> None:
    settings.SMS_PROVIDER = "console"
    caplog.set_level(logging.INFO, logger="gatehouse.sms")


def sign_in(phone: str, event: str | None, caplog: pytest.LogCaptureFixture) -> Any:
    """Ask for a code as typed, for the event, and answer it with the phone typed again."""
    api = APIClient()
    body = {"phone": phone, **({"event": event} if event else {})}
    asked = api.post("/api/auth/otp/request/", body, format="json")
    assert asked.status_code == 200, asked.json()
    sent = [r.getMessage().split() for r in caplog.records if r.name == "gatehouse.sms"][-1]
    return api.post("/api/auth/otp/verify/", {
        "phone": phone, "request_id": asked.json()["request_id"], "code": sent[2],
    }, format="json")  # fmt: skip


def test_an_indian_local_number_signs_in_at_an_indian_venue(
    india: Any, caplog: pytest.LogCaptureFixture
) -> None:
    signed_in = sign_in(INDIAN_LOCAL, india.slug, caplog)

    assert signed_in.status_code == 200, signed_in.json()
    assert signed_in.json()["user"]["phone"] == INDIAN
    assert User.objects.get(phone=INDIAN).verified_phone == INDIAN


def test_a_saudi_local_number_signs_in_at_a_saudi_venue_and_without_an_event(
    saudi: Any, caplog: pytest.LogCaptureFixture
) -> None:
    assert sign_in(SAUDI_LOCAL, saudi.slug, caplog).json()["user"]["phone"] == SAUDI
    assert sign_in("0512345679", None, caplog).json()["user"]["phone"] == "+966512345679"


@pytest.mark.parametrize(
    ("typed", "event"),
    [(INDIAN_LOCAL, "jeddah"), (INDIAN_LOCAL, None), (SAUDI_LOCAL, "goa")],
    ids=["indian-at-saudi-venue", "indian-without-event", "saudi-at-indian-venue"],
)
def test_a_local_number_of_another_country_is_refused(
    india: Any, saudi: Any, typed: str, event: str | None
) -> None:
    body = {"phone": typed, **({"event": event} if event else {})}

    answer = APIClient().post("/api/auth/otp/request/", body, format="json")

    assert answer.status_code == 400
    assert "phone" in answer.json()["error"]["fields"]


def test_a_number_with_its_country_code_is_read_the_same_everywhere(
    india: Any, saudi: Any, caplog: pytest.LogCaptureFixture
) -> None:
    assert sign_in("+91 98765 43210", saudi.slug, caplog).json()["user"]["phone"] == INDIAN
    assert sign_in("00966512345678", india.slug, caplog).json()["user"]["phone"] == SAUDI


def test_a_venue_without_a_country_reads_the_default_region(settings: Any) -> None:
    event = EventFactory(venue=VenueFactory(country=""))
    assert region_of(event) == "SA"
    settings.PHONE_DEFAULT_REGION = "IN"
    assert region_of(event) == "IN"
    assert normalize_phone(INDIAN_LOCAL, region=region_of(event)) == INDIAN
    with pytest.raises(InvalidPhone):
        normalize_phone(
            INDIAN_LOCAL, region=region_of(EventFactory(venue=VenueFactory(country="SA")))
        )


def test_staff_comp_a_local_number_in_the_venues_country(india: Any) -> None:
    slot = SlotFactory(resource=ResourceFactory(event=india, units=5, price="0.00"))
    staff = StaffFactory(grant__event=india)

    booking = comp_tickets(event=india, phone=INDIAN_LOCAL,
                           items=[ItemRequest(slot=slot.pk, quantity=1)], actor=staff)  # fmt: skip

    assert booking.user.phone == INDIAN


def test_the_event_says_its_country(india: Any, saudi: Any) -> None:
    api = APIClient()
    assert api.get("/api/events/goa/").json()["venue"]["country"] == "IN"
    assert api.get("/api/events/jeddah/").json()["venue"]["country"] == "SA"
