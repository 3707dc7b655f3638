"""Each business in its own words, with references instead of ids (issue 18, item 8), in the
browser: a resort stay's confirmation is a *reservation* shown at reception, titled with the
booking's reference ("Reservation 9B2F4C1E"), never "Ticket 27" nor "at the gate"; its PDF
downloads as ``reservation-<reference>.pdf`` and reads the same; My bookings says the same;
and in Arabic (right to left, 390 px) the page says حجز الإقامة.

The booking is made and paid through the API and the test provider's page with the
browser's own session (the checkout is other tests' subject).
"""

from __future__ import annotations

import re
import subprocess
import zoneinfo
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import require_binary
from tests.e2e.conftest import WebApp, screenshot
from tests.e2e.guest_steps import api_as_browser, hold_as_browser, sign_in_by_phone, web_app_get

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RESORT, ROOM = "goa-palm-grove", "Sea View Deluxe 1"
KOLKATA = zoneinfo.ZoneInfo("Asia/Kolkata")
AN_ID = re.compile(r"Ticket\s+\d+")  # how a ticket was named before: by its id


def free_nights(web_app: WebApp, name: str, first: date, count: int) -> list[int]:
    """The room's nights from ``first`` (the venue's date of each check-in), each free."""
    detail = web_app_get(web_app, f"/api/events/{RESORT}/")
    resource = next(r["id"] for r in detail["resources"] if r["name"] == name)
    last = first + timedelta(days=count - 1)
    slots = web_app_get(web_app, f"/api/events/{RESORT}/availability/?from={first}&to={last}")
    by_day = {
        datetime.fromisoformat(s["starts_at"].replace("Z", "+00:00")).astimezone(KOLKATA).date(): s
        for s in slots["slots"]
        if s["resource"] == resource and s["available"] >= 1
    }
    wanted = [first + timedelta(days=n) for n in range(count)]
    assert all(day in by_day for day in wanted), f"{name} is not free from {first}"
    return [by_day[day]["id"] for day in wanted]


def book_and_pay(page: Page, slots: list[int], **booking: Any) -> str:
    """Hold, book and pay (the test provider's page) as the browser's guest; the booking id."""
    hold = hold_as_browser(page, RESORT, [{"slot": slot, "quantity": 1} for slot in slots])
    made = api_as_browser(page, "POST", "/api/bookings/", {"hold": hold["id"], **booking})
    paying = api_as_browser(page, "POST", f"/api/bookings/{made['id']}/pay/", {"provider": "test"})
    page.goto(paying["client"]["url"])
    page.get_by_role("button", name=re.compile(r"^Pay")).click()
    expect(page.get_by_role("status")).to_contain_text("booking confirmed")
    return made["id"]


def pdf_text(path: Path) -> str:
    result = subprocess.run(
        [require_binary("pdftotext"), str(path), "-"], capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def test_a_stay_is_a_reservation_with_its_reference(
    web_app: WebApp, new_page: Any, tmp_path: Path
) -> None:
    page = new_page(1280, lang="en")
    sign_in_by_phone(page, web_app, web_app.fresh_phone("+9665521"))
    day = datetime.now(KOLKATA).date() + timedelta(days=25)
    booking = book_and_pay(
        page, free_nights(web_app, ROOM, day, 2), guests=[{"name": "Asha Rao", "age": 36}]
    )
    reference = api_as_browser(page, "GET", f"/api/bookings/{booking}/")["reference"]
    [ticket] = api_as_browser(page, "GET", f"/api/tickets/?booking={booking}")["results"]
    assert ticket["reference"] == reference  # its only pass: the booking's reference
    assert ticket["event_kind"] == "stays"

    page.goto(f"/bookings/{booking}")
    expect(page.get_by_test_id("booking-status")).to_have_attribute("data-status", "confirmed")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text(re.compile(rf"^Reservation\W*{reference}"))
    expect(page).to_have_title(re.compile(rf"Reservation\W*{reference}"))
    status = page.get_by_test_id("booking-status")
    expect(status).to_contain_text("Your reservation is confirmed. Show it at reception")
    expect(page.get_by_role("heading", name="Your reservation", exact=True)).to_be_visible()
    card = page.locator(".co-ticket")
    expect(card.get_by_test_id("ticket-reference")).to_have_text(
        re.compile(rf"^Reservation\W*{reference}\W*$")
    )
    expect(card).to_contain_text("Guest")
    main = page.locator("main")
    expect(main).not_to_contain_text(AN_ID)
    expect(main).not_to_contain_text(re.compile(r"\bgate\b"))
    screenshot(page, "business-words-stay-en")

    # The PDF is named after the reference and speaks the same words.
    with page.expect_download() as downloading:
        card.get_by_role("button", name=re.compile("Download PDF")).click()
    assert downloading.value.suggested_filename == f"reservation-{reference}.pdf"
    saved = tmp_path / "reservation.pdf"
    downloading.value.save_as(saved)
    text = pdf_text(saved)
    assert f"Reference: {reference}" in text
    assert f"Reservation {reference}" in text
    assert "Show it at reception." in text
    assert AN_ID.search(text) is None

    # On a phone, in English then in Arabic (right to left).
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "business-words-stay-en")
    page.locator(".lang-toggle").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(heading).to_contain_text("حجز الإقامة")
    expect(heading).to_contain_text(reference)
    expect(page.get_by_role("heading", name="حجز إقامتك", exact=True)).to_be_visible()
    expect(status).to_contain_text("أظهره في الاستقبال")
    expect(card).not_to_contain_text("التذكرة")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "business-words-stay-ar")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "business-words-stay-ar")

    # My bookings: the reservation by its reference, never a ticket number.
    page.locator(".lang-toggle").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto("/bookings")
    row = page.get_by_test_id("ticket-row")
    expect(row.get_by_test_id("ticket-reference")).to_have_text(
        re.compile(rf"^Reservation\W*{reference}\W*$")
    )
    expect(page.locator("main")).not_to_contain_text(AN_ID)
    # Its booking row counts no "tickets": a stay has its one reservation.
    expect(page.get_by_test_id("booking-row")).to_contain_text(reference)
    expect(page.get_by_test_id("booking-row")).not_to_contain_text(re.compile(r"\bticket"))
    screenshot(page, "business-words-mine-en")
    page.locator(".lang-toggle").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(row.get_by_test_id("ticket-reference")).to_contain_text("حجز الإقامة")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "business-words-mine-ar")
