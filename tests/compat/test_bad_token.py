"""A client with an expired or garbled access token gets a readable 401, not a Python repr."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db]


@pytest.mark.parametrize(
    "path",
    [
        "/compat/lodore-villa/api/auth/me",
        "/compat/booking-service/api/bookings/all/",
        "/compat/oc-mena/api/auth/me/",
    ],
)
def test_a_garbled_bearer_token_is_a_plain_401_message(path: str) -> None:
    response = Client().get(path, HTTP_AUTHORIZATION="Bearer garbage")
    assert response.status_code == 401
    text = response.content.decode()
    assert "ErrorDetail" not in text
    assert "{'" not in text
    assert "not valid" in text.lower()
