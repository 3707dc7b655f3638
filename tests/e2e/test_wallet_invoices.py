"""Invoices and wallet passes in a real browser on the live server.

- A festival booking paid with the test provider has its invoice on My bookings; its PDF
  downloads, and "E-mail my invoices" answers in the page.
- With both wallets configured (a certificate chain and a service account made here), each
  valid ticket has "Add to Apple Wallet" (it downloads the ticket's .pkpass) and "Save to
  Google Wallet" (it goes to Google's save page, answered here by the test), on My bookings and
  on the tickets link page, at 390 and 1280 px, in English and Arabic.
- Without wallet settings (the shared server) there are no wallet buttons.

Screenshots go to /tmp/i16shots/ (I16_SHOTS overrides).
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WebApp, _manage, _missing_or_skip, frontend_dist, watch_csp
from tests.e2e.guest_steps import api_as_browser, sign_in_by_phone, ticket_type_slot
from tests.support.live import embedded_env, live_server
from tests.wallet.conftest import (
    ISSUER,
    PASS_TYPE,
    TEAM,
    ServiceAccount,
    new_key,
    write_account,
    write_pki,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FESTIVAL = "summer-fest"
SHOTS = Path(os.environ.get("I16_SHOTS", "/tmp/i16shots"))
GOOGLE_SAVE = "https://pay.google.com/gp/v/save/"
WORDS = {
    "en": {
        "apple": "Add to Apple Wallet",
        "google": "Save to Google Wallet",
        "invoices": "Invoices",
        "invoice": "Invoice",
        "resend": "E-mail my invoices",
        "pdf": "PDF",
    },
    "ar": {
        "apple": "إضافة إلى Apple Wallet",
        "google": "الحفظ في محفظة Google",
        "invoices": "الفواتير",
        "invoice": "فاتورة",
        "resend": "أرسل فواتيري بالبريد الإلكتروني",
        "pdf": "PDF",
    },
}


def shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else 0
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


@pytest.fixture(scope="module")
def wallet_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebApp]:
    """The product as `make run` serves it, with Apple and Google Wallet configured."""
    dist = frontend_dist()
    if not (dist / "index.html").is_file():
        _missing_or_skip(f"the web app is not built ({dist}/index.html); run `make test`")
    var_dir = tmp_path_factory.mktemp("wallet-app")
    pki = write_pki(var_dir)
    account = ServiceAccount(
        var_dir / "service-account.json", "wallet@gatehouse-test.iam.gserviceaccount.com", new_key()
    )
    write_account(account, token_uri="http://127.0.0.1:9/token")
    env = embedded_env(var_dir)
    env.update(
        FRONTEND_DIST=str(dist),
        DJANGO_DEBUG="1",
        OTP_REQUESTS_PER_IP="1000",
        OTP_VERIFIES_PER_IP="1000",
        LOGIN_FAILURES_PER_IP="1000",
        APPLE_WALLET_PASS_TYPE_ID=PASS_TYPE,
        APPLE_WALLET_TEAM_ID=TEAM,
        APPLE_WALLET_CERT=str(pki.cert),
        APPLE_WALLET_KEY=str(pki.key),
        APPLE_WALLET_WWDR=str(pki.wwdr),
        GOOGLE_WALLET_ISSUER_ID=ISSUER,
        GOOGLE_WALLET_SERVICE_ACCOUNT=str(account.path),
    )
    _manage(env, "migrate", "--noinput", "-v0")
    demo = _manage(env, "demo")
    with live_server(env, var_dir, timeout=60) as server:
        app = WebApp(server=server, var_dir=var_dir, demo_output=demo)
        staff = re.search(r"Staff sign-in created: (\S+) / (\S+)", demo)
        if staff:
            app.staff_email, app.staff_password = staff.group(1), staff.group(2)
        yield app


@pytest.fixture
def pages(browser: Any) -> Iterator[Any]:
    """``pages(app, width, lang)``: a page in a fresh browser context on that server."""
    contexts: list[Any] = []
    violations: list[str] = []

    def make(app: WebApp, width: int, lang: str) -> Page:
        context = browser.new_context(
            base_url=app.url,
            viewport={"width": width, "height": 844 if width < 700 else 900},
            locale="ar-SA" if lang == "ar" else "en-GB",
            device_scale_factor=1,
            accept_downloads=True,
        )
        context.set_default_timeout(15_000)
        watch_csp(context, violations)
        # The first language of the context; a test may switch it later.
        context.add_init_script(
            "if (!localStorage.getItem('gh.language')) "
            f"localStorage.setItem('gh.language', '{lang}')"
        )
        # No internet here: Google's save page is answered by the test.
        context.route(
            re.compile(r"^https://pay\.google\.com/.*"),
            lambda route: route.fulfill(status=200, content_type="text/html", body="saved"),
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    assert not violations, f"the Content-Security-Policy blocked: {violations}"


def paid_booking(app: WebApp, page: Page, quantity: int = 1) -> dict[str, Any]:
    """A festival booking the browser's guest pays with the test provider (its payment page)."""
    slot = ticket_type_slot(app, FESTIVAL, "General Admission", quantity)
    hold = api_as_browser(
        page,
        "POST",
        "/api/holds/",
        {"event": FESTIVAL, "items": [{"slot": slot, "quantity": quantity}]},
    )
    holders = [f"Wallet Holder {n}" for n in range(1, quantity + 1)]
    booking = api_as_browser(
        page, "POST", "/api/bookings/", {"hold": hold["id"], "details": {"holders": holders}}
    )
    paying = api_as_browser(
        page, "POST", f"/api/bookings/{booking['id']}/pay/", {"provider": "test"}
    )
    page.goto(paying["client"]["url"])
    page.get_by_role("button", name=re.compile(r"^Pay")).click()
    expect(page.get_by_role("status")).to_have_text("Paid: booking confirmed.")
    return api_as_browser(page, "GET", f"/api/bookings/{booking['id']}/")


