"""The links our messages carry, followed in a real browser on the live server.

- The password reset e-mail: asked for from the staff sign-in's "forgot your password?", read
  from the server's console (the embedded mode's e-mail backend), its link opened, the
  server's objections shown under the field, a new password set, and signed in with it; a
  used link says so and offers a new one. An Arabic account's link opens the page in Arabic.
- The tickets SMS: comp tickets of a phone-only guest (no e-mail; the phone proved once with a
  code, as the SMS goes only to proved mobiles), sent again by staff; the SMS the server
  logged (`SMS <phone> <text>`) carries a signed link that shows the tickets with their QR
  codes to a browser nobody signed in to, in English and Arabic; a ticket the guest transfers
  leaves the link. A bad link says so.

Every page is photographed at 390 and 1280 px.
"""

from __future__ import annotations

import re
import time
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WebApp, _manage, screenshot
from tests.e2e.guest_steps import decode_qr, ticket_type_slot
from tests.support.live import embedded_env

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FESTIVAL = "summer-fest"
FESTIVAL_NAME = "Gatehouse Summer Fest"
RESET_LINK = re.compile(r"(https?://\S+?/reset-password\?lang=\w+&uid=[\w-]+&token=[\w-]+)")
OLD_PASSWORD = "first pass phrase 1"
NEW_PASSWORD = "river otter lantern 42"


def wait_for(web_app: WebApp, pattern: re.Pattern[str], after: int, timeout: float = 10) -> str:
    """The first group of the first match in the server's console after ``after``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = pattern.search(web_app.server.log()[after:])
        if found:
            return found.group(1)
        time.sleep(0.1)
    raise AssertionError(f"{pattern.pattern} not in the server log")


def both_widths(page: Page, name: str) -> None:
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 844 if width < 700 else 900})
        screenshot(page, name)


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


# --- the password reset e-mail ----------------------------------------------------------------


def staff_account(web_app: WebApp, email: str, language: str) -> None:
    """A staff account with a password, made in the server's database (no API makes one)."""
    code = (
        "from backend.accounts.models import Role, RoleGrant, User\n"
        f"user = User.objects.create_user({email!r}, {OLD_PASSWORD!r}, name='Rana Reset', "
        f"language={language!r}, verified_email={email!r})\n"
        "RoleGrant.objects.create(user=user, role=Role.STAFF)\n"
    )
    _manage(embedded_env(web_app.var_dir), "shell", "-c", code)


def login(web_app: WebApp, email: str, password: str) -> int:
    with web_app.client() as api:
        return api.post("/api/auth/login/", json={"email": email, "password": password}).status_code


def test_a_reset_e_mail_leads_to_a_new_password_and_a_sign_in(web_app: WebApp, new_page) -> None:
    email = "rana.reset@gatehouse.local"
    staff_account(web_app, email, "en")
    page = new_page(390, lang="en")

    # Forgot the password: the staff sign-in leads to the request form.
    page.goto("/staff")
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page).to_have_url(re.compile(r"/reset-password$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Forgot your password?")
    both_widths(page, "reset-request-en")
    offset = web_app.log_offset()
    page.get_by_label("E-mail").fill(email)
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_test_id("reset-requested")).to_contain_text(email)
    both_widths(page, "reset-requested-en")

    # The e-mail the server sent (its console), and its link: to the address served.
    link = wait_for(web_app, RESET_LINK, offset)
    assert link.startswith(f"{web_app.url}/reset-password?lang=en&uid="), link
    path = link.removeprefix(web_app.url)
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    password = page.get_by_label("New password", exact=True)
    again = page.get_by_label("New password again")

    # Typed differently: said under the second field, nothing sent.
    password.fill(NEW_PASSWORD)
    again.fill(NEW_PASSWORD + "!")
    page.get_by_role("button", name="Set new password").click()
    expect(page.get_by_text("The two passwords are not the same.")).to_be_visible()
    expect(again).to_have_attribute("aria-invalid", "true")

    # The server's objections, under the password.
    password.fill("12345678")
    again.fill("12345678")
    page.get_by_role("button", name="Set new password").click()
    expect(password).to_have_attribute("aria-invalid", "true")
    objection = page.locator(f"#{password.get_attribute('id')}-error")
    expect(objection).to_contain_text("This password is entirely numeric.")
    expect(objection).to_contain_text("This password is too common.")
    both_widths(page, "reset-objections-en")

    password.fill(NEW_PASSWORD)
    again.fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set new password").click()
    expect(page.get_by_test_id("reset-done")).to_be_visible()
    both_widths(page, "reset-done-en")
    assert login(web_app, email, OLD_PASSWORD) == 401

    # Sign in with it.
    page.get_by_role("link", name="Sign in with your new password").click()
    expect(page).to_have_url(re.compile(r"/staff$"))
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_text("Rana Reset")).to_be_visible()

    # The link worked once: now it says so and offers a new one.
    other = new_page(1280, lang="en")
    other.goto(path)
    other.get_by_label("New password", exact=True).fill("another fine phrase 7")
    other.get_by_label("New password again").fill("another fine phrase 7")
    other.get_by_role("button", name="Set new password").click()
    expect(other.get_by_test_id("reset-invalid")).to_be_visible()
    expect(other.get_by_role("button", name="Send me a link")).to_be_visible()
    both_widths(other, "reset-invalid-en")
    assert login(web_app, email, NEW_PASSWORD) == 200


