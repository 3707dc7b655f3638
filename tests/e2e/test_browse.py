"""The guest's browsing pages in a real browser: the events, a festival's seat map and ticket
types, the meeting rooms' slot grid, a resort's room-nights grid and the stay search.

Availability is live: a seat held through the API by another guest turns taken on the open
page within a second and free again when that hold is released, without a reload. Holding
while signed out goes to sign-in and comes back with the selection intact. Every page is
photographed at 390 and 1280 px, in English and in Arabic.
"""

from __future__ import annotations

import json
import re
import zoneinfo
from datetime import date, datetime, timedelta
from urllib.parse import quote

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WebApp, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FESTIVAL = "summer-fest"
LIVE_WITHIN_MS = 1_000
# Typography the pages use (written as escapes: ruff flags look-alike characters).
DASH = "\u2013"  # en dash, between times
TIMES = "\u00d7"  # multiplication sign, "General Admission x 2"
APOSTROPHE = "\u2019"


def photograph(page: Page, name: str) -> None:
    """The page at 390 and 1280 px, in English then Arabic (through the page's own toggle)."""
    for lang in ("en", "ar"):
        if lang == "ar":
            page.get_by_role("button", name=re.compile("Switch to Arabic")).click()
            expect(page.locator("html")).to_have_attribute("dir", "rtl")
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 844 if width < 700 else 900})
            # The phone's booking bar sticks to the bottom of the screen (the laptop's summary to
            # the top): scroll so the full-page picture shows it in its place.
            bottom = "document.body.scrollHeight" if width < 700 else "0"
            page.evaluate(f"window.scrollTo(0, {bottom})")
            screenshot(page, f"{name}-{lang}")
    page.get_by_role("button", name=re.compile("English —")).click()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    page.set_viewport_size({"width": 1280, "height": 900})


def local_today(time_zone: str) -> date:
    return datetime.now(zoneinfo.ZoneInfo(time_zone)).date()


def wait_until_live(page: Page) -> None:
    expect(page.locator(".conn")).to_have_attribute("data-state", "live")


def seat_slot(client: httpx.Client, row: str, number: int) -> int:
    """The slot of a grandstand seat, found through the API like any client would."""
    event = client.get(f"/api/events/{FESTIVAL}/").json()
    resource = next(
        r
        for r in event["resources"]
        if r["kind"] == "seat"
        and (r["section"], r["row"], r["number"]) == ("Grandstand", row, number)
    )
    slots = client.get(f"/api/events/{FESTIVAL}/availability/").json()["slots"]
    return next(slot["id"] for slot in slots if slot["resource"] == resource["id"])


def hold(client: httpx.Client, slot: int) -> str:
    answer = client.post(
        "/api/holds/", json={"event": FESTIVAL, "items": [{"slot": slot, "quantity": 1}]}
    )
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def test_events_list_shows_every_demo_event(new_page, web_app: WebApp) -> None:
    events = httpx.get(f"{web_app.url}/api/events/", timeout=15).json()["events"]
    slugs = {event["slug"] for event in events}
    assert slugs >= {FESTIVAL, "meeting-rooms", "goa-palm-grove", "vip-evening"}
    page = new_page(1280, lang="en")
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"What{APOSTROPHE}s on")
    for event in events:
        link = page.get_by_role("link", name=event["name"], exact=True)
        expect(link).to_be_visible()
        slug = event["slug"]
        expected = f"/verify?event={slug}" if event["allowlist_only"] else f"/events/{slug}"
        expect(link).to_have_attribute("href", expected)
    # The lowest price of each event, from its resources.
    expect(page.get_by_test_id(f"event-{FESTIVAL}")).to_contain_text("From SAR 99.00")
    expect(page.get_by_test_id("event-goa-palm-grove")).to_contain_text("a night")
    # Dates in the venue's time zone: the festival runs over two evenings in Jeddah, its card
    # gives both days.
    [fest] = [event for event in events if event["slug"] == FESTIVAL]
    jeddah = zoneinfo.ZoneInfo("Asia/Riyadh")
    first, last = (
        datetime.fromisoformat(fest[key].replace("Z", "+00:00")).astimezone(jeddah)
        for key in ("starts_at", "ends_at")
    )
    assert (last.date() - first.date()).days == 1
    days = re.compile(rf"(?<!\d){first.day}\D+{last.day}(?!\d).*{last.strftime('%b')}")
    expect(page.get_by_test_id(f"event-{FESTIVAL}")).to_contain_text(days)
    wait_until_live(page)

    # The filter by kind.
    page.get_by_role("button", name="Resort stay").click()
    expect(page.get_by_role("link", name="Palm Grove Beach Resort")).to_be_visible()
    expect(page.get_by_role("link", name="Gatehouse Summer Fest")).to_have_count(0)
    page.get_by_role("button", name="Everything").click()
    photograph(page, "events")

    page.get_by_role("link", name="Gatehouse Summer Fest").click()
    expect(page).to_have_url(re.compile(f"/events/{FESTIVAL}$"))


