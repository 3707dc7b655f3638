"""The repair shop in a real browser: the whole appointment (vehicle, services at this model's
prices, shop or home, a start time with enough free bay-hours, details, paying at the shop,
the job card) in Arabic on a phone and in English on a laptop, the shop's page, and the staff
job board following bookings live.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WebApp, screenshot
from tests.e2e.guest_steps import sign_in_by_phone

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EVENT = "repair-shop"
ZONE = "Asia/Kolkata"
LIVE = 10_000  # ms


def next_open_day(days_ahead: int = 1) -> date:
    """A day the demo shop opens (closed on Sundays), some days from today in its zone."""
    day = datetime.now(zoneinfo.ZoneInfo(ZONE)).date() + timedelta(days=days_ahead)
    while day.weekday() == 6:
        day += timedelta(days=1)
    return day


def ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    return response.json()


def catalog_model(base: str, brand: str, model: str) -> int:
    """A demo model's id, looked up the way the page does (type → brand → model)."""
    types = httpx.get(f"{base}/api/catalog/vehicle-types/?event={EVENT}").json()["results"]
    for vehicle_type in types:
        brands = httpx.get(
            f"{base}/api/catalog/vehicle-brands/?event={EVENT}&vehicle_type={vehicle_type['id']}"
        ).json()["results"]
        for found in brands:
            if found["name"] != brand:
                continue
            models = httpx.get(
                f"{base}/api/catalog/vehicle-models/?event={EVENT}&vehicle_brand={found['id']}"
            ).json()["results"]
            return next(m["id"] for m in models if m["name"] == model)
    raise AssertionError(f"no {brand} {model} in the demo catalog")


def book_at_shop(web_app: WebApp, phone: str, day: date, *, name: str) -> dict[str, Any]:
    """An appointment made through the API: one hour of work, held, booked, paid at the shop."""
    model = catalog_model(web_app.url, "Honda", "Activa 6G")
    pricing = ok(
        httpx.get(f"{web_app.url}/api/catalog/pricing/?event={EVENT}&vehicle_model={model}")
    )
    service = next(s for s in pricing["services"] if s["name"] == "Engine oil change")
    slots = ok(httpx.get(f"{web_app.url}/api/events/{EVENT}/availability/?from={day}&to={day}"))[
        "slots"
    ]
    free = [s for s in slots if s["available"] > 0]
    with web_app.guest_api(phone) as guest:
        for slot in reversed(free):  # the latest free hour: other tests take the morning
            held = guest.post(
                "/api/holds/", json={"event": EVENT, "items": [{"slot": slot["id"], "quantity": 1}]}
            )
            if held.status_code == 201:
                break
        else:
            raise AssertionError("no bay free")
        booking = ok(
            guest.post(
                "/api/bookings/",
                json={
                    "hold": held.json()["id"],
                    "details": {
                        "customer_name": name,
                        "phone": phone,
                        "email": "guest@example.com",
                        "location": "shop",
                        "vehicle_model": model,
                        "services": [service["id"]],
                    },
                },
            ),
            201,
        )
        ok(guest.post(f"/api/bookings/{booking['id']}/pay/", json={"provider": "pay_at_venue"}))
        return ok(guest.get(f"/api/bookings/{booking['id']}/"))


def choose_vehicle_and_services(
    page: Page, vehicle: tuple[str, str, str], services: list[str]
) -> None:
    kind, brand, model = vehicle
    page.get_by_role("button", name=kind, exact=True).click()
    page.get_by_role("button", name=brand, exact=True).click()
    # The model list is searchable.
    page.locator("#repair-model-search").fill(model[:3])
    page.get_by_role("button", name=model, exact=True).click()
    for service in services:
        page.get_by_role("checkbox", name=re.compile(f"^{re.escape(service)}")).check()


def choose_time(page: Page, day: date) -> str:
    page.locator(f'[data-day="{day.isoformat()}"]').click()
    first = page.get_by_test_id("start-times").get_by_role("button").first
    expect(first).to_be_visible()
    first.click()
    expect(first).to_have_attribute("aria-pressed", "true")
    return first.inner_text()


def fill_details_and_pay_at_shop(page: Page, *, name: str, address: str | None = None) -> None:
    expect(page).to_have_url(re.compile(r"/checkout/"))
    # On a phone the appointment is folded under the form (issue 18, 14): open it to check it.
    summary = page.get_by_test_id("checkout-summary")
    expect(summary).to_be_attached()  # the checkout has rendered: the bar shows or not by width
    fold = summary.locator("button[aria-expanded]")
    if fold.is_visible():
        expect(fold).to_have_attribute("aria-expanded", "false")
        fold.click()
    expect(page.get_by_test_id("repair-order")).to_be_visible()
    page.locator("#co-customerName").fill(name)
    page.locator("#co-email").fill("guest@example.com")
    if address is not None:
        page.locator("#co-address").fill(address)
    page.locator("#co-notes").fill("Brakes squeak when cold")
    page.locator(".co-details button[type=submit]").click()
    venue = page.get_by_test_id("pay-at-venue")
    expect(venue).to_be_visible()
    venue.click()
    expect(page).to_have_url(re.compile(r"/bookings/[0-9a-f-]{36}$"))