def check_pkpass(content: bytes, qr_payload: str) -> None:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert {"pass.json", "manifest.json", "signature"} <= set(archive.namelist())
        data = json.loads(archive.read("pass.json"))
    assert data["passTypeIdentifier"] == PASS_TYPE
    assert data["barcodes"][0]["message"] == qr_payload


def check_wallet_buttons(page: Page, ticket: dict[str, Any], lang: str, scope: Any) -> None:
    """Both buttons on the ticket; Apple's downloads its pass, Google's goes to Google."""
    words = WORDS[lang]
    apple = scope.get_by_role("button", name=re.compile(f"^{re.escape(words['apple'])}"))
    google = scope.get_by_role("button", name=re.compile(f"^{re.escape(words['google'])}"))
    expect(apple).to_be_visible()
    expect(google).to_be_visible()
    # Neither spills out of the page.
    width = page.viewport_size["width"] if page.viewport_size else 0
    for button in (apple, google):
        box = button.bounding_box()
        assert box is not None
        assert box["x"] >= 0, box
        assert box["x"] + box["width"] <= width, box
    with page.expect_download() as info:
        apple.click()
    download = info.value
    # Named after the ticket's reference, never its id.
    assert download.suggested_filename == f"tickets-{ticket['reference']}.pkpass"
    path = download.path()
    assert path is not None
    check_pkpass(Path(path).read_bytes(), ticket["qr_payload"])


