"""Django serves the built web app: index.html for client-side routes, hashed assets cached
for good (whitenoise), a clear page when the app was never built."""

from __future__ import annotations

import subprocess
from pathlib import Path

import httpx
import pytest
from django.test import Client

from tests.support.live import ROOT, embedded_env, live_server

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


def test_index_html_carries_its_content_security_policy(built_app: Path) -> None:
    response = Client().get("/events/summer-fest")

    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    # Scripts: our files and the payment providers' only; never inline, never eval.
    assert policy["script-src"].split() == [
        "'self'",
        "https://js.stripe.com",
        "https://*.js.stripe.com",
        "https://checkout.razorpay.com",
    ]
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert {"data:", "blob:"} <= set(policy["img-src"].split())  # QR codes
    assert "'self'" in policy["connect-src"].split()  # the API and the websocket
    assert "https://js.stripe.com" in policy["frame-src"]
    assert "https://api.razorpay.com" in policy["frame-src"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=(self)" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]


SWAGGER_MAP = "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js.map"


@pytest.mark.parametrize(
    "path", ["/assets/index-Ab12Cd34.js.map", SWAGGER_MAP, "/assets/gone-00000000.js.map"]
)
def test_source_maps_are_not_served_without_debug(
    built_app: Path, settings: object, path: str
) -> None:
    (built_app / "assets" / "index-Ab12Cd34.js.map").write_text('{"sources": ["App.tsx"]}')
    settings.WHITENOISE_ROOT = built_app  # type: ignore[attr-defined]
    settings.DEBUG = False  # type: ignore[attr-defined]

    response = Client().get(path)

    assert response.status_code == 404
    assert b"sources" not in response.content


def test_source_maps_are_served_while_debugging(built_app: Path, settings: object) -> None:
    (built_app / "assets" / "index-Ab12Cd34.js.map").write_text('{"sources": ["App.tsx"]}')
    settings.WHITENOISE_ROOT = built_app  # type: ignore[attr-defined]
    settings.DEBUG = True  # type: ignore[attr-defined]

    assert Client().get("/assets/index-Ab12Cd34.js.map").status_code == 200
    assert Client().get(SWAGGER_MAP).status_code == 200


@pytest.mark.slow
def test_the_build_ships_no_source_maps(tmp_path: Path) -> None:
    vite = ROOT / "frontend" / "node_modules" / ".bin" / "vite"
    if not vite.exists():
        pytest.skip("frontend/node_modules is not installed (make web installs it)")
    out = tmp_path / "dist"

    result = subprocess.run(
        [str(vite), "build", "--outDir", str(out), "--emptyOutDir", "--logLevel", "error"],
        cwd=ROOT / "frontend",
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    files = [path for path in out.rglob("*") if path.is_file()]
    assert any(path.suffix == ".js" for path in files)
    assert not [path for path in files if path.suffix == ".map"]
    assert not [path for path in files if b"sourceMappingURL" in path.read_bytes()]
