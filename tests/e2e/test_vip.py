"""The VIP evening in a real browser, in Arabic (right to left) first.

An invited phone goes /verify → /otp → /book → its confirmation with the QR pass, seeing on
the way a place taken by another guest (booked through the API) vanish without a reload.
A phone that is not invited and one that has already booked both land on /sorry and read the
very same words. Every page is photographed at 390 and 1280 px, in Arabic and in English.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WebApp, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

INVITED = "+966500000001"
OTHER_GUEST = "+966500000002"  # books through the API while INVITED watches /book
NOT_INVITED = "+966511111111"
ALREADY_BOOKED = "+966500000005"
EVENT = "vip-evening"

ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"


def arabic(digits: str) -> str:
    return "".join(ARABIC_DIGITS[int(digit)] for digit in digits)


def latin(text: str) -> str:
    return "".join(str(ARABIC_DIGITS.index(c)) if c in ARABIC_DIGITS else c for c in text)


def expect_rtl(page: Page) -> None:
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"


def photograph(page: Page, name: str) -> None:
    """The page at 390 and 1280 px, in Arabic and in English (through its own toggle)."""
    for lang in ("ar", "en"):
        if lang == "en":
            page.get_by_role("button", name=re.compile("English —")).click()
            expect(page.locator("html")).to_have_attribute("dir", "ltr")
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 844 if width < 700 else 900})
            screenshot(page, f"vip-{name}-{lang}")
    page.get_by_role("button", name=re.compile("Switch to Arabic")).click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.set_viewport_size({"width": 390, "height": 844})


def ask_for_code(page: Page, phone: str) -> None:
    page.goto("/verify")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect_rtl(page)
    page.get_by_label("رقم الجوال").fill(phone)
    page.get_by_role("button", name="أرسل رمز التحقق").click()


def book_through_api(web_app: WebApp, phone: str, slot: int) -> None:
    """Another invited guest takes a place at this arrival time."""
    with web_app.guest_api(phone, event=EVENT) as client:
        hold = client.post("/api/holds/", json={"event": EVENT, "items": [{"slot": slot}]})
        assert hold.status_code == 201, hold.text
        booking = client.post("/api/bookings/", json={"hold": hold.json()["id"]})
        assert booking.status_code == 201, booking.text
        assert booking.json()["status"] == "confirmed"


def places_left(page: Page, slot: int) -> int:
    text = page.get_by_test_id(f"slot-{slot}").inner_text()
    return int(re.findall(r"\d+", latin(text))[-1])


def test_an_invited_guest_books_an_arrival_time(new_page, web_app: WebApp) -> None:
    page = new_page(390, lang="ar")
    offset = web_app.log_offset()

    ask_for_code(page, INVITED)
    expect(page).to_have_url(re.compile(r"/otp$"))
    # The phone and request id travel in sessionStorage, never in the address.
    address = urlsplit(page.url)
    assert "966" not in address.path + address.query
    assert "request" not in address.path + address.query
    expect_rtl(page)

    # A wrong code says how many attempts are left, in Arabic digits.
    page.get_by_label("رمز التحقق").fill(arabic("000000"))
    page.get_by_role("button", name="تأكيد", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("المحاولات المتبقية: ٤")
    photograph(page, "otp")

    # The right code, typed in Arabic-Indic digits.
    page.get_by_label("رمز التحقق").fill(arabic(web_app.otp_for(INVITED, after=offset)))
    page.get_by_role("button", name="تأكيد", exact=True).click()
    expect(page).to_have_url(re.compile(r"/book$"))
    expect_rtl(page)
    expect(page.get_by_role("radio").first).to_be_visible()
    expect(page.locator(".conn[data-state='live']")).to_be_visible()

    # Another guest takes a place at the second arrival time: the count drops live.
    second = page.get_by_role("radio").nth(1)
    slot = int(second.get_attribute("value") or 0)
    before = places_left(page, slot)
    book_through_api(web_app, OTHER_GUEST, slot)
    expect(page.get_by_test_id(f"slot-{slot}")).to_contain_text(arabic(str(before - 1)))

    second.check()
    page.get_by_label("الاسم").fill("نورة العتيبي")
    photograph(page, "book")
    page.get_by_role("button", name="تأكيد الحضور").click()

    expect(page).to_have_url(re.compile(r"/vip/confirmed/[0-9a-f-]+$"))
    expect_rtl(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("تم تأكيد حضورك")
    expect(page.get_by_test_id("booking-status")).to_have_text("مؤكَّد")
    qr = page.get_by_role("img", name="رمز QR لبطاقة الدخول")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 0
    photograph(page, "confirmed")

    booking_id = page.url.rsplit("/", 1)[-1]
    rows = web_app.sql(
        "SELECT b.status, b.contact_name FROM bookings_booking b"
        " JOIN accounts_user u ON u.id = b.user_id WHERE b.id = ? AND u.phone = ?",
        (booking_id.replace("-", ""), INVITED),
    )
    assert rows == [("confirmed", "نورة العتيبي")]

    # Booked: coming back to /book shows the booking instead of the arrival times.
    page.goto("/book")
    expect(page).to_have_url(re.compile(r"/vip/confirmed/"))


def test_the_uninvited_and_the_already_booked_read_the_same_sorry(new_page, web_app) -> None:
    texts = []
    for phone in (NOT_INVITED, ALREADY_BOOKED):
        page = new_page(390, lang="ar")
        ask_for_code(page, phone)
        expect(page).to_have_url(re.compile(r"/sorry$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("نعتذر منك")
        expect_rtl(page)
        texts.append(page.locator("main").inner_text())
    assert texts[0] == texts[1]
    assert "966" not in texts[0]
    assert "511111111" not in texts[0]

    photograph(page, "sorry")
    page.get_by_role("link", name="جرّب رقمًا آخر").click()
    expect(page).to_have_url(re.compile(r"/verify$"))
    expect(page.get_by_label("رقم الجوال")).to_have_value("")
    photograph(page, "verify")


def test_the_code_page_needs_a_code_request(new_page) -> None:
    page = new_page(390, lang="ar")
    page.goto("/otp")
    expect(page).to_have_url(re.compile(r"/verify$"))
    page.goto("/book")
    expect(page).to_have_url(re.compile(r"/verify$"))
    expect_rtl(page)
