"""The guest's e-mails: sent after the change commits, through the Celery task (eager in
tests), in the booking's language, with a text part and an HTML alternative."""

from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from backend.bookings.hooks import booking_changed
from backend.bookings.models import Booking
from backend.bookings.services.bookings import (
    booking_cancel,
    booking_confirm,
    booking_refund,
    bookings_expire,
    locked_booking,
)
from backend.inventory.models import Event
from backend.notifications.services.booking_messages import booking_email_send, booking_notify
from backend.notifications.tasks import send_booking_email
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def confirm(booking: Booking) -> Booking:
    with transaction.atomic():
        return booking_confirm(booking=locked_booking(booking.pk), provider="test")


def refund(booking: Booking) -> Booking:
    with transaction.atomic():
        return booking_refund(booking=locked_booking(booking.pk), note="Refunded at the desk.")


def html_of(message: Any) -> str:
    assert isinstance(message, mail.EmailMultiAlternatives)
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def test_the_hook_sends_the_email_through_its_task() -> None:
    assert booking_changed.connected == (f"{booking_notify.__module__}.booking_notify",)
    assert send_booking_email.name == "notifications.send_booking_email"
    assert send_booking_email.max_retries == 5


def test_a_confirmed_booking_is_mailed_with_its_details(shop: Any, guest: Any) -> None:
    booking = confirm(shop.book(guest, quantity=2))

    [message] = mail.outbox
    assert message.to == ["guest@example.com"]
    assert booking.reference in message.subject
    assert shop.event.name in message.subject
    assert "confirmed" in message.subject
    html = html_of(message)
    for part in (message.body, html):
        assert booking.reference in part
        assert shop.event.name in part
        assert "300.00 SAR" in part
        assert shop.slot.resource.name in part
    assert 'dir="ltr"' in html
    assert "<table" not in message.body
    # The start is shown in the venue's time zone (Asia/Riyadh), not in UTC.
    local = shop.event.starts_at.astimezone(ZoneInfo("Asia/Riyadh"))
    assert local.strftime("%H:%M") in message.body
    assert "Asia/Riyadh" in message.body


def test_at_net_prices_the_email_lists_the_tax_the_total_adds(shop: Any, guest: Any) -> None:
    Event.objects.filter(pk=shop.event.pk).update(tax_rate="18.00", prices_include_tax=False)
    booking = confirm(shop.book(guest, quantity=2))  # 2 x 150.00 net

    [message] = mail.outbox
    assert booking.amount == Decimal("354.00")
    assert "Tax (18 %): 54.00 SAR\nTotal: 354.00 SAR" in message.body
    assert '<th align="left">Tax (18 %)</th><td>54.00 SAR</td>' in html_of(message)


def test_at_gross_prices_no_tax_line_is_added(shop: Any, guest: Any) -> None:
    Event.objects.filter(pk=shop.event.pk).update(tax_rate="15.00")
    confirm(shop.book(guest, quantity=2))

    [message] = mail.outbox
    assert "Tax" not in message.body
    assert "Total: 300.00 SAR" in message.body


def test_an_arabic_booking_is_mailed_in_arabic(shop: Any) -> None:
    guest = UserFactory(email="arabic@example.com", language="ar")
    booking = shop.book(guest)
    assert booking.language == "ar"
    confirm(booking)

    [message] = mail.outbox
    assert message.subject.startswith("تأكيد الحجز")
    assert booking.reference in message.subject
    assert "تم تأكيد الحجز" in message.body
    assert "\u2068150.00 SAR\u2069" in message.body  # an isolated run in the Arabic text
    html = html_of(message)
    assert 'dir="rtl"' in html
    assert 'lang="ar"' in html
    assert "الإجمالي" in html


def test_a_cancellation_is_mailed(shop: Any, guest: Any) -> None:
    booking = confirm(shop.book(guest))
    mail.outbox.clear()

    booking_cancel(booking=booking, note="Changed plans.")

    [message] = mail.outbox
    assert "cancelled" in message.subject
    assert booking.reference in message.subject
    assert "has been cancelled" in message.body
    assert "has been cancelled" in html_of(message)


