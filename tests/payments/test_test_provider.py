"""The embedded test provider end to end: hold → booking → pay page → webhook → confirmed."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from backend.bookings.models import Booking
from backend.inventory.models import Slot
from backend.payments.models import WebhookDelivery

pytestmark = pytest.mark.django_db(transaction=True)


def test_hold_book_pay_confirm(shop: Any, guest: Any, guest_api: Any, settings: Any) -> None:
    settings.PAYMENTS_TEST_PROVIDER = True
    hold = guest_api.post(
        "/api/holds/", {"event": "fest", "items": [{"slot": shop.slot.pk, "quantity": 2}]},
        format="json",
    ).json()  # fmt: skip
    booked = guest_api.post(
        "/api/bookings/",
        {"hold": hold["id"], "details": {"holders": ["A", "B"]}, "amount": "1.00"},
        format="json",
    )
    assert booked.status_code == 201, booked.json()
    booking = booked.json()
    assert booking["amount"] == "300.00"
    pay = guest_api.post(f"/api/bookings/{booking['id']}/pay/", {"provider": "test"}, format="json")
    assert pay.status_code == 200, pay.json()
    url = pay.json()["client"]["url"]

    browser = Client(enforce_csrf_checks=True)
    page = browser.get(url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    paid = browser.post(url, {"outcome": "pay", "csrfmiddlewaretoken": token})

    assert paid.status_code == 200
    assert Booking.objects.get(pk=booking["id"]).status == "confirmed"
    slot = Slot.objects.get(pk=shop.slot.pk)
    assert (slot.sold, slot.held) == (2, 0)
    assert WebhookDelivery.objects.get().outcome == "applied"
