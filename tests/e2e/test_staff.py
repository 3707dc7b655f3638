"""The staff desk at /staff in a real browser: sign-in, the live dashboard, bookings, devices.

Changes are made through the API from Python (a guest's hold, a comp ticket scanned by the
demo station, a repair-shop booking) and must show on the open page without a reload.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WebApp, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LIVE = 10_000  # ms: the dashboard publishes at most once a second


# --- the API, as guests, staff and the demo station use it --------------------------------


def first_slot(web_app: WebApp, event: str, capacity_at_least: int = 2) -> dict[str, Any]:
    slots = httpx.get(f"{web_app.url}/api/events/{event}/availability/").json()["slots"]
    return next(slot for slot in slots if slot["available"] >= capacity_at_least)


def ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    return response.json()


# --- the browser ----------------------------------------------------------------------------


def sign_in(page: Page, web_app: WebApp, *, lang: str = "en") -> None:
    page.goto("/staff")
    email = "E-mail" if lang == "en" else "البريد الإلكتروني"
    password = "Password" if lang == "en" else "كلمة المرور"
    page.get_by_label(email).fill(web_app.staff_email)
    page.get_by_label(password, exact=True).fill(web_app.staff_password)
    page.get_by_role("button", name="Sign in" if lang == "en" else "تسجيل الدخول").click()


def open_event(page: Page, name: str) -> None:
    """From the first-visit chooser, or with the picker once an event is remembered."""
    chooser = page.get_by_role("button", name=f"Open {name}")
    picker = page.get_by_label("Event", exact=True)
    expect(chooser.or_(picker).first).to_be_visible()
    if chooser.is_visible():
        chooser.click()
    else:
        picker.select_option(label=name)
    expect(page.get_by_label("Event", exact=True)).to_have_value(re.compile(".+"))


def chart_total(page: Page) -> int:
    """Scans in the chart's window, from its summary (other tests scan at the same gates)."""
    label = page.get_by_test_id("scans-chart").get_attribute("aria-label") or ""
    found = re.search(r"(\d+) in all", label)
    return int(found.group(1)) if found else 0


def stat(page: Page, name: str) -> int:
    element = page.get_by_test_id(f"stat-{name}")
    expect(element).to_be_visible()
    return int(element.get_attribute("data-value") or "0")


# --- tests ----------------------------------------------------------------------------------


