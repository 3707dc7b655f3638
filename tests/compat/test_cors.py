"""The replaced systems' web clients run on their own origins: /compat/ answers those named in
COMPAT_CORS_ORIGINS (preflight and the request itself, with credentials), nobody else; the
native API stays same-origin."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

FRONT = "https://villa.example"
PREFLIGHT = {
    "HTTP_ORIGIN": FRONT,
    "HTTP_ACCESS_CONTROL_REQUEST_METHOD": "POST",
    "HTTP_ACCESS_CONTROL_REQUEST_HEADERS": "content-type, authorization, x-api-key",
}

pytestmark = [pytest.mark.django_db, pytest.mark.urls("backend.urls")]


@override_settings(CORS_ALLOWED_ORIGINS=[FRONT])
def test_a_named_origin_may_call_the_compat_api_with_credentials() -> None:
    client = Client()

    preflight = client.options("/compat/lodore-villa/api/auth/request-otp", **PREFLIGHT)
    request = client.get("/compat/oc-mena/api/config", HTTP_ORIGIN=FRONT)

    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == FRONT
    assert preflight["Access-Control-Allow-Credentials"] == "true"
    allowed = preflight["Access-Control-Allow-Headers"].lower()
    assert {"authorization", "content-type", "x-api-key"} <= {h.strip() for h in allowed.split(",")}
    assert request["Access-Control-Allow-Origin"] == FRONT
    assert "x-request-id" in request["Access-Control-Expose-Headers"].lower()


@override_settings(CORS_ALLOWED_ORIGINS=[FRONT])
def test_another_origin_and_the_native_api_get_no_cross_origin_answer() -> None:
    client = Client()

    stranger = client.options(
        "/compat/lodore-villa/api/auth/request-otp",
        **{**PREFLIGHT, "HTTP_ORIGIN": "https://evil.example"},
    )
    native = client.options("/api/auth/otp/request/", **PREFLIGHT)

    assert "Access-Control-Allow-Origin" not in stranger
    assert "Access-Control-Allow-Origin" not in native


def test_no_origin_is_allowed_by_default() -> None:
    response = Client().options("/compat/dandeli/api/auth/otp/request/", **PREFLIGHT)

    assert "Access-Control-Allow-Origin" not in response
