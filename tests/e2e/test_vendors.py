"""The festival's vendors in a real browser: someone applies at /vendor/summer-fest (sent to
sign in first, a logo previewed, the form's own checks), staff reject with a reason and the
vendor applies again, staff approve on /staff/vendors and put the vendor in a booth on the map
of /staff/booths (a second member of staff filling the same booth first is a 409 the page
explains), the vendor's dashboard shows the booth on the map, pays its fee with the test
provider and shows the setup code, whose QR code a scanning station at the load-in gate admits
(vendor, booth, crew count), and refuses outside the setup window.

In English on a phone and in Arabic on a laptop (staff the other way round). The setup window
and the load-in gate's station are set up in the server's database and through the staff API.
"""

from __future__ import annotations

import io
import re
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import SCREENSHOTS, WebApp, _manage, screenshot
from tests.e2e.guest_steps import api_as_browser, decode_qr, sign_in_by_phone
from tests.support.live import embedded_env

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EVENT = "summer-fest"
LOAD_IN = "Service road (load-in)"  # the demo's load-in gate
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

WORDS = {
    "en": {
        "name": "Business name",
        "category": "What you sell",
        "description": "Description",
        "logo": "Logo (optional)",
        "email": "E-mail",
        "phone": "Phone",
        "website": "Website (optional)",
        "send": "Send application",
        "required": "Fill this in.",
        "again": "Apply again",
        "full": "Show at the gate (full screen)",
        "close": "Close",
        "token": "Device token",
        "sign_in": "Sign in station",
        "code": "Ticket code",
        "check": "Check",
        "approve": "Approve",
        "assign": "Assign",
        "vendor": "Vendor",
        "list": "List",
        "crew": "Crew: {admitted} of {allowed} in",
        "booth": "Booth {}",
        "crew_in": "{admitted} of {allowed} crew in",
        "scanned": "Crew member in",
        "edit": "Edit",
        "save": "Save profile",
    },
    "ar": {
        "name": "اسم النشاط التجاري",
        "category": "ماذا تبيع",
        "description": "الوصف",
        "logo": "الشعار (اختياري)",
        "email": "البريد الإلكتروني",
        "phone": "رقم الجوال",
        "website": "الموقع الإلكتروني (اختياري)",
        "send": "أرسل الطلب",
        "required": "املأ هذا الحقل.",
        "again": "قدّم الطلب مجددًا",
        "full": "اعرضه عند البوابة (ملء الشاشة)",
        "close": "إغلاق",
        "token": "رمز الجهاز",
        "sign_in": "تسجيل دخول المحطة",
        "code": "رمز التذكرة",
        "check": "تحقّق",
        "approve": "قبول",
        "assign": "تخصيص",
        "vendor": "البائع",
        "list": "قائمة",
        "crew": "الطاقم: {admitted} من {allowed} في الداخل",
        "booth": "الجناح {}",
        "crew_in": "{admitted} من {allowed} من الطاقم في الداخل",
        "scanned": "دخل فرد من الطاقم",
        "edit": "تعديل",
        "save": "احفظ الملف",
    },
}


def digits(text: str, lang: str) -> str:
    return text.translate(ARABIC_DIGITS) if lang == "ar" else text


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def logo_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (120, 120), "#0d9488").save(out, "PNG")
    return out.getvalue()


def run_django(web_app: WebApp, code: str) -> str:
    """Python run in the server's own database (``manage.py shell``)."""
    return _manage(embedded_env(web_app.var_dir), "shell", "-c", code)


def set_setup_window(web_app: WebApp, *, open_now: bool) -> None:
    """The festival's setup window: around now, or over an hour ago."""
    starts, ends = ("-1", "2") if open_now else ("-3", "-1")
    run_django(
        web_app,
        "from datetime import timedelta\n"
        "from django.utils import timezone\n"
        "from backend.inventory.models import Event\n"
        "from backend.vendors.models import VendorSettings\n"
        f"event = Event.objects.get(slug={EVENT!r})\n"
        "now = timezone.now()\n"
        "VendorSettings.objects.update_or_create(event=event, defaults={"
        f"'setup_starts_at': now + timedelta(hours={starts}), "
        f"'setup_ends_at': now + timedelta(hours={ends})}})\n",
    )


def load_in_station(web_app: WebApp, label: str) -> str:
    """A new scanning station bound to the load-in gate only; its token."""
    with web_app.staff_api() as staff:
        gates = ok(staff.get(f"/api/events/{EVENT}/gates/"))["gates"]
        gate = next(g for g in gates if g["name"] == LOAD_IN)
        assert gate["load_in"] is True
        device = ok(staff.post("/api/staff/devices/", json={"label": label, "event": EVENT}), 201)
        ok(staff.put(f"/api/staff/devices/{device['id']}/gates/", json={"gates": [gate["id"]]}))
        return device["token"]


