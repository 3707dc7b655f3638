"""Every API error has the one shape of PROTOCOL.md, whatever raised it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client, override_settings

pytestmark = [pytest.mark.urls("tests.core.error_urls"), pytest.mark.django_db]


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["ok"] is False
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str)
    assert body["error"]["message"]
    return body


@pytest.fixture
def client() -> Client:
    client = Client(raise_request_exception=False)
    return client


def test_validation_error_names_the_field(client: Client) -> None:
    response = client.post("/api/t/validate/", {"count": 0}, content_type="application/json")

    body = assert_error(response, 400, "validation_error")
    assert list(body["error"]["fields"]) == ["count"]
    assert "greater than or equal to 1" in body["error"]["fields"]["count"][0]


def test_wrong_type_and_missing_field(client: Client) -> None:
    wrong = client.post("/api/t/validate/", {"count": "many"}, content_type="application/json")
    missing = client.post("/api/t/validate/", {}, content_type="application/json")

    assert assert_error(wrong, 400, "validation_error")["error"]["fields"]["count"]
    assert assert_error(missing, 400, "validation_error")["error"]["fields"]["count"] == [
        "This field is required."
    ]


@pytest.mark.parametrize("body", ["{not json", "[1, 2", '"\\ud800"x'])
def test_malformed_json_is_a_bad_request(client: Client, body: str) -> None:
    response = client.post("/api/t/validate/", body, content_type="application/json")

    assert_error(response, 400, "bad_request")


def test_a_non_json_content_type_is_refused(client: Client) -> None:
    response = client.post("/api/t/validate/", "count=1", content_type="text/plain")

    assert_error(response, 415, "unsupported_media_type")


def test_a_body_over_the_limit_is_refused(client: Client) -> None:
    body = json.dumps({"count": 1, "padding": "x" * (2 * 1024 * 1024)})

    response = client.post("/api/t/validate/", body, content_type="application/json")

    assert_error(response, 413, "too_large")


def test_not_authenticated_is_401(client: Client) -> None:
    assert_error(client.get("/api/t/private/"), 401, "not_authenticated")


def test_forbidden_is_403(client: Client) -> None:
    body = assert_error(client.get("/api/t/forbidden/"), 403, "forbidden")
    assert body["error"]["message"] == "Staff only."


def test_rate_limited_says_when_to_retry(client: Client) -> None:
    response = client.get("/api/t/rate/")

    body = assert_error(response, 429, "rate_limited")
    assert body["error"]["retry_after"] == 13
    assert body["retry_after"] == 13
    assert response["Retry-After"] == "13"


@pytest.mark.parametrize("debug", [True, False])
def test_unknown_api_path_is_a_json_404(client: Client, debug: bool) -> None:
    with override_settings(DEBUG=debug):
        response = client.get("/api/no/such/thing/")

    assert_error(response, 404, "not_found")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_unknown_api_path_is_a_json_404_for_every_method_without_a_csrf_token(
    method: str,
) -> None:
    client = Client(enforce_csrf_checks=True)

    response = getattr(client, method)("/api/no/such/thing/", "{}", "application/json")

    assert_error(response, 404, "not_found")


def test_a_csrf_failure_under_the_api_is_the_json_403() -> None:
    client = Client(enforce_csrf_checks=True)

    api = client.post("/api/t/plain-post/")
    page = client.post("/t/plain-post/")

    assert "CSRF" in assert_error(api, 403, "forbidden")["error"]["message"]
    assert page.status_code == 403
    assert page["Content-Type"].startswith("text/html")  # elsewhere Django's page


def test_wrong_method_is_405(client: Client) -> None:
    assert_error(client.post("/api/health/"), 405, "method_not_allowed")


@override_settings(DEBUG=False)
def test_unhandled_exception_in_an_api_view_is_a_json_500(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    response = client.get("/api/t/boom/")

    body = assert_error(response, 500, "server_error")
    assert "a bug" not in json.dumps(body)  # no internals leak to the client
    assert "a bug" in caplog.text  # but the log has them


@override_settings(DEBUG=False)
def test_unhandled_exception_outside_drf_is_a_json_500(client: Client) -> None:
    response = client.get("/api/t/plain-boom/")

    assert_error(response, 500, "server_error")


@override_settings(DEBUG=False)
def test_pages_outside_the_api_keep_html_errors(client: Client) -> None:
    # (Other paths are the web app's client-side routes: tests/core/test_web_app.py.)
    response = client.get("/static/no-such-file.css")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
