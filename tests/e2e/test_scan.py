"""The scanning station at /scan in a real browser: sign-in with the demo device token, the
gate, a ticket typed in (admitted, then already used), an invalid code, and offline scanning
with the gate's bundle (admitted on the device, queued, uploaded when the network is back).

The tickets are made through the API from Python: a staff comp for a fresh phone, whose
guest then reads the tickets' `qr_payload` (the exact text of the QR code).
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WebApp, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EVENT = "summer-fest"
GATE = "North gate"  # the demo station's gate: every ticket of the festival
GATES = {"en": GATE, "ar": "البوابة الشمالية"}  # its name in the page's language

WORDS = {
    "en": {
        "token": "Device token",
        "sign_in": "Sign in station",
        "code": "Ticket code",
        "check": "Check",
        "camera": "Start camera",
        "offline": "Offline — 1 queued",
        "uploaded": "1 offline scans uploaded.",
    },
    "ar": {
        "token": "رمز الجهاز",
        "sign_in": "تسجيل دخول المحطة",
        "code": "رمز التذكرة",
        "check": "تحقّق",
        "camera": "تشغيل الكاميرا",
        "offline": "دون اتصال — \u0661 بانتظار الرفع",  # \u0661: Arabic-Indic one
        "uploaded": "رُفعت \u0661 من عمليات المسح دون اتصال.",
    },
}


# --- tickets, through the API ---------------------------------------------------------------


def _ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    return response.json()


def comp_tickets(web_app: WebApp, name: str, quantity: int) -> list[dict[str, Any]]:
    """Free General Admission tickets for a fresh phone; the tickets as their guest sees them."""
    phone = web_app.fresh_phone("+9665513")
    with web_app.staff_api() as client:
        event = _ok(client.get(f"/api/events/{EVENT}/"))
        admission = next(r["id"] for r in event["resources"] if r["name"] == "General Admission")
        slots = _ok(client.get(f"/api/events/{EVENT}/availability/"))["slots"]
        slot = next(s for s in slots if s["resource"] == admission and s["available"] >= quantity)
        _ok(
            client.post(
                "/api/staff/comps/",
                json={
                    "event": EVENT,
                    "phone": phone,
                    "name": name,
                    "items": [{"slot": slot["id"], "quantity": quantity}],
                },
            ),
            201,
        )
    with web_app.guest_api(phone) as guest:
        tickets = _ok(guest.get("/api/tickets/"))["results"]
    assert len(tickets) == quantity
    return tickets


# --- the browser ----------------------------------------------------------------------------


def sign_in_station(page: Page, web_app: WebApp, lang: str, shot: str) -> None:
    page.goto("/scan")
    expect(page.get_by_label(WORDS[lang]["token"])).to_be_visible()
    screenshot(page, f"{shot}-signin")
    page.get_by_label(WORDS[lang]["token"]).fill(web_app.device_token)
    page.get_by_role("button", name=WORDS[lang]["sign_in"]).click()
    # The demo station is bound to one gate: it is chosen without asking.
    expect(page.get_by_role("heading", level=1, name=GATES[lang])).to_be_visible()
    expect(page.locator(".conn[data-state='live']")).to_be_visible(timeout=15_000)
    expect(page.get_by_test_id("offline-list")).to_be_visible(timeout=15_000)


def scan_code(page: Page, lang: str, code: str, status: str, shot: str | None = None):
    page.get_by_label(WORDS[lang]["code"]).fill(code)
    page.get_by_role("button", name=WORDS[lang]["check"], exact=True).click()
    result = page.get_by_test_id("scan-result")
    expect(result).to_have_attribute("data-status", status)
    if shot:
        screenshot(page, shot)
    return result


def dismiss(page: Page) -> None:
    result = page.get_by_test_id("scan-result")
    result.click(position={"x": 20, "y": 20})
    expect(result).to_be_hidden()


def admitted_in_database(web_app: WebApp, ticket_id: int) -> bool:
    rows = web_app.sql("SELECT admitted_at FROM tickets_ticket WHERE id = ?", (ticket_id,))
    return bool(rows and rows[0][0])


@pytest.mark.parametrize(("width", "lang"), [(390, "en"), (1280, "ar"), (390, "ar"), (1280, "en")])
def test_station_scans_online_and_offline(new_page, web_app: WebApp, width: int, lang: str):
    holder = f"Layla Scan {lang}{width}"
    first, second = comp_tickets(web_app, holder, 2)
    page = new_page(width=width, lang=lang)
    shot = f"scan-{lang}"

    sign_in_station(page, web_app, lang, shot)
    screenshot(page, f"{shot}-idle")

    # Online: over the websocket, green with the holder's name; again: amber, when and where.
    result = scan_code(page, lang, first["qr_payload"], "admitted", f"{shot}-admitted")
    expect(result).to_contain_text(holder)
    expect(result).to_have_attribute("data-local", "false")
    dismiss(page)
    assert admitted_in_database(web_app, first["id"])
    result = scan_code(page, lang, first["qr_payload"], "already_used", f"{shot}-already-used")
    expect(result).to_contain_text(GATE)  # said by the socket, in English
    expect(result).to_contain_text(holder)
    dismiss(page)

    # A code that is not ours: red.
    scan_code(page, lang, "GH1NOTAREALTICKET", "invalid", f"{shot}-invalid")
    dismiss(page)
    expect(page.locator(".scan-recent-item").first).to_have_attribute("data-status", "invalid")

    # Offline: decided on the device with the gate's bundle, once per ticket, and queued.
    page.context.set_offline(True)
    status = page.get_by_test_id("offline-status")
    expect(status).to_have_attribute("data-offline", "true")
    result = scan_code(page, lang, second["qr_payload"], "admitted", f"{shot}-offline-admitted")
    expect(result).to_have_attribute("data-local", "true")
    dismiss(page)
    expect(status).to_have_attribute("data-queued", "1")
    expect(status).to_contain_text(WORDS[lang]["offline"])
    screenshot(page, f"{shot}-offline-queued")
    scan_code(page, lang, second["qr_payload"], "already_used")
    dismiss(page)
    # The ticket admitted online a minute ago is known too.
    scan_code(page, lang, first["qr_payload"], "already_used")
    dismiss(page)
    assert not admitted_in_database(web_app, second["id"])

    # Back online: the queue uploads by itself and empties.
    page.context.set_offline(False)
    expect(status).to_have_attribute("data-queued", "0", timeout=20_000)
    expect(page.get_by_test_id("sync-report")).to_contain_text(WORDS[lang]["uploaded"])
    assert admitted_in_database(web_app, second["id"])
    screenshot(page, f"{shot}-synced")


def test_station_survives_a_reload_and_signs_out(new_page, web_app: WebApp):
    page = new_page(width=390, lang="en")
    sign_in_station(page, web_app, "en", "scan-reload")

    # The token and the gate are remembered.
    page.reload()
    expect(page.get_by_role("heading", level=1, name=GATE)).to_be_visible()

    # The service worker keeps the app: the station reloads with no network at all.
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15_000)
    page.reload()  # now under the worker's control, every file it loads is kept
    expect(page.get_by_role("heading", level=1, name=GATE)).to_be_visible()
    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", level=1, name=GATE)).to_be_visible()
    expect(page.get_by_label(WORDS["en"]["code"])).to_be_enabled()
    page.context.set_offline(False)

    # No camera in the test browser: a clear notice, and typing still works.
    page.get_by_role("button", name=WORDS["en"]["camera"]).click()
    expect(page.locator(".scan-camera [role='alert']")).to_be_visible()
    expect(page.get_by_label(WORDS["en"]["code"])).to_be_enabled()

    page.get_by_role("button", name="Station").click()
    page.get_by_role("button", name="Sign out station").click()
    expect(page.get_by_label(WORDS["en"]["token"])).to_be_visible()
    assert page.evaluate("localStorage.getItem('gh.device')") is None

    # A bad token is refused with words, and nothing is stored.
    page.get_by_label(WORDS["en"]["token"]).fill("ghd_not-a-token")
    page.get_by_role("button", name=WORDS["en"]["sign_in"]).click()
    expect(page.get_by_role("alert")).to_contain_text("does not work")
    assert page.evaluate("localStorage.getItem('gh.device')") is None
