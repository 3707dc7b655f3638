"""Issue 18, items 4 and 7, in a real browser.

4. "Add 10 minutes" adds ten minutes to the time left (8:44 left becomes 18:44), says what
   really happened (the time now left), and the one-minute warning offers the button while
   the event allows another extension.
7. The staff desk's live badge reads "Live" as soon as the socket is open, even while the
   server has not answered the sign-in on it yet (here: the sign-in frames are held back).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WebApp, screenshot
from tests.e2e.guest_steps import expire_hold_in, sign_in_by_phone
from tests.e2e.test_checkout import countdown_seconds, festival_hold
from tests.e2e.test_staff import open_event, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FESTIVAL = "summer-fest"
EXTEND = "Add 10 minutes"


@pytest.fixture
def two_extensions(web_app: WebApp) -> Iterator[None]:
    """The festival allows two extensions for this test (then what it allowed before)."""
    [(before,)] = web_app.sql(
        "SELECT max_hold_extensions FROM inventory_event WHERE slug = ?", (FESTIVAL,)
    )
    web_app.sql("UPDATE inventory_event SET max_hold_extensions = 2 WHERE slug = ?", (FESTIVAL,))
    yield
    web_app.sql(
        "UPDATE inventory_event SET max_hold_extensions = ? WHERE slug = ?", (before, FESTIVAL)
    )


def test_more_time_adds_ten_minutes_to_what_is_left(
    web_app: WebApp, new_page, two_extensions: None
) -> None:
    page = new_page(1280, lang="en")
    sign_in_by_phone(page, web_app, web_app.fresh_phone("+9665516"))
    hold = festival_hold(page, web_app, 1)

    # 8:44 left: ten more minutes make 18:44, and the page says so.
    expire_hold_in(web_app, hold["id"], 8 * 60 + 44)
    page.goto(f"/checkout/{hold['id']}")
    assert 8 * 60 + 30 < countdown_seconds(page) <= 8 * 60 + 44
    expect(page.get_by_role("alert")).to_have_count(0)
    page.get_by_role("button", name=EXTEND).click()
    clock = page.get_by_test_id("hold-countdown")
    expect(clock).to_have_attribute("data-seconds", re.compile(r"^11[12]\d$"))  # 18:30 to 18:44
    assert 18 * 60 + 30 < countdown_seconds(page) <= 18 * 60 + 44
    notice = page.get_by_test_id("hold-extended")
    expect(notice).to_have_text(
        re.compile(r"^Done: 10 minutes added\. You now have 18:[34]\d left\.$")
    )
    expect(notice).to_be_visible()

    # The last minute: the warning offers the button again, one extension being left.
    expire_hold_in(web_app, hold["id"], 45)
    page.reload()
    warning = page.get_by_role("alert").filter(has_text="Less than a minute left")
    expect(warning).to_be_visible()
    warning.get_by_role("button", name=EXTEND).click()
    expect(warning).to_have_count(0)
    expect(clock).to_have_attribute("data-seconds", re.compile(r"^6[34]\d$"))  # 10:30 to 10:45
    expect(notice).to_have_text(
        re.compile(r"^Done: 10 minutes added\. You now have 10:[34]\d left\.$")
    )
    screenshot(page, "hold-extended-en")
    # That was the last one the event allows.
    expect(page.get_by_role("button", name=EXTEND)).to_have_count(0)


def test_staff_badge_is_live_once_the_socket_is_open(web_app: WebApp, new_page) -> None:
    page: Page = new_page(1280)
    sign_in(page, web_app)
    open_event(page, "Gatehouse Summer Fest")
    expect(page.get_by_role("heading", name="Live dashboard")).to_be_visible()

    # The server is slow to answer the sign-in on the socket: hold the page's auth frames back.
    held: list[str | bytes] = []
    servers: list[object] = []
    holding = [True]

    def route(ws: object) -> None:
        server = ws.connect_to_server()  # type: ignore[attr-defined]
        servers.append(server)

        def from_page(message: str | bytes) -> None:
            if holding[0] and '"type":"auth"' in str(message):
                held.append(message)
            else:
                server.send(message)

        ws.on_message(from_page)  # type: ignore[attr-defined]

    page.route_web_socket(re.compile(r"/ws/$"), route)
    page.reload()
    badge = page.locator(".conn")
    expect(badge).to_be_visible()
    for _ in range(50):  # until the page has sent its sign-in on the open socket
        if held:
            break
        page.wait_for_timeout(100)
    assert servers, "the page opened no websocket"
    assert held, "the page sent no auth frame"
    # The socket is open: the badge says so at once, before any sign-in is answered.
    expect(badge).to_have_attribute("data-state", "live", timeout=3_000)
    expect(badge).to_have_text("Live")

    # The answers come: the figures arrive and the badge stays live.
    holding[0] = False
    for message in held:
        servers[-1].send(message)  # type: ignore[attr-defined]
    expect(page.get_by_test_id("stat-held")).to_have_attribute("data-value", re.compile(r"^\d+$"))
    expect(badge).to_have_attribute("data-state", "live")
    screenshot(page, "staff-badge-live-en")
