"""The admin of bookings, payments and webhook deliveries: read-only payloads, re-process."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from backend.bookings.models import Booking
from backend.payments.models import Payment
from backend.webhooks.models import WebhookDelivery
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def failed_delivery(booking: Booking) -> WebhookDelivery:
    """A success that could not be handled (its payment row did not exist yet)."""
    return WebhookDelivery.objects.create(
        provider="test",
        event_id="evt_early",
        event_type="payment.succeeded",
        payload={"id": "evt_early", "type": "payment.succeeded",
                 "data": {"payment": "test_early", "booking": str(booking.pk),
                          "amount": int(booking.amount * 100), "currency": booking.currency}},
        outcome=WebhookDelivery.Outcome.FAILED,
        detail="no payment yet",
    )  # fmt: skip


def test_every_list_and_page_opens(admin_browser: Client, shop: Any) -> None:
    booking = shop.book(UserFactory())
    delivery = failed_delivery(booking)

    pages = [
        "/admin/bookings/booking/",
        f"/admin/bookings/booking/{booking.pk}/change/",
        "/admin/payments/payment/",
        "/admin/webhooks/webhookdelivery/",
        f"/admin/webhooks/webhookdelivery/{delivery.pk}/change/",
    ]

    assert [admin_browser.get(url).status_code for url in pages] == [200] * len(pages)
    assert b'name="payload"' not in admin_browser.get(pages[-1]).content  # read-only


def test_reprocess_applies_a_failed_delivery_once(admin_browser: Client, shop: Any) -> None:
    booking = shop.book(UserFactory(), 2)
    delivery = failed_delivery(booking)
    Payment.objects.create(
        booking=booking, provider="test", reference="test_early", amount=booking.amount,
        currency=booking.currency,
    )  # fmt: skip
    action = {"action": "reprocess", "_selected_action": [delivery.pk]}

    admin_browser.post("/admin/webhooks/webhookdelivery/", action)
    admin_browser.post("/admin/webhooks/webhookdelivery/", action)

    delivery.refresh_from_db()
    assert (delivery.outcome, delivery.attempts) == ("applied", 1)
    assert Booking.objects.get().status == "confirmed"


def test_cancel_action_frees_the_places(admin_browser: Client, shop: Any) -> None:
    booking = shop.book(UserFactory(), 2)

    admin_browser.post(
        "/admin/bookings/booking/", {"action": "cancel_bookings", "_selected_action": [booking.pk]}
    )

    booking.refresh_from_db()
    shop.slot.refresh_from_db()
    assert booking.status == "cancelled"
    assert (shop.slot.sold, shop.slot.held) == (0, 0)


def test_tickets_gates_and_scans_in_the_admin(admin_browser: Client, shop: Any) -> None:
    from backend.checkin.models import Gate
    from tests.support.bookings import mark_paid

    booking = shop.book(UserFactory(), 2)
    mark_paid(booking=booking)
    gate = Gate.objects.create(event=shop.event, name="North gate")

    pages = [
        "/admin/tickets/ticket/",
        f"/admin/tickets/ticket/{booking.tickets.first().pk}/change/",
        "/admin/checkin/gate/",
        f"/admin/checkin/gate/{gate.pk}/change/",
        "/admin/checkin/scan/",
    ]

    assert [admin_browser.get(url).status_code for url in pages] == [200] * len(pages)


def test_a_delivery_whose_task_was_lost_is_handled_by_the_periodic_job(shop: Any) -> None:
    from datetime import timedelta

    from backend.webhooks.services import webhooks_stuck

    booking = shop.book(UserFactory(), 2)
    delivery = failed_delivery(booking)
    Payment.objects.create(
        booking=booking, provider="test", reference="test_early", amount=booking.amount,
        currency=booking.currency,
    )  # fmt: skip
    WebhookDelivery.objects.filter(pk=delivery.pk).update(outcome="pending")

    received = WebhookDelivery.objects.get(pk=delivery.pk).received_at
    # Two minutes after it arrived its task may still be in the queue; a moment later, not.
    assert webhooks_stuck(now=received + timedelta(minutes=2)) == 0
    assert webhooks_stuck(now=received + timedelta(minutes=2, microseconds=1)) == 1

    delivery.refresh_from_db()
    assert delivery.outcome == "applied"
    assert Booking.objects.get().status == "confirmed"
