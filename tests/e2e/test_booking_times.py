"""A booking's times in the browser (issue 18, item 3): a meeting room booked for two
30-minute slots reads 09:00-10:00 on its confirmation, its pass and in "my bookings", by the
venue's clock (Riyadh), in English and in Arabic; never the first slot alone.

The hold is made through the API with the browser's own session (picking slots is the
browse pages' job, tests/e2e/test_browse.py); the checkout and payment are the guest's.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import WebApp, screenshot
from tests.e2e.guest_steps import (
    arabic_digits,
    hold_as_browser,
    pay_with_test_provider,
    sign_in_by_phone,
    web_app_get,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOMS = "meeting-rooms"
ROOM = "Focus Room"
ZONE = zoneinfo.ZoneInfo("Asia/Riyadh")
DASH = "\N{EN DASH}"


def two_slots_from_nine(web_app: WebApp) -> list[int]:
    """The room's 09:00 and 09:30 slots, both free, on the first day from five days on in
    Riyadh that has them (another test of the same server may have booked an earlier one)."""
    event = web_app_get(web_app, f"/api/events/{ROOMS}/")
    room = next(r["id"] for r in event["resources"] if r["name"] == ROOM)
    slots = web_app_get(web_app, f"/api/events/{ROOMS}/availability/")["slots"]
    free = {
        datetime.fromisoformat(s["starts_at"].replace("Z", "+00:00")): s["id"]
        for s in slots
        if s["resource"] == room and s["available"] >= 1
    }
    first = datetime.now(ZONE).date() + timedelta(days=5)
    for day in (first + timedelta(days=n) for n in range(7)):
        wanted = [datetime(day.year, day.month, day.day, 9, m, tzinfo=ZONE) for m in (0, 30)]
        if all(start in free for start in wanted):
            return [free[start] for start in wanted]
    raise AssertionError(f"the demo's {ROOM} has no free 09:00 and 09:30 in the week from {first}")


def test_a_two_slot_meeting_shows_its_whole_time(web_app: WebApp, new_page) -> None:
    page = new_page(1280, lang="en")
    sign_in_by_phone(page, web_app, web_app.fresh_phone("+9665517"))
    slots = two_slots_from_nine(web_app)
    hold = hold_as_browser(page, ROOMS, [{"slot": slot, "quantity": 1} for slot in slots])

    page.goto(f"/checkout/{hold['id']}")
    page.get_by_label("Number of people").fill("3")
    page.get_by_role("button", name="Continue to payment").click()
    pay_with_test_provider(page)
    expect(page.get_by_test_id("booking-status")).to_have_attribute("data-status", "confirmed")

    # The confirmation: the pass is good for the whole meeting.
    span = re.compile(rf"09:00\s*{DASH}\s*10:00")
    pass_when = page.locator(".co-ticket .co-facts > div", has=page.get_by_text("When", exact=True))
    expect(pass_when.locator("dd")).to_have_text(span)
    screenshot(page, "booking-times-confirmation-en")

    # My bookings: the pass's row and the booking's row.
    page.goto("/bookings")
    expect(page.get_by_test_id("ticket-row")).to_contain_text(span)
    expect(page.get_by_test_id("booking-row")).to_contain_text(span)
    screenshot(page, "booking-times-mine-en")

    # In Arabic, with Arabic digits, still from 9 to 10.
    page.locator(".lang-toggle").click()
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    arabic = re.compile(rf"{arabic_digits('9:00')}\s*{DASH}\s*{arabic_digits('10:00')}")
    expect(page.get_by_test_id("ticket-row")).to_contain_text(arabic)
    expect(page.get_by_test_id("booking-row")).to_contain_text(arabic)
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "booking-times-mine-ar")
