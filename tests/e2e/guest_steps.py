"""Steps a guest takes in the browser, for any browser test to reuse.

- ``sign_in_by_phone``: the /signin page, with the code read from the server's console.
- ``browser_access_token``: an access token of the browser's own session (to call the API
  as that guest from Python: the refresh cookie is rotated through the context's cookie jar,
  so the page keeps a working session).
- ``hold_as_browser``: a hold made with that session (the browse pages normally do it).
- ``pay_with_test_provider``: on the checkout's payment step, pay on the test provider's page.
- ``expire_hold_in``: move a hold's end closer by writing the database.
- ``decode_qr``: the text of a QR code image on the page (zxing-cpp).
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import httpx
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import WebApp

WORDS = {
    "en": {
        "phone": re.compile(r"phone", re.I),
        "code": re.compile(r"verification code", re.I),  # not the "Country code" select
        "send": re.compile(r"^Send code$"),
        "verify": re.compile(r"^Verify$"),
        "pay": re.compile(r"^Pay "),
    },
    "ar": {
        "phone": re.compile(r"رقم الجوال"),
        "code": re.compile(r"رمز التحقق"),
        "send": re.compile(r"^أرسل الرمز$"),
        "verify": re.compile(r"^تحقّق$"),
        "pay": re.compile(r"^ادفع "),
    },
}

ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def arabic_digits(text: str) -> str:
    """The same number in Arabic-Indic digits (what an Arabic keyboard types)."""
    return text.translate(ARABIC_DIGITS)


def sign_in_by_phone(
    page: Page,
    web_app: WebApp,
    phone: str,
    *,
    next_path: str = "/bookings",
    lang: str = "en",
    typed_phone: str | None = None,
) -> None:
    """Sign in on /signin and land on ``next_path``."""
    words = WORDS[lang]
    offset = web_app.log_offset()
    page.goto(f"/signin?next={quote(next_path)}")
    page.get_by_label(words["phone"]).fill(typed_phone or phone)
    page.get_by_role("button", name=words["send"]).click()
    code = web_app.otp_for(phone, after=offset)
    page.get_by_label(words["code"]).fill(arabic_digits(code) if lang == "ar" else code)
    page.get_by_role("button", name=words["verify"]).click()
    expect(page).to_have_url(re.compile(re.escape(next_path) + r"$"))


def browser_access_token(page: Page) -> str:
    """A fresh access token for the browser's session (its refresh cookie is rotated in the
    context's own cookie jar, so the page's next refresh still works)."""
    csrf = page.request.get("/api/auth/csrf/").json()["csrf_token"]
    answer = page.request.post(
        "/api/auth/token/refresh/",
        headers={"X-CSRFToken": csrf, "Content-Type": "application/json"},
        data="{}",
    )
    assert answer.ok, answer.text()
    return answer.json()["access"]


def api_as_browser(page: Page, method: str, path: str, body: Any = None) -> Any:
    """Call the API as the browser's guest; the JSON answer (asserting success)."""
    headers = {"Authorization": f"Bearer {browser_access_token(page)}"}
    answer = page.request.fetch(path, method=method, headers=headers, data=body)
    assert answer.ok, f"{method} {path}: {answer.status} {answer.text()}"
    return answer.json()


def ticket_type_slot(web_app: WebApp, event: str, name: str, quantity: int) -> int:
    """The slot of a ticket type (or room, bay…) called ``name`` with ``quantity`` free."""
    with_resources = web_app_get(web_app, f"/api/events/{event}/")
    resource = next(r["id"] for r in with_resources["resources"] if r["name"] == name)
    slots = web_app_get(web_app, f"/api/events/{event}/availability/")["slots"]
    return next(s["id"] for s in slots if s["resource"] == resource and s["available"] >= quantity)


def web_app_get(web_app: WebApp, path: str) -> Any:
    answer = httpx.get(web_app.url + path, timeout=15)
    answer.raise_for_status()
    return answer.json()


def hold_as_browser(page: Page, event: str, items: list[dict[str, int]]) -> dict[str, Any]:
    """Hold places as the signed-in browser guest; the hold (its ``id`` for /checkout/)."""
    return api_as_browser(page, "POST", "/api/holds/", {"event": event, "items": items})


def pay_with_test_provider(page: Page, *, lang: str = "en") -> str:
    """From the payment step: Pay, then the test page's Pay; returns the booking id."""
    page.get_by_role("button", name=WORDS[lang]["pay"]).click()
    expect(page).to_have_url(re.compile(r"/api/payments/test/"))
    page.get_by_role("button", name=re.compile(r"^Pay")).click()
    expect(page).to_have_url(re.compile(r"/bookings/[0-9a-f-]{36}$"))
    return page.url.rsplit("/", 1)[-1]


def expire_hold_in(web_app: WebApp, hold_id: str, seconds: float) -> None:
    """Make a hold end ``seconds`` from now (SQLite keeps UTC as text, UUIDs as hex)."""
    when = datetime.now(UTC) + timedelta(seconds=seconds)
    web_app.sql(
        "UPDATE inventory_hold SET expires_at = ?, warned_at = NULL WHERE id = ?",
        (when.strftime("%Y-%m-%d %H:%M:%S.%f"), hold_id.replace("-", "")),
    )


def decode_qr(image: Locator) -> str:
    """The text of the QR code an <img> shows, read from a screenshot of it."""
    import zxingcpp
    from PIL import Image

    picture = Image.open(io.BytesIO(image.screenshot()))
    found = zxingcpp.read_barcodes(picture)
    assert found, "no QR code found in the image"
    return found[0].text