def test_staff_sign_in_refuses_bad_password_and_guests(web_app: WebApp, new_page) -> None:
    page = new_page(390)
    page.goto("/staff")
    expect(page.get_by_role("heading", name="Staff sign-in")).to_be_visible()
    screenshot(page, "staff-signin-en")
    page.get_by_label("E-mail").fill(web_app.staff_email)
    page.get_by_label("Password", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_be_visible()

    # A guest signed in by phone (the refresh cookie in this browser) is told this is for staff.
    phone = web_app.fresh_phone()
    offset = web_app.log_offset()
    asked = page.request.post("/api/auth/otp/request/", data={"phone": phone}).json()
    code = web_app.otp_for(phone, after=offset)
    verified = page.request.post(
        "/api/auth/otp/verify/",
        data={"phone": phone, "request_id": asked["request_id"], "code": code},
    )
    assert verified.ok, verified.text()
    page.evaluate("localStorage.setItem('gh.signed-in', '1')")
    page.reload()
    expect(page.get_by_role("heading", name="This page is for staff")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("not a staff account")
    screenshot(page, "staff-not-staff-en")
    page.get_by_role("button", name="Sign out and use a staff account").click()
    expect(page.get_by_role("heading", name="Staff sign-in")).to_be_visible()

    # Empty fields are named before anything is sent; the Arabic page on a laptop.
    arabic = new_page(1280, lang="ar")
    arabic.goto("/staff")
    arabic.get_by_role("button", name="تسجيل الدخول").click()
    expect(arabic.get_by_text("أدخل بريدك الإلكتروني.")).to_be_visible()
    expect(arabic.get_by_label("البريد الإلكتروني")).to_be_focused()
    screenshot(arabic, "staff-signin-ar")


def test_dashboard_numbers_move_live(web_app: WebApp, new_page) -> None:
    page = new_page(1280)
    sign_in(page, web_app)
    open_event(page, "Gatehouse Summer Fest")
    expect(page.get_by_role("heading", name="Live dashboard")).to_be_visible()
    expect(page.locator(".conn")).to_have_attribute("data-state", "live")
    held, sold = stat(page, "held"), stat(page, "sold")
    stat(page, "available")

    # A guest holds two general-admission tickets: the held figure rises on its own.
    slot = first_slot(web_app, "summer-fest", 10)
    with web_app.guest_api(web_app.fresh_phone()) as guest:
        hold = {"event": "summer-fest", "items": [{"slot": slot["id"], "quantity": 2}]}
        ok(guest.post("/api/holds/", json=hold), 201)
    expect(page.get_by_test_id("stat-held")).to_have_attribute(
        "data-value", str(held + 2), timeout=LIVE
    )

    # Staff comp a ticket to another guest; the demo station scans it at its gate.
    phone = web_app.fresh_phone()
    comp = {
        "event": "summer-fest",
        "phone": phone,
        "name": "Huda Live",
        "items": [{"slot": slot["id"], "quantity": 1}],
    }
    with web_app.staff_api() as staff:
        ok(staff.post("/api/staff/comps/", json=comp), 201)
    expect(page.get_by_test_id("stat-sold")).to_have_attribute(
        "data-value", str(sold + 1), timeout=LIVE
    )
    with web_app.guest_api(phone) as holder:
        ticket = ok(holder.get("/api/tickets/"))["results"][0]

    with web_app.station_api() as station:
        gate = ok(station.get("/api/events/summer-fest/gates/"))["gates"][0]
        counter = page.get_by_test_id(f"checkins-{gate['id']}")
        before = int(counter.get_attribute("data-value") or "0")
        scans_before = chart_total(page)
        scan = {"qr": ticket["qr_payload"], "gate": gate["id"]}
        answer = ok(station.post("/api/scan/commit/", json=scan))
        assert answer["status"] == "admitted", answer
    expect(counter).to_have_attribute("data-value", str(before + 1), timeout=LIVE)
    recent = page.get_by_role("region", name="Recent scans")
    expect(recent.get_by_text("Huda Live")).to_be_visible()
    expect(recent.get_by_text("Admitted").first).to_be_visible()
    chart = page.get_by_role("img", name=re.compile("Scans per minute"))
    expect(chart).to_have_attribute("aria-label", re.compile(rf"\b{scans_before + 1} in all"))
    screenshot(page, "staff-dashboard-en")

    # The same page in Arabic, right to left, and on a phone.
    page.get_by_role("button", name=re.compile("Switch to Arabic")).click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", name="اللوحة المباشرة")).to_be_visible()
    screenshot(page, "staff-dashboard-ar")
    phone_page = new_page(390, lang="ar")
    sign_in(phone_page, web_app, lang="ar")
    phone_page.get_by_role("button", name="افتح مهرجان جيت هاوس الصيفي").click()
    expect(phone_page.get_by_test_id(f"checkins-{gate['id']}")).to_have_attribute(
        "data-value", str(before + 1)
    )
    screenshot(phone_page, "staff-dashboard-ar")
    phone_page.get_by_role("button", name=re.compile("English —")).click()
    expect(phone_page.get_by_role("heading", name="Live dashboard")).to_be_visible()
    screenshot(phone_page, "staff-dashboard-en")


def one_hour_job(api: httpx.Client) -> dict[str, Any]:
    """The demo's Royal Enfield Classic 350 and one of its services that fits a bay-hour."""
    models = ok(api.get("/api/catalog/vehicle-models/", params={"event": "repair-shop"}))
    model = next(m["id"] for m in models["results"] if m["name"] == "Classic 350")
    prices = ok(
        api.get("/api/catalog/pricing/", params={"event": "repair-shop", "vehicle_model": model})
    )
    services = ok(api.get("/api/catalog/services/", params={"event": "repair-shop"}))["results"]
    short = {s["id"] for s in services if s["duration_minutes"] <= 60}
    service = next(s["id"] for s in prices["services"] if s["id"] in short)
    return {"vehicle_model": model, "services": [service]}


def repair_booking(web_app: WebApp, name: str) -> dict[str, Any]:
    """A repair-shop appointment waiting for payment, made by a guest through the API."""
    slot = first_slot(web_app, "repair-shop", 1)
    phone = web_app.fresh_phone()
    with web_app.guest_api(phone) as guest:
        hold = ok(
            guest.post(
                "/api/holds/",
                json={"event": "repair-shop", "items": [{"slot": slot["id"], "quantity": 1}]},
            ),
            201,
        )
        details = {
            "customer_name": name,
            "phone": phone,
            "email": "rider@example.com",
            "location": "shop",
            **one_hour_job(guest),
        }
        return ok(guest.post("/api/bookings/", json={"hold": hold["id"], "details": details}), 201)


def test_bookings_filter_and_workflow(web_app: WebApp, new_page) -> None:
    booking = repair_booking(web_app, "Ravi Workflow")
    repair_booking(web_app, "Anita Other")
    reference = booking["id"][:8].upper()

    page = new_page(1280)
    sign_in(page, web_app)
    open_event(page, "Bike service appointments")
    page.get_by_role("navigation", name="Staff desk").get_by_role("link", name="Bookings").click()
    expect(page.get_by_role("heading", name="Bookings")).to_be_visible()
    # Other tests in the session may have booked the repair shop too (test_repair.py).
    with web_app.staff_api() as staff:
        count = ok(staff.get("/api/staff/bookings/?event=repair-shop"))["count"]
    assert count >= 2
    expect(page.get_by_test_id("bookings-count")).to_have_text(f"Bookings found: {count}")

    page.get_by_label("Status").select_option(label="Waiting for payment")
    page.get_by_role("searchbox", name="Search").fill("Ravi")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page.get_by_test_id("bookings-count")).to_have_text("Bookings found: 1")
    expect(page).to_have_url(re.compile(r"status=pending_payment.*q=Ravi"))
    row = page.get_by_test_id(f"booking-{reference}")
    expect(row).to_contain_text("Ravi Workflow")
    expect(row).to_contain_text("Waiting for payment")
    screenshot(page, "staff-bookings-en")

    # Cash at the desk: asked first, then confirmed.
    row.get_by_role("button", name="Mark paid").click()
    dialog = page.get_by_role("dialog", name="Cash received?")
    expect(dialog).to_contain_text(reference)
    dialog.get_by_role("button", name="Mark paid").click()
    expect(page.get_by_role("status").filter(has_text="is now: Confirmed")).to_be_visible()
    # The list is filtered on "waiting for payment": the row stays until a refresh.
    expect(row).to_contain_text("Confirmed")
    row.get_by_role("button", name="Start work").click()
    expect(row).to_contain_text("In progress")

    # The detail drawer: the booking's details, and the next step from there.
    row.get_by_role("link", name=f"Booking {reference}: details").click()
    drawer = page.get_by_role("dialog", name=f"Booking {reference}")
    expect(drawer).to_contain_text("Royal Enfield Classic 350")
    expect(drawer).to_contain_text("Cash at the desk")
    screenshot(page, "staff-booking-drawer-en")
    drawer.get_by_role("button", name="Complete").click()
    expect(drawer).to_contain_text("Completed")
    with web_app.staff_api() as staff:
        stored = ok(staff.get(f"/api/staff/bookings/{booking['id']}/"))
    assert stored["status"] == "completed"
    page.keyboard.press("Escape")
    expect(drawer).to_be_hidden()
    expect(row).to_contain_text("Completed")

    # The other booking, comped on a phone in Arabic: cards instead of a table.
    phone_page = new_page(390, lang="ar")
    sign_in(phone_page, web_app, lang="ar")
    phone_page.get_by_role("button", name="افتح مواعيد صيانة الدراجات").click()
    phone_page.get_by_role("link", name="الحجوزات").click()
    expect(phone_page.get_by_test_id("bookings-cards")).to_be_visible()
    cards = phone_page.get_by_test_id("bookings-cards").get_by_role("listitem")
    card = cards.filter(has_text="Anita Other")
    card.get_by_role("button", name="مجاني").click()
    phone_page.get_by_role("dialog").get_by_role("button", name="تأكيد مجانًا").click()
    expect(card).to_contain_text("مؤكد")
    screenshot(phone_page, "staff-bookings-ar")
    card.get_by_role("link").first.click()
    phone_drawer = phone_page.get_by_role("dialog")
    expect(phone_drawer).to_contain_text("Anita Other")
    expect(phone_drawer).to_contain_text("في المركز")
    screenshot(phone_page, "staff-booking-drawer-ar")
    phone_drawer.get_by_role("button", name="إغلاق").click()
    expect(phone_drawer).to_be_hidden()


def station_gates(web_app: WebApp, token: str) -> list[str]:
    """The gates a station may scan at, as the station itself sees them."""
    with web_app.station_api(token) as station:
        return [gate["name"] for gate in ok(station.get("/api/events/summer-fest/gates/"))["gates"]]


def test_devices_token_shown_once_and_gates_bound(web_app: WebApp, new_page) -> None:
    page = new_page(1280)
    sign_in(page, web_app)
    open_event(page, "Gatehouse Summer Fest")
    page.get_by_role("link", name="Scanning stations").click()
    expect(page.get_by_role("heading", name="Scanning stations", exact=True)).to_be_visible()
    listed = page.get_by_test_id("devices-list")
    demo = listed.get_by_role("row").filter(has_text="Demo station (North gate)")
    expect(demo.get_by_role("listitem")).to_have_text(["North gate"])

    # A new station, ticked for the North gate (of three, none is ticked to start with).
    page.get_by_label("Name").fill("South gate, lane 3")
    gates = page.get_by_role("group", name="Gates it scans at")
    expect(gates.get_by_role("checkbox")).to_have_count(3)
    expect(gates.get_by_role("checkbox", name="Grandstand gate")).not_to_be_checked()
    gates.get_by_role("checkbox", name="North gate").check()
    page.get_by_role("button", name="Create station").click()
    token = page.get_by_test_id("device-token")
    expect(token).to_have_text(re.compile(r"^ghd_\S{20,}$"))
    expect(page.get_by_text("It scans at North gate.")).to_be_visible()
    secret = token.inner_text()
    screenshot(page, "staff-devices-token-en")

    # The token works for the station, which sees exactly the gate it was bound to.
    with web_app.station_api(secret) as station:
        me = ok(station.get("/api/devices/me/"))
    assert me["label"] == "South gate, lane 3"
    assert station_gates(web_app, secret) == ["North gate"]
    row = page.get_by_test_id(f"device-{me['id']}")
    expect(row.get_by_test_id(f"device-gates-{me['id']}")).to_have_text("North gate")
    page.get_by_role("button", name="I have stored it").click()
    expect(page.get_by_test_id("device-token")).to_have_count(0)
    expect(page.get_by_text(secret)).to_have_count(0)

    # Moved to the Grandstand gate, by keyboard: the row follows, focus comes back.
    edit = row.get_by_role("button", name="Edit gates of South gate, lane 3")
    edit.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Gates of South gate, lane 3")
    north = dialog.get_by_role("checkbox", name="North gate")
    grandstand = dialog.get_by_role("checkbox", name="Grandstand gate")
    expect(north).to_be_checked()
    expect(grandstand).not_to_be_checked()
    expect(grandstand).to_be_focused()  # the first gate (by name)
    page.keyboard.press("Space")
    north.uncheck()
    screenshot(page, "staff-devices-edit-gates-en")
    dialog.get_by_role("button", name="Save gates").click()
    expect(dialog).to_be_hidden()
    status = page.get_by_role("status").filter(has_text="now scans at")
    expect(status).to_have_text("South gate, lane 3 now scans at Grandstand gate.")
    expect(row.get_by_test_id(f"device-gates-{me['id']}")).to_have_text("Grandstand gate")
    expect(edit).to_be_focused()
    assert station_gates(web_app, secret) == ["Grandstand gate"]
    screenshot(page, "staff-devices-gates-en")

    row.get_by_role("button", name="Revoke South gate, lane 3").click()
    page.get_by_role("dialog").get_by_role("button", name="Revoke station").click()
    expect(page.get_by_role("status").filter(has_text="is revoked")).to_be_visible()
    expect(row).to_contain_text("Revoked")
    expect(row.get_by_role("button", name=re.compile("Edit gates"))).to_have_count(0)
    with web_app.station_api(secret) as station:
        assert station.get("/api/devices/me/").status_code == 401
    screenshot(page, "staff-devices-en")
    page.get_by_role("button", name=re.compile("Switch to Arabic")).click()
    expect(page.get_by_role("columnheader", name="البوابات")).to_be_visible()
    screenshot(page, "staff-devices-ar")

    # On a phone in Arabic: a station left without a gate says it cannot scan, and a bind
    # that fails (the server refusing here) is said plainly while the token still shows.
    phone_page = new_page(390, lang="ar")
    sign_in(phone_page, web_app, lang="ar")
    phone_page.get_by_role("button", name="افتح مهرجان جيت هاوس الصيفي").click()
    phone_page.get_by_role("link", name="محطات المسح").click()
    cards = phone_page.get_by_test_id("devices-list")
    expect(cards).to_contain_text("South gate, lane 3")
    phone_page.get_by_label("الاسم").fill("Lane without gate")
    phone_page.get_by_role("button", name="إنشاء المحطة").click()
    expect(phone_page.get_by_test_id("device-token")).to_be_visible()
    phone_page.get_by_role("button", name="حفظته").click()
    lone = cards.get_by_role("listitem").filter(has_text="Lane without gate").first
    expect(lone).to_contain_text("لا بوابة بعد — لا يمكنها المسح")
    screenshot(phone_page, "staff-devices-ar")

    refusal = {
        "ok": False,
        "error": {
            "code": "validation_error",
            "message": "Some fields are not valid.",
            "fields": {"gates": ["Not a gate of this station's event: 999."]},
        },
    }
    phone_page.route(
        "**/api/staff/devices/*/gates/",
        lambda route: route.fulfill(status=400, json=refusal),
    )
    phone_page.get_by_label("الاسم").fill("Lane refused")
    phone_page.get_by_role("group", name="البوابات التي تمسح عندها").get_by_role(
        "checkbox", name="البوابة الشمالية"
    ).check()
    phone_page.get_by_role("button", name="إنشاء المحطة").click()
    expect(phone_page.get_by_test_id("bind-error")).to_contain_text("Not a gate of this")
    expect(phone_page.get_by_test_id("device-token")).to_be_visible()
    screenshot(phone_page, "staff-devices-bind-failed-ar")
    phone_page.get_by_role("button", name="حفظته").click()
    phone_page.get_by_role("button", name=re.compile("English —")).click()
    expect(cards.get_by_role("listitem").filter(has_text="Lane refused").first).to_contain_text(
        "No gate yet — it cannot scan"
    )
    screenshot(phone_page, "staff-devices-en")