def staff_page(new_page, web_app: WebApp, *, width: int, lang: str) -> Page:
    """A member of staff signed in at /staff with the festival chosen."""
    page = new_page(width=width, lang=lang)
    page.context.add_init_script(f"localStorage.setItem('gh.staff.event', {EVENT!r})")
    page.goto("/staff")
    page.locator("input[type=email]").fill(web_app.staff_email)
    page.locator("input[type=password]").fill(web_app.staff_password)
    page.locator("form button[type=submit]").click()
    expect(page.locator(".staff-tabs")).to_be_visible()
    return page


def free_booths(web_app: WebApp) -> list[str]:
    with web_app.staff_api() as staff:
        booths = ok(staff.get(f"/api/staff/booths/?event={EVENT}"))
    return sorted(b["code"] for b in booths if b["vendor"] is None)


# --- the vendor's application ---------------------------------------------------------------


def fill_application(page: Page, lang: str, name: str, phone: str) -> None:
    words = WORDS[lang]
    page.get_by_label(words["name"]).fill(name)
    page.get_by_label(words["category"]).select_option("food")
    page.get_by_label(words["description"]).fill("Grilled halloumi wraps and mint lemonade.")
    page.get_by_label(words["logo"]).set_input_files(
        {"name": "logo.png", "mimeType": "image/png", "buffer": logo_png()}
    )
    expect(page.get_by_test_id("logo-preview")).to_be_visible()
    page.get_by_label(words["email"]).fill("halloumi@example.com")
    page.get_by_label(words["phone"]).fill(phone)
    page.get_by_label(words["website"]).fill("halloumi.example")


def apply_as_vendor(page: Page, web_app: WebApp, lang: str, name: str, phone: str, shot: str):
    words = WORDS[lang]
    # The festivals taking vendors, each with its portal.
    page.goto("/vendor")
    expect(page.locator(f"a[href='/vendor/{EVENT}']")).to_be_visible()
    screenshot(page, f"{shot}-home")
    # Not signed in: the portal sends the visitor to sign in, and back.
    page.locator(f"a[href='/vendor/{EVENT}']").click()
    expect(page).to_have_url(re.compile(r"/signin\?next=%2Fvendor%2Fsummer-fest$"))
    sign_in_by_phone(page, web_app, phone, next_path=f"/vendor/{EVENT}", lang=lang)
    expect(page.get_by_label(words["name"])).to_be_visible()
    # The phone of the account is filled in; an empty name is caught before sending.
    page.get_by_label(words["phone"]).fill("")
    page.get_by_role("button", name=words["send"]).click()
    expect(page.get_by_text(words["required"]).first).to_be_visible()
    expect(page.get_by_label(words["name"])).to_be_focused()
    screenshot(page, f"{shot}-apply-errors")
    fill_application(page, lang, name, phone)
    screenshot(page, f"{shot}-apply")
    page.get_by_role("button", name=words["send"]).click()
    status = page.get_by_test_id("vendor-status")
    expect(status).to_have_attribute("data-status", "pending")
    expect(status).to_contain_text(name)
    screenshot(page, f"{shot}-pending")


# --- staff ----------------------------------------------------------------------------------


def decide(page: Page, lang: str, name: str, action: str, reason: str = "") -> None:
    page.goto("/staff/vendors?status=pending")
    row = page.locator(f"[data-name='{name}']")
    expect(row).to_be_visible()
    row.locator(f"[data-action='{action}']").click()
    if action == "approve":
        expect(page.get_by_test_id("vendors-notice")).to_contain_text(name)
        return
    dialog = page.locator("dialog[open]")
    expect(dialog).to_be_visible()
    # A reason is asked for before anything is sent.
    dialog.locator("button[type=submit]").click()
    expect(dialog.locator(".field-error")).to_be_visible()
    dialog.locator("textarea").fill(reason)
    dialog.locator("button[type=submit]").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_test_id("vendors-notice")).to_contain_text(name)


def open_booth(page: Page, code: str):
    page.locator(f".booth-map [data-booth='{code}']").click()
    dialog = page.get_by_test_id("booth-dialog")
    expect(dialog).to_have_attribute("data-booth", code)
    return dialog


def assign_in_dialog(page: Page, lang: str, dialog, name: str) -> None:
    choice = dialog.get_by_label(WORDS[lang]["vendor"], exact=True)
    value = choice.locator("option", has_text=name).get_attribute("value")
    assert value, f"{name} is not offered"
    choice.select_option(value)
    dialog.get_by_role("button", name=WORDS[lang]["assign"], exact=True).click()


