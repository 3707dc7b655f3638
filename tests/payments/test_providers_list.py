"""GET /api/payments/providers/: what a checkout may offer, following the configuration."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def offered() -> list[str]:
    response = APIClient().get("/api/payments/providers/")
    assert response.status_code == 200
    assert response.json()["ok"] is True
    return response.json()["providers"]


def no_providers(settings: Any) -> None:
    settings.PAYMENTS_TEST_PROVIDER = False
    settings.STRIPE_SECRET_KEY = settings.STRIPE_WEBHOOK_SECRET = ""
    settings.RAZORPAY_KEY_ID = settings.RAZORPAY_KEY_SECRET = ""
    settings.RAZORPAY_WEBHOOK_SECRET = ""


def test_nothing_configured_offers_nothing(settings: Any) -> None:
    no_providers(settings)

    assert offered() == []


def test_the_test_provider_is_listed_while_it_is_on(settings: Any) -> None:
    no_providers(settings)
    settings.PAYMENTS_TEST_PROVIDER = True

    assert offered() == ["test"]


def test_stripe_needs_its_secret_and_its_webhook_secret(settings: Any) -> None:
    no_providers(settings)
    settings.STRIPE_SECRET_KEY = "sk_test_1"
    assert offered() == []

    settings.STRIPE_WEBHOOK_SECRET = "whsec_1"
    assert offered() == ["stripe"]


def test_razorpay_needs_all_three_keys(settings: Any) -> None:
    no_providers(settings)
    settings.RAZORPAY_KEY_ID = "rzp_test_1"
    settings.RAZORPAY_KEY_SECRET = "secret"
    assert offered() == []

    settings.RAZORPAY_WEBHOOK_SECRET = "whsec"
    settings.PAYMENTS_TEST_PROVIDER = True
    assert offered() == ["razorpay", "test"]
