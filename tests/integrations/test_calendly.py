"""Calendly webhooks through the real endpoint: signed like Calendly signs, booking and
cancelling the VIP evening's invitations on the allowlist. An invitee is known only by the
signed, one-time value in the scheduling link Gatehouse gave out (a prefilled answer), never
by a phone number typed into an answer."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from backend.accounts.models import AllowlistEntry
from backend.accounts.services.allowlist import allowlist_mark_booked
from backend.integrations.calendly.services import calendly_link
from backend.webhooks.models import WebhookDelivery
from tests.factories import AllowlistEntryFactory, UserFactory
from tests.support.bookings import client_of

pytestmark = pytest.mark.django_db(transaction=True)

URL = "/api/webhooks/calendly/"
KEY = "calendly-signing-key-for-tests"
PHONE = "+966512345678"
INVITEE = "https://api.calendly.com/scheduled_events/EV1/invitees/INV1"


@pytest.fixture(autouse=True)
def _calendly(settings: Any) -> None:
    settings.CALENDLY_WEBHOOK_SIGNING_KEY = KEY
    settings.CALENDLY_EVENT = "vip-evening"
    settings.CALENDLY_SCHEDULING_URL = "https://calendly.com/lodore/vip-evening"


@pytest.fixture
def entry() -> AllowlistEntry:
    return AllowlistEntryFactory(phone=PHONE, event__slug="vip-evening", name="Noura")


def invitation_of(entry: AllowlistEntry) -> str:
    """The value Calendly hands back: the prefilled first answer of the VIP's link."""
    url = calendly_link(entry=entry).url
    return parse_qs(urlsplit(url).query)["a1"][0]


def calendly_body(
    event: str = "invitee.created",
    *,
    uri: str | None = INVITEE,
    text_reminder_number: str | None = PHONE,
    answers: tuple[str, ...] = (),
    rescheduled: bool = False,
    old_invitee: str | None = None,
) -> dict[str, Any]:
    """A Calendly v2 webhook body (the parts we read, and some we do not)."""
    invitee: dict[str, Any] = {
        "email": "noura@example.com",
        "name": "Noura Al-Harbi",
        "first_name": None,
        "last_name": None,
        "status": "canceled" if event == "invitee.canceled" else "active",
        "timezone": "Asia/Riyadh",
        "rescheduled": rescheduled,
        "old_invitee": old_invitee,
        "new_invitee": None,
        "event": "https://api.calendly.com/scheduled_events/EV1",
        "text_reminder_number": text_reminder_number,
        "questions_and_answers": [
            {"question": f"Question {n}", "answer": answer, "position": n}
            for n, answer in enumerate(answers)
        ],
        "scheduled_event": {
            "uri": "https://api.calendly.com/scheduled_events/EV1",
            "name": "VIP evening",
            "status": "active",
            "start_time": "2025-03-01T18:00:00.000000Z",
            "end_time": "2025-03-01T22:00:00.000000Z",
            "event_type": "https://api.calendly.com/event_types/ET1",
            "location": {"type": "physical", "location": "Riyadh"},
        },
        "created_at": "2025-02-01T10:00:00.000000Z",
        "updated_at": "2025-02-01T10:00:00.000000Z",
    }
    if uri is not None:
        invitee["uri"] = uri
    return {
        "event": event,
        "created_at": "2025-02-01T10:00:00.000000Z",
        "created_by": "https://api.calendly.com/users/U1",
        "payload": invitee,
    }


def signature(body: bytes, *, key: str = KEY, age: int = 0) -> str:
    """Calendly's header: ``t=<unix>,v1=<hex HMAC-SHA256(key, "t.body")>``."""
    t = int(time.time()) - age
    digest = hmac.new(key.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={digest}"


def post(body: dict[str, Any] | bytes, *, sign_as: bytes | None = None, **sign: Any) -> Any:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    header = signature(raw if sign_as is None else sign_as, **sign)
    return Client().post(
        URL, raw, content_type="application/json", HTTP_CALENDLY_WEBHOOK_SIGNATURE=header
    )


def booked(entry: AllowlistEntry) -> bool:
    entry.refresh_from_db()
    return entry.booked_at is not None


def test_a_created_invitee_with_the_invitation_books_it(entry: AllowlistEntry) -> None:
    body = calendly_body(text_reminder_number=None, answers=(invitation_of(entry), "2 guests"))

    response = post(body)

    assert response.status_code == 200
    assert response.json() == {"received": True}
    assert booked(entry)
    assert (entry.booked_via, entry.calendly_invitee) == ("calendly", INVITEE)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.provider, delivery.event_type) == ("calendly", "invitee.created")
    assert delivery.event_id == f"invitee.created:{INVITEE}"
    assert delivery.outcome == WebhookDelivery.Outcome.APPLIED


