"""The inbox with a receiver of our own: verify on the raw body, store once per (sender,
event id), handle once, record what the receiver returned, try again what failed."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from backend.core.errors import ApplicationError
from backend.payments.providers.base import BadSignature
from backend.webhooks import receivers
from backend.webhooks.models import WebhookDelivery
from backend.webhooks.receivers import Handled, Identified, applied, ignored
from backend.webhooks.selectors import STUCK_AFTER
from backend.webhooks.services import webhook_receive, webhooks_stuck

pytestmark = pytest.mark.django_db
SIGNATURE = "x-fake-signature"


class Refused(ApplicationError):
    status, code, message = 409, "not_yet", "Not yet."


class FakeReceiver:
    """Does what each delivery's ``then`` says; signed when the header says ``good``."""

    def __init__(self) -> None:
        self.handled: list[str] = []
        self.on = True

    def accepts(self) -> bool:
        return self.on

    def verify_webhook(self, body: bytes, headers: Mapping[str, str]) -> None:
        if headers.get(SIGNATURE) != "good":
            raise BadSignature()

    def identify(self, payload: dict[str, Any], headers: Mapping[str, str]) -> Identified:
        return Identified(str(payload.get("id", "")), str(payload.get("type", "")))

    def handle(self, delivery: WebhookDelivery) -> Handled:
        self.handled.append(delivery.event_id)
        then = self.then.pop(0) if isinstance(self.then, list) else self.then
        if isinstance(then, Exception):
            raise then
        return then

    then: Any = None


@pytest.fixture
def fake(monkeypatch: Any) -> FakeReceiver:
    receiver = FakeReceiver()
    monkeypatch.setitem(receivers._receivers, "test", receiver)
    return receiver


def post(event_id: str = "evt_1", signature: str = "good", **payload: Any) -> Any:
    body = json.dumps({"id": event_id, "type": "thing.happened", **payload}).encode()
    return Client().post(
        "/api/webhooks/test/", body, content_type="application/json",
        headers={SIGNATURE: signature},
    )  # fmt: skip


def test_a_delivery_is_stored_once_and_applied_once(
    fake: FakeReceiver, django_capture_on_commit_callbacks: Any
) -> None:
    fake.then = applied("done")

    with django_capture_on_commit_callbacks(execute=True):
        first, replay = post(), post()

    assert [first.status_code, replay.status_code] == [200, 200]
    assert first.json() == replay.json() == {"received": True}
    delivery = WebhookDelivery.objects.get()
    assert (delivery.provider, delivery.event_id, delivery.event_type) == (
        "test", "evt_1", "thing.happened",
    )  # fmt: skip
    assert (delivery.outcome, delivery.detail, delivery.attempts) == ("applied", "done", 1)
    assert delivery.processed_at is not None
    assert fake.handled == ["evt_1"]


def test_processing_waits_for_the_commit(fake: FakeReceiver) -> None:
    fake.then = applied("done")

    post()  # the test's transaction never commits: no task is sent

    assert WebhookDelivery.objects.get().outcome == "pending"
    assert fake.handled == []


@pytest.mark.parametrize(
    ("returned", "outcome"),
    [
        # The value decides, never the sentence: these details say the opposite.
        (applied("payment already succeeded"), "applied"),
        (ignored("confirmed"), "ignored"),
        (Handled(changed=False, detail="refund recorded"), "ignored"),
    ],
)
def test_the_outcome_is_what_the_receiver_returned(
    fake: FakeReceiver, django_capture_on_commit_callbacks: Any, returned: Handled, outcome: str
) -> None:
    fake.then = returned

    with django_capture_on_commit_callbacks(execute=True):
        post()

    delivery = WebhookDelivery.objects.get()
    assert (delivery.outcome, delivery.detail) == (outcome, returned.detail)


