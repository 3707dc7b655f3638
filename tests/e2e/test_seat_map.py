"""The festival's seat map in a real browser (issue 18, item 12): sections in price tiers,
"best available N together", the keyboard and screen-reader names, zoom and pan, and a phone
that opens the whole map fitted with its row letters in view.

The demo arena: Floor (Gold, rows A-C of 12, an aisle after 6), West and East (Silver, rows
A-D of 8) and the Grandstand (Bronze, rows A-J of 20, aisles after 5 and 15).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import SCREENSHOTS, WebApp, screenshot
from tests.e2e.guest_steps import api_as_browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FESTIVAL = "summer-fest"
SEAT_NAME = re.compile(r"^(\w+) row ([A-Z]+) seat (\d+)$")


def open_map(page: Page) -> None:
    page.goto(f"/events/{FESTIVAL}")
    expect(page.locator(".seatmap-plane")).to_be_visible()
    expect(page.locator(".conn")).to_have_attribute("data-state", "live")


def sign_in_through_api(page: Page, web_app: WebApp) -> None:
    """Sign the browser in with a fresh phone (the sign-in page is another area's)."""
    phone = web_app.fresh_phone("+9665516")
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


def box(page: Page, selector: str) -> dict[str, float]:
    return page.eval_on_selector(
        selector,
        "e => { const r = e.getBoundingClientRect();"
        " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; }",
    )


def scale(page: Page) -> float:
    return float(page.locator(".seatmap-scale").get_attribute("data-scale") or "0")


def test_best_available_four_together_holds_four_adjacent_seats(
    new_page: Any, web_app: WebApp
) -> None:
    page = new_page(1280, lang="en")
    page.goto(f"/events/{FESTIVAL}")
    sign_in_through_api(page, web_app)
    open_map(page)
    best = page.get_by_role("form", name="Best available")
    best.get_by_label("Seats together").select_option("4")
    best.get_by_label("Section").select_option(label="Floor · Gold")
    best.get_by_role("button", name="Hold the best seats").click()

    expect(page).to_have_url(re.compile(r"/checkout/[0-9a-f-]{36}$"))
    hold_id = page.url.rsplit("/", 1)[1]
    hold = api_as_browser(page, "GET", f"/api/holds/{hold_id}/")
    places = [SEAT_NAME.match(item["resource_name"]) for item in hold["items"]]
    assert all(places), hold["items"]
    sections_rows = {(m.group(1), m.group(2)) for m in places if m}
    numbers = sorted(int(m.group(3)) for m in places if m)
    assert len(sections_rows) == 1, sections_rows  # one row of one section
    assert sections_rows.pop()[0] == "Floor"
    assert numbers == list(range(numbers[0], numbers[0] + 4))  # side by side
    assert not numbers[0] <= 6 < numbers[-1]  # never across the floor's aisle (after 6)
    assert hold["total"] == "1800.00"  # the Gold tier: 4 x 450
    api_as_browser(page, "DELETE", f"/api/holds/{hold_id}/")


def named(state: str, joint: str = ", ") -> re.Pattern[str]:
    """Grandstand E11's accessible name (money is formatted with a no-break space)."""
    return re.compile(rf"^Section Grandstand, row E, seat 11, SAR\s250\.00{joint}{state}$")


def test_the_keyboard_moves_between_seats_and_selects_one(new_page: Any, web_app: WebApp) -> None:
    page = new_page(1280, lang="en")
    open_map(page)
    start = page.locator('[data-section="Grandstand"][data-seat="E10"]')
    expect(start).to_have_attribute("data-state", "free")
    start.focus()
    page.keyboard.press("ArrowRight")
    target = page.locator('[data-section="Grandstand"][data-seat="E11"]')
    expect(target).to_be_focused()
    expect(target).to_have_attribute("aria-label", named("available"))
    page.keyboard.press("Enter")
    expect(target).to_have_attribute("aria-pressed", "true")
    expect(target).to_have_attribute("aria-label", named("selected"))
    expect(page.get_by_test_id("seatmap-status")).to_have_text(named("yours now", ": "))
    expect(page.get_by_test_id("booking-summary")).to_contain_text("Seat E11")
    # Down a row keeps the column; Space lets it go again from there.
    page.keyboard.press("ArrowUp")
    expect(page.locator('[data-section="Grandstand"][data-seat="D11"]')).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(target).to_have_attribute("aria-pressed", "false")
    # Up from the grandstand's front row reaches the terrace above it.
    page.locator('[data-section="Grandstand"][data-seat="A3"]').focus()
    page.keyboard.press("ArrowUp")
    focused = page.evaluate("document.activeElement.dataset.section")
    assert focused == "West"


def test_seats_are_named_in_arabic_for_a_screen_reader(new_page: Any, web_app: WebApp) -> None:
    page = new_page(1280, lang="ar")
    open_map(page)
    seat = page.locator('[data-section="Grandstand"][data-seat="F3"]')
    expect(seat).to_have_attribute(
        "aria-label", re.compile(r"^القسم .+، الصف F، المقعد .+، (متاح|محجوز)$")
    )
    expect(page.get_by_role("list", name="فئات الأسعار")).to_contain_text("ر.س")


def test_a_phone_opens_the_whole_map_fitted_with_row_letters_visible(
    new_page: Any, web_app: WebApp
) -> None:
    page = new_page(390, lang="en")
    open_map(page)
    viewport = box(page, ".seatmap-viewport")
    plane = box(page, ".seatmap-plane")
    assert viewport["right"] <= 390
    assert viewport["left"] >= 0
    # The whole map, every section, inside the viewport: nothing to scroll sideways to.
    assert plane["left"] >= viewport["left"] - 0.5, (plane, viewport)
    assert plane["right"] <= viewport["right"] + 0.5, (plane, viewport)
    assert plane["bottom"] <= viewport["bottom"] + 0.5, (plane, viewport)
    # Each row's letters, on both sides of every section, are in view and big enough to read.
    labels = page.locator(".seatmap .row-label")
    expect(labels).to_have_count(2 * (3 + 4 + 4 + 10))
    for index in range(labels.count()):
        label = labels.nth(index).bounding_box()
        assert label is not None
        assert viewport["left"] <= label["x"]
        assert label["x"] + label["width"] <= viewport["right"]
        assert label["height"] >= 12, label  # the letter's line, at the fitted scale
    font = page.eval_on_selector(
        ".seatmap .row-label",
        "e => parseFloat(getComputedStyle(e).fontSize) * "
        "e.getBoundingClientRect().height / e.offsetHeight",
    )
    assert font >= 7, font
    for lang in ("en", "ar"):
        if lang == "ar":
            page.get_by_role("button", name=re.compile("Switch to Arabic")).click()
            expect(page.locator("html")).to_have_attribute("dir", "rtl")
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 844 if width < 700 else 900})
            page.locator(".seatmap").scroll_into_view_if_needed()
            expect(page.locator(".seatmap-plane")).to_be_visible()
            page.wait_for_timeout(200)
            screenshot(page, f"seat-map-{lang}")
            closeup = SCREENSHOTS / f"seat-map-closeup-{lang}-{width}.png"
            page.locator(".seatmap").screenshot(path=str(closeup))


