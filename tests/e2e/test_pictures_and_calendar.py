"""Pictures and substance, and Add to calendar, in the browser (issue 18, item 10).

Stay results show each resort's picture (a rendition from its srcset, with alt text in the
page's language), its amenities and its check-in and check-out times, and each room's
amenities; the resort's page shows its pictures and rooms. A confirmation offers Add to
calendar: the .ics downloads (named after the booking reference, the whole meeting in the
venue's zone) and the Google Calendar link carries the same times.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import date, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WebApp, screenshot
from tests.e2e.guest_steps import (
    api_as_browser,
    hold_as_browser,
    pay_with_test_provider,
    sign_in_by_phone,
    web_app_get,
)
from tests.e2e.test_booking_times import ROOMS, two_slots_from_nine

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BEACH_ALT = "Palm trees on the beach in front of the resort at sunset"
BEACH_ALT_AR = "أشجار النخيل على الشاطئ أمام المنتجع عند الغروب"
RIYADH = zoneinfo.ZoneInfo("Asia/Riyadh")


def shown(page: Page, image: object) -> None:
    """The picture really loaded (not a broken image)."""
    expect(image).to_be_visible()  # type: ignore[arg-type]
    image.scroll_into_view_if_needed()  # type: ignore[attr-defined]  # it loads lazily
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0",
        arg=image.element_handle(),  # type: ignore[attr-defined]
    )


def both_widths(page: Page, name: str) -> None:
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 844 if width < 700 else 900})
        page.evaluate("window.scrollTo(0, 0)")
        screenshot(page, name)


def test_stay_results_show_pictures_amenities_and_times(new_page, web_app: WebApp) -> None:
    check_in = date.today() + timedelta(days=4)
    page = new_page(1280, lang="en")
    page.goto(
        f"/stays?location=Goa&check_in={check_in}&check_out={check_in + timedelta(days=2)}&guests=2"
    )

    venue = page.get_by_test_id("venue-goa-palm-grove")
    picture = venue.get_by_role("img", name=BEACH_ALT)
    shown(page, picture)
    assert re.search(r"/media/renditions/\w+-320\.webp 320w", picture.get_attribute("srcset") or "")
    assert picture.get_attribute("loading") == "lazy"
    amenities = venue.get_by_test_id("amenities").first
    expect(amenities.get_by_role("listitem")).to_contain_text(["Free Wi-Fi", "Swimming pool"])
    expect(venue.get_by_test_id("stay-times")).to_have_text(
        "Check-in from 14:00 · Check-out by 11:00"
    )
    sea_view = venue.locator(".room-options li", has_text="Sea View Deluxe 1")
    expect(sea_view.get_by_test_id("amenities")).to_contain_text("Sea view")
    shown(page, sea_view.get_by_role("img", name=re.compile("king bed and a window on the sea")))

    # The renditions are kept for good by browsers and proxies.
    src = picture.evaluate("img => img.currentSrc")
    answer = httpx.get(src)
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
    both_widths(page, "stays-pictures-en")

    # In Arabic: the alt text and the amenities in Arabic, the times in Arabic digits.
    page.get_by_role("button", name=re.compile("Switch to Arabic")).click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    shown(page, venue.get_by_role("img", name=BEACH_ALT_AR))
    expect(venue.get_by_test_id("amenities").first).to_contain_text("مسبح")
    expect(venue.get_by_test_id("stay-times")).to_contain_text("تسجيل الوصول من ١٤:٠٠")  # noqa: RUF001
    both_widths(page, "stays-pictures-ar")

    # The resort's page: its pictures, amenities and times, and its rooms with theirs (a new
    # page load starts in English again: the test's browser is set to it).
    page.goto(f"/events/goa-palm-grove?check_in={check_in}&check_out={check_in + timedelta(1)}")
    gallery = page.get_by_test_id("gallery")
    shown(page, gallery.get_by_role("img", name=BEACH_ALT))
    expect(page.get_by_test_id("stay-times").first).to_contain_text("Check-out by 11:00")
    rooms = page.get_by_test_id("resource-showcase")
    expect(rooms.get_by_role("heading", name="The rooms")).to_be_visible()
    expect(rooms).to_contain_text("Sea view")
    both_widths(page, "event-stays-pictures-en")
    page.get_by_role("button", name=re.compile("Switch to Arabic")).click()
    shown(page, gallery.get_by_role("img", name=BEACH_ALT_AR))
    expect(page.get_by_test_id("stay-times").first).to_contain_text("١١:٠٠")  # noqa: RUF001
    expect(rooms.get_by_role("heading", name="الغرف")).to_be_visible()
    expect(rooms).to_contain_text("إطلالة على البحر")
    both_widths(page, "event-stays-pictures-ar")


def test_a_confirmation_adds_the_booking_to_a_calendar(new_page, web_app: WebApp) -> None:
    page = new_page(1280, lang="en")
    sign_in_by_phone(page, web_app, web_app.fresh_phone("+9665518"))
    slots = two_slots_from_nine(web_app)
    hold = hold_as_browser(page, ROOMS, [{"slot": slot, "quantity": 1} for slot in slots])
    page.goto(f"/checkout/{hold['id']}")
    page.get_by_label("Number of people").fill("2")
    page.get_by_role("button", name="Continue to payment").click()
    pay_with_test_provider(page)
    expect(page.get_by_test_id("booking-status")).to_have_attribute("data-status", "confirmed")

    calendar = page.get_by_test_id("add-to-calendar")
    expect(calendar.get_by_role("heading", name="Add to calendar")).to_be_visible()
    reference = page.locator(".co-facts-card dd.co-mono").inner_text().strip()
    with page.expect_download() as downloading:
        calendar.get_by_role("link", name="Download .ics").click()
    download = downloading.value
    assert download.suggested_filename == f"{reference}.ics"
    [event] = Calendar.from_ical(download.path().read_bytes()).walk("VEVENT")
    starts, ends = event.decoded("dtstart"), event.decoded("dtend")
    assert event["dtstart"].params["TZID"] == "Asia/Riyadh"
    assert (starts.hour, starts.minute, ends.hour, ends.minute) == (9, 0, 10, 0)
    assert reference in str(event["summary"])
    assert "Gatehouse Workspace" in str(event["location"])

    # Google Calendar: the same hour, in UTC (Riyadh is UTC+3).
    google = calendar.get_by_role("link", name=re.compile("Google Calendar"))
    expect(google).to_have_attribute("target", "_blank")
    query = parse_qs(urlsplit(google.get_attribute("href") or "").query)
    day = datetime.combine(starts.date(), datetime.min.time(), RIYADH)
    stamp = f"{day:%Y%m%d}T060000Z/{day:%Y%m%d}T070000Z"
    assert (query["action"], query["dates"], query["ctz"]) == (
        ["TEMPLATE"],
        [stamp],
        ["Asia/Riyadh"],
    )
    both_widths(page, "confirmation-calendar-en")

    page.locator(".lang-toggle").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(calendar.get_by_role("heading", name="أضف إلى التقويم")).to_be_visible()
    expect(calendar.get_by_role("link", name=re.compile("تقويم Google"))).to_be_visible()
    both_widths(page, "confirmation-calendar-ar")


def test_the_vip_pass_page_adds_the_evening_to_a_calendar(new_page, web_app: WebApp) -> None:
    phone = "+966500000004"  # on the demo's allowlist, booked by no other test
    page = new_page(390, lang="ar")
    sign_in_by_phone(page, web_app, phone, lang="ar")
    slot = web_app_get(web_app, "/api/events/vip-evening/availability/")["slots"][0]["id"]
    hold = hold_as_browser(page, "vip-evening", [{"slot": slot, "quantity": 1}])
    booking = api_as_browser(page, "POST", "/api/bookings/", {"hold": hold["id"]})
    assert booking["status"] == "confirmed"  # the evening is free: confirmed at once

    page.goto(f"/vip/confirmed/{booking['id']}")
    calendar = page.get_by_test_id("add-to-calendar")
    expect(calendar.get_by_role("heading", name="أضف إلى التقويم")).to_be_visible()
    with page.expect_download() as downloading:
        calendar.get_by_role("link", name=re.compile("تنزيل ملف التقويم")).click()
    assert downloading.value.suggested_filename == f"{booking['reference']}.ics"
    [event] = Calendar.from_ical(downloading.value.path().read_bytes()).walk("VEVENT")
    assert str(event["uid"]) == f"booking-{booking['id']}@gatehouse"
    assert event["dtstart"].params["TZID"] == "Asia/Riyadh"
    google = calendar.get_by_role("link", name=re.compile("تقويم Google"))
    assert "action=TEMPLATE" in (google.get_attribute("href") or "")
    both_widths(page, "vip-confirmed-calendar-ar")