def test_repair_appointment_in_english_on_a_laptop(web_app: WebApp, new_page) -> None:
    day = next_open_day(2)
    page = new_page(1280, lang="en")
    phone = web_app.fresh_phone("+9198100")
    # Not signed in yet: the choice waits through sign-in.
    page.goto(f"/events/{EVENT}?date={day}")

    # The shop's page: hours in a table, pictures, contact links.
    venue = page.get_by_test_id("venue-info")
    expect(venue.get_by_test_id("venue-hours").get_by_role("row")).to_have_count(8)
    expect(venue.get_by_role("row", name=re.compile("^Sunday"))).to_contain_text("Closed")
    expect(venue.get_by_role("link", name=re.compile("^Call"))).to_have_attribute(
        "href", re.compile("^tel:")
    )
    expect(venue.locator("img")).to_have_count(2)

    choose_vehicle_and_services(
        page, ("Motorcycle", "Bajaj", "Pulsar 150"), ["General service", "Brake pad replacement"]
    )
    # The running total is this model's prices, from the server.
    model = catalog_model(web_app.url, "Bajaj", "Pulsar 150")
    pricing = ok(
        httpx.get(f"{web_app.url}/api/catalog/pricing/?event={EVENT}&vehicle_model={model}")
    )
    prices = {s["name"]: Decimal(s["price"]) for s in pricing["services"]}
    expected = prices["General service"] + prices["Brake pad replacement"]
    running = page.get_by_test_id("repair-running")
    expect(running).to_contain_text("2 services")
    expect(running).to_contain_text(f"₹{expected:,.2f}")
    expect(page.get_by_test_id("summary-total")).to_contain_text(f"₹{expected:,.2f}")
    started = choose_time(page, day)
    screenshot(page, "repair-event-en")
    page.locator(".btn-hold").click()

    # Sign in by phone, and back on the page with everything still chosen.
    offset = web_app.log_offset()
    expect(page).to_have_url(re.compile(r"/signin\?next="))
    page.get_by_label(re.compile("phone", re.I)).fill(phone)
    page.get_by_role("button", name="Send code").click()
    page.get_by_label(re.compile("code", re.I)).fill(web_app.otp_for(phone, after=offset))
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url(re.compile(f"/events/{EVENT}"))
    chosen = page.get_by_test_id("start-times").locator('[aria-pressed="true"]')
    expect(chosen).to_have_text(started)
    page.locator(".btn-hold").click()

    fill_details_and_pay_at_shop(page, name="Kiran Rao")
    card = page.get_by_test_id("job-card")
    expect(card.get_by_test_id("job-vehicle")).to_have_text("Motorcycle · Bajaj Pulsar 150")
    expect(card.get_by_test_id("job-lines")).to_contain_text("General service")
    expect(card.get_by_test_id("job-lines")).to_contain_text("Brake pad replacement")
    expect(card.get_by_test_id("job-where")).to_have_text("At the shop")
    expect(card).to_contain_text("Brakes squeak when cold")
    expect(card.get_by_test_id("payment-status")).to_have_attribute("data-status", "due")
    expect(card).to_contain_text(f"₹{expected:,.2f}")  # the server's amount, the same
    expect(page.get_by_test_id("booking-status")).to_have_attribute("data-status", "confirmed")
    screenshot(page, "repair-confirmed-en")