def test_zoom_buttons_the_wheel_and_dragging_move_the_map(new_page: Any, web_app: WebApp) -> None:
    page = new_page(1280, lang="en")
    open_map(page)
    fitted = scale(page)
    width = box(page, ".seatmap-plane")["width"]
    assert fitted > 0

    page.get_by_role("button", name="Zoom in").click()
    expect(page.locator(".seatmap-scale")).not_to_have_attribute("data-scale", f"{fitted:.3f}")
    assert scale(page) == pytest.approx(fitted * 1.4, rel=0.01)
    assert box(page, ".seatmap-plane")["width"] == pytest.approx(width * 1.4, rel=0.01)
    expect(page.locator(".seatmap-scale")).to_have_text("140%")

    # Dragging pans the zoomed map.
    viewport = box(page, ".seatmap-viewport")
    before = box(page, ".seatmap-plane")["left"]
    middle_y = (viewport["top"] + viewport["bottom"]) / 2
    page.mouse.move(viewport["left"] + 300, middle_y)
    page.mouse.down()
    page.mouse.move(viewport["left"] + 380, middle_y, steps=5)
    page.mouse.up()
    assert box(page, ".seatmap-plane")["left"] == pytest.approx(before + 80, abs=2)

    page.get_by_role("button", name="Zoom out").click()
    page.get_by_role("button", name="Zoom out").click()
    assert scale(page) < fitted

    page.get_by_role("button", name="Whole map").click()
    assert scale(page) == pytest.approx(fitted, rel=0.001)

    # The wheel zooms in around the pointer.
    page.mouse.move(viewport["left"] + 200, middle_y)
    page.mouse.wheel(0, -300)
    expect(page.locator(".seatmap-scale")).not_to_have_text("100%")
    assert scale(page) > fitted
