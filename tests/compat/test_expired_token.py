"""An access token past its lifetime is a readable 401 in each system's own error shape,
not a 500 or a Python repr (every old client refreshes on that 401)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from backend.accounts.models import AuthSession, User
from backend.accounts.services.sessions import session_start

pytestmark = [pytest.mark.django_db]


@pytest.mark.parametrize(
    ("method", "path", "shape"),
    [
        ("get", "/compat/lodore-villa/api/auth/me", "message"),
        ("post", "/compat/dandeli/api/auth/profile/update/", "error"),
        ("get", "/compat/booking-service/api/bookings/all/", "error"),
        ("get", "/compat/oc-mena/api/auth/me/", None),
        ("get", "/compat/repairmybike/api/auth/profile/", "detail"),
    ],
)
def test_an_expired_access_token_is_a_plain_401(method: str, path: str, shape: Any) -> None:
    user = User.objects.create(phone="+966500000009", email="expired@example.com")
    access = session_start(user=user, method=AuthSession.Method.OTP).access
    fresh = getattr(Client(), method)(path, HTTP_AUTHORIZATION=f"Bearer {access}")
    assert fresh.status_code != 401, fresh.content

    with time_machine.travel(timezone.now() + timedelta(days=1)):
        answer = getattr(Client(), method)(
            path, HTTP_AUTHORIZATION=f"Bearer {access}", content_type="application/json"
        )

    assert answer.status_code == 401, answer.content
    text = answer.content.decode()
    assert "ErrorDetail" not in text
    assert "{'" not in text
    if shape is not None:
        assert shape in answer.json(), answer.json()
