"""The API documents itself: the OpenAPI schema, Swagger UI, and examples on every operation."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from django.test import Client

pytestmark = pytest.mark.django_db

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def schema(django_db_blocker: Any) -> dict[str, Any]:
    with django_db_blocker.unblock():
        response = Client().get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def test_schema_is_openapi_3_and_lists_the_api(schema: dict[str, Any]) -> None:
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Gatehouse API"
    assert "/api/health/" in schema["paths"]


def test_every_operation_has_examples(schema: dict[str, Any]) -> None:
    missing = []
    for path, method, operation in operations(schema):
        responses = operation.get("responses", {}).values()
        has_response_example = any(
            media.get("examples") or media.get("example")
            for response in responses
            for media in response.get("content", {}).values()
        )
        body = operation.get("requestBody", {}).get("content", {})
        has_request_example = not body or any(
            media.get("examples") or media.get("example") for media in body.values()
        )
        if not (has_response_example and has_request_example):
            missing.append(f"{method.upper()} {path}")

    assert missing == []


def test_every_operation_has_a_summary(schema: dict[str, Any]) -> None:
    assert [
        f"{method.upper()} {path}"
        for path, method, operation in operations(schema)
        if not operation.get("summary")
    ] == []


def test_swagger_ui_is_served_without_a_cdn() -> None:
    response = Client().get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn.jsdelivr.net" not in html
    assert "/static/drf_spectacular_sidecar/" in html


def test_admin_is_mounted() -> None:
    response = Client().get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
