"""A declined payment keeps why: each provider's decline code and its own words are recorded
on the payment and shown to the booking's guest (``GET /api/bookings/{id}/payment/``), and a
retry starts the payment over."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from backend.payments.models import Payment
from backend.payments.providers.base import failure_code
from backend.payments.providers.razorpay import RazorpayProvider
from backend.payments.providers.stripe import StripeProvider
from tests.support.bookings import client_of
from tests.support.fake_razorpay import payment_entity, payment_failed
from tests.support.fake_stripe import payment_intent_payment_failed

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _test_provider_on(settings: Any) -> None:
    settings.PAYMENTS_TEST_PROVIDER = True


def pay_page(shop: Any, guest: Any, guest_api: Any) -> tuple[str, str]:
    booking = shop.book(guest, 1)
    answer = guest_api.post(f"/api/bookings/{booking.pk}/pay/", {"provider": "test"}, format="json")
    assert answer.status_code == 200, answer.json()
    return str(booking.pk), answer.json()["client"]["url"]


def press(url: str, outcome: str, **extra: str) -> Any:
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    return browser.post(url, {"outcome": outcome, "csrfmiddlewaretoken": token, **extra})


def state(api: Any, booking_id: str) -> Any:
    return api.get(f"/api/bookings/{booking_id}/payment/")


def test_a_decline_is_shown_with_its_code_and_the_providers_words(
    shop: Any, guest: Any, guest_api: Any
) -> None:
    booking_id, url = pay_page(shop, guest, guest_api)
    assert state(guest_api, booking_id).json()["status"] == "created"

    press(url, "fail", decline="insufficient_funds")

    answer = state(guest_api, booking_id)
    assert answer.status_code == 200
    payment = answer.json()
    assert payment["provider"] == "test"
    assert (payment["status"], payment["failure_code"], payment["failure_message"]) == (
        "failed",
        "insufficient_funds",
        "The test card has insufficient funds.",
    )
    assert guest_api.get(f"/api/bookings/{booking_id}/").json()["status"] == "pending_payment"


def test_an_unknown_decline_on_the_test_page_is_a_card_declined(
    shop: Any, guest: Any, guest_api: Any
) -> None:
    booking_id, url = pay_page(shop, guest, guest_api)

    press(url, "fail", decline="<script>")

    payment = state(guest_api, booking_id).json()
    assert (payment["failure_code"], payment["failure_message"]) == (
        "card_declined",
        "The test card was declined.",
    )


def test_trying_again_starts_over_and_a_second_decline_replaces_the_reason(
    shop: Any, guest: Any, guest_api: Any
) -> None:
    booking_id, url = pay_page(shop, guest, guest_api)
    press(url, "fail", decline="expired_card")

    again = guest_api.post(f"/api/bookings/{booking_id}/pay/", {"provider": "test"}, format="json")

    assert again.json()["payment"] == state(guest_api, booking_id).json()["payment"]
    payment = state(guest_api, booking_id).json()
    assert (payment["status"], payment["failure_code"], payment["failure_message"]) == (
        "created",
        "",
        "",
    )

    press(url, "fail", decline="card_declined")
    assert state(guest_api, booking_id).json()["failure_code"] == "card_declined"

    press(url, "fail", decline="insufficient_funds")  # declined again without a new start
    assert state(guest_api, booking_id).json()["failure_code"] == "insufficient_funds"

    press(url, "pay")
    assert state(guest_api, booking_id).json()["status"] == "succeeded"
    assert guest_api.get(f"/api/bookings/{booking_id}/").json()["status"] == "confirmed"
    assert Payment.objects.count() == 1


def test_a_late_failure_never_undoes_a_success(shop: Any, guest: Any, guest_api: Any) -> None:
    booking_id, url = pay_page(shop, guest, guest_api)
    press(url, "pay")

    press(url, "fail")

    payment = state(guest_api, booking_id).json()
    assert (payment["status"], payment["failure_code"]) == ("succeeded", "")


def test_before_any_attempt_there_is_no_payment(shop: Any, guest: Any, guest_api: Any) -> None:
    booking = shop.book(guest, 1)

    answer = state(guest_api, str(booking.pk)).json()
    assert (answer["payment"], answer["status"], answer["updated_at"]) == (None, "none", None)


def test_only_the_bookings_guest_sees_its_payment(shop: Any, guest: Any, guest_api: Any) -> None:
    from tests.factories import UserFactory

    booking_id, _url = pay_page(shop, guest, guest_api)
    stranger = client_of(UserFactory(phone="+966500000999", email="x@example.com"))

    assert state(stranger, booking_id).status_code == 404
    assert state(Client(), booking_id).status_code in (401, 403)


def test_stripe_reads_the_decline_code_before_the_error_code() -> None:
    intent = {"id": "pi_1", "currency": "sar", "metadata": {"booking": "b"}}
    event = StripeProvider().parse_event(
        payment_intent_payment_failed(intent, "Your card has insufficient funds."), {}
    )

    assert (event.failure_code, event.message) == (
        "generic_decline",
        "Your card has insufficient funds.",
    )


def test_razorpay_reads_the_error_reason() -> None:
    entity = payment_entity(order_id="order_1", amount=100, currency="INR", status="failed")

    event = RazorpayProvider().parse_event(payment_failed(entity), {})

    assert (event.failure_code, event.message) == (
        "payment_declined",
        "Payment was declined by the bank.",
    )


@pytest.mark.parametrize(
    ("given", "code"),
    [
        (("Card_Declined",), "card_declined"),
        ((None, "incorrect_cvc"), "incorrect_cvc"),
        (("not a code", ""), ""),
        (("x" * 65,), ""),
        ((), ""),
    ],
)
def test_failure_code_is_a_plain_lower_case_code(given: tuple[Any, ...], code: str) -> None:
    assert failure_code(*given) == code
