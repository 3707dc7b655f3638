"""A sign-in says whether it is the account's first (the web app welcomes a new user and
welcomes back one who signed in before)."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from tests.accounts.test_otp import request_code, sent_code, verify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = "+966512345678"


@pytest.fixture(autouse=True)
def _capture_sms(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="gatehouse.sms")


def sign_in(api: Any, caplog: pytest.LogCaptureFixture, phone: str = PHONE) -> dict[str, Any]:
    caplog.clear()
    asked = request_code(api, phone=phone)
    assert asked.status_code == 200, asked.json()
    answer = verify(api, asked.json()["request_id"], sent_code(caplog, phone), phone=phone)
    assert answer.status_code == 200, answer.json()
    return answer.json()


def test_a_new_phone_signs_in_for_the_first_time_then_not_again(
    api: Any, caplog: pytest.LogCaptureFixture
) -> None:
    first = sign_in(api, caplog)
    assert first["first_sign_in"] is True

    # The resend cooldown is per phone: another phone shows the same for its own first time.
    other = sign_in(api, caplog, phone="+966512345679")
    assert other["first_sign_in"] is True

    refreshed = api.post("/api/auth/token/refresh/", {"refresh": first["refresh"]}, format="json")
    assert refreshed.status_code == 200
    assert refreshed.json()["first_sign_in"] is False


def test_an_account_made_before_signing_in_is_still_welcomed_the_first_time(
    api: Any, caplog: pytest.LogCaptureFixture
) -> None:
    # A transfer or a staff booking can make the account before its owner ever signs in.
    UserFactory(phone=PHONE)

    assert sign_in(api, caplog)["first_sign_in"] is True


def test_a_password_sign_in_after_an_earlier_session_is_not_the_first(api: Any) -> None:
    user = UserFactory(email="sara@example.com")
    user.set_password("correct horse battery")
    user.save()
    body = {"email": "sara@example.com", "password": "correct horse battery"}

    first = api.post("/api/auth/login/", body, format="json")
    again = api.post("/api/auth/login/", body, format="json")

    assert first.status_code == 200, first.json()
    assert first.json()["first_sign_in"] is True
    assert again.json()["first_sign_in"] is False
