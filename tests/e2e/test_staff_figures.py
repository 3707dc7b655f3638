"""The staff desk's figures per business (issue 18, item 13), in a real browser: revenue and
sales by ticket type for the festival (following a new sale live), occupancy with arrivals
and departures for a resort, utilisation for the meeting rooms, the repair shop's job board,
and the bookings exported as CSV. English and Arabic, 1280 and 390 px."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WebApp, screenshot
from tests.e2e.test_repair import book_at_shop, next_open_day
from tests.e2e.test_staff import first_slot, ok, open_event, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LIVE = 10_000  # ms


def figures_of(web_app: WebApp, event: str) -> dict[str, Any]:
    with web_app.staff_api() as staff:
        return ok(staff.get("/api/staff/dashboard/", params={"event": event}))


def paid_sale(web_app: WebApp, slot: dict[str, Any], quantity: int) -> dict[str, Any]:
    """A guest books general admission; staff take the money at the desk."""
    with web_app.guest_api(web_app.fresh_phone()) as guest:
        hold = ok(
            guest.post(
                "/api/holds/",
                json={
                    "event": "summer-fest",
                    "items": [{"slot": slot["id"], "quantity": quantity}],
                },
            ),
            201,
        )
        holders = [f"Fan {n}" for n in range(quantity)]
        booking = ok(
            guest.post(
                "/api/bookings/", json={"hold": hold["id"], "details": {"holders": holders}}
            ),
            201,
        )
    with web_app.staff_api() as staff:
        ok(staff.post(f"/api/staff/bookings/{booking['id']}/mark-paid/", json={"method": "cash"}))
    return booking


def in_arabic_on_a_phone(web_app: WebApp, new_page: Any, event: str) -> Page:
    """A phone's desk opened on ``event`` in English, then switched to Arabic (the event's
    Arabic name is another item's)."""
    page = new_page(390)
    sign_in(page, web_app)
    open_event(page, event)
    page.get_by_role("button", name=re.compile("Switch to Arabic")).click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    return page


def type_row(page: Page, name: str) -> Any:
    return (
        page.get_by_test_id("fig-types")
        .get_by_role("row")
        .filter(has=page.get_by_role("rowheader", name=name, exact=True))
    )


def test_festival_revenue_by_ticket_type_moves_live_and_exports(
    web_app: WebApp, new_page, tmp_path: Path
) -> None:
    slot = first_slot(web_app, "summer-fest", 4)
    before = figures_of(web_app, "summer-fest")
    kind = next(t for t in before["ticket_types"] if t["key"] == f"resource:{slot['resource']}")

    page = new_page(1280)
    sign_in(page, web_app)
    open_event(page, "Gatehouse Summer Fest")
    figures = page.get_by_test_id("business-figures")
    expect(figures).to_have_attribute("data-kind", "festival")
    expect(page.get_by_role("heading", name="Sales by ticket type")).to_be_visible()
    row = type_row(page, kind["name"])
    expect(row).to_contain_text(f"{kind['sold']:,} of {kind['capacity']:,}")

    # A paid sale of two: the type's count and the revenue follow without a reload.
    booking = paid_sale(web_app, slot, 2)
    expect(row).to_contain_text(f"{kind['sold'] + 2:,} of {kind['capacity']:,}", timeout=LIVE)
    after = figures_of(web_app, "summer-fest")
    assert after["sales"]["net"] != before["sales"]["net"]
    net = page.get_by_test_id("fig-net")
    expect(net).to_contain_text(re.sub(r"\.00$", "", f"{float(after['sales']['net']):,.2f}"))
    expect(page.get_by_role("heading", name="Sales by day of booking")).to_be_visible()
    screenshot(page, "staff-figures-festival-en")

    # Hour by hour today (the venue's): the sale just made is in this hour's row.
    page.get_by_role("button", name="By hour").click()
    timeline = page.get_by_test_id("fig-timeline")
    expect(page.get_by_role("heading", name="Sales by hour of booking")).to_be_visible()
    expect(page.get_by_role("button", name="By hour")).to_have_attribute("aria-pressed", "true")
    expect(timeline.get_by_role("row").last).to_contain_text(re.compile(r"\d{2}:00"))

    # The export: a CSV with a BOM, the headers, and the booking just made, by reference.
    with page.expect_download() as downloading:
        page.get_by_role("button", name="Export CSV").click()
    expect(page.get_by_text(re.compile(r"Saved bookings-summer-fest-.*\.csv"))).to_be_visible()
    saved = tmp_path / "bookings.csv"
    downloading.value.save_as(saved)
    raw = saved.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.startswith("Reference,Guest,Phone,E-mail,Items,Amount")
    assert booking["reference"] in text
    assert downloading.value.suggested_filename.startswith("bookings-summer-fest-")

    # Arabic, right to left, on a phone.
    phone = in_arabic_on_a_phone(web_app, new_page, "Gatehouse Summer Fest")
    expect(phone.get_by_role("heading", name="المبيعات حسب نوع التذكرة")).to_be_visible()
    expect(phone.get_by_role("button", name="تصدير CSV")).to_be_visible()
    screenshot(phone, "staff-figures-festival-ar")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_resort_occupancy_and_rooms_utilisation(web_app: WebApp, new_page) -> None:
    resort = figures_of(web_app, "goa-palm-grove")
    assert resort["kind"] == "stays"

    page = new_page(1280)
    sign_in(page, web_app)
    open_event(page, "Palm Grove Beach Resort")
    expect(page.get_by_test_id("business-figures")).to_have_attribute("data-kind", "stays")
    expect(page.get_by_role("heading", name="Occupancy per night")).to_be_visible()
    expect(page.get_by_test_id("fig-night")).to_have_count(len(resort["occupancy"]))
    first = resort["occupancy"][0]
    expect(page.get_by_test_id("fig-night").first).to_contain_text(
        f"{first['sold']:,} of {first['rooms']:,} rooms"
    )
    expect(page.get_by_role("heading", name=re.compile("^Arrivals · "))).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("^Departures · "))).to_be_visible()
    screenshot(page, "staff-figures-stays-en")

    page.get_by_label("Event", exact=True).select_option(label="Meeting rooms")
    expect(page.get_by_test_id("business-figures")).to_have_attribute("data-kind", "rooms")
    expect(page.get_by_role("heading", name="Utilisation per room")).to_be_visible()
    rooms = figures_of(web_app, "meeting-rooms")["rooms"]
    expect(page.get_by_test_id("fig-room")).to_have_count(len(rooms))
    expect(page.get_by_test_id("fig-room").first).to_contain_text(
        f"{rooms[0]['booked']:,} of {rooms[0]['open']:,} slots"
    )
    screenshot(page, "staff-figures-rooms-en")

    phone = in_arabic_on_a_phone(web_app, new_page, "Palm Grove Beach Resort")
    expect(phone.get_by_role("heading", name="نسبة الإشغال لكل ليلة")).to_be_visible()
    screenshot(phone, "staff-figures-stays-ar")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_label("الفعالية", exact=True).select_option(value="meeting-rooms")
    expect(phone.get_by_role("heading", name="الاستخدام لكل قاعة")).to_be_visible()
    screenshot(phone, "staff-figures-rooms-ar")


