"""Accounts in a real browser on the live server (issue 17).

- Sign up with an e-mail and a password on /register: "check your e-mail" and signed in; the
  verification e-mail's link (read from the server's console, the embedded mode's e-mail
  backend) confirms the address, and /account says so. Signed out, the same e-mail and password
  sign in again on /signin. A PNG made here becomes the profile picture (shrunk to at most
  512 px, served under /media/profiles/) and is removed again. At 1280 px, the picture at
  390 px.
- With an OpenID Connect provider configured (the fake of tests/support/fake_oidc.py, on
  127.0.0.1), /signin offers "Continue with Fake ID"; the button goes to the provider, which
  sends the browser straight back, and /signin/oidc signs in as the provider's user: /account
  shows its e-mail as verified and the provider. In English at 1280 px, and in Arabic
  (right to left) at 390 px.

Screenshots go to /tmp/i17shots/e2e-*.png (I17_SHOTS overrides).
"""

from __future__ import annotations

import io
import json
import os
import re
import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WebApp, _manage, _missing_or_skip, frontend_dist, watch_csp
from tests.support.fake_oidc import FakeOidc
from tests.support.live import embedded_env, free_port, live_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path(os.environ.get("I17_SHOTS", "/tmp/i17shots"))
VERIFY_LINK = re.compile(r"/verify-email\?token=([A-Za-z0-9_:.\-]+)")
PASSWORD = "amber falcon harbour 58"
LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"  # the web app isolates addresses and names


def ltr(text: str) -> str:
    return f"{LRI}{text}{PDI}"


def isolate(text: str) -> str:
    return f"{FSI}{text}{PDI}"


def shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else 0
    page.screenshot(path=str(SHOTS / f"e2e-{name}-{width}.png"), full_page=True)


