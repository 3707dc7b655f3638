"""Two dead ends of issue 18, in a real browser.

A declined payment (the test provider's Fail, as "insufficient funds") used to read as
waiting ("Waiting for your payment… this page updates by itself", a spinner, forever): the
booking's page now says the payment failed, why, in the guest's language (English, then
Arabic through the page's own toggle), and offers "Try again" (the same provider, chosen
again) and "Choose another method"; trying again and paying confirms the booking.

A VIP guest who has booked used to meet /sorry ("we could not confirm an invitation") on
/verify and never their pass: the code request still refuses a used invitation exactly like
a stranger's (no enumeration), but every refused phone is offered to sign in, and a signed-in
guest whose invitation their own booking used is shown their pass on /verify.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WebApp, screenshot
from tests.e2e.guest_steps import (
    WORDS,
    api_as_browser,
    arabic_digits,
    hold_as_browser,
    sign_in_by_phone,
    ticket_type_slot,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FESTIVAL = "summer-fest"
GENERAL = "General Admission"
VIP_EVENT = "vip-evening"
SIGN_IN_FOR_PASS = "حجزت من قبل؟ سجّل الدخول لعرض بطاقة دخولك"


def test_a_declined_payment_says_why_and_offers_a_retry(web_app: WebApp, new_page) -> None:
    page = new_page(1280, lang="en")
    phone = web_app.fresh_phone("+9665518")
    sign_in_by_phone(page, web_app, phone)

    # A booking waiting for payment (made with the browser's session), then its checkout.
    slot = ticket_type_slot(web_app, FESTIVAL, GENERAL, 1)
    hold = hold_as_browser(page, FESTIVAL, [{"slot": slot, "quantity": 1}])
    booking = api_as_browser(
        page, "POST", "/api/bookings/", {"hold": hold["id"], "details": {"holders": ["Lina"]}}
    )
    page.goto(f"/checkout/{hold['id']}")
    page.get_by_role("button", name=WORDS["en"]["pay"]).click()

    # The test provider's page: fail, as a card without the funds.
    expect(page).to_have_url(re.compile(r"/api/payments/test/"))
    page.get_by_label(re.compile("Fail as")).select_option("insufficient_funds")
    page.get_by_role("button", name=re.compile(r"^Fail")).click()
    expect(page).to_have_url(re.compile(rf"/bookings/{booking['id']}$"))

    # It failed, and why: no "waiting" and no spinner.
    status = page.get_by_test_id("booking-status")
    expect(status).to_have_attribute("data-payment", "failed")
    expect(status).to_contain_text("Your payment did not go through")
    expect(page.get_by_test_id("payment-failure-reason")).to_have_text(
        "The card has insufficient funds."
    )
    expect(status.locator(".spinner")).to_have_count(0)
    expect(page.get_by_text("Waiting for your payment")).to_have_count(0)
    expect(page.get_by_role("link", name="Choose another method")).to_have_attribute(
        "href", f"/checkout/{hold['id']}"
    )
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 844 if width < 700 else 900})
        screenshot(page, "payment-declined-en")

    # The same in Arabic.
    page.locator(".lang-toggle").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_test_id("payment-failure-reason")).to_have_text("رصيد البطاقة غير كافٍ.")
    expect(page.get_by_role("link", name="حاول مرة أخرى")).to_be_visible()
    expect(page.get_by_role("link", name="اختر وسيلة دفع أخرى")).to_be_visible()
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 844 if width < 700 else 900})
        screenshot(page, "payment-declined-ar")
    page.locator(".lang-toggle").click()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")

    # Try again: back to the checkout with the same provider, pay, confirmed.
    page.get_by_role("link", name="Try again").click()
    expect(page).to_have_url(re.compile(rf"/checkout/{hold['id']}\?provider=test$"))
    page.get_by_role("button", name=WORDS["en"]["pay"]).click()
    expect(page).to_have_url(re.compile(r"/api/payments/test/"))
    page.get_by_role("button", name=re.compile(r"^Pay")).click()
    expect(page).to_have_url(re.compile(rf"/bookings/{booking['id']}$"))
    expect(page.get_by_test_id("booking-status")).to_have_attribute("data-status", "confirmed")


def invite(web_app: WebApp, phone: str) -> None:
    """Put ``phone`` on the VIP evening's allowlist (as the CSV import would)."""
    [(event_id,)] = web_app.sql("SELECT id FROM inventory_event WHERE slug = ?", (VIP_EVENT,))
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    web_app.sql(
        "INSERT INTO accounts_allowlistentry (event_id, phone, name, booked_at, booked_via,"
        " calendly_nonce, calendly_invitee, created_at, updated_at)"
        " VALUES (?, ?, '', NULL, '', '', '', ?, ?)",
        (event_id, phone, now, now),
    )