def isolated(words: str, value: str) -> re.Pattern[str]:
    """``words`` with ``value`` in place of {}, the value maybe in bidi isolates (LRI…PDI)."""
    before, after = words.split("{}")
    marks = "[\u2066-\u2069]*"
    return re.compile(re.escape(before) + marks + re.escape(value) + marks + re.escape(after))


# --- the test -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "vendor_width", "staff_width", "race"),
    [("en", 390, 1280, True), ("ar", 1280, 390, False)],
)
def test_vendor_applies_is_approved_gets_a_booth_and_its_crew_gets_in(
    new_page, web_app: WebApp, lang: str, vendor_width: int, staff_width: int, race: bool
):
    words = WORDS[lang]
    shot = f"vendors-{lang}"
    name = f"Halloumi House {lang}"
    phone = web_app.fresh_phone("+9665514")
    set_setup_window(web_app, open_now=True)

    vendor = new_page(width=vendor_width, lang=lang)
    apply_as_vendor(vendor, web_app, lang, name, phone, shot)

    staff = staff_page(new_page, web_app, width=staff_width, lang=lang)
    staff.goto("/staff/vendors?status=pending")
    try:
        expect(staff.locator(f"[data-name='{name}']")).to_be_visible(timeout=15_000)
    except AssertionError:
        screenshot(staff, f"{shot}-staff-vendors-failed")  # what staff saw instead
        raise
    screenshot(staff, f"{shot}-staff-vendors")

    if race:
        # Rejected with a reason; the vendor reads it and applies again.
        decide(staff, lang, name, "reject", "Please send a photo of your grill setup.")
        vendor.reload()
        expect(vendor.get_by_test_id("vendor-status")).to_have_attribute("data-status", "rejected")
        expect(vendor.get_by_test_id("vendor-reason")).to_contain_text("photo of your grill")
        screenshot(vendor, f"{shot}-rejected")
        vendor.get_by_role("button", name=words["again"]).click()
        expect(vendor.get_by_label(words["name"])).to_have_value(name)
        vendor.get_by_role("button", name=words["send"]).click()
        expect(vendor.get_by_test_id("vendor-status")).to_have_attribute("data-status", "pending")

    decide(staff, lang, name, "approve")
    screenshot(staff, f"{shot}-staff-approved")

    # The booths: the map, then a booth given to the vendor.
    staff.goto("/staff/booths")
    expect(staff.get_by_test_id("booth-map")).to_be_visible()
    free = free_booths(web_app)
    booth = next(code for code in free if code.startswith("F-"))
    if race:
        # Another member of staff fills this booth while the dialog is open: 409 booth_taken.
        dialog = open_booth(staff, booth)
        with web_app.staff_api() as other:
            vendors = ok(other.get(f"/api/staff/vendors/?event={EVENT}&status=approved"))
            henna = next(v for v in vendors["results"] if v["name"] == "Henna Corner")
            booth_id = next(
                b["id"]
                for b in ok(other.get(f"/api/staff/booths/?event={EVENT}"))
                if b["code"] == booth
            )
            ok(other.post(f"/api/staff/booths/{booth_id}/assign/", json={"vendor": henna["id"]}))
        assign_in_dialog(staff, lang, dialog, name)
        expect(staff.get_by_test_id("booth-race")).to_contain_text("Henna Corner")
        expect(dialog).to_contain_text("Henna Corner is in this booth.")
        screenshot(staff, f"{shot}-staff-race")
        dialog.get_by_role("button", name="Close").first.click()
        expect(staff.locator(f".booth-map [data-booth='{booth}']")).to_have_attribute(
            "data-tone", "taken"
        )
        booth = next(code for code in free_booths(web_app) if code.startswith("F-"))
    dialog = open_booth(staff, booth)
    screenshot(staff, f"{shot}-staff-booth-dialog")
    assign_in_dialog(staff, lang, dialog, name)
    expect(dialog).to_be_hidden()
    expect(staff.get_by_test_id("booths-notice")).to_contain_text(name)
    expect(staff.locator(f".booth-map [data-booth='{booth}']")).to_have_attribute(
        "data-tone", "taken"
    )
    screenshot(staff, f"{shot}-staff-booths-map")
    staff.get_by_role("button", name=words["list"]).click()
    expect(staff.locator(f"[data-booth='{booth}']").first).to_contain_text(name)
    screenshot(staff, f"{shot}-staff-booths-list")

    # The vendor's dashboard: the booth on the map, the fee, the setup code.
    vendor.reload()
    dashboard = vendor.get_by_test_id("vendor-dashboard")
    expect(dashboard).to_be_visible()
    expect(vendor.get_by_test_id("booth-code")).to_contain_text(booth)
    expect(vendor.locator(f".booth-map [data-booth='{booth}']")).to_have_attribute(
        "data-tone", "mine"
    )
    expect(vendor.get_by_test_id("crew-count")).to_have_text(
        digits(words["crew_in"].format(admitted=0, allowed=4), lang)
    )
    expect(vendor.get_by_test_id("fee-status")).to_have_attribute("data-state", "due")
    screenshot(vendor, f"{shot}-dashboard")

    if race:
        # The booth fee, paid like any booking with the test provider, and back here.
        fee = vendor.get_by_test_id("vendor-fee")
        fee.get_by_role("button", name=re.compile(r"^Pay ")).click()
        fee.get_by_role("button", name=re.compile(r"^Pay ")).click()
        expect(vendor).to_have_url(re.compile(r"/api/payments/test/"))
        vendor.get_by_role("button", name=re.compile(r"^Pay")).click()
        expect(vendor).to_have_url(re.compile(r"/vendor/summer-fest"))
        expect(vendor.get_by_test_id("fee-status")).to_have_attribute(
            "data-state", "paid", timeout=20_000
        )
        screenshot(vendor, f"{shot}-fee-paid")

    if not race:
        # The profile, edited in place: only what changed is sent.
        profile = vendor.get_by_test_id("vendor-profile")
        profile.get_by_role("button", name=words["edit"]).click()
        profile.get_by_label(words["description"]).fill("Halloumi wraps, now with za'atar.")
        profile.get_by_role("button", name=words["save"]).click()
        expect(profile).to_contain_text("now with za'atar")
        screenshot(vendor, f"{shot}-profile-saved")

    # The setup code, as the gate's scanner reads it off the screen.
    vendor.get_by_role("button", name=words["full"]).click()
    screen = vendor.get_by_test_id("code-screen")
    expect(screen).to_be_visible()
    # The overlay covers the screen: a picture of the screen, not of the whole page.
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    vendor.screenshot(path=str(SCREENSHOTS / f"{shot}-code-full-screen-{vendor_width}.png"))
    code = decode_qr(screen.get_by_test_id("setup-qr"))
    assert (
        code == api_as_browser(vendor, "GET", f"/api/vendor/setup-qr/?event={EVENT}")["qr_payload"]
    )
    screen.get_by_role("button", name=words["close"]).click()
    expect(screen).to_be_hidden()

    # The scanning station at the load-in gate lets one crew member in.
    station = new_page(width=staff_width, lang=lang)
    station.goto("/scan")
    station.get_by_label(words["token"]).fill(load_in_station(web_app, f"Load-in {lang}"))
    station.get_by_role("button", name=words["sign_in"]).click()
    expect(station.get_by_role("heading", level=1, name=LOAD_IN)).to_be_visible()
    expect(station.get_by_test_id("load-in-gate")).to_be_visible()
    expect(station.locator(".conn[data-state='live']")).to_be_visible(timeout=15_000)
    station.get_by_label(words["code"]).fill(code)
    station.get_by_role("button", name=words["check"], exact=True).click()
    result = station.get_by_test_id("scan-result")
    expect(result).to_have_attribute("data-status", "admitted")
    expect(result).to_have_attribute("data-kind", "setup")
    expect(result.get_by_test_id("scan-result-name")).to_have_text(name)
    expect(result).to_contain_text(isolated(words["booth"], booth))
    expect(result.get_by_test_id("scan-result-crew")).to_have_text(
        digits(words["crew"].format(admitted=1, allowed=4), lang)
    )
    screenshot(station, f"{shot}-scan-setup-admitted")
    result.click(position={"x": 20, "y": 20})
    expect(result).to_be_hidden()
    expect(station.locator(".scan-recent-item[data-kind='setup']").first).to_contain_text(name)

    if race:
        # Outside the setup window: refused in its own colour, with the window.
        set_setup_window(web_app, open_now=False)
        station.get_by_label(words["code"]).fill(code)
        station.get_by_role("button", name=words["check"], exact=True).click()
        expect(result).to_have_attribute("data-status", "outside_setup")
        expect(result).to_have_class(re.compile("scan-result-wait"))
        expect(result).to_contain_text("Setup window:")
        screenshot(station, f"{shot}-scan-outside-setup")
        result.click(position={"x": 20, "y": 20})
        set_setup_window(web_app, open_now=True)

    # The vendor sees the crew member in, and the scan.
    vendor.get_by_role("button", name=re.compile("Refresh|تحديث")).click()
    expect(vendor.get_by_test_id("crew-count")).to_have_text(
        digits(words["crew_in"].format(admitted=1, allowed=4), lang)
    )
    expect(vendor.get_by_test_id("vendor-scans")).to_contain_text(words["scanned"])
    screenshot(vendor, f"{shot}-dashboard-after-scan")
