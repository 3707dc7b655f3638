"""A guest's own hold is theirs, never "taken", and holding goes to checkout and stays there.

Issue 18 (1): at 390 px, pressing Hold on a resort's rooms created the hold, began to show the
checkout, then bounced back to the room grid without the selection, the guest's own room
"Taken" and a total of zero. The checkout page is its own chunk; while it loads, the router
keeps the stay page on screen (a transition), and the live frame saying the room's nights
were gone (the guest's own hold) made that page drop the room from its address, which
replaced /checkout/... with the grid. A slow network makes the window wide; here the
checkout's code and the live frames are held back (SlowPhone), deterministically.

The fixed web app knows the guest's holds from the hold API (the answer to POST /api/holds/,
and GET /api/holds/?event= when a page opens) and adds them back to every availability view;
the page on its way to checkout no longer rewrites its address.
"""

from __future__ import annotations

import json
import re
import zoneinfo
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta

import pytest
from playwright.sync_api import Locator, Page, Route, WebSocketRoute, expect

from tests.e2e.conftest import WebApp, screenshot, watch_csp
from tests.e2e.guest_steps import sign_in_by_phone, web_app_get

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RESORT = "goa-palm-grove"
ZONE = zoneinfo.ZoneInfo("Asia/Kolkata")
CHECKOUT_CHUNK = re.compile(r"/assets/CheckoutPage-[^/]*\.js$")


@pytest.fixture
def uncached_page(browser: object, web_app: WebApp) -> Iterator[Callable[[int], Page]]:
    """Pages like ``new_page``'s, without the service worker: it caches the app's code as it
    is fetched, out of the test's reach, and here the test decides when the code arrives."""
    contexts = []
    violations: list[str] = []

    def make(width: int) -> Page:
        context = browser.new_context(  # type: ignore[attr-defined]
            base_url=web_app.url,
            viewport={"width": width, "height": 844 if width < 700 else 900},
            locale="en-GB",
            device_scale_factor=1,
            service_workers="block",
        )
        context.set_default_timeout(15_000)
        watch_csp(context, violations)
        context.add_init_script("localStorage.setItem('gh.language', 'en')")
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    assert not violations, f"the Content-Security-Policy blocked: {violations}"


def resort_room(web_app: WebApp, name: str) -> int:
    event = web_app_get(web_app, f"/api/events/{RESORT}/")
    return next(room["id"] for room in event["resources"] if room["name"] == name)