def book_vip(web_app: WebApp, phone: str) -> str:
    """The invited guest books an arrival time through the API, from another address (so the
    browser's own code requests for this phone later are not held back by the per-address
    cooldown); the booking's id."""
    transport = httpx.HTTPTransport(local_address="127.0.0.2")
    with httpx.Client(base_url=web_app.url, transport=transport, timeout=20) as anonymous:
        offset = web_app.log_offset()
        asked = anonymous.post("/api/auth/otp/request/", json={"phone": phone, "event": VIP_EVENT})
        assert asked.status_code == 200, asked.text
        verified = anonymous.post(
            "/api/auth/otp/verify/",
            json={
                "phone": phone,
                "request_id": asked.json()["request_id"],
                "code": web_app.otp_for(phone, after=offset),
            },
        )
        assert verified.status_code == 200, verified.text
    with web_app.client(verified.json()["access"]) as client:
        slots = client.get(f"/api/events/{VIP_EVENT}/availability/").json()["slots"]
        slot = next(s["id"] for s in slots if s["available"] > 0)
        hold = client.post("/api/holds/", json={"event": VIP_EVENT, "items": [{"slot": slot}]})
        assert hold.status_code == 201, hold.text
        booking = client.post(
            "/api/bookings/", json={"hold": hold.json()["id"], "details": {"name": "Huda"}}
        )
        assert booking.status_code == 201, booking.text
        assert booking.json()["status"] == "confirmed"
        return booking.json()["id"]


def ask_for_code(page: Page, phone: str) -> None:
    page.goto("/verify")
    page.get_by_label("رقم الجوال").fill(phone)
    page.get_by_role("button", name="أرسل رمز التحقق").click()


def test_a_booked_vip_is_shown_their_pass_not_a_dead_end(web_app: WebApp, new_page) -> None:
    phone = web_app.fresh_phone("+9665519")
    invite(web_app, phone)
    booking_id = book_vip(web_app, phone)
    stranger = web_app.fresh_phone("+9665519")

    # Before signing in, a booked phone is refused exactly like a stranger's (asked from
    # another address, so the browser's own requests below are not held by the cooldown).
    transport = httpx.HTTPTransport(local_address="127.0.0.3")
    with httpx.Client(base_url=web_app.url, transport=transport, timeout=20) as anonymous:
        refusals = [
            anonymous.post("/api/auth/otp/request/", json={"phone": who, "event": VIP_EVENT})
            for who in (stranger, phone)
        ]
    assert [r.status_code for r in refusals] == [403, 403]
    assert refusals[0].content == refusals[1].content

    # The refusal page is no dead end: it offers every refused phone to sign in.
    page = new_page(390, lang="ar")
    ask_for_code(page, stranger)
    expect(page).to_have_url(re.compile(r"/sorry$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("نعتذر منك")
    expect(page.get_by_role("link", name=SIGN_IN_FOR_PASS)).to_have_attribute(
        "href", "/signin?next=%2Fverify"
    )

    # The booked guest, on /verify, signs in by code and comes back to their pass.
    page = new_page(390, lang="ar")
    page.goto("/verify")
    page.get_by_role("link", name=SIGN_IN_FOR_PASS).click()
    expect(page).to_have_url(re.compile(r"/signin\?next="))
    # The sign-in page's chunks all loaded: a chunk arriving after the number is typed
    # re-mounts the page and empties the field (seen after other tests warmed the server).
    page.wait_for_load_state("networkidle")
    offset = web_app.log_offset()
    page.get_by_label(WORDS["ar"]["phone"]).fill(phone)
    page.get_by_role("button", name=WORDS["ar"]["send"]).click()
    page.get_by_label(WORDS["ar"]["code"]).fill(arabic_digits(web_app.otp_for(phone, after=offset)))
    page.get_by_role("button", name=WORDS["ar"]["verify"]).click()
    expect(page).to_have_url(re.compile(rf"/vip/confirmed/{booking_id}$"))
    qr = page.get_by_role("img", name="رمز QR لبطاقة الدخول")
    expect(qr).to_be_visible()
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 844 if width < 700 else 900})
        screenshot(page, "vip-pass-after-signin-ar")

    # Signed in, /verify itself shows the pass instead of asking for a code again.
    page.goto("/verify")
    expect(page).to_have_url(re.compile(rf"/vip/confirmed/{booking_id}$"))
    expect(page.get_by_role("img", name="رمز QR لبطاقة الدخول")).to_be_visible()