def test_a_refund_is_mailed(shop: Any, guest: Any) -> None:
    booking = confirm(shop.book(guest))
    mail.outbox.clear()

    refund(booking)

    [message] = mail.outbox
    assert "refunded" in message.subject
    assert booking.reference in message.subject
    assert "Refunded: 150.00 SAR" in message.body
    assert "150.00 SAR" in html_of(message)


def test_an_arabic_refund_is_mailed_in_arabic(shop: Any) -> None:
    booking = confirm(shop.book(UserFactory(email="ar@example.com", language="ar")))
    mail.outbox.clear()

    refund(booking)

    [message] = mail.outbox
    assert message.subject.startswith("استرداد")
    assert "المبلغ المسترد: \u2068150.00 SAR\u2069" in message.body
    assert 'dir="rtl"' in html_of(message)


def test_an_expired_booking_is_mailed(shop: Any, guest: Any) -> None:
    booking = shop.book(guest)

    assert bookings_expire(now=timezone.now() + timedelta(hours=1)) == 1

    [message] = mail.outbox
    assert "expired" in message.subject
    assert booking.reference in message.body
    assert "before payment" in message.body


def test_without_an_address_no_email_is_sent(shop: Any, caplog: pytest.LogCaptureFixture) -> None:
    """A phone-only guest is texted instead (see test_message_log.py); the e-mail task itself
    finds nobody to write to."""
    booking = shop.book(UserFactory(email=None))
    assert booking.contact_email == ""

    confirm(booking)

    assert mail.outbox == []
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CONFIRMED
    with caplog.at_level(logging.INFO, logger="backend.notifications.services.booking_messages"):
        assert booking_email_send(booking_id=str(booking.pk), kind="confirmed") is False
    assert "no e-mail address" in caplog.text


def test_the_contact_address_wins_over_the_account(shop: Any, guest: Any) -> None:
    booking = shop.book(guest)
    Booking.objects.filter(pk=booking.pk).update(contact_email="desk@example.com")

    assert booking_email_send(booking_id=str(booking.pk), kind="cancelled") is True

    [message] = mail.outbox
    assert message.to == ["desk@example.com"]


def test_a_missing_booking_or_kind(shop: Any, guest: Any) -> None:
    assert (
        booking_email_send(booking_id="00000000-0000-0000-0000-000000000000", kind="confirmed")
        is False
    )
    with pytest.raises(ValueError):
        booking_email_send(booking_id=str(shop.book(guest).pk), kind="nonsense")
    assert mail.outbox == []


def test_the_email_says_when_the_whole_meeting_is() -> None:
    from tests.support.spans import meeting

    booking = meeting(UserFactory(email="guest@example.com"))
    assert booking_email_send(booking_id=str(booking.pk), kind="confirmed") is True
    [message] = mail.outbox
    for part in (message.body, html_of(message)):
        assert "Monday 21 December 2026, 09:00 \N{EN DASH} 10:00 (Asia/Riyadh)" in part


def test_the_repair_email_gives_the_appointment_not_the_shops_opening() -> None:
    from tests.support.spans import repair

    booking = repair(UserFactory(email="guest@example.com"))
    assert booking.event.starts_at.date().isoformat() == "2026-12-05"  # the shop opens earlier
    assert booking_email_send(booking_id=str(booking.pk), kind="cancelled") is True
    [message] = mail.outbox
    assert "When: Tuesday 8 December 2026, 10:00 \N{EN DASH} 13:00 (Asia/Kolkata)" in message.body
    assert "5 December" not in message.body


def test_a_stays_email_gives_check_in_check_out_and_nights_in_both_languages() -> None:
    from tests.support.spans import stay

    english = stay(UserFactory(email="guest@example.com"))
    arabic = stay(UserFactory(email="guest2@example.com"), zone="Asia/Kolkata")
    Booking.objects.filter(pk=arabic.pk).update(language="ar")
    assert booking_email_send(booking_id=str(english.pk), kind="confirmed") is True
    assert booking_email_send(booking_id=str(arabic.pk), kind="confirmed") is True
    first, second = mail.outbox
    assert (
        "When: Sunday 20 December 2026, 15:00 \N{EN DASH} Wednesday 23 December 2026, 11:00 "
        "(Asia/Kolkata), 3 nights" in first.body
    )
    assert "عدد الليالي: 3" in second.body
    assert "15:00" in second.body
    assert "11:00" in second.body
