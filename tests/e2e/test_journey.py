"""The product end to end, several people at once, in real browsers on one live server.

- Two guests on one festival: what one holds, the other sees taken within a second; when
  the hold runs out, the other sees it free again.
- A guest picks a ticket on the event page, signs in by phone (the code from the server's
  console), gives the holder's name, pays on the test provider's page and gets a QR ticket;
  the scanning station at the gate admits that ticket, a second scan says already used, and
  the staff dashboard open at the same time counts the check-in live.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import WebApp, screenshot
from tests.e2e.guest_steps import decode_qr, expire_hold_in, pay_with_test_provider
from tests.e2e.guest_steps import sign_in_by_phone as guest_signs_in
from tests.e2e.test_scan import dismiss, scan_code, sign_in_station
from tests.e2e.test_staff import open_event
from tests.e2e.test_staff import sign_in as staff_signs_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FESTIVAL = "summer-fest"
FESTIVAL_NAME = "Gatehouse Summer Fest"
SEAT = '[data-section="Grandstand"][data-seat="C7"]'  # no other browser test touches it


def is_hold_request(response: object) -> bool:
    return response.url.endswith("/api/holds/") and response.request.method == "POST"  # type: ignore[attr-defined]


def test_two_guests_see_a_hold_within_a_second_and_its_expiry(new_page, web_app: WebApp) -> None:
    watcher = new_page(1280, lang="en")
    watcher.goto(f"/events/{FESTIVAL}")
    expect(watcher.locator(".conn")).to_have_attribute("data-state", "live")
    watched_seat = watcher.locator(SEAT)
    expect(watched_seat).to_have_attribute("data-state", "free")

    guest = new_page(390, lang="en")
    guest_signs_in(guest, web_app, web_app.fresh_phone("+9665516"), next_path=f"/events/{FESTIVAL}")
    seat = guest.locator(SEAT)
    seat.click()
    expect(seat).to_have_attribute("data-state", "selected")
    with guest.expect_response(is_hold_request) as answer:
        guest.get_by_role("button", name="Hold for 10 minutes").click()
    held_at = time.monotonic()
    assert answer.value.status == 201, answer.value.text()
    hold_id = answer.value.json()["id"]

    # The other guest's page turns the seat taken, pushed over the websocket.
    expect(watched_seat).to_have_attribute("data-state", "taken", timeout=1_000)
    assert time.monotonic() - held_at < 1.0
    expect(guest).to_have_url(re.compile(rf"/checkout/{hold_id}$"))
    expect(guest.get_by_test_id("hold-countdown")).to_be_visible()
    screenshot(watcher, "journey-seat-taken-en")

    # Time runs out (the end moved to now): the sweeper releases it, both pages follow.
    expire_hold_in(web_app, hold_id, 0.5)
    expect(watched_seat).to_have_attribute("data-state", "free", timeout=5_000)
    expect(guest.get_by_test_id("hold-ended")).to_have_attribute(
        "data-reason", "expired", timeout=5_000
    )


def test_a_bought_ticket_is_admitted_once_and_the_dashboard_counts_it(
    new_page, web_app: WebApp
) -> None:
    with web_app.station_api() as station_api:
        gates = station_api.get(f"/api/events/{FESTIVAL}/gates/").json()["gates"]
    gate = next(gate for gate in gates if gate["name"] == "North gate")

    # Staff watch the dashboard from the start.
    staff = new_page(1280, lang="en")
    staff_signs_in(staff, web_app)
    open_event(staff, FESTIVAL_NAME)
    check_ins = staff.get_by_test_id(f"checkins-{gate['id']}")
    expect(check_ins).to_be_visible()
    before = int(check_ins.get_attribute("data-value") or "0")

    # A guest buys one General Admission ticket through the pages.
    guest = new_page(390, lang="en")
    guest.goto(f"/events/{FESTIVAL}")
    guest.get_by_role("button", name="One more General Admission").click()
    guest.get_by_role("button", name="Sign in to hold").click()
    phone = web_app.fresh_phone("+9665517")
    offset = web_app.log_offset()
    guest.get_by_label(re.compile("phone", re.I)).fill(phone)
    guest.get_by_role("button", name="Send code").click()
    guest.get_by_label(re.compile("code", re.I)).fill(web_app.otp_for(phone, after=offset))
    guest.get_by_role("button", name="Verify").click()
    expect(guest).to_have_url(re.compile(rf"/events/{FESTIVAL}$"))
    guest.get_by_role("button", name="Hold for 10 minutes").click()
    expect(guest).to_have_url(re.compile(r"/checkout/[0-9a-f-]{36}$"))
    guest.get_by_label(re.compile(r"^Name on ticket 1")).fill("Noura Journey")
    guest.get_by_role("button", name="Continue to payment").click()
    pay_with_test_provider(guest)
    expect(guest.get_by_test_id("booking-status")).to_have_attribute("data-status", "confirmed")
    code = decode_qr(guest.get_by_test_id("ticket-qr").first)
    assert code.startswith("GH1")
    screenshot(guest, "journey-ticket-en")

    # The station at the North gate scans it (typed here: the test browser has no camera).
    station = new_page(390, lang="ar")
    sign_in_station(station, web_app, "ar", "journey-scan-ar")
    result = scan_code(station, "ar", code, "admitted", "journey-admitted-ar")
    expect(result).to_contain_text("Noura Journey")
    dismiss(station)

    # The dashboard counts the check-in without a reload.
    expect(check_ins).to_have_attribute("data-value", str(before + 1), timeout=5_000)

    # The same ticket again: already used, with where it got in; the count stays.
    result = scan_code(station, "ar", code, "already_used", "journey-already-used-ar")
    expect(result).to_contain_text("Noura Journey")
    dismiss(station)
    staff.wait_for_timeout(1_500)  # a dashboard frame would have come by now
    expect(check_ins).to_have_attribute("data-value", str(before + 1))
    screenshot(staff, "journey-dashboard-en")