def test_festival_shows_ticket_types_and_a_seat_map(new_page, web_app: WebApp) -> None:
    page = new_page(1280, lang="en")
    page.goto(f"/events/{FESTIVAL}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gatehouse Summer Fest")
    for name in ("General Admission", "Early Bird", "VIP Lounge"):
        expect(page.get_by_text(name, exact=True)).to_be_visible()
    expect(page.get_by_role("spinbutton", name="How many General Admission tickets")).to_have_value(
        "0"
    )
    seats = page.locator("[data-seat]")
    expect(seats).to_have_count(300)  # four sections (tests/e2e/test_seat_map.py)
    seat = page.locator('[data-section="Grandstand"][data-seat="A12"]')
    expect(seat).to_have_attribute(
        "aria-label",
        re.compile(r"^Section Grandstand, row A, seat 12, SAR\s250\.00, (available|taken)$"),
    )

    # Pick two free grandstand seats and two tickets: the running total follows.
    free = page.locator('[data-section="Grandstand"][data-seat][data-state="free"]')
    first, second = free.nth(0), free.nth(1)
    first_label = first.get_attribute("data-seat")
    first.click()
    second.click()
    first_seat = page.locator(f'[data-section="Grandstand"][data-seat="{first_label}"]')
    expect(first_seat).to_have_attribute("aria-pressed", "true")
    expect(first_seat).to_have_attribute("data-state", "selected")
    page.get_by_role("button", name="One more General Admission").click()
    page.get_by_role("button", name="One more General Admission").click()
    summary = page.get_by_test_id("booking-summary")
    expect(summary).to_contain_text(f"Seat {first_label}")
    expect(summary).to_contain_text(f"General Admission {TIMES} 2")
    expect(page.get_by_test_id("summary-total")).to_contain_text(
        "SAR 800.00"
    )  # 2 seats at 250, 2 tickets at 150

    # The arrow keys walk the map.
    first_seat.focus()
    page.keyboard.press("ArrowDown")
    focused_row = page.evaluate("document.activeElement.dataset.seat")
    assert focused_row
    assert focused_row[0] == chr(ord(first_label[0]) + 1)
    photograph(page, "event-festival")


