"""Load test of every business through the public API, for locust (`make bench-locust`).

One user class per business, on the demo data (`manage.py demo`):

  FestivalUser  summer-fest: browse (event, availability), hold a general-admission ticket,
                book it (holders), pay with the test provider (its Pay page → its signed
                webhook → the worker confirms), then scan the ticket at a gate (a scanning
                station's device token);
  ResortUser    goa-palm-grove: search stays, hold a free room night, book it (guests);
  RoomsUser     meeting-rooms: browse, hold a free half hour of a room, book it (guest count);
  RepairUser    repair-shop: browse, hold a free bay hour, give it back (DELETE the hold);
  VipUser       vip-evening: browse, hold a place as an invited phone, give it back.

Every user signs in with a token made for it beforehand (bench/locust_run.py writes them with
the scanner's token and the gates into the file named by GATEHOUSE_LOCUST_CONFIG), so the
load is the business, not the sign-in's rate limits. Run it through bench/locust_run.py,
which starts make stack's topology on the bench database, or by hand:

  GATEHOUSE_LOCUST_CONFIG=/tmp/config.json locust -f bench/locustfile.py --headless \\
      -u 20 -r 5 --run-time 30s --host http://127.0.0.1:8000
"""

from __future__ import annotations

import datetime
import itertools
import json
import os
import random
import re
import threading
import time
from typing import Any

from locust import HttpUser, between, task

CONFIG: dict[str, Any] = {}
if os.environ.get("GATEHOUSE_LOCUST_CONFIG"):
    with open(os.environ["GATEHOUSE_LOCUST_CONFIG"]) as config_file:
        CONFIG = json.load(config_file)

_pools: dict[str, itertools.cycle[str]] = {}
_lock = threading.Lock()


def next_token(business: str) -> str:
    with _lock:
        if business not in _pools:
            _pools[business] = itertools.cycle(CONFIG["tokens"][business])
        return next(_pools[business])


class Business(HttpUser):
    abstract = True
    business = ""
    event = ""
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        token = next_token(self.business)
        self.client.headers.update({"Authorization": f"Bearer {token}"})

    def browse(self) -> list[dict[str, Any]]:
        self.client.get(f"/api/events/{self.event}/", name="event")
        answer = self.client.get(f"/api/events/{self.event}/availability/", name="availability")
        slots: list[dict[str, Any]] = answer.json().get("slots", []) if answer.ok else []
        return [slot for slot in slots if slot["available"] > 0]

    def hold(self, slot_ids: list[int]) -> dict[str, Any] | None:
        body = {"event": self.event, "items": [{"slot": s, "quantity": 1} for s in slot_ids]}
        with self.client.post("/api/holds/", json=body, name="hold", catch_response=True) as r:
            if r.status_code == 201:
                hold: dict[str, Any] = r.json()
                return hold
            # Sold out or taken meanwhile, a limit reached: the business's normal refusals.
            if r.status_code in (409, 429):
                r.success()
            return None

    def release(self, hold: dict[str, Any]) -> None:
        self.client.delete(f"/api/holds/{hold['id']}/", name="release")

    def book(self, hold: dict[str, Any], **body: Any) -> dict[str, Any] | None:
        answer = self.client.post("/api/bookings/", json={"hold": hold["id"], **body}, name="book")
        return answer.json() if answer.status_code == 201 else None


class FestivalUser(Business):
    business = "festival"
    event = "summer-fest"
    weight = 4

    @task
    def buy_and_enter(self) -> None:
        tickets = [
            slot for slot in self.browse() if slot["resource"] in CONFIG.get("ticket_resources", [])
        ]
        if not tickets:
            return
        hold = self.hold([random.choice(tickets)["id"]])
        if hold is None:
            return
        booking = self.book(hold, details={"holders": ["Locust Guest"]})
        if booking is None:
            return
        paid = self.client.post(
            f"/api/bookings/{booking['id']}/pay/", json={"provider": "test"}, name="pay"
        )
        if paid.status_code != 200:
            return
        # The test provider's page: Pay sends its signed webhook, the worker confirms.
        page = re.sub(r"^https?://[^/]+", "", paid.json()["client"]["url"]).split("?")[0]
        form = self.client.get(page, name="test provider: page")
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
        # Its CSRF cookie is Secure (production settings) and this is plain HTTP: sent back
        # by hand, as a browser behind TLS would.
        self.client.post(
            page,
            data={"outcome": "pay", "csrfmiddlewaretoken": csrf.group(1) if csrf else ""},
            cookies={"csrftoken": form.cookies.get("csrftoken", "")},
            headers={"Referer": self.host + page},
            name="test provider: pay",
        )
        qr = self.wait_for_ticket(booking["id"])
        if qr is not None and CONFIG.get("device") and CONFIG.get("gates"):
            self.client.post(
                "/api/scan/commit/",
                json={"qr": qr, "gate": random.choice(CONFIG["gates"])},
                headers={"Authorization": f"Device {CONFIG['device']}"},
                name="scan",
            )

    def wait_for_ticket(self, booking_id: str) -> str | None:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            answer = self.client.get(
                f"/api/tickets/?booking={booking_id}", name="tickets (until confirmed)"
            )
            if answer.ok:
                body = answer.json()
                rows = body.get("results", body) if isinstance(body, dict) else body
                for ticket in rows or []:
                    if ticket.get("booking") in (booking_id, None) and ticket.get("qr_payload"):
                        return str(ticket["qr_payload"])
            time.sleep(0.5)
        return None


class ResortUser(Business):
    business = "resort"
    event = "goa-palm-grove"

    @task
    def stay(self) -> None:
        check_in = datetime.date.today() + datetime.timedelta(days=random.randint(1, 30))
        self.client.get(
            "/api/search/stays/",
            params={"location": "goa", "check_in": str(check_in),
                    "check_out": str(check_in + datetime.timedelta(days=2))},
            name="stay search",
        )  # fmt: skip
        nights = self.browse()
        if not nights:
            return
        hold = self.hold([random.choice(nights)["id"]])
        if hold is not None:
            self.book(hold, guests=[{"name": "Locust Guest", "age": 40}])


class RoomsUser(Business):
    business = "rooms"
    event = "meeting-rooms"

    @task
    def meet(self) -> None:
        free = self.browse()
        if not free:
            return
        hold = self.hold([random.choice(free)["id"]])
        if hold is not None:
            self.book(hold, details={"guest_count": 2})


class RepairUser(Business):
    business = "repair"
    event = "repair-shop"

    @task
    def look_for_a_bay(self) -> None:
        free = self.browse()
        if not free:
            return
        hold = self.hold([random.choice(free)["id"]])
        if hold is not None:
            self.release(hold)


class VipUser(Business):
    business = "vip"
    event = "vip-evening"
    weight = 1

    @task
    def invited(self) -> None:
        free = self.browse()
        if not free:
            return
        hold = self.hold([random.choice(free)["id"]])
        if hold is not None:
            self.release(hold)
