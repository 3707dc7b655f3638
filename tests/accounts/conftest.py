"""Fixtures of the accounts tests: the SMS providers' fake servers, wired into settings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.fake_twilio import FakeTwilioVerify
from tests.support.fake_unifonic import FakeUnifonicAuthenticate


@pytest.fixture
def twilio(settings: Any) -> Iterator[FakeTwilioVerify]:
    with FakeTwilioVerify() as fake:
        settings.TWILIO_VERIFY_API_BASE = fake.base_url
        settings.TWILIO_ACCOUNT_SID = fake.account_sid
        settings.TWILIO_AUTH_TOKEN = fake.auth_token
        settings.TWILIO_VERIFY_SERVICE_SID = fake.service_sid
        settings.TWILIO_API_BASE = fake.base_url
        settings.TWILIO_FROM_NUMBER = fake.from_number
        settings.SMS_TIMEOUT_SECONDS = 5.0
        yield fake


@pytest.fixture
def unifonic(settings: Any) -> Iterator[FakeUnifonicAuthenticate]:
    with FakeUnifonicAuthenticate() as fake:
        settings.UNIFONIC_API_BASE = fake.base_url
        settings.UNIFONIC_APP_ID = fake.app_id
        settings.UNIFONIC_AUTH_TOKEN = fake.auth_token
        settings.UNIFONIC_MESSAGES_API_BASE = fake.base_url
        settings.UNIFONIC_SENDER_ID = fake.sender_id
        settings.SMS_TIMEOUT_SECONDS = 5.0
        settings.OTP_LENGTH = 6
        yield fake