def test_an_arabic_accounts_reset_link_opens_in_arabic(web_app: WebApp, new_page) -> None:
    email = "huda.reset@gatehouse.local"
    staff_account(web_app, email, "ar")
    offset = web_app.log_offset()
    with web_app.client() as api:
        ok(api.post("/api/auth/password/reset/", json={"email": email}))
    path = wait_for(web_app, RESET_LINK, offset).removeprefix(web_app.url)
    assert path.startswith("/reset-password?lang=ar&uid=")

    page = new_page(390)  # no language chosen yet: the link's
    page.goto(path)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("اختر كلمة مرور جديدة")
    page.get_by_label("كلمة المرور الجديدة", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("كلمة المرور الجديدة مرة أخرى").fill("different")
    page.get_by_role("button", name="احفظ كلمة المرور").click()
    expect(page.get_by_text("كلمتا المرور غير متطابقتين.")).to_be_visible()
    both_widths(page, "reset-form-ar")
    page.get_by_label("كلمة المرور الجديدة مرة أخرى").fill(NEW_PASSWORD)
    page.get_by_role("button", name="احفظ كلمة المرور").click()
    expect(page.get_by_test_id("reset-done")).to_contain_text("سُجِّل خروج كل جهاز")
    both_widths(page, "reset-done-ar")

    page.get_by_role("link", name="سجّل الدخول بكلمة المرور الجديدة").click()
    page.get_by_label("البريد الإلكتروني").fill(email)
    page.get_by_label("كلمة المرور", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name="تسجيل الدخول").click()
    expect(page.get_by_role("button", name="تسجيل الخروج")).to_be_visible()

    # The request form, in Arabic too.
    asking = new_page(390, lang="ar")
    asking.goto("/reset-password")
    expect(asking.get_by_role("heading", level=1)).to_have_text("نسيت كلمة المرور؟")
    asking.get_by_role("button", name="أرسل لي رابطًا").click()
    expect(asking.get_by_text("اكتب بريدك الإلكتروني.")).to_be_visible()
    both_widths(asking, "reset-request-ar")


# --- the tickets SMS ------------------------------------------------------------------------


def comp_and_resend(web_app: WebApp, phone: str, quantity: int) -> tuple[dict[str, Any], str]:
    """Staff give a phone comp tickets and send them again: the booking, and the SMS text."""
    slot = ticket_type_slot(web_app, FESTIVAL, "General Admission", quantity)
    with web_app.staff_api() as staff:
        booking = ok(
            staff.post(
                "/api/staff/comps/",
                json={"event": FESTIVAL, "phone": phone, "name": "Layla Link",
                      "items": [{"slot": slot, "quantity": quantity}]},
            ),
            201,
        )  # fmt: skip
        offset = web_app.log_offset()
        ok(staff.post("/api/tickets/resend/", json={"booking": booking["id"]}), 202)
    text = wait_for(web_app, re.compile(rf"SMS {re.escape(phone)} (.+)"), offset)
    return booking, text


def link_path(text: str, web_app: WebApp) -> str:
    """The path of the SMS's link, which points at the address served."""
    found = re.search(r"(https?://[^\s/]+)(/t/\S+)$", text)
    assert found, text
    assert found.group(1) == web_app.url, text
    return found.group(2)


def test_the_tickets_sms_link_shows_the_tickets_without_signing_in(
    web_app: WebApp, new_page
) -> None:
    phone = web_app.fresh_phone("+9665518")
    guest = web_app.guest_api(phone)  # proves the phone once (tickets SMS go to proved mobiles)
    booking, text = comp_and_resend(web_app, phone, 2)
    assert text.startswith(f"Your tickets for {FESTIVAL_NAME}: http")
    path = link_path(text, web_app)
    shown = ok(httpx.get(f"{web_app.url}/api/tickets/links/{path.removeprefix('/t/')}/"))
    assert shown["booking"] == booking["id"]
    kept, given = shown["tickets"]

    # Nobody signed in, on a phone.
    page = new_page(390, lang="en")
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your tickets")
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
    qr = page.get_by_test_id("ticket-qr")
    expect(qr).to_have_count(2)
    assert decode_qr(qr.first) == kept["qr_payload"]
    assert decode_qr(qr.nth(1)) == given["qr_payload"]
    event = page.get_by_test_id("ticket-link-event")
    expect(event).to_contain_text(FESTIVAL_NAME)
    zone = shown["event"]["time_zone"]
    local = datetime.fromisoformat(shown["event"]["starts_at"]).astimezone(ZoneInfo(zone))
    expect(event).to_contain_text(local.strftime("%H:%M"))  # the venue's time, en-GB
    expect(event).to_contain_text(f"{local.day} {local:%B %Y}")
    expect(event).to_contain_text(zone)
    both_widths(page, "ticket-link-en")

    # The same link in Arabic, right to left.
    arabic = new_page(390, lang="ar")
    arabic.goto(path)
    expect(arabic.locator("html")).to_have_attribute("dir", "rtl")
    expect(arabic.get_by_role("heading", level=1)).to_contain_text("تذاكرك")
    expect(arabic.get_by_test_id("ticket-qr")).to_have_count(2)
    assert decode_qr(arabic.get_by_test_id("ticket-qr").first) == kept["qr_payload"]
    both_widths(arabic, "ticket-link-ar")

    # The guest signs in elsewhere and gives one ticket away; it leaves the link.
    receiver_phone = web_app.fresh_phone("+9665518")
    with guest, web_app.guest_api(receiver_phone) as receiver:
        offer = ok(
            guest.post(
                "/api/tickets/transfers/", json={"ticket": given["id"], "phone": receiver_phone}
            ),
            201,
        )
        ok(receiver.post(f"/api/tickets/transfers/{offer['id']}/accept/"))
    page.reload()
    expect(page.get_by_test_id("ticket-qr")).to_have_count(1)
    expect(page.locator(f"#ticket-{kept['id']}-title")).to_be_visible()
    expect(page.locator(f"#ticket-{given['id']}-title")).to_have_count(0)
    assert decode_qr(page.get_by_test_id("ticket-qr")) == kept["qr_payload"]
    given_qr = httpx.get(f"{web_app.url}{given['qr_svg']}")
    assert given_qr.status_code == 404
    both_widths(page, "ticket-link-after-transfer-en")


def test_an_arabic_guests_sms_opens_the_tickets_in_arabic(web_app: WebApp, new_page) -> None:
    phone = web_app.fresh_phone("+9665518")
    with web_app.guest_api(phone) as guest:  # the guest once chose Arabic
        ok(guest.patch("/api/auth/me/", json={"language": "ar"}))
    _, text = comp_and_resend(web_app, phone, 1)
    # The event's name (in Arabic once it has one) is an isolated run (FSI ... PDI) in the
    # Arabic text; the link ends the message as it is.
    assert text.startswith("تذاكرك لـ \u2068")
    assert "\u2069: http" in text

    page = new_page(1280)  # no language chosen in this browser: the booking's
    page.goto(link_path(text, web_app))
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.get_by_role("heading", level=1)).to_contain_text("تذاكرك")
    expect(page.get_by_test_id("ticket-qr")).to_have_count(1)
    assert decode_qr(page.get_by_test_id("ticket-qr")).startswith("GH1")
    both_widths(page, "ticket-link-sms-ar")


def test_a_bad_tickets_link_says_so_and_offers_to_sign_in(web_app: WebApp, new_page) -> None:
    for lang, title in (("en", "This link no longer works"), ("ar", "هذا الرابط لم يعد صالحًا")):
        page = new_page(390, lang=lang)
        page.goto("/t/WyJub3QiLCAiYSB0b2tlbiJd:1vKx2Q:forged")
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.get_by_test_id("ticket-link-invalid")).to_be_visible()
        signin = page.locator("main").get_by_role("link")
        expect(signin).to_have_attribute("href", "/signin?next=%2Fbookings")
        both_widths(page, f"ticket-link-invalid-{lang}")