def test_repair_job_board_on_the_dashboard(web_app: WebApp, new_page) -> None:
    day = next_open_day(2)
    job = book_at_shop(web_app, web_app.fresh_phone("+9198104"), day, name="Kiran Figures")

    page = new_page(1280)
    sign_in(page, web_app)
    open_event(page, "Bike service appointments")
    expect(page.get_by_test_id("business-figures")).to_have_attribute("data-kind", "service")
    for column in ("Booked", "In the bay", "Done", "Cancelled or no-show"):
        expect(page.get_by_role("heading", name=re.compile(f"^{column}"))).to_be_visible()
    coming = page.get_by_test_id("fig-upcoming-job").filter(has_text=job["reference"])
    expect(coming).to_contain_text("Kiran Figures")
    expect(coming).to_contain_text("Honda Activa 6G")
    expect(coming).to_contain_text("Engine oil change")
    screenshot(page, "staff-figures-repair-en")

    # That day's board: the job waits in Booked with its vehicle; Start work moves it on
    # (the staff status workflow, audited) into the bay.
    page.get_by_label("Jobs of").fill(day.isoformat())
    booked = page.get_by_test_id("fig-col-confirmed").get_by_test_id("fig-job")
    card = booked.filter(has_text=job["reference"])
    expect(card).to_contain_text("Honda Activa 6G")
    expect(card).to_contain_text("Engine oil change")
    card.get_by_role("button", name="Start work").click()
    in_bay = page.get_by_test_id("fig-col-in_progress").get_by_test_id("fig-job")
    expect(in_bay.filter(has_text=job["reference"])).to_be_visible()
    expect(page.get_by_role("status").filter(has_text=f"{job['reference']} is now")).to_be_visible()
    screenshot(page, "staff-figures-repair-day-en")
    with web_app.staff_api() as staff:
        assert ok(staff.get(f"/api/staff/bookings/{job['id']}/"))["status"] == "in_progress"

    phone = in_arabic_on_a_phone(web_app, new_page, "Bike service appointments")
    expect(phone.get_by_role("heading", name=re.compile("^القادم"))).to_be_visible()
    screenshot(phone, "staff-figures-repair-ar")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_export_refuses_a_guest(web_app: WebApp) -> None:
    with web_app.guest_api(web_app.fresh_phone()) as guest:
        answer = guest.get("/api/staff/bookings/export.csv", params={"event": "summer-fest"})
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "forbidden"
    assert httpx.get(f"{web_app.url}/api/staff/dashboard/?event=summer-fest").status_code == 401
