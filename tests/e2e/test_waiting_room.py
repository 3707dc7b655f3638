"""The waiting room and waitlists through the real pages (docs/waiting-room.md, issue 22).

- A guest who opens an event while its waiting room is on is sent to the queue page, sees
  their place, the progress bar and the wait, live; the staff raise the admission rate on
  the dashboard and the page says "You're in" with the pass's countdown; the guest goes on to
  the event's page and holds a seat with the pass (POST /api/holds/ with ``queue_pass``).
- A guest joins the waitlist of a sold-out ticket type on the event page; when the units
  come back (another guest lets a hold go) the offer page shows the offer live, with its
  countdown, and "Book now" opens the offered hold's checkout.
Screenshots at 390 px and 1280 px, in English and Arabic, go to var/screenshots/.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import WebApp, screenshot
from tests.e2e.guest_steps import sign_in_by_phone, web_app_get
from tests.e2e.test_staff import open_event, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FESTIVAL = "summer-fest"
FESTIVAL_NAME = "Gatehouse Summer Fest"
ROOM = f"/api/staff/events/{FESTIVAL}/waiting-room/"


@pytest.fixture
def waiting_room(web_app: WebApp) -> Iterator[None]:
    """The festival's waiting room on at one admission a minute (nobody is let in during
    the test until the staff raise it), off again afterwards for the other tests."""
    with web_app.staff_api() as staff:
        answer = staff.patch(
            ROOM,
            json={"mode": "on", "opens_at": None, "admission_per_minute": 1, "pass_minutes": 5},
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["active"] is True
    yield
    with web_app.staff_api() as staff:
        assert staff.patch(ROOM, json={"mode": "off"}).status_code == 200


def guest_signs_in(page: Page, web_app: WebApp, prefix: str, lang: str = "en") -> None:
    """Sign in by phone and wait until the session is there (the helper's URL check also
    matches the sign-in page's own ``?next=/bookings``)."""
    sign_in_by_phone(page, web_app, web_app.fresh_phone(prefix), next_path="/bookings", lang=lang)
    expect(page).to_have_url(re.compile(r"^[^?]*/bookings$"))


def test_queue_position_live_admission_and_a_hold_with_the_pass(
    web_app: WebApp, new_page, waiting_room: None
) -> None:
    # Someone is already in line (from the API), so the browser's guest has one ahead.
    first = web_app.guest_api(web_app.fresh_phone("+9665531"))
    joined = first.post(f"/api/events/{FESTIVAL}/queue/", json={})
    assert joined.status_code == 201, joined.text

    page = new_page(390, lang="en")
    guest_signs_in(page, web_app, "+9665531")
    page.goto(f"/events/{FESTIVAL}")
    # The event page sends a guest without a pass to the waiting room.
    expect(page).to_have_url(re.compile(rf"/events/{FESTIVAL}/queue$"))
    waiting = page.get_by_test_id("queue-waiting")
    expect(waiting).to_be_visible()
    position = page.get_by_test_id("queue-position")
    expect(position).to_have_attribute("data-value", "2")
    expect(waiting).to_contain_text("1 person ahead of you")
    expect(page.get_by_test_id("queue-wait")).to_have_text("about 1 min")
    expect(page.get_by_role("progressbar", name="Progress in the line")).to_be_visible()
    screenshot(page, "queue-waiting-en")

    # The staff see the line on the dashboard and let people in faster from its controls.
    staff = new_page(1280, lang="en")
    sign_in(staff, web_app)
    open_event(staff, FESTIVAL_NAME)
    expect(staff.get_by_test_id("wr-controls")).to_be_visible()
    expect(staff.get_by_test_id("wr-length")).to_have_attribute("data-value", "2", timeout=20_000)
    rate = staff.get_by_test_id("wr-input-admission_per_minute")
    expect(rate).to_have_value("1")
    rate.fill("600")
    staff.get_by_test_id("wr-save").click()
    expect(staff.get_by_text("Saved.")).to_be_visible()
    screenshot(staff, "queue-staff-en")
    staff.set_viewport_size({"width": 390, "height": 844})
    screenshot(staff, "queue-staff-en")
    staff.get_by_role("button", name=re.compile("Switch to Arabic")).click()
    expect(staff.get_by_test_id("wr-controls").get_by_role("heading")).to_have_text("غرفة الانتظار")
    screenshot(staff, "queue-staff-ar")

    # Live, without a reload: let in, the pass's countdown, on to the booking page.
    admitted = page.get_by_test_id("queue-admitted")
    expect(admitted).to_be_visible(timeout=10_000)
    expect(admitted).to_contain_text("You're in!")
    countdown = page.get_by_test_id("queue-pass-countdown")
    seconds = int(countdown.get_attribute("data-seconds") or 0)
    assert 4 * 60 < seconds <= 5 * 60
    expect(countdown).to_have_text(re.compile(r"^[45]:\d\d$"))
    screenshot(page, "queue-admitted-en")
    page.get_by_test_id("queue-book").click()
    expect(page).to_have_url(re.compile(rf"/events/{FESTIVAL}$"))

    # A seat, held with the pass: the checkout opens.
    seats = web_app_get(web_app, f"/api/events/{FESTIVAL}/availability/")["slots"]
    assert any(slot["available"] for slot in seats)
    free = page.locator('[data-seat][data-state="free"]').first
    free.click()
    page.get_by_role("button", name="Hold for 10 minutes").click()
    expect(page).to_have_url(re.compile(r"/checkout/[0-9a-f-]{36}$"))

    # Without a pass the API refuses the hold while the room is on.
    someone = web_app.guest_api(web_app.fresh_phone("+9665531"))
    slot = next(
        s["id"]
        for s in web_app_get(web_app, f"/api/events/{FESTIVAL}/availability/")["slots"]
        if s["available"]
    )
    refused = someone.post(
        "/api/holds/", json={"event": FESTIVAL, "items": [{"slot": slot, "quantity": 1}]}
    )
    assert refused.status_code == 403, refused.text
    assert refused.json()["error"]["code"] == "queue_pass_required"


def test_queue_page_in_arabic_on_a_desktop(web_app: WebApp, new_page, waiting_room: None) -> None:
    page = new_page(1280, lang="ar")
    guest_signs_in(page, web_app, "+9665532", lang="ar")
    page.goto(f"/events/{FESTIVAL}/queue")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("غرفة الانتظار")
    expect(page.get_by_test_id("queue-waiting")).to_be_visible()
    expect(page.get_by_test_id("queue-position")).to_have_attribute(
        "data-value", re.compile(r"^\d+$")
    )
    screenshot(page, "queue-waiting-ar")
    page.get_by_role("button", name="مغادرة الصف").click()
    expect(page.get_by_test_id("queue-left")).to_be_visible()
    # The room is still on: the event page would only send the guest back, so no link to it.
    expect(page.get_by_role("link", name="اذهب إلى الفعالية")).to_have_count(0)
    expect(page.get_by_role("button", name="انضم إلى الصف من جديد")).to_be_visible()
    screenshot(page, "queue-left-ar")


def rooms_event(web_app: WebApp) -> dict:
    events = web_app_get(web_app, "/api/events/")["events"]
    return next(event for event in events if event["kind"] == "rooms")


def test_waitlist_join_then_an_offer_live_and_book_it(web_app: WebApp, new_page) -> None:
    event = rooms_event(web_app)
    slug = event["slug"]
    detail = web_app_get(web_app, f"/api/events/{slug}/")
    zone = zoneinfo.ZoneInfo(detail["venue"]["time_zone"])
    spaces = {r["id"] for r in detail["resources"] if r["kind"] == "space"}
    now = datetime.now(UTC)
    slot = next(
        s
        for s in web_app_get(web_app, f"/api/events/{slug}/availability/")["slots"]
        if s["resource"] in spaces
        and s["available"] == s["capacity"] == 1
        and datetime.fromisoformat(s["starts_at"]) > now + timedelta(hours=2)
    )
    day = datetime.fromisoformat(slot["starts_at"]).astimezone(zone).date().isoformat()

    # Someone else holds the room at that time: sold out.
    other = web_app.guest_api(web_app.fresh_phone("+9665533"))
    held = other.post(
        "/api/holds/", json={"event": slug, "items": [{"slot": slot["id"], "quantity": 1}]}
    )
    assert held.status_code == 201, held.text

    page = new_page(390, lang="en")
    guest_signs_in(page, web_app, "+9665533")
    page.goto(f"/events/{slug}?date={day}")
    join = page.get_by_test_id("waitlist-join")
    expect(join).to_be_visible()
    join.get_by_test_id("waitlist-slot").select_option(str(slot["id"]))
    join.get_by_role("button", name="Join the waitlist").click()
    joined = page.get_by_test_id("waitlist-joined")
    expect(joined).to_contain_text("You are on the waitlist (1 in line).")
    screenshot(page, "waitlist-joined-en")
    joined.get_by_role("link", name="See my waitlists").click()
    expect(page.get_by_test_id("waitlist-waiting")).to_be_visible()
    expect(page.get_by_test_id("waitlist-waiting")).to_contain_text(
        "You are 1 in line for 1 place."
    )
    screenshot(page, "waitlist-waiting-en")

    # The other guest lets the room go: the offer arrives on the open page, live.
    released = other.delete(f"/api/holds/{held.json()['id']}/")
    assert released.status_code == 200, released.text
    offered = page.get_by_test_id("waitlist-offered")
    expect(offered).to_be_visible(timeout=15_000)
    expect(offered).to_contain_text("Places are yours to book!")
    seconds = int(page.get_by_test_id("waitlist-countdown").get_attribute("data-seconds") or 0)
    assert 8 * 60 < seconds <= 10 * 60
    screenshot(page, "waitlist-offered-en")
    page.get_by_role("button", name=re.compile("Switch to Arabic")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("قائمة انتظارك")
    screenshot(page, "waitlist-offered-ar")
    page.get_by_role("button", name=re.compile("Switch to English|English")).first.click()

    # My waitlists lists it as offered; Book now opens the offered hold's checkout.
    page.goto("/waitlist")
    item = page.get_by_test_id("waitlist-item").first
    expect(item).to_contain_text("Offer waiting for you")
    screenshot(page, "waitlist-mine-en")
    item.get_by_role("link", name="Open").click()
    page.get_by_test_id("waitlist-book").click()
    expect(page).to_have_url(re.compile(r"/checkout/[0-9a-f-]{36}$"))
    expect(page.get_by_test_id("hold-timer")).to_be_visible()