def test_a_typed_phone_books_nothing(entry: AllowlistEntry) -> None:
    """Anyone can type any invited phone into an answer (or the SMS reminder number): that
    must not burn the invitation."""
    body = calendly_body(text_reminder_number=PHONE, answers=("0512345678",))

    assert post(body).status_code == 200

    assert not booked(entry)
    assert WebhookDelivery.objects.get().detail == "no Gatehouse invitation in the answers"


def test_a_forged_or_altered_invitation_books_nothing(entry: AllowlistEntry) -> None:
    real = invitation_of(entry)
    altered = real[:-4] + ("AAAA" if not real.endswith("AAAA") else "BBBB")

    assert post(calendly_body(answers=(altered,))).status_code == 200

    assert not booked(entry)


def test_an_invitation_books_once(entry: AllowlistEntry) -> None:
    value = invitation_of(entry)
    post(calendly_body(answers=(value,)))
    second = "https://api.calendly.com/scheduled_events/EV9/invitees/INV9"

    post(calendly_body(uri=second, answers=(value,)))

    assert booked(entry)
    assert entry.calendly_invitee == INVITEE
    assert WebhookDelivery.objects.get(event_id__contains="INV9").detail == "already booked"


def test_a_new_link_retires_the_last_one(entry: AllowlistEntry) -> None:
    old = invitation_of(entry)
    invitation_of(entry)  # the VIP asked again

    post(calendly_body(answers=(old,)))

    assert not booked(entry)
    assert WebhookDelivery.objects.get().detail == "this invitation link was replaced or used"


def test_a_link_lasts_thirty_days(entry: AllowlistEntry, settings: Any) -> None:
    assert settings.CALENDLY_LINK_MAX_AGE_DAYS == 30
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        value = invitation_of(entry)
    with time_machine.travel(start + timedelta(days=30, seconds=1), tick=False):
        late = post(calendly_body(answers=(value,)))
    with time_machine.travel(start + timedelta(days=29, hours=23), tick=False):
        in_time = post(calendly_body(uri=INVITEE + "-2", answers=(value,)))

    assert late.status_code == in_time.status_code == 200
    assert booked(entry)
    assert entry.calendly_invitee == INVITEE + "-2"


def test_a_wrong_key_is_refused_and_nothing_is_stored(entry: AllowlistEntry) -> None:
    response = post(calendly_body(), key="someone-else")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_signature"
    assert not WebhookDelivery.objects.exists()
    assert not booked(entry)


def test_an_unset_key_refuses_everything(settings: Any, entry: AllowlistEntry) -> None:
    settings.CALENDLY_WEBHOOK_SIGNING_KEY = ""
    response = post(calendly_body(), key="")
    assert response.json()["error"]["code"] == "bad_signature"
    assert not WebhookDelivery.objects.exists()


def test_a_tampered_body_is_refused(entry: AllowlistEntry) -> None:
    signed = json.dumps(calendly_body(text_reminder_number="+966500000000")).encode()
    response = post(calendly_body(), sign_as=signed)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_signature"
    assert not WebhookDelivery.objects.exists()
    assert not booked(entry)


def test_a_signature_older_than_180_seconds_is_refused(entry: AllowlistEntry) -> None:
    body = calendly_body(answers=(invitation_of(entry),))
    assert post(body, age=181).json()["error"]["code"] == "bad_signature"
    assert not booked(entry)
    assert post(body, age=170).status_code == 200
    assert booked(entry)


def test_a_booking_without_an_invitation_is_logged(
    entry: AllowlistEntry, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="backend.integrations.calendly"):
        response = post(calendly_body(text_reminder_number="+966598765432"))
    assert response.status_code == 200
    assert not booked(entry)
    [record] = [r for r in caplog.records if r.name.startswith("backend.integrations")]
    assert record.levelno == logging.WARNING
    assert "noura@example.com" in record.getMessage()
    assert WebhookDelivery.objects.get().outcome == WebhookDelivery.Outcome.IGNORED


