"""PostgreSQL away or too slow is a 503 to retry in the one error shape, with Retry-After,
inside DRF's views and outside them; a bug stays a 500. (The real failures, on real
processes: tests/deploy/test_failures.py.)"""

from __future__ import annotations

import sqlite3
from typing import Any

import psycopg
import psycopg.errors
import pytest
from django.db import IntegrityError, connection
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import include, path
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.core.errors import DatabaseUnavailable, is_database_unavailable
from backend.core.rush import RushAnswer
from backend.urls import urlpatterns as real_urlpatterns

pytestmark = [pytest.mark.urls(__name__), pytest.mark.django_db]


def raise_as_django(error: Exception) -> None:
    """Raise ``error`` the way Django's database layer hands a driver's error on."""
    with connection.wrap_database_errors:
        raise error


class LockTimeoutApi(APIView):
    def post(self, request: Request) -> Response:
        raise_as_django(psycopg.errors.LockNotAvailable("canceling statement: lock timeout"))
        return Response({})


class SqliteLockedApi(APIView):
    def get(self, request: Request) -> Response:
        raise_as_django(sqlite3.OperationalError("no such column: nope"))
        return Response({})


class DuplicateApi(APIView):
    def get(self, request: Request) -> Response:
        raise IntegrityError("duplicate key")


def plain_connection_lost(request: HttpRequest) -> HttpResponse:
    raise_as_django(psycopg.OperationalError("server closed the connection unexpectedly"))
    return HttpResponse()


urlpatterns = [
    path("api/t/lock-timeout/", LockTimeoutApi.as_view()),
    path("api/t/sqlite/", SqliteLockedApi.as_view()),
    path("api/t/duplicate/", DuplicateApi.as_view()),
    path("api/t/plain-lost/", plain_connection_lost),
    path("t/plain-lost/", plain_connection_lost),
    path("", include(real_urlpatterns)),
]
handler404 = "backend.core.api.handler404"
handler500 = "backend.core.api.handler500"


def assert_unavailable(response: Any) -> None:
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "1"
    body = response.json()
    assert body["ok"] is False
    assert body["error"]["code"] == "service_unavailable"
    assert body["retry_after"] == body["error"]["retry_after"] == 1


def test_a_lock_timeout_in_an_api_view_is_a_503_to_retry(client: Client) -> None:
    assert_unavailable(client.post("/api/t/lock-timeout/"))


@override_settings(DEBUG=False)
def test_a_lost_connection_outside_drf_is_a_503_too() -> None:
    # (As a server answers it: Django's handler500, not the test client's re-raise.)
    assert_unavailable(Client(raise_request_exception=False).get("/api/t/plain-lost/"))


@override_settings(DEBUG=False)
def test_a_page_outside_the_api_says_503_in_html() -> None:
    response = Client(raise_request_exception=False).get("/t/plain-lost/")

    assert response.status_code == 503
    assert response["Retry-After"] == "1"
    assert response["Content-Type"].startswith("text/html")


@override_settings(DEBUG=False)
@pytest.mark.parametrize("url", ["/api/t/sqlite/", "/api/t/duplicate/"])
def test_other_database_errors_stay_bugs(client: Client, url: str) -> None:
    response = client.get(url)

    assert response.status_code == 500
    assert response.json()["error"]["code"] == "server_error"


def test_what_counts_as_unavailable() -> None:
    assert is_database_unavailable(psycopg.OperationalError("connection refused"))
    assert is_database_unavailable(psycopg.errors.QueryCanceled("statement timeout"))
    assert is_database_unavailable(psycopg.InterfaceError("the connection is closed"))
    assert not is_database_unavailable(psycopg.errors.UniqueViolation("duplicate"))
    assert not is_database_unavailable(RuntimeError("a bug"))


def test_the_rush_route_says_when_to_retry() -> None:
    answer = RushAnswer.error(DatabaseUnavailable(), "en")

    assert answer.status == 503
    assert (b"retry-after", b"1") in answer.headers
    assert answer.data["error"]["code"] == "service_unavailable"