def test_meeting_rooms_show_a_slot_grid_and_take_a_run_of_slots(new_page, web_app: WebApp) -> None:
    tomorrow = local_today("Asia/Riyadh") + timedelta(days=1)
    page = new_page(1280, lang="en")
    page.goto(f"/events/meeting-rooms?date={tomorrow.isoformat()}")
    grid = page.get_by_test_id("slot-grid")
    for room in ("Majlis Room", "Focus Room", "Board Room"):
        expect(grid.get_by_role("columnheader", name=re.compile(room))).to_be_visible()
    expect(grid.get_by_role("rowheader", name="09:00")).to_be_visible()
    expect(page.locator(f'[data-day="{tomorrow.isoformat()}"]')).to_have_attribute(
        "aria-pressed", "true"
    )

    # A start and an end in the same room take the run between them.
    page.get_by_role("button", name=f"Majlis Room, 09:00 {DASH} 09:30, Free").click()
    page.get_by_role("button", name=f"Majlis Room, 10:00 {DASH} 10:30, Free").click()
    expect(grid.locator('[data-state="selected"]')).to_have_count(3)
    summary = page.get_by_test_id("booking-summary")
    expect(summary).to_contain_text("Majlis Room")
    expect(summary).to_contain_text(f"09:00 {DASH} 10:30")
    expect(page.get_by_test_id("summary-total")).to_contain_text("SAR 360.00")
    photograph(page, "event-rooms")

    # Another day starts afresh, and the address says which day.
    day_after = tomorrow + timedelta(days=1)
    page.locator(f'[data-day="{day_after.isoformat()}"]').click()
    expect(page).to_have_url(re.compile(f"date={day_after.isoformat()}"))
    expect(page.get_by_test_id("slot-grid").locator('[data-state="selected"]')).to_have_count(0)


def test_service_bays_show_how_many_are_free(new_page, web_app: WebApp) -> None:
    day = local_today("Asia/Kolkata") + timedelta(days=1)
    if day.weekday() == 6:  # the demo shop is closed on Sundays
        day += timedelta(days=1)
    page = new_page(390, lang="en")
    page.goto(f"/events/repair-shop?date={day.isoformat()}")
    # The repair shop books by vehicle and services: start times appear once the work is known.
    page.get_by_role("button", name="Scooter", exact=True).click()
    page.get_by_role("button", name="Honda", exact=True).click()
    page.get_by_role("button", name="Activa 6G", exact=True).click()
    page.get_by_role("checkbox", name=re.compile("^General service")).check()
    times = page.get_by_test_id("start-times")
    bay = times.get_by_role("button", name=f"09:00 {DASH} 11:00, 3 of 3 bays free")
    expect(bay).to_be_visible()
    photograph(page, "event-service")


def test_stay_search_finds_palm_grove_and_opens_its_rooms(new_page, web_app: WebApp) -> None:
    check_in = date.today() + timedelta(days=3)
    check_out = check_in + timedelta(days=2)
    page = new_page(1280, lang="en")
    page.goto("/stays")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a stay")
    page.get_by_label("Where").fill("Goa")
    page.get_by_label("Check-in").fill(check_in.isoformat())
    page.get_by_label("Check-out").fill(check_out.isoformat())
    page.get_by_label("Guests").select_option("2")
    page.get_by_role("button", name="Search").click()

    venue = page.get_by_test_id("venue-goa-palm-grove")
    expect(venue.get_by_role("heading", name="Palm Grove Beach Resort")).to_be_visible()
    expect(page.get_by_text("Kali River Jungle Lodge")).to_have_count(0)  # Dandeli, not Goa
    expect(venue).to_contain_text("₹10,400.00")  # a garden cottage, two nights
    expect(page).to_have_url(re.compile("location=Goa"))
    photograph(page, "stays")

    # The best price opens the resort's room-nights grid with the dates and the room chosen.
    venue.get_by_role("link", name="Book the best price").click()
    expect(page).to_have_url(
        re.compile(rf"/events/goa-palm-grove\?check_in={check_in}&check_out={check_out}")
    )
    grid = page.get_by_test_id("nights-grid")
    expect(grid.get_by_role("columnheader")).to_have_count(3)  # the room, two nights
    chosen = grid.get_by_role("button", name=re.compile("^Garden Cottage 1 chosen"))
    expect(chosen).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("summary-total")).to_contain_text("₹10,400.00")
    photograph(page, "event-stays")

    # Choosing a second room adds its nights.
    grid.get_by_role("button", name=re.compile("^Choose Garden Cottage 2")).click()
    expect(page.get_by_test_id("summary-total")).to_contain_text("₹20,800.00")


