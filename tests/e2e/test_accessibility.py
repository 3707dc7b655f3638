"""Issue 18: an accessibility check of the main pages of every business, with axe-core (the npm
package in frontend/node_modules, loaded into each page). Every page, in English and Arabic, at
390 and 1280 px, has no serious or critical violation; each is photographed on the way
(var/screenshots/a11y-<page>-<lang>-<width>.png).

Pages: the events list, the event page of each kind (VIP evening, resort stay, meeting rooms,
festival, repair shop), the stay search, sign-in, checkout, the booking's confirmation, My
bookings, the VIP verify page, the festival's page, the vendor portal, the staff desk and the
scanning station.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WebApp, screenshot
from tests.e2e.guest_steps import (
    api_as_browser,
    hold_as_browser,
    pay_with_test_provider,
    sign_in_by_phone,
    ticket_type_slot,
)
from tests.support.live import ROOT

AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
FESTIVAL = "summer-fest"
SERIOUS = ("serious", "critical")
WIDTHS = (390, 1280)
LANGS = ("en", "ar")


def axe_serious(page: Page) -> list[dict[str, Any]]:
    """The serious and critical violations axe-core finds on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: the page's Content-Security-Policy (no
        # inline scripts) stays as it is, and nothing is reported as blocked.
        page.evaluate(AXE.read_text() + "\n;undefined")
    result = page.evaluate(
        """async () => {
            const found = await window.axe.run(document, {
                resultTypes: ["violations"],
                runOnly: {
                    type: "tag",
                    values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
                },
            });
            return found.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(
                    (n) => n.target.join(" ") + " :: " + n.failureSummary),
            }));
        }"""
    )
    return [v for v in result if v["impact"] in SERIOUS]


def settle(page: Page) -> None:
    """The page has drawn its content: the main landmark is there and nothing is loading."""
    page.wait_for_load_state("networkidle")
    expect(page.locator("main").first).to_be_visible()
    expect(page.locator(".loading")).to_have_count(0, timeout=15_000)


def set_language(page: Page, lang: str) -> None:
    if page.locator("html").get_attribute("lang") != lang:
        page.evaluate(f"localStorage.setItem('gh.language', '{lang}')")
        page.reload()
    expect(page.locator("html")).to_have_attribute("lang", lang)


def check(page: Page, name: str, found: dict[str, list[dict[str, Any]]]) -> None:
    """Run axe on the page in both languages at both widths; keep what is serious."""
    for lang in LANGS:
        set_language(page, lang)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 844 if width < 700 else 900})
            settle(page)
            screenshot(page, f"a11y-{name}-{lang}")
            for violation in axe_serious(page):
                found.setdefault(f"{name} [{lang} {width}px]", []).append(violation)


def report(found: dict[str, list[dict[str, Any]]]) -> str:
    return json.dumps(found, ensure_ascii=False, indent=1)


@pytest.fixture(scope="module")
def axe_script() -> Path:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: npm ci in frontend/ installs axe-core")
    return AXE


def visit(page: Page, path: str, ready: Callable[[Page], None] | None = None) -> None:
    page.goto(path)
    if ready:
        ready(page)


def test_the_public_pages_have_no_serious_accessibility_violation(
    new_page, web_app: WebApp, axe_script: Path
) -> None:
    page = new_page(1280)
    found: dict[str, list[dict[str, Any]]] = {}
    check_in = date.today() + timedelta(days=7)
    stay = f"check_in={check_in}&check_out={check_in + timedelta(days=2)}&guests=2"
    pages = {
        "events": "/",
        "event-vip": "/events/vip-evening",
        "event-stay": f"/events/goa-palm-grove?{stay}",
        "event-rooms": f"/events/meeting-rooms?date={date.today() + timedelta(days=1)}",
        "event-festival": f"/events/{FESTIVAL}",
        "event-repair": "/events/repair-shop",
        "stay-search": f"/stays?location=goa&{stay}",
        "signin": "/signin",
        "vip-verify": "/verify",
        "festival-page": f"/events/{FESTIVAL}/festival",
    }
    for name, path in pages.items():
        visit(page, path)
        check(page, name, found)

    assert not found, report(found)


def test_the_guest_pages_have_no_serious_accessibility_violation(
    new_page, web_app: WebApp, axe_script: Path
) -> None:
    page = new_page(1280)
    found: dict[str, list[dict[str, Any]]] = {}
    sign_in_by_phone(page, web_app, web_app.fresh_phone("+9665519"))

    # Checkout: a held ticket, at the guest-details step.
    slot = ticket_type_slot(web_app, FESTIVAL, "General Admission", 1)
    hold = hold_as_browser(page, FESTIVAL, [{"slot": slot, "quantity": 1}])
    page.goto(f"/checkout/{hold['id']}")
    check(page, "checkout", found)

    # Paid: the booking's confirmation, then My bookings.
    api_as_browser(
        page, "POST", "/api/bookings/", {"hold": hold["id"], "details": {"holders": ["Sara"]}}
    )
    set_language(page, "en")
    page.goto(f"/checkout/{hold['id']}")
    booking = pay_with_test_provider(page)
    expect(page.get_by_test_id("ticket-qr")).to_have_count(1)
    check(page, "confirmation", found)
    page.goto("/bookings")
    expect(page.get_by_test_id("ticket-row")).to_have_count(1)
    check(page, "my-bookings", found)
    assert booking

    # The vendor portal of the festival (a signed-in guest may apply).
    page.goto(f"/vendor/{FESTIVAL}")
    check(page, "vendor-portal", found)

    assert not found, report(found)


def test_the_staff_desk_and_the_scan_station_have_no_serious_accessibility_violation(
    new_page, web_app: WebApp, axe_script: Path
) -> None:
    found: dict[str, list[dict[str, Any]]] = {}
    staff = new_page(1280)
    staff.goto("/staff")
    check(staff, "staff-signin", found)
    set_language(staff, "en")
    staff.get_by_label("E-mail").fill(web_app.staff_email)
    staff.get_by_label("Password", exact=True).fill(web_app.staff_password)
    staff.get_by_role("button", name="Sign in").click()
    expect(staff.get_by_role("button", name=re.compile(r"^Open "))).not_to_have_count(0)
    staff.get_by_role("button", name=re.compile(r"^Open .*Summer Fest")).first.click()
    check(staff, "staff-desk", found)

    station = new_page(1280)
    station.goto("/scan")
    check(station, "scan-signin", found)
    set_language(station, "en")
    station.get_by_label("Device token").fill(web_app.device_token)
    station.get_by_role("button", name="Sign in station").click()
    expect(station.get_by_role("heading", level=1, name="North gate")).to_be_visible()
    check(station, "scan-station", found)

    assert not found, report(found)
