"""``POST /api/holds/`` answered by the rush route (backend/inventory/rush.py) on PostgreSQL.

Every case sends the same request to the whole ASGI application (the rush route in front)
and to Django alone, on the same data, and compares the answers: status, body (ids and
clocks aside) and headers. Cases the route hands over must come back exactly as Django
answers them and change nothing on the way. Then the route's own promises: one statement
per hold or refusal, no Django query, and the invariant when fifty guests race.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta
from typing import Any

import httpx
import pytest
from django.utils import timezone

from backend.accounts.models import AuthSession
from backend.core import async_db, rush
from backend.inventory.models import Event, Hold, Slot
from backend.inventory.services import sold_out_hints
from tests.accounts.helpers import sign_in
from tests.factories import (
    AllowlistEntryFactory,
    EventFactory,
    ResourceFactory,
    SlotFactory,
    UserFactory,
)
from tests.inventory.test_races import assert_counters_match_rows

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

rush_answered = False
VOLATILE = {"id", "expires_at", "server_time", "topic", "remaining_seconds"}


@pytest.fixture(scope="module")
def apps() -> tuple[Any, Any]:
    """(the whole application, Django alone behind the same outer layers)."""
    from backend.asgi import application, django_application
    from backend.core.rush import RushRoutes

    # RequestIdMiddleware(ProxyHeadersMiddleware(ProtocolTypeRouter(...)))
    assert isinstance(application.app.app.application_mapping["http"], RushRoutes)
    return application, django_application


def send_both(apps: tuple[Any, Any], body: Any, headers: dict[str, str]) -> list[httpx.Response]:
    """The same request to the rush-fronted app, then to Django alone; ``rush_answered``
    (module-level) says whether the route answered the first itself."""

    # The same request id to both: each answer must carry it back (the rush route through
    # the outer ASGI layer, Django through its first middleware).
    headers = {"X-Request-ID": "rush-or-django-01", **headers}

    async def both() -> list[httpx.Response]:
        global rush_answered
        answers = []
        for app in apps:
            before = rush.counts["answered"]
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
                if isinstance(body, bytes):
                    answer = await c.post("/api/holds/", content=body, headers=headers)
                else:
                    answer = await c.post("/api/holds/", json=body, headers=headers)
                answers.append(answer)
            if app is apps[0]:
                rush_answered = rush.counts["answered"] == before + 1
        await async_db.close_pool()
        return answers

    return asyncio.run(both())


def get(app: Any, path: str, headers: dict[str, str]) -> httpx.Response:
    async def one() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            return await c.get(path, headers=headers)

    return asyncio.run(one())


def comparable(response: httpx.Response) -> tuple[int, Any, dict[str, str]]:
    body = response.json()
    if "id" in body:
        body = {k: v for k, v in body.items() if k not in VOLATILE}
    headers = {k: v for k, v in response.headers.items() if k != "content-length"}
    return response.status_code, body, headers


@pytest.fixture(autouse=True)
def no_hints_between_tests() -> Any:
    yield
    sold_out_hints._hints.clear()


@pytest.fixture
def guest() -> Any:
    return UserFactory()


@pytest.fixture
def bearer(guest: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {sign_in(guest).access}"}


@pytest.fixture
def event() -> Event:
    return EventFactory(slug="rush", max_quantity_per_hold=4, max_live_holds_per_user=2)


def slot_of(event: Event, units: int, **kwargs: Any) -> Slot:
    return SlotFactory(resource=ResourceFactory(event=event, units=units, **kwargs))


def held_units(slot: Slot) -> int:
    slot.refresh_from_db()
    return slot.held


class TestSameAnswersAsDjango:
    @pytest.mark.parametrize("case", ["seat", "net_prices_with_tax", "slot_price", "no_arabic"])
    def test_what_a_line_says_and_costs(
        self, apps: Any, event: Event, bearer: dict[str, str], case: str
    ) -> None:
        if case == "seat":
            slot = slot_of(event, 1, kind="seat", section="Floor", row="B", number=7)
        elif case == "net_prices_with_tax":
            Event.objects.filter(pk=event.pk).update(tax_rate="15.00", prices_include_tax=False)
            slot = slot_of(event, 5, price="99.99")
        elif case == "slot_price":
            slot = slot_of(event, 5, price="10.00")
            Slot.objects.filter(pk=slot.pk).update(price="12.50")
        else:
            slot = slot_of(event, 5, name="Standard", name_ar="")
        body = {"event": "rush", "items": [{"slot": slot.pk, "quantity": 1}]}
        if case != "seat":
            body["items"][0]["quantity"] = 2

        rush, django = send_both(apps, body, {**bearer, "Accept-Language": "ar"})

        assert rush_answered
        assert rush.status_code == 201, rush.json()
        # The hold the route made, as Django reads it back from the database, says the same.
        hold_id = rush.json()["id"]
        stored = get(apps[1], f"/api/holds/{hold_id}/", {**bearer, "Accept-Language": "ar"})
        assert {k: v for k, v in stored.json().items() if k not in ("server_time",)} == {
            k: v for k, v in rush.json().items() if k not in ("server_time",)
        } | {"remaining_seconds": stored.json()["remaining_seconds"]}
        if case == "seat":  # one seat: Django's request finds it held and says so
            assert django.status_code == 409
            assert rush.json()["items"][0]["resource_name"] == "Floor row B seat 7"
            return
        assert comparable(rush) == comparable(django)

    def test_a_hold_in_arabic(self, apps: Any, event: Event, bearer: dict[str, str]) -> None:
        slot = slot_of(event, 10, name="General", name_ar="دخول عام", price="120.00")
        body = {"event": "rush", "items": [{"slot": slot.pk, "quantity": 2}]}

        rush, django = send_both(apps, body, {**bearer, "Accept-Language": "ar"})

        assert rush_answered
        assert rush.status_code == 201
        assert comparable(rush) == comparable(django)
        assert rush.json()["items"][0]["resource_name"] == "دخول عام"
        assert rush.headers["content-language"] == "ar"
        hold = Hold.objects.get(pk=rush.json()["id"])
        assert [(i.slot_id, i.quantity) for i in hold.items.all()] == [(slot.pk, 2)]
        assert rush.json()["topic"] == f"hold:{hold.pk}"

    @pytest.mark.parametrize(
        "case",
        ["sold_out", "hold_limit", "too_many", "unknown_slot", "other_events_slot", "ended"],
    )
    def test_refusals(
        self, apps: Any, event: Event, guest: Any, bearer: dict[str, str], case: str
    ) -> None:
        slot = slot_of(event, 2)
        quantity = 1
        if case == "sold_out":
            quantity = 3
        elif case == "hold_limit":
            mine = slot_of(event, 5)  # two holds: as many as a guest may have here
            send_both(apps, {"event": "rush", "items": [{"slot": mine.pk}]}, bearer)
        elif case == "too_many":
            slot = slot_of(event, 10)
            quantity = 5
        elif case == "unknown_slot":
            slot = Slot(pk=987_654)
        elif case == "other_events_slot":
            slot = slot_of(EventFactory(), 5)
        elif case == "ended":
            slot = slot_of(event, 5)
            Slot.objects.filter(pk=slot.pk).update(
                starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now()
            )
        before = Hold.objects.count()
        body = {"event": "rush", "items": [{"slot": slot.pk, "quantity": quantity}]}

        rush, django = send_both(apps, body, bearer)

        assert rush_answered
        assert rush.status_code in (400, 409)
        assert comparable(rush) == comparable(django)
        assert Hold.objects.count() == before

    def test_an_event_not_on_sale(self, apps: Any, event: Event, bearer: dict[str, str]) -> None:
        slot = slot_of(event, 5)
        Event.objects.filter(pk=event.pk).update(status=Event.Status.CLOSED)

        rush, django = send_both(apps, {"event": "rush", "items": [{"slot": slot.pk}]}, bearer)

        assert rush_answered
        assert rush.status_code == 409
        assert comparable(rush) == comparable(django)


class TestHandedOverToDjango:
    """What the route leaves to the full path: answered as Django answers, nothing held."""

    @pytest.mark.parametrize(
        "case",
        [
            "no_token",
            "bad_token",
            "revoked_session",
            "inactive_account",
            "draft_event",
            "no_such_event",
            "allowlist_not_invited",
            "quantity_as_text",
            "slot_as_bool",
            "no_items",
            "zero_quantity",
            "not_json",
            "nested_too_deep",
            "language_cookie",
        ],
    )
    def test_cases(
        self, apps: Any, event: Event, guest: Any, bearer: dict[str, str], case: str
    ) -> None:
        slot = slot_of(event, 5)
        body: Any = {"event": "rush", "items": [{"slot": slot.pk, "quantity": 1}]}
        headers = dict(bearer)
        if case == "no_token":
            headers = {}
        elif case == "bad_token":
            headers = {"Authorization": "Bearer not.a.token"}
        elif case == "revoked_session":
            AuthSession.objects.filter(user=guest).update(revoked_at=timezone.now())
        elif case == "inactive_account":
            type(guest).objects.filter(pk=guest.pk).update(is_active=False)
        elif case == "draft_event":
            Event.objects.filter(pk=event.pk).update(status=Event.Status.DRAFT)
        elif case == "no_such_event":
            body["event"] = "nowhere"
        elif case == "allowlist_not_invited":
            Event.objects.filter(pk=event.pk).update(allowlist_only=True)
            AllowlistEntryFactory(event=event, phone="+966500000999")
        elif case == "quantity_as_text":
            body["items"][0]["quantity"] = "1"
        elif case == "slot_as_bool":
            body["items"][0]["slot"] = True
        elif case == "no_items":
            body["items"] = []
        elif case == "zero_quantity":
            body["items"][0]["quantity"] = 0
        elif case == "not_json":
            body = ["event", "rush"]
        elif case == "nested_too_deep":  # within the route's 64 KiB, past json's recursion
            body = b'{"event": "rush", "items": ' + b"[" * 30_000 + b"]" * 30_000 + b"}"
            headers["Content-Type"] = "application/json"
        elif case == "language_cookie":
            headers["Cookie"] = "django_language=ar"

        rush, django = send_both(apps, body, headers)

        assert not rush_answered
        assert comparable(rush) == comparable(django)
        if case == "language_cookie":
            assert rush.status_code == 201
        else:
            assert 400 <= rush.status_code < 500
            assert Hold.objects.count() == 0
            assert held_units(slot) == 0


class TestCost:
    def test_a_hold_and_a_refusal_are_one_statement_each_and_no_django_query(
        self, apps: Any, event: Event, bearer: dict[str, str], django_assert_num_queries: Any
    ) -> None:
        slot = slot_of(event, 1)
        other = {"Authorization": f"Bearer {sign_in(UserFactory()).access}"}
        application = apps[0]

        async def post(headers: dict[str, str]) -> tuple[int, int, int]:
            before, answered = async_db.statements_sent, rush.counts["answered"]
            transport = httpx.ASGITransport(app=application)
            async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
                answer = await c.post(
                    "/api/holds/",
                    json={"event": "rush", "items": [{"slot": slot.pk}]},
                    headers=headers,
                )
            return (
                answer.status_code,
                async_db.statements_sent - before,
                rush.counts["answered"] - answered,
            )

        async def both() -> list[tuple[int, int, int]]:
            try:
                return [await post(bearer), await post(other)]
            finally:
                await async_db.close_pool()

        with django_assert_num_queries(0):
            answers = asyncio.run(both())

        assert answers == [(201, 1, 1), (409, 1, 1)]


def test_the_events_dashboard_is_marked_after_a_rush_of_holds(apps: Any, event: Event) -> None:
    """One mark for the burst, after its last hold; and again after a hold that comes once
    the dashboard job has taken the mark."""
    from backend.realtime.dashboard import MARK_DELAY, take_dirty

    slots = [slot_of(event, 5) for _ in range(2)]
    tokens = [sign_in(UserFactory()).access for _ in range(10)]
    marks = []

    async def rush_then_look() -> None:
        transport = httpx.ASGITransport(app=apps[0])
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:

            async def hold(token: str, slot: Slot) -> int:
                answer = await c.post(
                    "/api/holds/",
                    json={"event": "rush", "items": [{"slot": slot.pk}]},
                    headers={"Authorization": f"Bearer {token}"},
                )
                return answer.status_code

            async def mark_taken() -> list[str]:
                """What the dashboard job takes once the mark is due (a loaded machine may
                run the scheduled mark late: wait for it, up to a bound)."""
                await asyncio.sleep(MARK_DELAY)
                for _ in range(40):
                    taken = take_dirty(["rush"])
                    if taken:
                        return taken
                    await asyncio.sleep(MARK_DELAY)
                return []

            statuses = await asyncio.gather(*(hold(t, slots[0]) for t in tokens[:5]))
            assert statuses == [201] * 5
            marks.append(take_dirty(["rush"]))  # at once: not yet marked
            marks.append(await mark_taken())  # taken (and unmarked) by the job
            assert await hold(tokens[5], slots[1]) == 201
            marks.append(await mark_taken())
        await async_db.close_pool()

    asyncio.run(rush_then_look())

    assert marks == [[], ["rush"], ["rush"]]


class TestSoldOutHints:
    """A slot the database just found sold out is refused without it for a moment: the
    same answer, no statement; never for longer, never for more, never after units came back
    through this process."""

    def post_all(self, app: Any, requests: list[tuple[str, dict[str, Any]]]) -> list[Any]:
        async def run() -> list[Any]:
            results = []
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
                for method, kwargs in requests:
                    if method == "wait":
                        await asyncio.sleep(kwargs["seconds"])
                        continue
                    before = async_db.statements_sent
                    answer = await c.request(method, **kwargs)
                    results.append((answer, async_db.statements_sent - before))
            await async_db.close_pool()
            return results

        return asyncio.run(run())

    def hold(self, slot: Slot, quantity: int = 1) -> tuple[str, dict[str, Any]]:
        token = sign_in(UserFactory()).access
        return "POST", {
            "url": "/api/holds/",
            "json": {"event": "rush", "items": [{"slot": slot.pk, "quantity": quantity}]},
            # one request id for all, so that two answers may be compared header for header
            "headers": {"Authorization": f"Bearer {token}", "X-Request-ID": "sold-out-hints"},
        }

    def test_refused_again_without_the_database_then_asked_when_units_come_back(
        self, apps: Any, event: Event, settings: Any
    ) -> None:
        settings.RUSH_SOLD_OUT_HINT_SECONDS = 30
        slot = slot_of(event, 1)
        first = self.hold(slot)
        answers = self.post_all(apps[0], [first, self.hold(slot), self.hold(slot)])
        (held, one), (refused, two), (hinted, three) = answers

        assert (held.status_code, one) == (201, 1)
        assert (refused.status_code, two) == (409, 1)
        assert (hinted.status_code, three) == (409, 0)
        assert hinted.json() == refused.json()
        assert hinted.headers == refused.headers

        release = (
            "DELETE",
            {
                "url": f"/api/holds/{held.json()['id']}/",
                "headers": first[1]["headers"],
            },
        )
        (released, _), (again, statements) = self.post_all(apps[0], [release, self.hold(slot)])
        assert released.status_code == 200
        assert (again.status_code, statements) == (201, 1)
        assert held_units(slot) == 1

    def test_only_for_the_window_and_never_for_more_units(
        self, apps: Any, event: Event, settings: Any
    ) -> None:
        settings.RUSH_SOLD_OUT_HINT_SECONDS = 0.5
        slot = slot_of(event, 1)
        answers = self.post_all(
            apps[0],
            [
                self.hold(slot),
                self.hold(slot),  # the database refuses: the hint starts
                self.hold(slot, quantity=2),  # more than was refused: asked again
                self.hold(slot),  # within the window: the hint
                ("wait", {"seconds": 0.6}),
                self.hold(slot),  # past it: asked again
            ],
        )

        assert [(a.status_code, n) for a, n in answers] == [
            (201, 1),
            (409, 1),
            (409, 1),
            (409, 0),
            (409, 1),
        ]

    def test_off_at_zero(self, apps: Any, event: Event, settings: Any) -> None:
        settings.RUSH_SOLD_OUT_HINT_SECONDS = 0
        slot = slot_of(event, 1)
        answers = self.post_all(apps[0], [self.hold(slot) for _ in range(3)])

        assert [(a.status_code, n) for a, n in answers] == [(201, 1), (409, 1), (409, 1)]


def test_fifty_guests_race_for_ten_units_through_the_route(apps: Any, event: Event) -> None:
    slot = slot_of(event, 10)
    tokens = [sign_in(UserFactory()).access for _ in range(50)]
    transport = httpx.ASGITransport(app=apps[0])

    async def race() -> list[int]:
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            answers = await asyncio.gather(
                *(
                    c.post(
                        "/api/holds/",
                        json={"event": "rush", "items": [{"slot": slot.pk}]},
                        headers={"Authorization": f"Bearer {token}"},
                    )
                    for token in tokens
                )
            )
        await async_db.close_pool()
        return [answer.status_code for answer in answers]

    statuses = Counter(asyncio.run(race()))

    assert statuses == Counter({201: 10, 409: 40})
    assert held_units(slot) == 10
    assert Hold.objects.filter(status="active").count() == 10
    assert_counters_match_rows(slot)
