"""Calendly webhooks through the real endpoint: signed like Calendly signs, booking and
cancelling the VIP evening's invitations on the allowlist."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from typing import Any

import pytest
from django.test import Client

from backend.accounts.models import AllowlistEntry
from backend.payments.models import WebhookDelivery
from tests.factories import AllowlistEntryFactory

pytestmark = pytest.mark.django_db(transaction=True)

URL = "/api/webhooks/calendly/"
KEY = "calendly-signing-key-for-tests"
PHONE = "+966512345678"
INVITEE = "https://api.calendly.com/scheduled_events/EV1/invitees/INV1"


@pytest.fixture(autouse=True)
def _calendly(settings: Any) -> None:
    settings.CALENDLY_WEBHOOK_SIGNING_KEY = KEY
    settings.CALENDLY_EVENT = "vip-evening"


@pytest.fixture
def entry() -> AllowlistEntry:
    return AllowlistEntryFactory(phone=PHONE, event__slug="vip-evening")


def calendly_body(
    event: str = "invitee.created",
    *,
    uri: str | None = INVITEE,
    text_reminder_number: str | None = PHONE,
    answers: tuple[str, ...] = (),
    rescheduled: bool = False,
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
        "old_invitee": None,
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


def test_a_created_invitee_books_the_invitation(entry: AllowlistEntry) -> None:
    response = post(calendly_body())
    assert response.status_code == 200
    assert response.json() == {"received": True}
    assert booked(entry)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.provider, delivery.event_type) == ("calendly", "invitee.created")
    assert delivery.event_id == f"invitee.created:{INVITEE}"
    assert delivery.outcome == WebhookDelivery.Outcome.APPLIED


def test_a_local_phone_in_an_answer_is_normalized(entry: AllowlistEntry) -> None:
    body = calendly_body(text_reminder_number=None, answers=("Two guests", "0512345678"))
    assert post(body).status_code == 200
    assert booked(entry)


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
    assert post(calendly_body(), age=181).json()["error"]["code"] == "bad_signature"
    assert not booked(entry)
    assert post(calendly_body(), age=170).status_code == 200
    assert booked(entry)


def test_an_unknown_phone_is_logged_and_books_nothing(
    entry: AllowlistEntry, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="backend.integrations.calendly"):
        response = post(calendly_body(text_reminder_number="+966598765432"))
    assert response.status_code == 200
    assert not booked(entry)
    [record] = [r for r in caplog.records if r.name.startswith("backend.integrations")]
    assert record.levelno == logging.WARNING
    assert "+966598765432" in record.getMessage()
    assert "noura@example.com" in record.getMessage()
    assert WebhookDelivery.objects.get().outcome == WebhookDelivery.Outcome.IGNORED


def test_no_usable_phone_books_nothing(entry: AllowlistEntry) -> None:
    body = calendly_body(text_reminder_number=None, answers=("Vegetarian", "12"))
    assert post(body).status_code == 200
    assert not booked(entry)
    assert WebhookDelivery.objects.get().detail == "no usable phone"


def test_a_cancellation_gives_the_invitation_back(entry: AllowlistEntry) -> None:
    post(calendly_body())
    assert booked(entry)
    assert post(calendly_body("invitee.canceled")).status_code == 200
    assert not booked(entry)


def test_a_reschedule_keeps_the_invitation_used(entry: AllowlistEntry) -> None:
    post(calendly_body())
    assert post(calendly_body("invitee.canceled", rescheduled=True)).status_code == 200
    assert booked(entry)
    new = calendly_body(uri="https://api.calendly.com/scheduled_events/EV2/invitees/INV2")
    assert post(new).status_code == 200  # the new booking: already booked, nothing changes
    assert booked(entry)
    assert WebhookDelivery.objects.get(event_id__contains="INV2").detail == "already booked"


def test_the_same_delivery_three_times_is_stored_once(entry: AllowlistEntry) -> None:
    body = json.dumps(calendly_body()).encode()
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


def test_an_unknown_event_slug_books_nothing(settings: Any, entry: AllowlistEntry) -> None:
    settings.CALENDLY_EVENT = "no-such-evening"
    assert post(calendly_body()).status_code == 200
    assert not booked(entry)
    assert WebhookDelivery.objects.get().detail == "no allowlist-only event 'no-such-evening'"


def test_cancelling_what_was_never_booked_changes_nothing(entry: AllowlistEntry) -> None:
    assert post(calendly_body("invitee.canceled")).status_code == 200
    assert not booked(entry)
    assert WebhookDelivery.objects.get().detail == f"{PHONE} was not booked"
