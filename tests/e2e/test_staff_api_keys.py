"""The staff desk's API keys page in a real browser: a key made there is shown once, works as
the repair shop's ``X-API-Key`` on the staff API, and stops working once revoked there."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import WebApp, screenshot
from tests.e2e.test_staff import open_event, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STAFF_API = "/compat/repairmybike/api/staff/bookings/stats/"


def test_a_key_is_shown_once_works_and_is_revoked(web_app: WebApp, new_page) -> None:
    page = new_page(1280)
    sign_in(page, web_app)
    open_event(page, "Bike service appointments")
    page.get_by_role("link", name="API keys").click()
    expect(page.get_by_role("heading", name="API keys", exact=True)).to_be_visible()

    page.get_by_label("What uses it").fill("Workshop tablet")
    page.get_by_label("Requests per minute").fill("30")
    page.get_by_role("button", name="Create key").click()
    shown = page.get_by_test_id("api-key")
    expect(shown).to_have_text(re.compile(r"^ghk_[0-9a-f]{10}_\S{40,}$"))
    key = shown.inner_text()
    screenshot(page, "staff-api-key-en")

    answer = httpx.get(f"{web_app.url}{STAFF_API}", headers={"X-API-Key": key}, timeout=10)
    assert answer.status_code == 200, answer.text
    assert "total_bookings" in answer.json()

    page.get_by_role("button", name="Done").click()
    expect(page.get_by_test_id("api-key")).to_have_count(0)
    expect(page.get_by_text(key)).to_have_count(0)
    row = page.get_by_role("row").filter(has_text="Workshop tablet")
    expect(row).to_contain_text("30")
    expect(row).to_contain_text("Active")
    row.get_by_role("button", name="Revoke").click()
    page.get_by_role("dialog").get_by_role("button", name="Revoke").click()
    expect(page.get_by_role("status").filter(has_text="was revoked")).to_be_visible()
    expect(row).to_contain_text("Revoked")

    refused = httpx.get(f"{web_app.url}{STAFF_API}", headers={"X-API-Key": key}, timeout=10)
    assert refused.status_code == 401
    page.get_by_role("button", name=re.compile("Switch to Arabic")).click()
    expect(page.get_by_role("heading", name="مفاتيح الواجهة البرمجية", exact=True)).to_be_visible()
    screenshot(page, "staff-api-keys-ar")
