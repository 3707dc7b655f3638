"""Django serves the built web app: index.html for client-side routes, hashed assets cached
for good (whitenoise), a clear page when the app was never built."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from django.test import Client

from tests.support.live import embedded_env, live_server

INDEX = "<!doctype html><title>Gatehouse app</title><script src=/assets/index-Ab12Cd34.js>"


@pytest.fixture
def built_app(tmp_path: Path, settings: object) -> Path:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(INDEX)
    (dist / "assets" / "index-Ab12Cd34.js").write_text("console.log('app')")
    settings.FRONTEND_DIST = dist  # type: ignore[attr-defined]
    return dist


@pytest.mark.parametrize(
    "path", ["/", "/events/summer-fest", "/checkout/41", "/verify", "/scan", "/staff"]
)
def test_client_side_routes_answer_index_html_uncached(built_app: Path, path: str) -> None:
    response = Client().get(path)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert response.content.decode() == INDEX


def test_the_api_and_admin_keep_their_own_answers(built_app: Path) -> None:
    client = Client()

    missing = client.get("/api/no-such-thing/")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    assert client.get("/admin").status_code == 301
    assert client.get("/api")["Location"] == "/api/"


def test_a_stale_asset_is_a_404_not_the_app(built_app: Path) -> None:
    response = Client().get("/assets/index-gone0000.js")

    assert response.status_code == 404


def test_writing_to_a_page_is_refused(built_app: Path) -> None:
    response = Client(enforce_csrf_checks=True).post("/events/summer-fest")

    assert response.status_code in (403, 405)


def test_an_unbuilt_app_says_how_to_build_it(tmp_path: Path, settings: object) -> None:
    settings.FRONTEND_DIST = tmp_path / "nothing"  # type: ignore[attr-defined]

    response = Client().get("/")

    assert response.status_code == 503
    assert b"make run" in response.content


@pytest.mark.slow
def test_the_server_serves_hashed_assets_for_good(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(INDEX)
    (dist / "assets" / "index-Ab12Cd34.js").write_text("console.log('app')")
    (dist / "favicon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    env = {**embedded_env(tmp_path), "FRONTEND_DIST": str(dist)}
    with live_server(env, tmp_path) as server:
        asset = httpx.get(f"{server.url}/assets/index-Ab12Cd34.js")
        icon = httpx.get(f"{server.url}/favicon.svg")
        page = httpx.get(f"{server.url}/events/summer-fest")

    assert asset.status_code == 200
    assert asset.text == "console.log('app')"
    assert "immutable" in asset.headers["cache-control"]
    assert icon.status_code == 200
    assert "immutable" not in icon.headers["cache-control"]
    assert page.text == INDEX