def test_a_paid_booking_shows_its_invoice_and_wallet_buttons(
    wallet_app: WebApp, pages: Any
) -> None:
    phone = wallet_app.fresh_phone("+9665519")
    page = pages(wallet_app, 1280, "en")
    sign_in_by_phone(page, wallet_app, phone)
    booking = paid_booking(wallet_app, page)
    [invoice] = api_as_browser(page, "GET", f"/api/bookings/{booking['id']}/invoices/")
    [ticket] = api_as_browser(page, "GET", f"/api/tickets/?booking={booking['id']}")["results"]
    assert api_as_browser(page, "GET", "/api/wallet/") == {
        "ok": True,
        "apple": True,
        "google": True,
    }

    for lang, width in (("en", 1280), ("en", 390), ("ar", 390), ("ar", 1280)):
        words = WORDS[lang]
        page.set_viewport_size({"width": width, "height": 844 if width < 700 else 900})
        page.evaluate(f"localStorage.setItem('gh.language', '{lang}')")
        page.goto("/bookings")
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")

        # The invoice, under its booking.
        invoices = page.get_by_test_id("booking-invoices")
        expect(invoices).to_have_count(1)
        expect(invoices.get_by_role("heading", name=words["invoices"])).to_be_visible()
        row = invoices.get_by_test_id("invoice-row")
        expect(row).to_have_attribute("data-number", invoice["number"])
        expect(row).to_contain_text(invoice["number"])
        expect(row).to_contain_text(words["invoice"])
        with page.expect_download() as info:
            row.get_by_test_id("invoice-pdf").click()
        pdf = info.value
        assert pdf.suggested_filename == f"{invoice['number']}.pdf"
        pdf_path = pdf.path()
        assert pdf_path is not None
        assert Path(pdf_path).read_bytes().startswith(b"%PDF")

        # The ticket's wallet buttons.
        card = page.locator(f'[data-testid="ticket-row"][data-ticket="{ticket["id"]}"]')
        check_wallet_buttons(page, ticket, lang, card)
        page.get_by_test_id("booking-invoices").scroll_into_view_if_needed()
        shoot(page, f"bookings-wallet-invoices-{lang}")

    # E-mail my invoices: the guest signed in by phone has no e-mail on the booking, or it is
    # queued; either way the page answers in its usual style.
    page.get_by_test_id("invoices-resend").click()
    expect(page.get_by_test_id("invoices-resend-result")).to_be_visible()
    shoot(page, "bookings-invoices-resend-ar")

    # Google: the save link, followed.
    page.set_viewport_size({"width": 1280, "height": 900})
    card = page.locator(f'[data-testid="ticket-row"][data-ticket="{ticket["id"]}"]')
    card.get_by_test_id("wallet-google").click()
    expect(page).to_have_url(
        re.compile(r"^https://pay\.google\.com/gp/v/save/[\w-]+\.[\w-]+\.[\w-]+$")
    )


def link_token(app: WebApp, booking_id: str) -> str:
    code = (
        "from backend.bookings.models import Booking\n"
        "from backend.tickets.links import ticket_link_token\n"
        f"booking = Booking.objects.get(pk={booking_id!r})\n"
        "print('TOKEN', ticket_link_token(booking=booking, holder=booking.user))\n"
    )
    env = embedded_env(app.var_dir)
    output = _manage(env, "shell", "-c", code)
    found = re.search(r"TOKEN (\S+)", output)
    assert found, output
    return found.group(1)


def test_the_tickets_link_page_has_the_wallet_buttons(wallet_app: WebApp, pages: Any) -> None:
    phone = wallet_app.fresh_phone("+9665519")
    signed_in = pages(wallet_app, 1280, "en")
    sign_in_by_phone(signed_in, wallet_app, phone)
    booking = paid_booking(wallet_app, signed_in)
    token = link_token(wallet_app, booking["id"])
    shown = ok(httpx.get(f"{wallet_app.url}/api/tickets/links/{token}/"))
    [ticket] = shown["tickets"]

    for lang in ("en", "ar"):
        for width in (390, 1280):
            page = pages(wallet_app, width, lang)  # nobody signed in
            page.goto(f"/t/{token}")
            expect(page.get_by_test_id("ticket-qr")).to_have_count(1)
            check_wallet_buttons(page, ticket, lang, page.locator("main"))
            shoot(page, f"ticket-link-wallet-{lang}")
    page.get_by_test_id("wallet-google").click()
    expect(page).to_have_url(re.compile(r"^https://pay\.google\.com/gp/v/save/"))


def test_without_wallet_settings_there_are_no_wallet_buttons(web_app: WebApp, pages: Any) -> None:
    assert ok(httpx.get(f"{web_app.url}/api/wallet/")) == {
        "ok": True,
        "apple": False,
        "google": False,
    }
    phone = web_app.fresh_phone("+9665519")
    page = pages(web_app, 390, "en")
    sign_in_by_phone(page, web_app, phone)
    booking = paid_booking(web_app, page)
    page.goto("/bookings")
    expect(page.get_by_test_id("ticket-row")).to_have_count(1)
    expect(page.get_by_test_id("booking-invoices")).to_have_count(1)
    expect(page.get_by_test_id("wallet-buttons")).to_have_count(0)
    expect(page.get_by_test_id("wallet-apple")).to_have_count(0)
    shoot(page, "bookings-no-wallet-en")

    token = link_token(web_app, booking["id"])
    link = pages(web_app, 390, "ar")
    link.goto(f"/t/{token}")
    expect(link.get_by_test_id("ticket-qr")).to_have_count(1)
    expect(link.get_by_test_id("wallet-buttons")).to_have_count(0)
    shoot(link, "ticket-link-no-wallet-ar")