@pytest.mark.parametrize("error", [Refused(), RuntimeError("a bug")])
def test_a_failed_delivery_is_recorded_and_a_replay_tries_it_again(
    fake: FakeReceiver, django_capture_on_commit_callbacks: Any, error: Exception
) -> None:
    fake.then = [error, applied("done at last")]

    with django_capture_on_commit_callbacks(execute=True):
        post()
    failed = WebhookDelivery.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        post()

    assert (failed.outcome, failed.attempts, failed.processed_at) == ("failed", 1, None)
    assert failed.detail in ("Not yet.", "RuntimeError('a bug')")
    delivery = WebhookDelivery.objects.get()
    assert (delivery.outcome, delivery.detail, delivery.attempts) == ("applied", "done at last", 2)
    assert fake.handled == ["evt_1", "evt_1"]


def test_a_pending_delivery_is_queued_again_by_a_replay_only_once_it_is_stuck(
    fake: FakeReceiver, django_capture_on_commit_callbacks: Any
) -> None:
    fake.then = applied("done")
    post()  # stored; its task was lost (the transaction never committed here)
    delivery = WebhookDelivery.objects.get()

    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        received_at=timezone.now() - STUCK_AFTER + timedelta(seconds=5)
    )
    with django_capture_on_commit_callbacks(execute=True):
        post()
    assert WebhookDelivery.objects.get().outcome == "pending"  # its task may still come

    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        received_at=timezone.now() - STUCK_AFTER - timedelta(seconds=5)
    )
    with django_capture_on_commit_callbacks(execute=True):
        post()
    assert WebhookDelivery.objects.get().outcome == "applied"
    assert fake.handled == ["evt_1"]


def test_a_handled_delivery_is_not_handled_again_by_a_replay(
    fake: FakeReceiver, django_capture_on_commit_callbacks: Any
) -> None:
    fake.then = ignored("nothing to do")
    with django_capture_on_commit_callbacks(execute=True):
        post()
    WebhookDelivery.objects.update(received_at=timezone.now() - timedelta(days=1))

    with django_capture_on_commit_callbacks(execute=True):
        post()

    assert fake.handled == ["evt_1"]
    assert WebhookDelivery.objects.get().attempts == 1


def test_the_periodic_job_handles_deliveries_whose_task_was_lost(fake: FakeReceiver) -> None:
    from backend.payments.tasks import payment_actions
    from backend.webhooks.tasks import recover_stuck

    fake.then = applied("done")
    post("evt_old")
    post("evt_new")
    WebhookDelivery.objects.filter(event_id="evt_old").update(
        received_at=timezone.now() - STUCK_AFTER - timedelta(seconds=1)
    )

    assert payment_actions() == 0  # the payments job no longer looks at webhooks
    assert recover_stuck() == 1

    outcomes = dict(WebhookDelivery.objects.values_list("event_id", "outcome"))
    assert outcomes == {"evt_old": "applied", "evt_new": "pending"}
    assert webhooks_stuck() == 0


def test_a_bad_signature_is_a_400_and_stores_nothing(fake: FakeReceiver) -> None:
    answer = post(signature="forged")

    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "bad_signature"
    assert not WebhookDelivery.objects.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"not json", "The webhook body is not JSON."),
        (b"[1, 2]", "The webhook body is not a JSON object."),
        (b'{"type": "thing.happened"}', "The webhook names no event id."),
    ],
)
def test_a_signed_body_that_is_not_a_delivery_is_a_400(
    fake: FakeReceiver, body: bytes, message: str
) -> None:
    answer = Client().post(
        "/api/webhooks/test/", body, content_type="application/json", headers={SIGNATURE: "good"}
    )

    assert answer.status_code == 400
    assert answer.json()["error"]["message"] == message
    assert not WebhookDelivery.objects.exists()


def test_a_receiver_that_takes_nothing_now_is_a_404_before_the_signature(
    fake: FakeReceiver,
) -> None:
    fake.on = False

    answer = post()

    assert answer.status_code == 404
    assert not WebhookDelivery.objects.exists()


def test_a_stored_delivery_is_handled_even_when_its_sender_no_longer_takes_new_ones(
    fake: FakeReceiver,
) -> None:
    from backend.webhooks.services import webhook_process

    fake.then = applied("done")
    delivery, created = webhook_receive(
        sender="test", body=json.dumps({"id": "evt_9"}).encode(), headers={SIGNATURE: "good"}
    )
    fake.on = False

    assert created
    assert webhook_process(delivery.pk).outcome == "applied"
