"""Issue 18 (15): signing in. The page says what signing in is for; the phone field starts in
the venue's country (a national number is read there); a new user is welcomed, not "welcomed
back"; the receiver of a ticket transfer sees who sends it, without the sender's number."""

from __future__ import annotations

import re
from urllib.parse import quote

from playwright.sync_api import Page, expect

from tests.e2e.conftest import WebApp, screenshot
from tests.e2e.guest_steps import (
    WORDS,
    api_as_browser,
    hold_as_browser,
    pay_with_test_provider,
    sign_in_by_phone,
    ticket_type_slot,
)

FESTIVAL = "summer-fest"
RESORT = "goa-palm-grove"  # an Indian venue


def test_the_phone_field_starts_in_the_venues_country(new_page, web_app: WebApp) -> None:
    page = new_page(390, lang="en")
    page.goto(f"/signin?next={quote(f'/events/{RESORT}')}")

    # What signing in is for, naming the event the guest came from.
    expect(page.locator(".co-signin-why")).to_contain_text("Sign in to book")
    expect(page.locator(".co-signin-why")).to_contain_text("Palm Grove")
    country = page.get_by_label("Country code")
    expect(country).to_have_value("IN")
    expect(page.locator("#signin-phone-hint")).to_contain_text("India")

    # A number typed the Indian way (no country code) is an Indian number.
    phone = web_app.fresh_phone("+9198765")
    offset = web_app.log_offset()
    page.get_by_label(WORDS["en"]["phone"]).fill(phone.removeprefix("+91"))
    page.get_by_role("button", name=WORDS["en"]["send"]).click()
    assert web_app.otp_for(phone, after=offset)
    screenshot(page, "signin-venue-country-en")

    # Without an event, Saudi Arabia; the guest may choose another country.
    other = new_page(1280, lang="ar")
    other.goto("/signin")
    expect(other.locator(".co-signin-why")).to_contain_text("سجّل الدخول لتحجز")
    country = other.get_by_label("رمز الدولة")
    expect(country).to_have_value("SA")
    screenshot(other, "signin-ar")
    country.select_option("IN")
    expect(other.locator("#signin-phone-hint")).to_contain_text("الهند")


def _sign_in_on_the_page(page: Page, web_app: WebApp, phone: str) -> None:
    offset = web_app.log_offset()
    page.get_by_label(WORDS["en"]["phone"]).fill(phone)
    page.get_by_role("button", name=WORDS["en"]["send"]).click()
    page.get_by_label(WORDS["en"]["code"]).fill(web_app.otp_for(phone, after=offset))
    page.get_by_role("button", name=WORDS["en"]["verify"]).click()


def test_a_new_user_is_welcomed_not_welcomed_back(new_page, web_app: WebApp) -> None:
    page = new_page(1280, lang="en")
    page.goto(f"/events/{FESTIVAL}")
    seat = page.locator('[data-seat][data-state="free"]').last
    label = seat.get_attribute("data-seat")
    seat.click()
    page.get_by_role("button", name="Sign in to hold").click()
    expect(page).to_have_url(re.compile(r"/signin\?next="))
    expect(page.locator(".co-signin-why")).to_contain_text("Summer Fest")

    _sign_in_on_the_page(page, web_app, web_app.fresh_phone("+9665516"))

    expect(page).to_have_url(re.compile(rf"/events/{FESTIVAL}$"))
    expect(page.locator(f'[data-seat="{label}"]')).to_have_attribute("data-state", "selected")
    expect(page.get_by_text("Welcome. Your selection is still here")).to_be_visible()
    expect(page.get_by_text("Welcome back")).to_have_count(0)
    screenshot(page, "signin-new-user-welcomed")


def test_the_transfer_receiver_sees_who_sends(new_page, web_app: WebApp) -> None:
    # A sender who never gave a name: the receiver sees their masked phone.
    sender = new_page(1280, lang="en")
    sender_phone = web_app.fresh_phone("+9665517")
    sign_in_by_phone(sender, web_app, sender_phone)
    slot = ticket_type_slot(web_app, FESTIVAL, "General Admission", 1)
    hold = hold_as_browser(sender, FESTIVAL, [{"slot": slot, "quantity": 1}])
    api_as_browser(
        sender, "POST", "/api/bookings/", {"hold": hold["id"], "details": {"holders": ["Sara"]}}
    )
    sender.goto(f"/checkout/{hold['id']}")
    pay_with_test_provider(sender)
    (ticket,) = api_as_browser(sender, "GET", "/api/tickets/")["results"]
    receiver_phone = web_app.fresh_phone("+9665518")
    api_as_browser(
        sender, "POST", "/api/tickets/transfers/", {"ticket": ticket["id"], "phone": receiver_phone}
    )

    receiver = new_page(390, lang="en")
    sign_in_by_phone(receiver, web_app, receiver_phone)
    incoming = receiver.get_by_test_id("incoming-offer")
    masked = f"+966 ••• {sender_phone[-3:]}"
    expect(incoming).to_contain_text(masked)
    expect(incoming).to_contain_text("is offering you a ticket")
    expect(incoming).not_to_contain_text("Someone")
    assert sender_phone not in incoming.inner_text()
    screenshot(receiver, "transfer-receiver-sees-sender-en")
    # The same in Arabic (the page's own language toggle).
    receiver.locator(".lang-toggle").click()
    expect(incoming).to_contain_text("يعرض عليك تذكرة")
    expect(incoming).to_contain_text(masked)
    screenshot(receiver, "transfer-receiver-sees-sender-ar")