def test_repair_appointment_in_arabic_on_a_phone(web_app: WebApp, new_page) -> None:
    day = next_open_day(3)
    page = new_page(390, lang="ar")
    phone = web_app.fresh_phone("+9198101")
    sign_in_by_phone(page, web_app, phone, next_path=f"/events/{EVENT}?date={day}", lang="ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # The shop's page, in Arabic: Sunday is closed.
    expect(
        page.get_by_test_id("venue-hours").get_by_role("row", name=re.compile("^الأحد"))
    ).to_contain_text("مغلق")

    # The catalog in Arabic (its names are translated; brands and models are proper names).
    choose_vehicle_and_services(
        page, ("سكوتر", "Honda", "Activa 6G"), ["صيانة عامة", "إصلاح ثقب الإطار"]
    )
    # Counts and prices in Arabic-Indic digits.
    expect(page.get_by_test_id("repair-running")).to_contain_text("\u0662")
    choose_time(page, day)
    screenshot(page, "repair-event-ar")
    page.locator(".btn-hold").click()

    fill_details_and_pay_at_shop(page, name="كيران راو")
    card = page.get_by_test_id("job-card")
    expect(card.get_by_test_id("job-vehicle")).to_have_text("سكوتر · Honda Activa 6G")
    expect(card.get_by_test_id("job-lines")).to_contain_text("صيانة عامة")
    expect(card.get_by_test_id("job-lines")).to_contain_text("إصلاح ثقب الإطار")
    expect(card.get_by_test_id("job-where")).to_have_text("في الورشة")
    expect(card.get_by_test_id("payment-status")).to_have_attribute("data-status", "due")
    expect(card.get_by_test_id("payment-status")).to_have_text("يُدفع في الورشة")
    screenshot(page, "repair-confirmed-ar")


def test_home_visit_outside_the_area_is_said_at_once(web_app: WebApp, new_page) -> None:
    detail = ok(httpx.get(f"{web_app.url}/api/events/{EVENT}/"))
    if detail.get("home_visit_fee") is None:
        pytest.skip(
            "GET /api/events/{slug}/ does not say home_visit_fee yet: no home visits offered"
        )
    day = next_open_day(5)
    page = new_page(390, lang="ar")
    phone = web_app.fresh_phone("+9198104")
    sign_in_by_phone(page, web_app, phone, next_path=f"/events/{EVENT}?date={day}", lang="ar")
    choose_vehicle_and_services(page, ("سكوتر", "Honda", "Activa 6G"), ["صيانة عامة"])
    page.get_by_role("radio", name=re.compile("في منزلي")).check()
    page.locator("#repair-city").fill("Mysuru")
    page.locator("#repair-postcode").fill("570001")
    expect(page.get_by_test_id("outside-area")).to_be_visible()
    page.locator("#repair-city").fill("Bengaluru")
    page.locator("#repair-postcode").fill("٥٦٠٠٣٨")
    expect(page.get_by_test_id("outside-area")).to_have_count(0)
    # The home visit's fee joins the total.
    expect(page.get_by_test_id("booking-summary")).to_contain_text("زيارة منزلية")
    choose_time(page, day)
    page.locator(".btn-hold").click()
    fill_details_and_pay_at_shop(page, name="كيران راو", address="12 MG Road, Indiranagar")
    card = page.get_by_test_id("job-card")
    expect(card.get_by_test_id("job-where")).to_contain_text("12 MG Road")
    expect(card.get_by_test_id("job-lines")).to_contain_text("صيانة عامة")


def test_staff_job_board_follows_bookings_live(web_app: WebApp, new_page) -> None:
    from tests.e2e.test_staff import open_event, sign_in

    day = next_open_day(4)
    first = book_at_shop(web_app, web_app.fresh_phone("+9198102"), day, name="Ravi Board")
    assert first["payment_status"] == "due"

    page = new_page(1280, lang="en")
    sign_in(page, web_app)
    open_event(page, "Bike service appointments")
    page.get_by_role("link", name=re.compile("^Today.s jobs$")).click()
    page.locator("#job-day").fill(day.isoformat())
    board = page.get_by_test_id("job-board")
    ticket = board.get_by_test_id(f"job-{first['reference']}")
    expect(ticket).to_have_attribute("data-status", "confirmed")
    expect(ticket).to_contain_text("Honda Activa 6G")

    # Another desk starts the work: the ticket moves column without a reload.
    with web_app.staff_api() as staff:
        ok(
            staff.patch(
                f"/api/staff/bookings/{first['id']}/status/", json={"status": "in_progress"}
            )
        )
    expect(
        board.locator('[data-column="in_progress"]').get_by_test_id(f"job-{first['reference']}")
    ).to_be_visible(timeout=LIVE)

    # A puncture found during the job: only what this model can have is offered, priced for it.
    adding = ticket.get_by_label("Add a service")
    expect(adding.locator("option", has_text="Chain clean and lube")).to_have_count(0)  # a scooter
    puncture = adding.locator("option", has_text="Puncture repair")
    expect(puncture).to_contain_text("₹")  # this model's price
    adding.select_option(value=puncture.get_attribute("value"))
    ticket.get_by_role("button", name="Add", exact=True).click()
    expect(ticket.get_by_test_id("job-ticket-lines")).to_contain_text("Puncture repair")
    expect(ticket.get_by_test_id("payment-status")).to_have_attribute("data-status", "due")

    # Paid in cash here; done.
    ticket.locator('[data-action="paid-cash"]').click()
    expect(ticket.get_by_test_id("payment-status")).to_have_attribute("data-status", "paid")
    ticket.locator('[data-action="complete"]').click()
    expect(
        board.locator('[data-column="completed"]').get_by_test_id(f"job-{first['reference']}")
    ).to_be_visible()

    # A new appointment appears by itself.
    second = book_at_shop(web_app, web_app.fresh_phone("+9198103"), day, name="Anita Live")
    expect(
        board.locator('[data-column="confirmed"]').get_by_test_id(f"job-{second['reference']}")
    ).to_be_visible(timeout=LIVE)
    screenshot(page, "repair-board-en")

    # The bookings table follows the same topic.
    page.get_by_role("link", name="Bookings").click()
    row = page.get_by_test_id(f"booking-{second['reference']}")
    expect(row).to_be_visible()
    with web_app.staff_api() as staff:
        ok(staff.post(f"/api/staff/bookings/{second['id']}/no-show/", json={}))
    expect(row.locator("[data-status]").first).to_have_attribute(
        "data-status", "no_show", timeout=LIVE
    )
