"""The inline middleware still does its jobs, on the ASGI path (Django's AsyncClient)."""

from __future__ import annotations

import re

import pytest
from asgiref.sync import sync_to_async
from django.test import AsyncClient, override_settings

from backend.accounts.models import User
from backend.core.checks import check_security_middleware

pytestmark = pytest.mark.django_db(transaction=True)


async def test_security_headers_on_api_and_pages() -> None:
    client = AsyncClient()

    for path in ("/api/health/", "/admin/login/"):
        response = await client.get(path)
        assert response["X-Content-Type-Options"] == "nosniff", path
        assert response["X-Frame-Options"] == "DENY", path
        assert response["Referrer-Policy"] == "same-origin", path


@override_settings(SECURE_SSL_REDIRECT=True)
async def test_plain_http_is_redirected_when_asked() -> None:
    response = await AsyncClient().get("/api/health/")

    assert response.status_code == 301
    assert response["Location"].startswith("https://")


async def test_admin_login_still_needs_the_csrf_token_and_saves_the_session() -> None:
    await sync_to_async(User.objects.create_superuser)("root@example.com", "pw-123456789")
    client = AsyncClient(enforce_csrf_checks=True)
    page = await client.get("/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]

    forged = await client.post(
        "/admin/login/", {"username": "root@example.com", "password": "pw-123456789"}
    )
    real = await client.post(
        "/admin/login/",
        {"username": "root@example.com", "password": "pw-123456789", "csrfmiddlewaretoken": token},
    )
    index = await client.get("/admin/")

    assert forged.status_code == 403
    assert real.status_code == 302
    assert "sessionid" in real.cookies
    assert index.status_code == 200


async def test_static_files_are_served() -> None:
    response = await AsyncClient().get("/static/admin/css/base.css")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert int(response["Content-Length"]) > 1000


def test_the_deploy_check_finds_missing_security_middleware() -> None:
    with override_settings(MIDDLEWARE=["backend.core.middleware.SessionMiddleware"]):
        warnings = check_security_middleware(None)

    assert {w.id for w in warnings} == {"gatehouse.W001", "gatehouse.W002", "gatehouse.W003"}
    assert check_security_middleware(None) == []
