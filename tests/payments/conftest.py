"""The fake providers, started on 127.0.0.1 and configured as the real ones would be."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.fake_razorpay import FakeRazorpay
from tests.support.fake_stripe import FakeStripe


@pytest.fixture
def stripe_fake(settings: Any) -> Iterator[FakeStripe]:
    with FakeStripe() as stripe_api:
        settings.STRIPE_API_BASE = stripe_api.base_url
        settings.STRIPE_SECRET_KEY = stripe_api.secret_key
        settings.STRIPE_PUBLISHABLE_KEY = stripe_api.publishable_key
        settings.STRIPE_WEBHOOK_SECRET = stripe_api.webhook_secret
        settings.PAYMENT_TIMEOUT_SECONDS = 5.0
        yield stripe_api


@pytest.fixture
def razorpay(settings: Any) -> Iterator[FakeRazorpay]:
    with FakeRazorpay() as fake:
        settings.RAZORPAY_API_BASE = fake.base_url
        settings.RAZORPAY_KEY_ID = fake.key_id
        settings.RAZORPAY_KEY_SECRET = fake.key_secret
        settings.RAZORPAY_WEBHOOK_SECRET = fake.webhook_secret
        settings.PAYMENT_TIMEOUT_SECONDS = 5.0
        yield fake
