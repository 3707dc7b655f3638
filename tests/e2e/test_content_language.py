"""Content in the guest's language (issue 18, items 9 and 10): names of events, venues,
ticket types and rooms come in Arabic on the Arabic pages (and back in English at the
toggle), dates are written in the app's language next to date fields, an Arabic city name
finds its stays, and the "Where" box suggests places from a part of their name.

Each fails on the code before: the API answered English whatever the language, the date
fields showed only the browser's mm/dd/yyyy, stay search matched English city prefixes only
and the box had no suggestions.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WebApp, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LATIN_DIGIT = re.compile(r"[0-9]")


def both_widths(page: Page, name: str) -> None:
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 844 if width < 700 else 900})
        screenshot(page, name)


def test_arabic_pages_show_arabic_names_and_switch_back(new_page, web_app: WebApp) -> None:
    page = new_page(1280, lang="ar")
    page.goto("/events/summer-fest")

    expect(page.get_by_role("heading", level=1)).to_have_text("مهرجان جيت هاوس الصيفي")
    facts = page.locator(".event-facts")
    expect(facts).to_contain_text("ساحة الكورنيش")
    expect(facts).to_contain_text("جدة")
    expect(facts).to_contain_text("الكورنيش الشمالي، جدة")
    expect(page.get_by_text("دخول عام").first).to_be_visible()
    # Names and addresses are isolated from each other's direction.
    expect(facts.locator("bdi", has_text="الكورنيش الشمالي، جدة")).to_have_count(1)
    both_widths(page, "content-event-ar")

    # The toggle loads the page's content again in English, without a reload.
    page.get_by_role("button", name=re.compile("English —")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gatehouse Summer Fest")
    expect(facts).to_contain_text("Corniche Arena")
    expect(page.get_by_text("General Admission").first).to_be_visible()
    both_widths(page, "content-event-en")


def test_an_arabic_city_finds_its_stay_with_arabic_dates(new_page, web_app: WebApp) -> None:
    check_in = date.today() + timedelta(days=3)
    check_out = check_in + timedelta(days=2)
    page = new_page(390, lang="ar")
    page.goto("/stays")

    where = page.get_by_role("combobox", name="المدينة")
    where.fill("غوا")
    page.get_by_label("تاريخ الوصول").fill(check_in.isoformat())
    page.get_by_label("تاريخ المغادرة").fill(check_out.isoformat())
    # The chosen days are written in Arabic next to the fields (not the browser's mm/dd/yyyy).
    shown = page.get_by_test_id("search-checkIn-shown")
    expect(shown).to_be_visible()
    expect(shown).not_to_have_text(LATIN_DIGIT)
    expect(shown).to_have_text(re.compile(r"[\u0660-\u0669]{4}"))
    expect(page.get_by_label("تاريخ الوصول")).to_have_attribute(
        "aria-describedby", re.compile("search-checkIn-shown")
    )
    both_widths(page, "content-stays-dates-ar")
    page.get_by_role("button", name="ابحث", exact=True).click()

    venue = page.get_by_test_id("venue-goa-palm-grove")
    expect(venue.get_by_role("heading", name="منتجع بالم جروف الشاطئي")).to_be_visible()
    expect(venue).to_contain_text("غوا")
    expect(venue).to_contain_text("كوخ الحديقة")
    expect(page.get_by_test_id("venue-dandeli-river-lodge")).to_have_count(0)
    both_widths(page, "content-stays-results-ar")


def test_a_partial_name_is_suggested_and_searched(new_page, web_app: WebApp) -> None:
    page = new_page(1280, lang="en")
    page.goto("/stays")

    where = page.get_by_role("combobox", name="Where")
    where.fill("kali riv")
    listbox = page.get_by_role("listbox", name="Destinations")
    option = listbox.get_by_role("option", name=re.compile("^Kali River Jungle Lodge"))
    expect(option).to_be_visible()
    expect(where).to_have_attribute("aria-expanded", "true")
    both_widths(page, "content-stays-suggest-en")

    page.set_viewport_size({"width": 1280, "height": 900})
    where.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    where.press("Enter")
    expect(where).to_have_value("Kali River Jungle Lodge")
    expect(where).to_have_attribute("aria-expanded", "false")
    page.get_by_role("button", name="Search", exact=True).click()
    venue = page.get_by_test_id("venue-dandeli-river-lodge")
    expect(venue.get_by_role("heading", name="Kali River Jungle Lodge")).to_be_visible()

    # In Arabic, typed without the taa marbuta's dots or the alef's hamza alike.
    page.get_by_role("button", name=re.compile("Switch to Arabic")).click()
    where = page.get_by_role("combobox", name="المدينة")
    where.fill("دانديل")
    arabic = page.get_by_role("listbox", name="الوجهات").get_by_role("option")
    expect(arabic.first).to_contain_text("دانديلي")
    both_widths(page, "content-stays-suggest-ar")