def test_a_cancellation_gives_the_invitation_back(entry: AllowlistEntry) -> None:
    post(calendly_body(answers=(invitation_of(entry),)))
    assert booked(entry)
    assert post(calendly_body("invitee.canceled")).status_code == 200
    assert not booked(entry)
    assert (entry.booked_via, entry.calendly_invitee, entry.calendly_nonce) == ("", "", "")


def test_a_cancellation_never_unbooks_a_booking_made_here(entry: AllowlistEntry) -> None:
    """The review's case: a cancel naming an invited phone un-booked a VIP who booked on
    the site."""
    allowlist_mark_booked(event=entry.event, phone=PHONE)

    response = post(calendly_body("invitee.canceled", answers=(PHONE,)))

    assert response.status_code == 200
    assert booked(entry)
    assert entry.booked_via == "site"
    assert WebhookDelivery.objects.get().detail == "not a Calendly booking of an invitation"


def test_a_reschedule_keeps_the_invitation_used(entry: AllowlistEntry) -> None:
    value = invitation_of(entry)
    post(calendly_body(answers=(value,)))
    assert post(calendly_body("invitee.canceled", rescheduled=True)).status_code == 200
    assert booked(entry)
    moved = "https://api.calendly.com/scheduled_events/EV2/invitees/INV2"
    assert post(calendly_body(uri=moved, answers=(value,), old_invitee=INVITEE)).status_code == 200
    assert booked(entry)
    assert entry.calendly_invitee == moved
    assert post(calendly_body("invitee.canceled", uri=moved)).status_code == 200
    assert not booked(entry)  # cancelling the moved booking gives the invitation back


def test_the_same_delivery_three_times_is_stored_once(entry: AllowlistEntry) -> None:
    body = json.dumps(calendly_body(answers=(invitation_of(entry),))).encode()
    for _ in range(3):
        assert post(body).json() == {"received": True}
    assert WebhookDelivery.objects.count() == 1
    assert booked(entry)


def test_a_body_that_is_not_json_is_a_bad_request(entry: AllowlistEntry) -> None:
    response = post(b"event=invitee.created")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"
    assert not WebhookDelivery.objects.exists()


def test_a_body_without_the_invitee_uri_is_a_bad_request(entry: AllowlistEntry) -> None:
    response = post(calendly_body(uri=None))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"
    assert not WebhookDelivery.objects.exists()


def test_other_events_are_stored_and_ignored(entry: AllowlistEntry) -> None:
    body = calendly_body("routing_form_submission.created")
    assert post(body).status_code == 200
    assert WebhookDelivery.objects.get().detail == "nothing to do"
    assert not booked(entry)


def test_cancelling_what_was_never_booked_changes_nothing(entry: AllowlistEntry) -> None:
    assert post(calendly_body("invitee.canceled")).status_code == 200
    assert not booked(entry)
    assert WebhookDelivery.objects.get().detail == "not a Calendly booking of an invitation"


# The VIP's own link: GET /api/integrations/calendly/link/

LINK = "/api/integrations/calendly/link/"


def test_an_invited_vip_gets_a_prefilled_link(entry: AllowlistEntry) -> None:
    answer = client_of(UserFactory(phone=PHONE)).get(LINK)

    assert answer.status_code == 200
    url = urlsplit(answer.json()["url"])
    assert (url.scheme, url.netloc, url.path) == ("https", "calendly.com", "/lodore/vip-evening")
    query = parse_qs(url.query)
    assert query["name"] == ["Noura"]
    assert query["a1"][0].startswith("ghc1.")
    assert post(calendly_body(answers=(query["a1"][0],))).status_code == 200
    assert booked(entry)


def test_no_link_for_a_phone_not_invited_or_already_booked(entry: AllowlistEntry) -> None:
    stranger = client_of(UserFactory(phone="+966598765432")).get(LINK)
    allowlist_mark_booked(event=entry.event, phone=PHONE)
    booked_vip = client_of(UserFactory(phone=PHONE)).get(LINK)

    assert stranger.status_code == booked_vip.status_code == 403
    assert stranger.json()["error"] == booked_vip.json()["error"]


def test_no_link_when_calendly_is_not_set_up(entry: AllowlistEntry, settings: Any) -> None:
    settings.CALENDLY_SCHEDULING_URL = ""

    answer = client_of(UserFactory(phone=PHONE)).get(LINK)

    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "calendly_not_configured"