def test_a_seat_taken_elsewhere_turns_taken_live_and_free_again(new_page, web_app: WebApp) -> None:
    page = new_page(1280, lang="en")
    page.goto(f"/events/{FESTIVAL}")
    wait_until_live(page)
    seat = page.locator('[data-seat="J12"]')
    watched = page.locator('[data-seat="J13"]')
    expect(seat).to_have_attribute("data-state", "free")
    watched.click()  # the guest on the page picks J13 …
    expect(watched).to_have_attribute("data-state", "selected")

    with web_app.guest_api(web_app.fresh_phone("+9665513")) as client:
        held = hold(client, seat_slot(client, "J", 12))
        expect(seat).to_have_attribute("data-state", "taken", timeout=LIVE_WITHIN_MS)
        expect(seat).to_have_attribute(
            "aria-label", re.compile(r"^Section Grandstand, row J, seat 12, .+, taken$")
        )

        released = client.delete(f"/api/holds/{held}/")
        assert released.status_code == 200, released.text
        expect(seat).to_have_attribute("data-state", "free", timeout=LIVE_WITHIN_MS)
        expect(seat).to_have_attribute(
            "aria-label", re.compile(r"^Section Grandstand, row J, seat 12, .+, available$")
        )

        # … and someone else holds it first: it leaves the selection, and the guest is told.
        other = hold(client, seat_slot(client, "J", 13))
        expect(watched).to_have_attribute("data-state", "taken", timeout=LIVE_WITHIN_MS)
        told = page.get_by_test_id("booking-summary").get_by_role("status")
        expect(told).to_contain_text("Seat J13")
        client.delete(f"/api/holds/{other}/")
        expect(watched).to_have_attribute("data-state", "free", timeout=LIVE_WITHIN_MS)


def test_hold_signs_in_first_and_keeps_the_selection(new_page, web_app: WebApp) -> None:
    page = new_page(390, lang="en")
    page.goto(f"/events/{FESTIVAL}")
    seat = page.locator('[data-seat="H7"]')
    expect(seat).to_have_attribute("data-state", "free")
    seat.click()
    page.get_by_role("button", name="Sign in to hold").click()
    next_path = quote(f"/events/{FESTIVAL}", safe="")
    expect(page).to_have_url(re.compile(r"/signin\?next=" + re.escape(next_path)))

    # Sign in in this browser (the sign-in page is another area's; the API does the same).
    phone = web_app.fresh_phone("+9665514")
    offset = web_app.log_offset()
    asked = page.request.post("/api/auth/otp/request/", data={"phone": phone})
    assert asked.ok, asked.text()
    verified = page.request.post(
        "/api/auth/otp/verify/",
        data={
            "phone": phone,
            "request_id": asked.json()["request_id"],
            "code": web_app.otp_for(phone, after=offset),
        },
    )
    assert verified.ok, verified.text()
    page.evaluate("localStorage.setItem('gh.signed-in', '1')")

    page.goto(f"/events/{FESTIVAL}")
    expect(seat).to_have_attribute("data-state", "selected")
    expect(page.get_by_text("Welcome back")).to_be_visible()
    page.get_by_role("button", name="Hold for 10 minutes").click()
    expect(page).to_have_url(re.compile(r"/checkout/[0-9a-f-]{36}$"))
    stored = json.loads(page.evaluate("localStorage.getItem('gh.hold')"))
    assert stored["event"] == FESTIVAL
    assert page.url.endswith(stored["id"])

    # Let the seat go again for the other tests.
    access = verified.json()["access"]
    released = page.request.delete(
        f"/api/holds/{stored['id']}/", headers={"Authorization": f"Bearer {access}"}
    )
    assert released.ok, released.text()
