"""Issue 18 (14), on a phone: a header of one row, the checkout's form first with the summary
folded under it, the party size of the stay search carried into the guest form, and numeric
fields that take only digits; in English and Arabic, photographed at 390 and 1280 px.

Before: the header took three rows at 390 px (brand; badge, language, sign-in; the links), the
checkout showed what is held above the form, the guest form started with one guest whatever
the search said, and an age field took letters.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WebApp, screenshot
from tests.e2e.guest_steps import sign_in_by_phone, web_app_get

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RESORT = "goa-palm-grove"
ONE_ROW_PX = 64  # a 44 px touch target plus the header's padding
WORDS = {
    "en": {
        "stays": "Stays",
        "menu": "Main menu",
        "hold": re.compile(r"^Hold for"),
        "show": "Show your selection",
        "hide": "Hide your selection",
        "age": re.compile(r"^Guest 1:\s+Age$"),
        "name": re.compile(r"^Guest \d+: full name$"),
    },
    "ar": {
        "stays": "الإقامات",
        "menu": "القائمة الرئيسية",
        "hold": re.compile(r"^احجز مؤقتًا"),
        "show": "عرض اختيارك",
        "hide": "إخفاء اختيارك",
        "age": re.compile("^الضيف \u0661:\\s+العمر$"),
        "name": re.compile("^الضيف [\u0661-\u0669]: الاسم الكامل$"),
    },
}


def header_is_one_row(page: Page) -> None:
    header = page.locator("header.site-header")
    box = header.bounding_box()
    assert box is not None
    assert box["height"] <= ONE_ROW_PX, f"the header is {box['height']} px high"
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_phone_header_is_one_row_with_a_menu(new_page, web_app: WebApp, lang: str) -> None:
    words = WORDS[lang]
    page = new_page(390, lang=lang)
    page.goto("/")
    expect(page.locator("header.site-header")).to_be_visible()
    header_is_one_row(page)
    nav = page.get_by_role("navigation", name=words["menu"])
    expect(nav).to_be_hidden()
    expect(page.get_by_role("link", name=words["stays"])).to_be_hidden()
    screenshot(page, f"mobile-header-{lang}")

    toggle = page.get_by_role("button", name=words["menu"])
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    screenshot(page, f"mobile-header-open-{lang}")
    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()
    expect(toggle).to_be_focused()
    toggle.click()
    nav.get_by_role("link", name=words["stays"]).click()
    expect(page).to_have_url(re.compile(r"/stays$"))
    expect(nav).to_be_hidden()  # a link taken closes the menu
    header_is_one_row(page)

    # A laptop shows the links in the row, with no menu button.
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(nav).to_be_visible()
    expect(toggle).to_be_hidden()
    header_is_one_row(page)
    screenshot(page, f"mobile-header-{lang}")


def resort_room(web_app: WebApp, name: str) -> int:
    event = web_app_get(web_app, f"/api/events/{RESORT}/")
    return next(room["id"] for room in event["resources"] if room["name"] == name)


@pytest.mark.parametrize(("lang", "days_ahead"), [("en", 52), ("ar", 56)])
def test_phone_checkout_form_first_party_carried_digits_only(
    new_page, web_app: WebApp, lang: str, days_ahead: int
) -> None:
    words = WORDS[lang]
    check_in = date.today() + timedelta(days=days_ahead)
    check_out = check_in + timedelta(days=2)
    room = resort_room(web_app, "Family Suite 1")  # sleeps four
    stay = f"/events/{RESORT}?check_in={check_in}&check_out={check_out}&guests=3&rooms={room}"
    page = new_page(390, lang=lang)
    sign_in_by_phone(page, web_app, web_app.fresh_phone("+9665518"), next_path=stay, lang=lang)
    expect(page.locator(f'tr[data-room="{room}"].is-selected td.night')).to_have_count(2)
    expect(page.locator(".conn")).to_have_attribute("data-state", "live")
    page.get_by_role("button", name=words["hold"]).click()
    expect(page).to_have_url(re.compile(r"/checkout/[0-9a-f-]{36}$"))
    header_is_one_row(page)

    # The form first; what is held folded under it, opened and closed by the guest.
    form = page.locator("form.co-details")
    expect(form).to_be_visible()
    summary = page.get_by_test_id("checkout-summary")
    toggle = summary.locator("button[aria-expanded]")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_contain_text(words["show"])
    total = page.get_by_test_id("checkout-total")
    expect(total).to_be_hidden()
    expect(toggle).to_contain_text(total.text_content() or "(no total)")  # the total, folded
    form_box, summary_box = form.bounding_box(), summary.bounding_box()
    assert form_box
    assert summary_box
    assert form_box["y"] < summary_box["y"]
    screenshot(page, f"mobile-checkout-{lang}")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(toggle).to_contain_text(words["hide"])
    expect(total).to_be_visible()
    screenshot(page, f"mobile-checkout-open-{lang}")
    toggle.click()
    expect(total).to_be_hidden()

    # The party of three chosen in the search: three people to name.
    expect(form.get_by_label(words["name"])).to_have_count(3)

    # An age takes digits only (in either script), and asks the phone for its number pad.
    age = form.get_by_label(words["age"])
    expect(age).to_have_attribute("inputmode", "numeric")
    age.press_sequentially("3a4b" if lang == "en" else "\u0663x\u0664\u064a")
    expect(age).to_have_value("34" if lang == "en" else "\u0663\u0664")
    age.fill("")
    age.press_sequentially("abc")
    expect(age).to_have_value("")

    # Labels line up: each guest's age field starts where their name's field starts.
    first_name = form.get_by_label(words["name"]).first.bounding_box()
    age_box = age.bounding_box()
    assert first_name
    assert age_box
    if lang == "en":  # left to right: the left edges
        assert abs(first_name["x"] - age_box["x"]) < 1
    else:  # right to left: the right edges
        name_end = first_name["x"] + first_name["width"]
        assert abs(name_end - (age_box["x"] + age_box["width"])) < 1

    # A laptop keeps the summary beside the form, open, without the fold.
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(total).to_be_visible()
    expect(toggle).to_be_hidden()
    screenshot(page, f"mobile-checkout-{lang}")
