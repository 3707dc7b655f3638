"""The test provider confirms bookings without money: while it is off, its page and its
webhook do not exist (a JSON 404), even for a payment started while it was on."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from backend.bookings.models import Booking
from backend.payments import signing
from backend.payments.models import Payment
from backend.payments.providers import test as provider
from backend.webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def started(shop: Any, guest_api: Any, settings: Any) -> tuple[Payment, str]:
    """A test payment started while the provider was on, which is then switched off."""
    settings.PAYMENTS_TEST_PROVIDER = True
    hold = guest_api.post(
        "/api/holds/", {"event": "fest", "items": [{"slot": shop.slot.pk}]}, format="json"
    ).json()
    booking = guest_api.post(
        "/api/bookings/", {"hold": hold["id"], "details": {"holders": ["A"]}}, format="json"
    ).json()
    pay = guest_api.post(f"/api/bookings/{booking['id']}/pay/", {"provider": "test"}, format="json")
    assert pay.status_code == 200, pay.json()
    settings.PAYMENTS_TEST_PROVIDER = False
    return Payment.objects.get(pk=pay.json()["payment"]), pay.json()["client"]["url"]


def assert_json_404(response: Any) -> None:
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "not_found"


def test_its_page_is_a_json_404(started: tuple[Payment, str]) -> None:
    payment, url = started

    assert_json_404(Client().get(url))
    assert_json_404(Client().post(url, {"outcome": "pay"}))
    assert Booking.objects.get(pk=payment.booking_id).status == "pending_payment"
    assert not WebhookDelivery.objects.exists()


def test_its_webhook_is_a_json_404_even_when_signed(started: tuple[Payment, str]) -> None:
    payment, _url = started
    body = json.dumps(provider.test_event(payment, "payment.succeeded", "evt_after_off")).encode()

    answer = Client().post(
        "/api/webhooks/test/",
        body,
        content_type="application/json",
        headers={provider.HEADER: signing.sign(provider.test_secret(), body)},
    )

    assert_json_404(answer)
    assert not WebhookDelivery.objects.exists()
    assert Booking.objects.get(pk=payment.booking_id).status == "pending_payment"


def test_the_same_signed_webhook_confirms_while_it_is_on(
    started: tuple[Payment, str], settings: Any
) -> None:
    """The control: the delivery refused above is a good one."""
    payment, _url = started
    settings.PAYMENTS_TEST_PROVIDER = True
    body = json.dumps(provider.test_event(payment, "payment.succeeded", "evt_while_on")).encode()

    answer = Client().post(
        "/api/webhooks/test/",
        body,
        content_type="application/json",
        headers={provider.HEADER: signing.sign(provider.test_secret(), body)},
    )

    assert answer.status_code == 200
    assert Booking.objects.get(pk=payment.booking_id).status == "confirmed"
