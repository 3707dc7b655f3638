"""The guest's way from a hold to a ticket, in a real browser.

Sign in by phone (the code from the server's console), then the checkout of a summer-fest
hold: a countdown that survives a reload, holder names, payment on the test provider's page,
the confirmation with a QR code that decodes to the ticket's code, and "my bookings". The
last minute is announced and can be extended; a released or expired hold says so and sends
the guest back to the event. A ticket goes to another phone and is accepted there.

The hold itself is made through the API with the browser's own session: picking seats is
the browse pages' job (tests/e2e/test_browse.py). Every page is photographed at 390 and
1280 px, in English and in Arabic.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WebApp, screenshot
from tests.e2e.guest_steps import (
    WORDS,
    api_as_browser,
    arabic_digits,
    decode_qr,
    expire_hold_in,
    hold_as_browser,
    pay_with_test_provider,
    sign_in_by_phone,
    ticket_type_slot,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FESTIVAL = "summer-fest"
GENERAL = "General Admission"


def holder_field(number: int) -> re.Pattern[str]:
    """The label of a holder's name field: the ticket's number, then its type."""
    return re.compile(rf"^Name on ticket {number}\s+General Admission$")


EXTEND_AR = f"أضف {arabic_digits('10')} دقائق"


def photograph(page: Page, name: str) -> None:
    """The page at 390 and 1280 px, in English then Arabic (through the page's own toggle),
    scrolled to the top (the countdown sticks there)."""
    start_lang = page.locator("html").get_attribute("lang") or "en"
    for lang in ("en", "ar"):
        if page.locator("html").get_attribute("lang") != lang:
            page.locator(".lang-toggle").click()
            expect(page.locator("html")).to_have_attribute("lang", lang)
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 844 if width < 700 else 900})
            page.evaluate("window.scrollTo(0, 0)")
            screenshot(page, f"{name}-{lang}")
    if page.locator("html").get_attribute("lang") != start_lang:
        page.locator(".lang-toggle").click()
        expect(page.locator("html")).to_have_attribute("lang", start_lang)


def countdown_seconds(page: Page) -> int:
    clock = page.get_by_test_id("hold-countdown")
    expect(clock).to_be_visible()
    return int(clock.get_attribute("data-seconds") or "-1")


def festival_hold(page: Page, web_app: WebApp, quantity: int) -> dict:
    slot = ticket_type_slot(web_app, FESTIVAL, GENERAL, quantity)
    return hold_as_browser(page, FESTIVAL, [{"slot": slot, "quantity": quantity}])


def test_guest_signs_in_checks_out_pays_and_gets_a_ticket(web_app: WebApp, new_page) -> None:
    page = new_page(1280, lang="en")
    phone = web_app.fresh_phone("+9665514")

    # Sign in: the phone, then the code, then back to where the guest was going.
    page.goto("/signin?next=/bookings")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    photograph(page, "checkout-signin")
    offset = web_app.log_offset()
    page.get_by_label(WORDS["en"]["phone"]).fill(phone)
    page.get_by_role("button", name="Send code").click()
    code_field = page.get_by_label(WORDS["en"]["code"])
    expect(code_field).to_be_focused()
    expect(code_field).to_have_attribute("autocomplete", "one-time-code")
    expect(code_field).to_have_attribute("inputmode", "numeric")
    expect(
        page.get_by_role("button", name=re.compile(r"^Resend code in \d:\d\d$"))
    ).to_be_disabled()
    photograph(page, "checkout-signin-code")
    code_field.fill(web_app.otp_for(phone, after=offset))
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url(re.compile(r"/bookings$"))
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    # The checkout of two tickets: what is held, with prices, and the countdown.
    hold = festival_hold(page, web_app, 2)
    page.goto(f"/checkout/{hold['id']}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Checkout")
    expect(page.get_by_test_id("checkout-total")).to_have_text("SAR 300.00")
    before = countdown_seconds(page)
    assert 0 < before <= 600

    # A reload keeps the countdown (from the server's clock), it does not start again.
    page.reload()
    after = countdown_seconds(page)
    assert 0 < after <= before

    # Holder names: both are needed.
    page.get_by_role("button", name="Continue to payment").click()
    expect(page.get_by_text("Enter a name.").first).to_be_visible()
    expect(page.get_by_label(holder_field(1))).to_be_focused()
    page.get_by_label(holder_field(1)).fill("Sara Ahmed")
    page.get_by_label(holder_field(2)).fill("Omar Ali")
    photograph(page, "checkout-details")
    page.get_by_role("button", name="Continue to payment").click()

    # Payment with the test provider (the embedded mode's only one).
    expect(page.get_by_role("heading", name=re.compile(r"^Payment"))).to_be_visible()
    expect(page.get_by_role("button", name="Pay SAR 300.00")).to_be_enabled()
    photograph(page, "checkout-payment")
    booking_id = pay_with_test_provider(page)

    # The confirmation: confirmed, two tickets, each with a QR code that decodes.
    status = page.get_by_test_id("booking-status")
    expect(status).to_have_attribute("data-status", "confirmed")
    expect(status).to_contain_text("You're all set!")
    codes = page.get_by_test_id("ticket-qr")
    expect(codes).to_have_count(2)
    tickets = api_as_browser(page, "GET", "/api/tickets/")["results"]
    # Named by the ticket's reference (isolated left to right), never a sequential id.
    references = "|".join(
        re.escape(ticket["reference"]) for ticket in tickets if ticket["booking"] == booking_id
    )
    expect(codes.first).to_have_attribute(
        "alt",
        re.compile(rf"QR code of Ticket \u2066({references})\u2069: General Admission, Sara Ahmed"),
    )
    payloads = {ticket["qr_payload"] for ticket in tickets if ticket["booking"] == booking_id}
    assert len(payloads) == 2
    assert decode_qr(codes.first) in payloads
    expect(page.get_by_role("button", name=re.compile(r"Download PDF")).first).to_be_visible()
    photograph(page, "checkout-confirmation")

    # My bookings and tickets.
    page.get_by_role("link", name="All my bookings").click()
    expect(page).to_have_url(re.compile(r"/bookings$"))
    expect(page.get_by_test_id("ticket-row")).to_have_count(2)
    expect(page.get_by_test_id("booking-row")).to_contain_text("Confirmed")
    photograph(page, "checkout-my-bookings")


def test_last_minute_warning_extension_release_and_expiry_in_arabic(
    web_app: WebApp, new_page
) -> None:
    page = new_page(390, lang="ar")
    phone = web_app.fresh_phone("+9665514")

    # Arabic-Indic digits are fine for the phone and the code; a wrong code says how many
    # attempts are left.
    offset = web_app.log_offset()
    page.goto("/signin?next=/bookings")
    page.get_by_label(WORDS["ar"]["phone"]).fill(arabic_digits(phone))
    page.get_by_role("button", name=WORDS["ar"]["send"]).click()
    code = web_app.otp_for(phone, after=offset)
    wrong = "111111" if code != "111111" else "222222"
    page.get_by_label(WORDS["ar"]["code"]).fill(arabic_digits(wrong))
    page.get_by_role("button", name=WORDS["ar"]["verify"]).click()
    expect(
        page.get_by_text(f"رمز غير صحيح. المحاولات المتبقية: {arabic_digits('4')}.")
    ).to_be_visible()
    page.get_by_label(WORDS["ar"]["code"]).fill(arabic_digits(code))
    page.get_by_role("button", name=WORDS["ar"]["verify"]).click()
    expect(page).to_have_url(re.compile(r"/bookings$"))

    # No warning with ten minutes left; one, announced, with under a minute.
    hold = festival_hold(page, web_app, 1)
    page.goto(f"/checkout/{hold['id']}")
    assert countdown_seconds(page) > 500
    expect(page.get_by_role("alert")).to_have_count(0)
    expire_hold_in(web_app, hold["id"], 45)
    page.reload()
    warning = page.get_by_role("alert").filter(has_text="بقي أقل من دقيقة")
    expect(warning).to_be_visible()
    assert 0 < countdown_seconds(page) <= 45
    photograph(page, "checkout-last-minute")

    # More time: the warning goes, and the event allows no second extension.
    warning.get_by_role("button", name=EXTEND_AR).click()
    expect(warning).to_have_count(0)
    # The 45 s left, plus ten minutes.
    expect(page.get_by_test_id("hold-countdown")).to_have_attribute(
        "data-seconds", re.compile(r"^6[34]\d$")
    )
    expect(page.get_by_role("button", name=EXTEND_AR)).to_have_count(0)

    # Release: asked once more, then the places are free and the way back is the event.
    page.get_by_role("button", name="ألغِ حجز هذه الأماكن").click()
    page.get_by_role("button", name="نعم، ألغِها").click()
    ended = page.get_by_test_id("hold-ended")
    expect(ended).to_have_attribute("data-reason", "released")
    expect(ended.get_by_role("link", name=re.compile("العودة إلى"))).to_have_attribute(
        "href", f"/events/{FESTIVAL}"
    )
    assert api_as_browser(page, "GET", f"/api/holds/{hold['id']}/")["status"] == "released"

    # A hold that runs out while the page is open ends there too.
    second = festival_hold(page, web_app, 1)
    page.goto(f"/checkout/{second['id']}")
    assert countdown_seconds(page) > 500
    expire_hold_in(web_app, second["id"], 3)
    page.reload()
    expect(page.get_by_test_id("hold-ended")).to_have_attribute(
        "data-reason", "expired", timeout=15_000
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("انتهت مهلة الحجز المؤقت")
    photograph(page, "checkout-expired")


def test_ticket_transfer_offer_cancel_and_accept(web_app: WebApp, new_page) -> None:
    sender = new_page(1280, lang="en")
    sender_phone = web_app.fresh_phone("+9665514")
    receiver_phone = web_app.fresh_phone("+9665514")
    sign_in_by_phone(sender, web_app, sender_phone)

    # A booking made through the API, paid in the browser: the checkout resumes at payment.
    hold = festival_hold(sender, web_app, 2)
    api_as_browser(
        sender,
        "POST",
        "/api/bookings/",
        {"hold": hold["id"], "details": {"holders": ["Sara", "Omar"]}},
    )
    sender.goto(f"/checkout/{hold['id']}")
    expect(sender.get_by_role("heading", name=re.compile(r"^Payment"))).to_be_visible()
    pay_with_test_provider(sender)
    expect(sender.get_by_test_id("ticket-qr")).to_have_count(2)

    # Offer a ticket, cancel the offer, offer it again.
    sender.goto("/bookings")
    first = sender.get_by_test_id("ticket-row").first
    first.get_by_role("button", name="Transfer").click()
    first.get_by_label("Their phone number").fill(receiver_phone)
    first.get_by_label("Their name (optional)").fill("Noura")
    first.get_by_role("button", name="Offer ticket").click()
    expect(sender.get_by_role("status").filter(has_text="Offered to")).to_be_visible()
    offer = first.get_by_test_id("pending-offer")
    expect(offer).to_contain_text(receiver_phone)
    photograph(sender, "checkout-transfer-offered")
    offer.get_by_role("button", name="Cancel offer").click()
    expect(sender.get_by_text("Offer cancelled. The ticket is still yours.")).to_be_visible()
    expect(first.get_by_test_id("pending-offer")).to_have_count(0)
    first.get_by_role("button", name="Transfer").click()
    first.get_by_label("Their phone number").fill(receiver_phone)
    first.get_by_role("button", name="Offer ticket").click()
    expect(first.get_by_test_id("pending-offer")).to_be_visible()

    # The receiver signs in with that phone and accepts: the ticket is theirs, with a new code.
    receiver = new_page(390, lang="en")
    receiver.goto("/bookings")  # signed out: sent to sign in, and back here afterwards
    expect(receiver).to_have_url(re.compile(r"/signin\?next=%2Fbookings$"))
    sign_in_by_phone(receiver, web_app, receiver_phone)
    incoming = receiver.get_by_test_id("incoming-offer")
    expect(incoming).to_have_count(1)
    photograph(receiver, "checkout-transfer-incoming")
    incoming.get_by_role("button", name="Accept ticket").click()
    expect(receiver.get_by_text("The ticket is yours. It is now in your tickets.")).to_be_visible()
    expect(receiver.get_by_test_id("ticket-row")).to_have_count(1)
    row = receiver.get_by_test_id("ticket-row")
    row.get_by_role("button", name="Show QR code").click()
    expect(row.get_by_test_id("ticket-qr")).to_be_visible()
    accepted = api_as_browser(receiver, "GET", "/api/tickets/")["results"]
    assert decode_qr(row.get_by_test_id("ticket-qr")) == accepted[0]["qr_payload"]

    # The sender keeps one ticket; the transfer shows as accepted.
    sender.reload()
    expect(sender.get_by_test_id("ticket-row")).to_have_count(1)
    expect(sender.get_by_role("region", name="Transfers")).to_contain_text("Accepted")