class SlowPhone:
    """A phone's network, made deterministic: the checkout page's code waits until the test
    lets it through, and the resort's live availability changes wait while a hold is being
    made, so the frame saying the guest's room is gone (their own hold) reaches the page
    after the hold's answer, while the checkout is on its way (as it did on the phone)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.chunks: list[Route] = []
        self.frames: list[str | bytes] = []
        self.holding = False
        self.socket: WebSocketRoute | None = None
        page.route(CHECKOUT_CHUNK, self.keep_chunk)
        page.route_web_socket(re.compile(r"/ws/$"), self.relay)

    def keep_chunk(self, route: Route) -> None:
        self.chunks.append(route)

    def relay(self, ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()
        self.socket = ws

        def from_server(message: str | bytes) -> None:
            frame = json.loads(message) if isinstance(message, str) else {}
            live = (
                frame.get("type") == "event"
                and frame.get("topic") == f"event:{RESORT}:availability"
            )
            if self.holding and live:
                self.frames.append(message)
            else:
                ws.send(message)

        server.on_message(from_server)

    def wait_for(self, what: list, timeout_ms: int = 10_000) -> None:
        waited = 0
        while not what and waited < timeout_ms:
            self.page.wait_for_timeout(50)
            waited += 50
        assert what, "the page never asked for it"

    def hold_and_deliver_late(self, hold_button: Locator) -> None:
        self.holding = True
        hold_button.click()
        self.wait_for(self.chunks)  # the hold answered; the checkout's code is on its way
        self.wait_for(self.frames)  # and the frame of the guest's own hold has come
        self.holding = False
        assert self.socket is not None
        for frame in self.frames:
            self.socket.send(frame)
        self.page.wait_for_timeout(1_500)  # the page has the frame while checkout loads
        for chunk in self.chunks:
            chunk.continue_()
        self.page.unroute(CHECKOUT_CHUNK)


@pytest.mark.parametrize(
    ("width", "room", "days_ahead"), [(390, "Family Suite 1", 41), (1280, "Family Suite 2", 44)]
)
def test_holding_rooms_goes_to_checkout_and_stays_there(
    uncached_page: Callable[[int], Page], web_app: WebApp, width: int, room: str, days_ahead: int
) -> None:
    check_in = date.today() + timedelta(days=days_ahead)
    check_out = check_in + timedelta(days=2)
    room_pk = resort_room(web_app, room)
    stay = f"/events/{RESORT}?check_in={check_in}&check_out={check_out}&guests=2&rooms={room_pk}"
    page = uncached_page(width)
    phone = SlowPhone(page)
    sign_in_by_phone(page, web_app, web_app.fresh_phone("+9665514"), next_path=stay)
    expect(page.locator(".conn")).to_have_attribute("data-state", "live")
    grid = page.get_by_test_id("nights-grid")
    cells = grid.locator(f'tr[data-room="{room_pk}"] td.night')
    expect(cells).to_have_count(2)
    expect(page.get_by_test_id("summary-total")).to_contain_text("₹23,600.00")

    phone.hold_and_deliver_late(page.get_by_role("button", name=re.compile(r"^Hold for")))

    # The checkout arrives (after its late code) and stays: no live frame sends the guest back.
    expect(page).to_have_url(re.compile(r"/checkout/[0-9a-f-]{36}$"))
    expect(page.get_by_role("heading", level=1, name="Checkout")).to_be_visible()
    page.wait_for_timeout(1_000)  # any late frame or effect has had its chance
    expect(page).to_have_url(re.compile(r"/checkout/[0-9a-f-]{36}$"))
    expect(page.get_by_role("heading", level=1, name="Checkout")).to_be_visible()
    expect(page.get_by_text("₹23,600.00").first).to_be_attached()  # folded on a phone

    # Back on the grid while the hold runs: the guest's room is theirs, never "Taken".
    page.go_back()
    expect(page).to_have_url(re.compile(rf"/events/{RESORT}\?.*rooms={room_pk}"))
    expect(cells).to_have_count(2)
    for index in range(2):
        expect(cells.nth(index)).not_to_have_attribute("data-state", "taken")
    expect(page.get_by_test_id("summary-total")).to_contain_text("₹23,600.00")

    # Without the room in the address (a fresh look at the resort), it reads as the guest's hold.
    page.goto(f"/events/{RESORT}?check_in={check_in}&check_out={check_out}&guests=2")
    for index in range(2):
        expect(cells.nth(index)).to_have_attribute("data-state", "yours")
    expect(cells.first).to_contain_text("Your hold")
    screenshot(page, "own-hold-stays-en")
    page.get_by_role("button", name=re.compile("العربية")).click()
    expect(cells.first).to_contain_text("محجوز لك")
    screenshot(page, "own-hold-stays-ar")


def test_another_guests_hold_still_reads_as_taken(new_page, web_app: WebApp) -> None:
    check_in = date.today() + timedelta(days=47)
    check_out = check_in + timedelta(days=1)
    room_pk = resort_room(web_app, "Family Suite 1")
    slots = web_app_get(
        web_app, f"/api/events/{RESORT}/availability/?from={check_in}&to={check_in}"
    )["slots"]
    night = next(
        slot["id"]
        for slot in slots
        if slot["resource"] == room_pk
        and datetime.fromisoformat(slot["starts_at"]).astimezone(ZONE).date() == check_in
    )
    with web_app.guest_api(web_app.fresh_phone("+9665514")) as stranger:
        taken = stranger.post("/api/holds/", json={"event": RESORT, "items": [{"slot": night}]})
        assert taken.status_code == 201, taken.text

    page = new_page(390, lang="en")
    stay = f"/events/{RESORT}?check_in={check_in}&check_out={check_out}&guests=2"
    sign_in_by_phone(page, web_app, web_app.fresh_phone("+9665514"), next_path=stay)
    cell = page.get_by_test_id("nights-grid").locator(f'tr[data-room="{room_pk}"] td.night')
    expect(cell).to_have_attribute("data-slot", str(night))
    expect(cell).to_have_attribute("data-state", "taken")
