"""Guests manage their bookings from My bookings (issue 18, item 11): the event's policy in
words, Cancel with a confirmation that says what comes back, Change time picking a free
start, and both disabled with the reason where the policy says no; English and Arabic, 390
and 1280 px.

The bookings are made and paid through the API and the test provider's page with the
browser's own session (the checkout is other tests' subject); everything after that is the
guest's, in the page.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WebApp, screenshot
from tests.e2e.guest_steps import (
    api_as_browser,
    arabic_digits,
    hold_as_browser,
    sign_in_by_phone,
    ticket_type_slot,
    web_app_get,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RESORT, COTTAGE = "goa-palm-grove", "Garden Cottage 2"
ROOMS, MAJLIS = "meeting-rooms", "Majlis Room"
KOLKATA, RIYADH = zoneinfo.ZoneInfo("Asia/Kolkata"), zoneinfo.ZoneInfo("Asia/Riyadh")
DASH = "\N{EN DASH}"


def ltr(text: str) -> str:
    """As the page isolates a reference in a sentence (src/shared/lib/bidi.ts)."""
    return f"\u2066{text}\u2069"


def isolated(text: str) -> str:
    """As the page isolates an amount in a sentence."""
    return f"\u2068{text}\u2069"


def free_slots(web_app: WebApp, event: str, name: str, starts: list[datetime]) -> list[int]:
    """The slots of resource ``name`` starting at ``starts``, each free."""
    detail = web_app_get(web_app, f"/api/events/{event}/")
    resource = next(r["id"] for r in detail["resources"] if r["name"] == name)
    first, last = starts[0].date(), starts[-1].date()
    slots = web_app_get(web_app, f"/api/events/{event}/availability/?from={first}&to={last}")
    by_start = {
        datetime.fromisoformat(s["starts_at"].replace("Z", "+00:00")): s
        for s in slots["slots"]
        if s["resource"] == resource and s["available"] >= 1
    }
    found = [by_start[start]["id"] for start in starts if start in by_start]
    assert len(found) == len(starts), f"{name} is not free at {starts}"
    return found


def free_nights(web_app: WebApp, event: str, name: str, first: date, count: int) -> list[int]:
    """The room's nights from ``first`` (by the venue's date of their check-in), each free."""
    detail = web_app_get(web_app, f"/api/events/{event}/")
    resource = next(r["id"] for r in detail["resources"] if r["name"] == name)
    last = first + timedelta(days=count - 1)
    slots = web_app_get(web_app, f"/api/events/{event}/availability/?from={first}&to={last}")
    by_day = {
        datetime.fromisoformat(s["starts_at"].replace("Z", "+00:00")).astimezone(KOLKATA).date(): s
        for s in slots["slots"]
        if s["resource"] == resource and s["available"] >= 1
    }
    wanted = [first + timedelta(days=n) for n in range(count)]
    assert all(day in by_day for day in wanted), f"{name} is not free from {first}"
    return [by_day[day]["id"] for day in wanted]


def book_and_pay(page: Page, event: str, slots: list[int], **booking: Any) -> str:
    """Hold, book and pay (the test provider's page) as the browser's guest; the booking id."""
    hold = hold_as_browser(page, event, [{"slot": slot, "quantity": 1} for slot in slots])
    made = api_as_browser(page, "POST", "/api/bookings/", {"hold": hold["id"], **booking})
    paying = api_as_browser(page, "POST", f"/api/bookings/{made['id']}/pay/", {"provider": "test"})
    page.goto(paying["client"]["url"])
    page.get_by_role("button", name=re.compile(r"^Pay")).click()
    expect(page.get_by_role("status")).to_contain_text("booking confirmed")
    return made["id"]


def row_of(page: Page, reference: str) -> Any:
    return page.get_by_test_id("booking-row").filter(has_text=reference)


def test_a_guest_cancels_a_stay_within_its_policy_and_sees_the_refund(
    web_app: WebApp, new_page: Any
) -> None:
    page = new_page(1280, lang="en")
    sign_in_by_phone(page, web_app, web_app.fresh_phone("+9665518"))
    day = datetime.now(KOLKATA).date() + timedelta(days=12)
    slots = free_nights(web_app, RESORT, COTTAGE, day, 2)
    booking = book_and_pay(page, RESORT, slots, guests=[{"name": "Asha Rao", "age": 36}])
    reference = booking[:8].upper()
    amount = api_as_browser(page, "GET", f"/api/bookings/{booking}/")["amount"]
    money = f"₹{Decimal(amount):,.2f}"  # two nights of the cottage, with its tax

    page.goto("/bookings")
    row = row_of(page, reference)
    policy = row.get_by_test_id("booking-policy")
    expect(policy).to_contain_text("Free cancellation until 48 hours before it starts.")
    expect(policy).to_contain_text("After that, 50% is refunded until it starts.")
    expect(policy).to_contain_text(
        "You can move it to another time until 48 hours before it starts."
    )

    row.get_by_role("button", name="Cancel booking").click()
    confirm = row.get_by_test_id("cancel-confirm")
    expect(confirm).to_contain_text(f"Cancel booking {ltr(reference)}?")
    # All of it back: more than 48 hours before check-in.
    expect(confirm.get_by_test_id("cancel-refund")).to_have_text(
        f"You will get back {isolated(money)} (100%), to the way you paid."
    )
    screenshot(page, "manage-bookings-cancel-confirm-en")
    confirm.get_by_role("button", name="Yes, cancel it").click()

    expect(page.get_by_role("status").filter(has_text="is cancelled")).to_have_text(
        f"Booking {ltr(reference)} is cancelled. {isolated(money)} is on its way back to you."
    )
    expect(row.get_by_test_id("booking-changes")).to_have_count(0)
    expect(row).to_contain_text("Refunded")
    answer = api_as_browser(page, "GET", f"/api/bookings/{booking}/")
    assert (answer["status"], answer["payment_status"], answer["refunded_amount"]) == (
        "refunded", "refunded", amount,
    )  # fmt: skip
    screenshot(page, "manage-bookings-cancelled-en")

    # In Arabic on a phone: the notice and the row in Arabic, right to left.
    page.locator(".lang-toggle").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # The page loads again in Arabic: the resort's name too, not only the words around it.
    expect(row).to_contain_text("منتجع بالم جروف الشاطئي")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "manage-bookings-cancelled-ar")


def test_a_guest_moves_a_meeting_to_a_later_free_time(web_app: WebApp, new_page: Any) -> None:
    page = new_page(390, lang="en")
    sign_in_by_phone(page, web_app, web_app.fresh_phone("+9665519"))
    day = datetime.now(RIYADH).date() + timedelta(days=6)
    eleven = datetime(day.year, day.month, day.day, 11, tzinfo=RIYADH)
    slots = free_slots(web_app, ROOMS, MAJLIS, [eleven, eleven + timedelta(minutes=30)])
    booking = book_and_pay(page, ROOMS, slots, details={"guest_count": 4})
    reference = booking[:8].upper()
    # Someone else takes 14:30 (the picker must not offer 14:00, whose second half it is).
    other = web_app.guest_api(web_app.fresh_phone("+9665520"))
    taken = free_slots(web_app, ROOMS, MAJLIS, [eleven + timedelta(hours=3, minutes=30)])
    held = other.post(
        "/api/holds/", json={"event": ROOMS, "items": [{"slot": taken[0], "quantity": 1}]}
    )
    assert held.status_code == 201, held.text

    page.goto("/bookings")
    row = row_of(page, reference)
    expect(row.get_by_test_id("booking-when")).to_contain_text(
        re.compile(rf"11:00\s*{DASH}\s*12:00")
    )
    expect(row.get_by_test_id("booking-policy")).to_contain_text(
        "You can move it to another time until 2 hours before it starts."
    )
    row.get_by_role("button", name="Change time").click()
    picker = row.get_by_test_id("move-picker")
    expect(picker.get_by_role("radio", name="15:00")).to_be_visible()
    expect(picker.get_by_role("radio", name="14:00")).to_have_count(0)  # 14:30 is held
    expect(picker.get_by_role("radio", name="11:00")).to_have_count(0)  # where it is now
    expect(picker.get_by_role("radio", name="11:30")).to_be_visible()  # overlapping its own
    picker.get_by_role("radio", name="15:00").check()
    screenshot(page, "manage-bookings-move-en")
    picker.get_by_role("button", name="Move to 15:00").click()

    expect(page.get_by_role("status").filter(has_text="now starts")).to_contain_text(
        f"Booking {ltr(reference)} now starts"
    )
    expect(row.get_by_test_id("booking-when")).to_contain_text(
        re.compile(rf"15:00\s*{DASH}\s*16:00")
    )
    moved = api_as_browser(page, "GET", f"/api/bookings/{booking}/")
    assert [item["starts_at"][11:16] for item in moved["items"]] == ["12:00", "12:30"]  # UTC
    assert moved["status"] == "confirmed"
    expect(page.get_by_test_id("ticket-row").filter(has_text=MAJLIS)).to_contain_text(
        re.compile(rf"15:00\s*{DASH}\s*16:00")
    )
    screenshot(page, "manage-bookings-moved-en")

    # In Arabic: the policy in Arabic, and the picker's times in Arabic digits.
    page.locator(".lang-toggle").click()
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(row.get_by_test_id("booking-policy")).to_contain_text(
        "الإلغاء مجاني حتى ساعتين قبل موعد البدء."
    )
    row.get_by_role("button", name="تغيير الموعد").click()
    # 16:00 as the app writes Arabic times (24-hour, or 12-hour with م for the afternoon).
    four_pm = re.compile(rf"^({arabic_digits('16:00')}|{arabic_digits('4:00')}\s*م)$")
    expect(row.get_by_test_id("move-picker").get_by_role("radio", name=four_pm)).to_be_visible()
    screenshot(page, "manage-bookings-move-ar")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "manage-bookings-move-ar")


def test_a_festival_ticket_says_why_it_cannot_be_cancelled(web_app: WebApp, new_page: Any) -> None:
    page = new_page(1280, lang="ar")
    sign_in_by_phone(page, web_app, web_app.fresh_phone("+9665521"), lang="ar")
    slot = ticket_type_slot(web_app, "summer-fest", "General Admission", 1)
    booking = book_and_pay(page, "summer-fest", [slot], details={"holders": ["سارة أحمد"]})
    reference = booking[:8].upper()

    page.goto("/bookings")
    row = row_of(page, reference)
    cancel, move = (row.get_by_role("button", name=n) for n in ("إلغاء الحجز", "تغيير الموعد"))
    expect(cancel).to_be_disabled()
    expect(move).to_be_disabled()
    # The policy's own sentences say why, and each disabled button is described by its own.
    expect(row.get_by_test_id("booking-policy")).to_have_text(
        "لا يمكن إلغاء هذا الحجز.لا يمكن نقله إلى موعد آخر."
    )
    expect(cancel).to_have_accessible_description("لا يمكن إلغاء هذا الحجز.")
    expect(move).to_have_accessible_description("لا يمكن نقله إلى موعد آخر.")
    screenshot(page, "manage-bookings-festival-ar")
    page.locator(".lang-toggle").click()
    expect(row.get_by_role("button", name="Cancel booking")).to_have_accessible_description(
        "This booking cannot be cancelled."
    )
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "manage-bookings-festival-en")