def wait_for(app: WebApp, pattern: re.Pattern[str], after: int, timeout: float = 10) -> str:
    """The first group of the first match in the server's console after ``after``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = pattern.search(app.server.log()[after:])
        if found:
            return found.group(1)
        time.sleep(0.1)
    raise AssertionError(f"{pattern.pattern} not in the server log")


def png(width: int, height: int) -> bytes:
    image = Image.new("RGB", (width, height), (30, 120, 200))
    for x in range(width // 2):
        image.putpixel((x, height // 2), (250, 200, 40))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def section(page: Page, title: str) -> Any:
    """An /account card, by its heading."""
    return page.locator("section").filter(has=page.get_by_role("heading", name=title, exact=True))


# --- e-mail and password ---------------------------------------------------------------------


def test_sign_up_verify_sign_in_again_and_change_the_picture(web_app: WebApp, new_page) -> None:
    email = f"nour.{secrets.token_hex(3)}@example.com"
    page = new_page(1280, lang="en")

    # Sign up.
    page.goto("/register")
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    form = page.get_by_role("form", name="Create an account")
    form.get_by_label("E-mail").fill(email)
    form.get_by_label("Password").fill(PASSWORD)
    form.get_by_label("First name").fill("Nour")
    form.get_by_label("Last name").fill("Haddad")
    shoot(page, "register-form")
    offset = web_app.log_offset()
    form.get_by_role("button", name="Create account").click()
    done = page.get_by_test_id("register-done")
    expect(done).to_contain_text(f"We sent a link to {ltr(email)}")
    expect(done).to_contain_text("You are signed in.")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    shoot(page, "register-done")

    # Not verified yet.
    done.get_by_role("link", name="Go to my account").click()
    expect(page).to_have_url(re.compile(r"/account$"))
    emails = section(page, "E-mail")
    expect(emails.get_by_test_id("account-email")).to_have_text(email)
    expect(emails.get_by_text("Not verified", exact=True)).to_be_visible()

    # The e-mail's link (its host is FRONTEND_URL; the path is what matters here).
    token = wait_for(web_app, VERIFY_LINK, offset)
    page.goto(f"/verify-email?token={token}")
    expect(page.get_by_test_id("email-verified")).to_contain_text(f"{ltr(email)} is confirmed")
    shoot(page, "email-verified")
    page.get_by_test_id("email-verified").get_by_role("link", name="Go to my account").click()
    expect(page).to_have_url(re.compile(r"/account$"))
    expect(page.get_by_text(f"Signed in as {isolate('Nour Haddad')}")).to_be_visible()
    expect(emails.get_by_test_id("account-email")).to_have_text(email)
    expect(emails.get_by_text("Verified", exact=True)).to_be_visible()
    expect(emails.get_by_text("Not verified", exact=True)).to_have_count(0)
    expect(page.get_by_test_id("account-session")).to_have_count(1)
    shoot(page, "account-verified")

    # The link works once.
    page.goto(f"/verify-email?token={token}")
    expect(page.get_by_test_id("email-link-invalid")).to_be_visible()

    # Signed out, then in again with the e-mail and password.
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
    page.goto("/signin?next=%2Faccount")
    page.get_by_role("button", name="E-mail and password").click()
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    shoot(page, "signin-email")
    page.get_by_role("button", name="Sign in with e-mail").click()
    expect(page).to_have_url(re.compile(r"/account$"))
    expect(page.get_by_text(f"Signed in as {isolate('Nour Haddad')}")).to_be_visible()
    expect(emails.get_by_text("Verified", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="My bookings")).to_be_visible()

    # The picture, on a phone: a PNG made here, shrunk by the server.
    page.set_viewport_size({"width": 390, "height": 844})
    profile = section(page, "Profile")
    expect(profile.get_by_role("img", name="No picture yet")).to_be_visible()
    profile.locator("input[type=file]").set_input_files(
        files=[{"name": "me.png", "mimeType": "image/png", "buffer": png(800, 600)}]
    )
    expect(profile.get_by_role("status")).to_have_text("Your picture is saved.")
    picture = profile.locator("img.account-avatar")
    expect(picture).to_have_attribute("src", re.compile(r"/media/profiles/"))
    picture.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
    )
    natural = picture.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    assert 0 < natural[0] <= 512, natural
    assert 0 < natural[1] <= 512, natural
    shoot(page, "account-picture")
    profile.get_by_role("button", name="Remove picture").click()
    expect(profile.get_by_role("status")).to_have_text("Your picture is removed.")
    expect(profile.locator("img.account-avatar")).to_have_count(0)
    expect(profile.get_by_role("img", name="No picture yet")).to_be_visible()


# --- OpenID Connect --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fake_oidc() -> Iterator[FakeOidc]:
    with FakeOidc() as fake:
        yield fake


@pytest.fixture(scope="module")
def oidc_app(tmp_path_factory: pytest.TempPathFactory, fake_oidc: FakeOidc) -> Iterator[WebApp]:
    """The product as `make run` serves it, with the fake provider in OIDC_PROVIDERS."""
    dist = frontend_dist()
    if not (dist / "index.html").is_file():
        _missing_or_skip(f"the web app is not built ({dist}/index.html); run `make test`")
    var_dir = tmp_path_factory.mktemp("oidc-app")
    port = free_port()
    env = embedded_env(var_dir)
    env.update(
        FRONTEND_DIST=str(dist),
        DJANGO_DEBUG="1",
        # The callback sends the browser back to {FRONTEND_URL}/signin/oidc: this server.
        FRONTEND_URL=f"http://127.0.0.1:{port}",
        OIDC_PROVIDERS=json.dumps({"fake": fake_oidc.provider_config()}),
        OIDC_HTTP_TIMEOUT_SECONDS="5",
    )
    _manage(env, "migrate", "--noinput", "-v0")
    demo = _manage(env, "demo")
    with live_server(env, var_dir, port=port, timeout=60) as server:
        yield WebApp(server=server, var_dir=var_dir, demo_output=demo)


@pytest.fixture
def oidc_page(browser: Any, oidc_app: WebApp) -> Iterator[Any]:
    """``oidc_page(width, lang)``: a page in a fresh browser context on the OIDC server."""
    contexts: list[Any] = []
    violations: list[str] = []

    def make(width: int, lang: str) -> Page:
        context = browser.new_context(
            base_url=oidc_app.url,
            viewport={"width": width, "height": 844 if width < 700 else 900},
            locale="ar-SA" if lang == "ar" else "en-GB",
            device_scale_factor=1,
        )
        context.set_default_timeout(15_000)
        watch_csp(context, violations)
        context.add_init_script(f"localStorage.setItem('gh.language', '{lang}')")
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    assert not violations, f"the Content-Security-Policy blocked: {violations}"


WORDS = {
    "en": {
        "continue": "Continue with Fake ID",
        "signed_in_as": "Signed in as {name}",
        "email": "E-mail",
        "verified": "Verified",
        "identities": f"Signs in with: {isolate('fake')}",
    },
    "ar": {
        "continue": "تابع عبر Fake ID",
        "signed_in_as": "مسجّل الدخول باسم {name}",
        "email": "البريد الإلكتروني",
        "verified": "موثّق",
        "identities": f"يسجّل الدخول عبر: {isolate('fake')}",
    },
}


@pytest.mark.parametrize(("lang", "width"), [("en", 1280), ("ar", 390)])
def test_sign_in_through_an_openid_connect_provider(
    oidc_app: WebApp, fake_oidc: FakeOidc, oidc_page, lang: str, width: int
) -> None:
    words = WORDS[lang]
    email = f"salma.{lang}.{secrets.token_hex(3)}@example.com"
    fake_oidc.user = {
        "sub": f"fake-{lang}-{secrets.token_hex(4)}",
        "email": email,
        "email_verified": True,
        "name": "Salma Idris",
        "given_name": "Salma",
        "family_name": "Idris",
    }
    page = oidc_page(width, lang)
    page.goto("/signin?next=%2Faccount")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
    button = page.get_by_role("link", name=words["continue"])
    expect(button).to_be_visible()
    assert (button.get_attribute("href") or "").startswith("/api/auth/oidc/fake/login/")
    shoot(page, f"signin-oidc-{lang}")

    before = len(fake_oidc.issued)
    went: list[str] = []  # every document the browser asked for, each redirect too
    page.on(
        "request",
        lambda request: went.append(request.url) if request.is_navigation_request() else None,
    )
    button.click()
    expect(page).to_have_url(re.compile(r"/account$"))
    hops = [url.split("?")[0].split("#")[0] for url in went]
    assert hops == [
        f"{oidc_app.url}/api/auth/oidc/fake/login/",
        f"{fake_oidc.base_url}/authorize",
        f"{oidc_app.url}/api/auth/oidc/fake/callback/",
        f"{oidc_app.url}/signin/oidc",
    ], went
    assert "access=" not in page.url
    assert len(fake_oidc.issued) == before + 1  # one ID token: one code exchanged

    expect(
        page.get_by_text(words["signed_in_as"].format(name=isolate("Salma Idris")))
    ).to_be_visible()
    emails = section(page, words["email"])
    expect(emails.get_by_test_id("account-email")).to_have_text(email)
    expect(emails.get_by_text(words["verified"], exact=True)).to_be_visible()
    expect(page.get_by_text(words["identities"])).to_be_visible()
    expect(page.get_by_test_id("account-session")).to_have_count(1)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
    shoot(page, f"account-oidc-{lang}")
