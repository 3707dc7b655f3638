"""The embedded test provider end to end: hold → booking → pay page → signed webhook →
confirmed, through the same verify-store-handle path as the real providers."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from backend.bookings.models import Booking
from backend.inventory.models import Slot
from backend.payments.models import Payment
from backend.webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _test_provider_on(settings: Any) -> None:
    settings.PAYMENTS_TEST_PROVIDER = True


def start(shop: Any, guest_api: Any, quantity: int = 2) -> tuple[dict[str, Any], str]:
    hold = guest_api.post(
        "/api/holds/",
        {"event": "fest", "items": [{"slot": shop.slot.pk, "quantity": quantity}]},
        format="json",
    ).json()
    holders = [f"Holder {n}" for n in range(quantity)]
    booking = guest_api.post(
        "/api/bookings/", {"hold": hold["id"], "details": {"holders": holders}}, format="json"
    ).json()
    pay = guest_api.post(f"/api/bookings/{booking['id']}/pay/", {"provider": "test"}, format="json")
    assert pay.status_code == 200, pay.json()
    return booking, pay.json()["client"]["url"]


def press(url: str, outcome: str, **extra: str) -> Any:
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(url, extra)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    return browser.post(url, {"outcome": outcome, "csrfmiddlewaretoken": token, **extra})


def test_paying_confirms_and_the_availability_topic_shows_the_sale(
    shop: Any, guest_api: Any, captured_publishes: list[Any]
) -> None:
    booking, url = start(shop, guest_api)
    before = len(captured_publishes)

    paid = press(url, "pay")

    assert paid.status_code == 200
    assert "Paid: booking confirmed" in paid.content.decode()
    assert Booking.objects.get(pk=booking["id"]).status == "confirmed"
    slot = Slot.objects.get(pk=shop.slot.pk)
    assert (slot.sold, slot.held) == (2, 0)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.provider, delivery.outcome) == ("test", "applied")
    sale = [p for p in captured_publishes[before:] if p.topic == "event:fest:availability"]
    assert sale[-1].data["slots"] == [{"id": slot.pk, "available": 8, "version": slot.version}]


def test_a_failed_payment_keeps_the_hold_for_a_retry(shop: Any, guest_api: Any) -> None:
    booking, url = start(shop, guest_api)

    press(url, "fail")
    retried = press(url, "pay")

    assert retried.status_code == 200
    assert Booking.objects.get(pk=booking["id"]).status == "confirmed"
    assert list(WebhookDelivery.objects.values_list("outcome", flat=True)) == ["applied"] * 2
    assert Payment.objects.get().status == "succeeded"


def test_the_page_returns_only_to_this_site(shop: Any, guest_api: Any) -> None:
    _booking, url = start(shop, guest_api)

    inside = press(url, "pay", **{"return": "/bookings/1"})

    assert inside.status_code == 302
    assert inside["Location"] == "/bookings/1"


def test_an_outside_return_address_is_ignored(shop: Any, guest_api: Any) -> None:
    _booking, url = start(shop, guest_api)

    answer = press(url, "pay", **{"return": "//evil.example/steal"})

    assert answer.status_code == 200


def test_a_forged_test_webhook_is_refused(shop: Any, guest_api: Any) -> None:
    booking, _url = start(shop, guest_api)
    body = '{"id": "evt_forged", "type": "payment.succeeded", "data": {}}'

    answer = Client().post(
        "/api/webhooks/test/",
        body,
        content_type="application/json",
        HTTP_GATEHOUSE_TEST_SIGNATURE="t=1,v1=00",
    )

    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "bad_signature"
    assert Booking.objects.get(pk=booking["id"]).status == "pending_payment"
    assert not WebhookDelivery.objects.exists()


def test_the_test_provider_can_be_switched_off(shop: Any, guest_api: Any, settings: Any) -> None:
    settings.PAYMENTS_TEST_PROVIDER = False
    hold = guest_api.post(
        "/api/holds/", {"event": "fest", "items": [{"slot": shop.slot.pk}]}, format="json"
    ).json()
    booking = guest_api.post(
        "/api/bookings/", {"hold": hold["id"], "details": {"holders": ["A"]}}, format="json"
    ).json()

    answer = guest_api.post(
        f"/api/bookings/{booking['id']}/pay/", {"provider": "test"}, format="json"
    )

    assert answer.status_code == 400
    assert "provider" in answer.json()["error"]["fields"]
