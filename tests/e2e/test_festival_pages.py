"""The festival's own page (/events/summer-fest/festival) and the staff desk's content pages
(/staff/content) in a real browser: the page shows the demo's content, sponsors, vendors and
programme; a schedule change made by staff (through the API, and on the staff page) reaches
an open page without a reload; the contact form sends, and a bot's honeypot is refused; a
text staff edit shows on the public page; in Arabic on a phone the page is right to left and
nothing overflows sideways.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WebApp, screenshot
from tests.e2e.test_staff import open_event, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EVENT = "summer-fest"
PAGE = f"/events/{EVENT}/festival"
LIVE = 10_000  # ms


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def public(web_app: WebApp, path: str) -> Any:
    return ok(httpx.get(f"{web_app.url}/api/events/{EVENT}/{path}", timeout=20))


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def no_sideways_overflow(page: Page) -> None:
    """Nothing sticks out of the viewport sideways (which a phone would let you scroll to)."""
    sizes = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, view: window.innerWidth})"
    )
    assert sizes["scroll"] <= sizes["view"], sizes


def settle(page: Page) -> None:
    """Every picture loaded, the lazy ones too (scrolled past once), before a screenshot."""
    page.evaluate(
        """async () => {
          for (let y = 0; y < document.body.scrollHeight; y += 500) {
            window.scrollTo(0, y);
            await new Promise((done) => setTimeout(done, 40));
          }
          window.scrollTo(0, 0);
          await Promise.all([...document.images].map((img) => img.complete
            ? null : new Promise((done) => { img.onload = img.onerror = done; })));
        }"""
    )


def open_live(page: Page) -> None:
    """The festival page, loaded, its live connection up, and a mark that dies on reload."""
    page.goto(PAGE)
    expect(page.get_by_test_id("programme")).to_be_visible()
    expect(page.locator('.conn[data-state="live"]')).to_be_visible(timeout=LIVE)
    page.evaluate("window.__noReload = 'still here'")


def still_the_same_page(page: Page) -> None:
    assert page.evaluate("window.__noReload") == "still here"


def test_landing_page_shows_content_sponsors_vendors_and_programme(
    web_app: WebApp, new_page
) -> None:
    content = public(web_app, "content/")
    sponsors = public(web_app, "sponsors/")
    schedule = public(web_app, "schedule/")
    vendors = public(web_app, "vendors/")
    assert content["tagline"], "the demo has a festival page"
    assert sponsors, "the demo has sponsors"
    assert schedule, "the demo has a schedule"
    assert vendors, "the demo has vendors"

    page = new_page(1280, lang="en")
    # The event page keeps its tickets first, and links to the festival's page.
    page.goto(f"/events/{EVENT}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_test_id("festival-guide-link").click()
    expect(page).to_have_url(re.compile(re.escape(PAGE) + "$"))

    expect(page.get_by_test_id("festival-tagline")).to_have_text(content["tagline"])
    expect(page.get_by_test_id("festival-description")).to_contain_text(content["description"][:40])
    # The programme opens on the festival's first day, a column per stage.
    first = schedule[0]
    expect(page.get_by_test_id(f"set-{first['id']}")).to_contain_text(first["title"])
    for stage in content["map"]["stages"]:
        expect(page.get_by_role("heading", name=stage["name"], exact=True).first).to_be_visible()
    days = page.locator(".festival-day")
    if days.count() > 1:
        days.nth(1).click()
        expect(days.nth(1)).to_have_attribute("aria-pressed", "true")
        days.nth(0).click()

    # Sponsors by tier, each linking out in a new tab without handing over the page.
    expect(page.get_by_test_id("sponsors").locator(".festival-sponsor")).to_have_count(
        len(sponsors)
    )
    title = sponsors[0]
    assert title["tier"] == "title"
    link = page.get_by_test_id(f"sponsor-{title['id']}").get_by_role("link")
    if title["url"]:
        expect(link).to_have_attribute("target", "_blank")
        expect(link).to_have_attribute("rel", re.compile(r"\bnoopener\b"))
    expect(page.locator('[data-tier="title"] h3')).to_have_text("Title sponsor")

    # Vendors with their booth; a tap on a booth on the map names its vendor.
    in_booth = next(vendor for vendor in vendors if vendor["booth"])
    card = page.get_by_test_id(f"vendor-{in_booth['id']}")
    expect(card).to_contain_text(in_booth["name"])
    expect(card).to_contain_text(in_booth["booth"]["code"])
    page.get_by_test_id(f"booth-{in_booth['booth']['code']}").click()
    expect(page.get_by_test_id("picked-vendor")).to_contain_text(in_booth["name"])

    # The FAQ opens on a tap.
    question = content["faq"][0]
    entry = page.get_by_test_id(f"faq-{question['id']}")
    expect(entry.get_by_text(question["answer"])).to_be_hidden()
    entry.locator("summary").click()
    expect(entry.get_by_text(question["answer"])).to_be_visible()
    settle(page)
    screenshot(page, "festival-en")

    phone = new_page(390, lang="en")
    phone.goto(PAGE)
    expect(phone.get_by_test_id(f"set-{first['id']}")).to_be_visible()
    no_sideways_overflow(phone)
    settle(phone)
    screenshot(phone, "festival-en")


def test_schedule_changes_reach_an_open_page_live(web_app: WebApp, new_page) -> None:
    page = new_page(1280, lang="en")
    open_live(page)
    now = datetime.now(UTC)
    with web_app.staff_api() as staff:
        stage = ok(staff.get(f"/api/staff/stages/?event={EVENT}"))["stages"][0]
        created = ok(
            staff.post(
                f"/api/staff/schedule/?event={EVENT}",
                json={
                    "stage": stage["id"],
                    "title": "Surprise Set",
                    "title_ar": "عرض مفاجئ",
                    "starts_at": iso(now - timedelta(minutes=10)),
                    "ends_at": iso(now + timedelta(minutes=50)),
                    "performers": ["Aziz"],
                },
            ),
            201,
        )
        item = page.get_by_test_id(f"set-{created['id']}")
        try:
            # Added: today's programme has it, and it is on stage now.
            expect(item).to_contain_text("Surprise Set", timeout=LIVE)
            on_stage = page.get_by_test_id("now-on-stage").locator(f'[data-stage="{stage["id"]}"]')
            expect(on_stage.get_by_test_id("now")).to_contain_text("Surprise Set")
            expect(item).to_contain_text("On now")
            settle(page)
            screenshot(page, "festival-live-en")

            # Delayed half an hour: no longer on now, next on that stage, marked Delayed.
            ok(
                staff.post(
                    f"/api/staff/schedule/{created['id']}/delay/",
                    json={"minutes": 30, "cascade": False},
                )
            )
            expect(item).to_have_attribute("data-status", "delayed", timeout=LIVE)
            expect(item).to_contain_text("Delayed")
            expect(on_stage.get_by_test_id("now").filter(has_text="Surprise Set")).to_have_count(0)
            expect(on_stage.get_by_test_id("next")).to_contain_text("Surprise Set")

            # Cancelled with a note: struck through, said in words, the note shown.
            ok(
                staff.patch(
                    f"/api/staff/schedule/{created['id']}/",
                    json={"status": "cancelled", "note": "The wind is too strong."},
                )
            )
            expect(item).to_have_attribute("data-status", "cancelled", timeout=LIVE)
            expect(item).to_contain_text("Cancelled")
            expect(item).to_contain_text("The wind is too strong.")
            settle(page)
            screenshot(page, "festival-cancelled-en")
        finally:
            ok(staff.delete(f"/api/staff/schedule/{created['id']}/"))
        expect(item).to_have_count(0, timeout=LIVE)
    still_the_same_page(page)


def test_contact_form_checks_sends_and_refuses_a_filled_honeypot(web_app: WebApp, new_page) -> None:
    page = new_page(1280, lang="en")
    page.goto(PAGE)
    form = page.get_by_test_id("contact-form")
    # The honeypot is there for bots only: off-screen, hidden from screen readers, no tab stop.
    trap = page.get_by_test_id("contact-website")
    expect(trap).to_have_attribute("tabindex", "-1")
    expect(trap).to_have_attribute("autocomplete", "off")
    box = trap.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= 0, box
    assert trap.evaluate("el => el.closest('[aria-hidden=true]') !== null")

    # Checked before sending: each problem under its field.
    form.get_by_role("button", name="Send message").click()
    expect(form.get_by_text("Write your name.")).to_be_visible()
    expect(form.get_by_text("Write your e-mail address, so we can answer.")).to_be_visible()
    expect(page.get_by_label("Your name")).to_be_focused()

    stamp = datetime.now(UTC).strftime("%H%M%S%f")
    page.get_by_label("Your name").fill("Mona")
    page.get_by_label("E-mail").fill("mona-contact@example")
    page.get_by_label("Message").fill(f"Is there a prayer room on site? ({stamp})")
    form.get_by_role("button", name="Send message").click()
    expect(form.get_by_text("This does not look like an e-mail address")).to_be_visible()
    page.get_by_label("E-mail").fill(f"mona-{stamp}@example.com")
    form.get_by_role("button", name="Send message").click()
    expect(page.get_by_test_id("contact-sent")).to_contain_text("Message sent")
    settle(page)
    screenshot(page, "festival-contact-sent-en")
    with web_app.staff_api() as staff:
        messages = ok(staff.get(f"/api/staff/messages/?event={EVENT}&handled=false"))["results"]
    assert any(stamp in message["message"] for message in messages)

    # A bot fills every field it finds, the hidden one too: refused, nothing stored.
    bot = new_page(1280, lang="en")
    bot.goto(PAGE)
    bot.get_by_label("Your name").fill("Bot")
    bot.get_by_label("E-mail").fill(f"bot-{stamp}@example.com")
    bot.get_by_label("Message").fill(f"Cheap tickets here ({stamp}-bot)")
    bot.get_by_test_id("contact-website").fill("https://spam.example.com", force=True)
    bot.get_by_role("button", name="Send message").click()
    expect(bot.get_by_test_id("contact-error")).to_contain_text("could not be sent")
    expect(bot.get_by_test_id("contact-sent")).to_have_count(0)
    with web_app.staff_api() as staff:
        messages = ok(staff.get(f"/api/staff/messages/?event={EVENT}&page_size=100"))["results"]
    assert not any(f"{stamp}-bot" in message["message"] for message in messages)

    # The server's own objections land under their fields; a rate limit says when to retry.
    bot.route(
        f"**/api/events/{EVENT}/contact/",
        lambda route: route.fulfill(
            status=400,
            json={
                "ok": False,
                "error": {
                    "code": "validation_error",
                    "message": "Check the fields.",
                    "fields": {"email": ["Enter a valid e-mail address."]},
                },
            },
        ),
    )
    bot.get_by_test_id("contact-website").fill("", force=True)
    bot.get_by_role("button", name="Send message").click()
    expect(bot.get_by_text("Enter a valid e-mail address.")).to_be_visible()
    expect(bot.get_by_label("E-mail")).to_have_attribute("aria-invalid", "true")
    bot.unroute(f"**/api/events/{EVENT}/contact/")
    bot.route(
        f"**/api/events/{EVENT}/contact/",
        lambda route: route.fulfill(
            status=429,
            json={"ok": False, "error": {"code": "rate_limited", "message": "Slow down."}},
            headers={"Retry-After": "125"},
        ),
    )
    bot.get_by_role("button", name="Send message").click()
    expect(bot.get_by_test_id("contact-wait")).to_contain_text("You can send again in 2:0")
    expect(bot.get_by_role("button", name="Send message")).to_be_disabled()


def test_staff_edit_texts_and_delay_a_set_and_the_public_page_follows(
    web_app: WebApp, new_page
) -> None:
    with web_app.staff_api() as staff:
        before = ok(staff.get(f"/api/staff/content/?event={EVENT}"))
        schedule = ok(staff.get(f"/api/staff/schedule/?event={EVENT}"))["items"]
    first = min(
        (item for item in schedule if item["status"] != "cancelled"),
        key=lambda item: item["starts_at"],
    )
    guest = new_page(1280, lang="en")
    open_live(guest)
    expect(guest.get_by_test_id(f"set-{first['id']}")).to_be_visible()

    page = new_page(1280, lang="en")
    sign_in(page, web_app)
    open_event(page, "Gatehouse Summer Fest")
    page.get_by_role("link", name="Content", exact=True).click()
    expect(page).to_have_url(re.compile(r"/staff/content$"))
    tagline = f"Three stages, one sea breeze ({datetime.now(UTC):%H%M%S})"
    try:
        page.get_by_label("Tagline (English)").fill(tagline)
        page.get_by_label("Tagline (Arabic)").fill("ثلاثة مسارح ونسيم بحر واحد")
        page.get_by_role("button", name="Save changes").click()
        expect(page.get_by_test_id("texts-status")).to_contain_text("Saved at")
        settle(page)
        screenshot(page, "staff-content-texts-en")

        # A new visitor sees the new tagline, in English and in Arabic.
        visitor = new_page(1280, lang="en")
        visitor.goto(PAGE)
        expect(visitor.get_by_test_id("festival-tagline")).to_have_text(tagline)
        arabic = new_page(1280, lang="ar")
        arabic.goto(PAGE)
        expect(arabic.get_by_test_id("festival-tagline")).to_have_text("ثلاثة مسارح ونسيم بحر واحد")

        # Staff delay a set on the schedule tab; the open page shows it at once.
        page.get_by_role("link", name="Schedule", exact=True).click()
        row = page.get_by_test_id(f"performance-{first['id']}")
        row.get_by_role("button", name=f"Delay {first['title']}").click()
        dialog = page.get_by_test_id("delay-dialog")
        dialog.get_by_label("Minutes later").fill("10")
        dialog.get_by_label(re.compile("Also move the later")).uncheck()
        settle(page)
        screenshot(page, "staff-content-delay-en")
        dialog.get_by_role("button", name="Delay", exact=True).click()
        expect(page.get_by_test_id("schedule-status")).to_contain_text("Performances moved: 1")
        expect(row).to_contain_text("Delayed")
        item = guest.get_by_test_id(f"set-{first['id']}")
        expect(item).to_have_attribute("data-status", "delayed", timeout=LIVE)
        moved = datetime.fromisoformat(first["starts_at"]) + timedelta(minutes=10)
        expect(item.locator("time").first).to_have_attribute(
            "datetime", re.compile(moved.astimezone(UTC).strftime("%Y-%m-%dT%H:%M"))
        )
        still_the_same_page(guest)
        settle(page)
        screenshot(page, "staff-content-schedule-en")
    finally:
        with web_app.staff_api() as staff:
            ok(
                staff.patch(
                    f"/api/staff/content/?event={EVENT}",
                    json={"tagline": before["tagline"], "tagline_ar": before["tagline_ar"]},
                )
            )
            ok(
                staff.patch(
                    f"/api/staff/schedule/{first['id']}/",
                    json={
                        "starts_at": first["starts_at"],
                        "ends_at": first["ends_at"],
                        "status": first["status"],
                    },
                )
            )


def test_staff_content_tabs_in_both_languages(web_app: WebApp, new_page) -> None:
    page = new_page(1280, lang="en")
    sign_in(page, web_app)
    open_event(page, "Gatehouse Summer Fest")
    for path, name in [
        ("", "texts"),
        ("/media", "media"),
        ("/stages", "stages"),
        ("/sponsors", "sponsors"),
        ("/schedule", "schedule"),
        ("/messages", "messages"),
    ]:
        page.goto(f"/staff/content{path}")
        expect(page.locator(".content-tabs a.active")).to_be_visible()
        expect(page.locator(".loading")).to_have_count(0)
        settle(page)
        screenshot(page, f"staff-content-{name}-en")

    # Stages: a click on the map places the stage being edited.
    page.goto("/staff/content/stages")
    page.get_by_test_id("stages-list").get_by_role(
        "button", name=re.compile("^Edit ")
    ).first.click()
    box = page.get_by_test_id("stage-map").bounding_box()
    assert box is not None
    page.get_by_test_id("stage-map").click(
        position={"x": box["width"] * 0.25, "y": box["height"] * 0.5}
    )
    expect(page.get_by_label("Across (%)")).to_have_value(re.compile(r"^2[45](\.\d)?$"))
    expect(page.get_by_label("Down (%)")).to_have_value(re.compile(r"^(49|50)(\.\d)?$"))
    page.get_by_role("button", name="Cancel").click()

    # Messages: mark one handled.
    page.goto("/staff/content/messages")
    first = page.get_by_test_id("messages-list").locator("li").first
    expect(first).to_be_visible()
    first.get_by_role("button", name=re.compile("^Mark the message from")).click()
    expect(page.get_by_test_id("messages-status")).to_contain_text("marked handled")

    phone = new_page(390, lang="ar")
    phone.context.add_init_script(f"localStorage.setItem('gh.staff.event', '{EVENT}')")
    sign_in(phone, web_app, lang="ar")
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    expect(phone.locator(".staff-bar")).to_be_visible()
    for path, name in [
        ("", "texts"),
        ("/stages", "stages"),
        ("/schedule", "schedule"),
        ("/messages", "messages"),
    ]:
        phone.goto(f"/staff/content{path}")
        expect(phone.locator(".content-tabs a.active")).to_be_visible()
        expect(phone.locator(".loading")).to_have_count(0)
        no_sideways_overflow(phone)
        settle(phone)
        screenshot(phone, f"staff-content-{name}-ar")


def test_arabic_on_a_phone_is_right_to_left_and_fits(web_app: WebApp, new_page) -> None:
    content = public(web_app, "content/")
    page = new_page(390, lang="ar")
    page.goto(PAGE)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.get_by_test_id("festival-tagline")).to_have_text(content["tagline_ar"])
    expect(page.get_by_role("heading", name="البرنامج")).to_be_visible()
    expect(page.get_by_test_id("programme").locator(".festival-set").first).to_be_visible()
    # The map is a picture: it keeps its own left to right inside the right-to-left page.
    expect(page.get_by_test_id("festival-map")).to_have_attribute("dir", "ltr")
    no_sideways_overflow(page)
    settle(page)
    screenshot(page, "festival-ar")
    page.get_by_role("button", name="أرسل الرسالة").click()
    expect(page.get_by_text("اكتب اسمك.")).to_be_visible()
    no_sideways_overflow(page)

    wide = new_page(1280, lang="ar")
    wide.goto(PAGE)
    expect(wide.get_by_test_id("programme")).to_be_visible()
    no_sideways_overflow(wide)
    settle(wide)
    screenshot(wide, "festival-ar")
