"""The waiting room (docs/waiting-room.md): order, tokens, admission, the pass, auto, staff."""

from __future__ import annotations

import asyncio
import random
import time
from datetime import timedelta
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.core.cache import cache
from django.utils import timezone

from backend.core.models import AuditEntry
from backend.inventory.models import QueueEntry, WaitingRoom
from backend.inventory.services import waiting_room as service
from backend.realtime import capture_publishes
from backend.realtime.dispatcher import dispatcher
from tests.accounts.helpers import bearer, sign_in
from tests.factories import (
    EventFactory,
    ResourceFactory,
    SlotFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fresh_cache() -> Any:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fest() -> Any:
    event = EventFactory(slug="rush-fest", max_quantity_per_hold=4, max_live_holds_per_user=3)
    slot = SlotFactory(resource=ResourceFactory(event=event, units=100))
    return event, slot


def room(event: Any, **fields: Any) -> WaitingRoom:
    values = {"mode": "on", "active": True, **fields}
    found, _ = WaitingRoom.objects.update_or_create(event=event, defaults=values)
    return found


def join(api: Any, user: Any, slug: str = "rush-fest", address: str = "10.0.0.1") -> Any:
    return api.post(
        f"/api/events/{slug}/queue/",
        {},
        format="json",
        REMOTE_ADDR=address,
        **bearer(sign_in(user)),
    )


def hold(api: Any, user: Any, slot: Any, **extra: Any) -> Any:
    body = {"event": "rush-fest", "items": [{"slot": slot.pk, "quantity": 1}], **extra}
    return api.post("/api/holds/", body, format="json", **bearer(sign_in(user)))


# --- the order ------------------------------------------------------------------------------------


def chi_square(table: list[list[int]]) -> float:
    """Pearson's statistic of a table against the uniform expectation of each row."""
    total = 0.0
    for row in table:
        expected = sum(row) / len(row)
        total += sum((n - expected) ** 2 / expected for n in row)
    return total


def test_early_arrivals_land_in_every_position_equally(fest: Any) -> None:
    """k early arrivals, shuffled at the opening ``rounds`` times (a fixed seed): the table of
    arrival x position is uniform by Pearson's chi-square (df 9, p = 0.001 -> 27.88); the same
    test refuses an order kept by arrival (the statistic the identity would give)."""
    event, _slot = fest
    the_room = room(event, opens_at=timezone.now() + timedelta(hours=1))
    k, rounds = 4, 240
    users = [UserFactory() for _ in range(k)]
    entries = [
        service.queue_join(event=event, user=user, address=f"10.0.0.{i}")[0]
        for i, user in enumerate(users)
    ]
    assert all(entry.rank is None for entry in entries)
    rng = random.Random(20261208)
    table = [[0] * k for _ in range(k)]
    for _ in range(rounds):
        QueueEntry.objects.filter(room=the_room).update(rank=None)
        WaitingRoom.objects.filter(pk=the_room.pk).update(opened=False, next_rank=1)
        the_room.refresh_from_db()
        service.open_room(the_room, rng=rng)
        ranks = dict(QueueEntry.objects.filter(room=the_room).values_list("id", "rank"))
        for arrival, entry in enumerate(entries):
            table[arrival][ranks[entry.pk] - 1] += 1

    assert sorted(sum(row) for row in table) == [rounds] * k
    assert chi_square(table) < 27.88, table
    kept_in_arrival_order = [[rounds if i == j else 0 for j in range(k)] for i in range(k)]
    assert chi_square(kept_in_arrival_order) > 27.88


def test_after_the_opening_first_come_first_served(api: Any, fest: Any) -> None:
    event, _slot = fest
    room(event, opens_at=timezone.now() + timedelta(hours=1))
    early = [UserFactory() for _ in range(3)]
    for i, user in enumerate(early):
        answer = join(api, user, address=f"10.0.1.{i}")
        assert answer.status_code == 201
        assert answer.json()["position"] is None  # drawn at the opening

    WaitingRoom.objects.filter(event=event).update(opens_at=timezone.now() - timedelta(seconds=1))
    late = [UserFactory() for _ in range(3)]
    answers = [join(api, user, address=f"10.0.2.{i}").json() for i, user in enumerate(late)]

    assert [a["position"] for a in answers] == [4, 5, 6]
    assert [a["ahead"] for a in answers] == [3, 4, 5]
    early_ranks = sorted(QueueEntry.objects.filter(user__in=early).values_list("rank", flat=True))
    assert early_ranks == [1, 2, 3]


# --- tokens and the edge --------------------------------------------------------------------------


def test_one_token_per_account_and_off_is_409(api: Any, fest: Any) -> None:
    event, _slot = fest
    guest = UserFactory()
    assert join(api, guest).status_code == 409
    assert join(api, guest).json()["error"]["code"] == "waiting_room_off"

    room(event)
    first, again = join(api, guest), join(api, guest)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["token"] == again.json()["token"]
    assert first.json()["topic"] == f"queue:rush-fest:{first.json()['token']}"
    assert QueueEntry.objects.count() == 1


def test_tokens_per_address_stop_at_the_limit(api: Any, fest: Any, settings: Any) -> None:
    settings.WAITING_ROOM_TOKENS_PER_ADDRESS = 3
    event, _slot = fest
    room(event)
    at_limit = [join(api, UserFactory(), address="10.9.9.9").status_code for _ in range(3)]
    past = join(api, UserFactory(), address="10.9.9.9")
    elsewhere = join(api, UserFactory(), address="10.9.9.10")

    assert at_limit == [201, 201, 201]
    assert past.status_code == 429
    assert past.json()["error"]["code"] == "rate_limited"
    assert past.json()["error"]["retry_after"] >= 1
    assert elsewhere.status_code == 201


def test_the_owner_reads_and_leaves_others_get_404(api: Any, fest: Any) -> None:
    event, _slot = fest
    room(event)
    owner, stranger = UserFactory(), UserFactory()
    token = join(api, owner).json()["token"]
    path = f"/api/events/rush-fest/queue/{token}/"

    assert api.get(path, **bearer(sign_in(stranger))).status_code == 404
    assert api.delete(path, **bearer(sign_in(stranger))).status_code == 404
    assert api.get(path, **bearer(sign_in(owner))).json()["status"] == "waiting"
    left = api.delete(path, **bearer(sign_in(owner)))
    assert left.json() == {"ok": True, "status": "left"}
    assert QueueEntry.objects.get(token=token).status == "left"


# --- admission and the pass -----------------------------------------------------------------------


def test_the_tick_lets_in_at_the_rate_with_a_pass(fest: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(service, "watched", set)  # as if every client were on a websocket
    event, _slot = fest
    the_room = room(event, admission_per_minute=120, pass_minutes=5)
    users = [UserFactory() for _ in range(5)]
    entries = [
        service.queue_join(event=event, user=u, address=f"10.1.0.{i}")[0]
        for i, u in enumerate(users)
    ]
    start = timezone.now()
    WaitingRoom.objects.filter(pk=the_room.pk).update(ticked_at=start)

    with capture_publishes() as sent:
        assert service.admission_tick(now=start + timedelta(seconds=1)) == 2

    admitted = QueueEntry.objects.filter(status="admitted").order_by("rank")
    assert [e.pk for e in admitted] == [entries[0].pk, entries[1].pk]
    kinds = [(p.topic.split(":")[2], p.kind) for p in sent]
    assert (entries[0].token, "queue.admitted") in kinds
    positions = {p.topic.split(":")[2]: p.data for p in sent if p.kind == "queue.position"}
    assert positions[entries[2].token] == {"position": 1, "ahead": 0, "estimated_wait_seconds": 0}
    assert positions[entries[4].token]["position"] == 3
    the_pass = next(p.data["pass"] for p in sent if p.kind == "queue.admitted")
    service.verify_pass(the_pass["token"], user_id=users[0].pk, event_id=event.pk)

    # 0.5 s later: one owed admission, not yet a whole one; 1 s later: one more.
    assert service.admission_tick(now=start + timedelta(seconds=1.25)) == 0
    assert service.admission_tick(now=start + timedelta(seconds=1.5)) == 1

    # The passes run out: expired, and the place is free.
    with capture_publishes() as sent:
        service.admission_tick(now=start + timedelta(minutes=6))
    assert QueueEntry.objects.filter(status="expired").count() == 3
    assert {p.kind for p in sent} >= {"queue.expired"}


def test_every_watched_client_hears_its_position_within_5_seconds(
    fest: Any, monkeypatch: Any
) -> None:
    """A quarter of the line per tick (and the front every tick), only to watched topics."""
    event, _slot = fest
    the_room = room(event, admission_per_minute=12)  # the front: 1 let in per 5 s
    entries = [
        service.queue_join(event=event, user=UserFactory(), address=f"10.5.{i}.1")[0]
        for i in range(20)
    ]
    unwatched = entries[7].token
    monkeypatch.setattr(
        service, "watched", lambda topics: {t for t in topics if not t.endswith(unwatched)}
    )
    start = timezone.now().replace(microsecond=0)
    WaitingRoom.objects.filter(pk=the_room.pk).update(ticked_at=start)
    heard: dict[str, list[int]] = {}
    per_tick = []
    for second in range(1, 6):
        with capture_publishes() as sent:
            service.admission_tick(now=start + timedelta(seconds=second))
        positions = [p for p in sent if p.kind == "queue.position"]
        per_tick.append(len(positions))
        for p in positions:
            heard.setdefault(p.topic.rsplit(":", 1)[1], []).append(p.data["position"])

    waiting = set(QueueEntry.objects.filter(status="waiting").values_list("token", flat=True))
    assert waiting - {unwatched} <= set(heard)
    assert unwatched not in heard
    assert max(per_tick) <= 20 // 4 + 2, per_tick  # a quarter, the front, not everyone


def test_an_unseen_waiting_client_is_dropped(fest: Any, settings: Any) -> None:
    settings.WAITING_ROOM_IDLE_SECONDS = 30
    event, _slot = fest
    room(event, admission_per_minute=1)
    entry, _ = service.queue_join(event=event, user=UserFactory(), address="10.2.0.1")
    seen, _ = service.queue_join(event=event, user=UserFactory(), address="10.2.0.2")
    later = timezone.now() + timedelta(seconds=31)
    QueueEntry.objects.filter(pk=seen.pk).update(seen_at=later)
    WaitingRoom.objects.filter(event=event).update(ticked_at=later)  # no admission credit

    service.admission_tick(now=later)

    assert QueueEntry.objects.get(pk=entry.pk).status == "left"
    assert QueueEntry.objects.get(pk=seen.pk).status == "waiting"


def test_holds_need_a_valid_pass_of_their_own_while_on(api: Any, fest: Any) -> None:
    event, slot = fest
    guest, other = UserFactory(), UserFactory()
    in_time = timezone.now() + timedelta(minutes=5)

    assert hold(api, guest, slot).status_code == 201  # no room: no pass needed
    room(event)

    missing = hold(api, other, slot)
    theirs = service.sign_pass(user_id=guest.pk, event_id=event.pk, expires_at=in_time)
    another_accounts = hold(api, other, slot, queue_pass=theirs)
    ran_out = service.sign_pass(
        user_id=other.pk, event_id=event.pk, expires_at=timezone.now() - timedelta(seconds=1)
    )
    expired = hold(api, other, slot, queue_pass=ran_out)
    forged = hold(api, other, slot, queue_pass=theirs.replace(str(guest.pk), str(other.pk), 1))
    other_event = EventFactory(slug="other-fest")
    wrong_event = service.sign_pass(user_id=other.pk, event_id=other_event.pk, expires_at=in_time)
    elsewhere = hold(api, other, slot, queue_pass=wrong_event)

    assert missing.status_code == 403
    assert missing.json()["error"]["code"] == "queue_pass_required"
    for refused in (another_accounts, expired, forged, elsewhere):
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "queue_pass_invalid"
    own = service.sign_pass(user_id=other.pk, event_id=event.pk, expires_at=in_time)
    assert hold(api, other, slot, queue_pass=own).status_code == 201

    WaitingRoom.objects.filter(event=event).update(mode="off", active=False)
    assert hold(api, UserFactory(), slot).status_code == 201


def test_the_pass_check_reads_no_database(fest: Any, django_assert_num_queries: Any) -> None:
    event, _slot = fest
    guest = UserFactory()
    token = service.sign_pass(
        user_id=guest.pk, event_id=event.pk, expires_at=timezone.now() + timedelta(minutes=1)
    )
    with django_assert_num_queries(0):
        service.verify_pass(token, user_id=guest.pk, event_id=event.pk)
    with pytest.raises(service.QueuePassInvalid):
        service.verify_pass(token, user_id=guest.pk, event_id=event.pk, now=time.time() + 61)


# --- auto mode ------------------------------------------------------------------------------------


def test_auto_switches_on_past_the_threshold_of_arrivals(api: Any, fest: Any) -> None:
    event, _slot = fest
    room(event, mode="auto", active=False, arrival_threshold=3)

    for _ in range(3):
        body = api.get("/api/events/rush-fest/").json()
        assert body["waiting_room"] == {"active": False, "opens_at": None}
    assert not WaitingRoom.objects.get(event=event).active

    assert api.get("/api/events/rush-fest/").status_code == 200  # the fourth this minute
    assert WaitingRoom.objects.get(event=event).active
    assert api.get("/api/events/rush-fest/").json()["waiting_room"]["active"] is True


# --- staff ----------------------------------------------------------------------------------------


def test_staff_read_and_change_the_room_audited(api: Any, fest: Any) -> None:
    event, _slot = fest
    staff = StaffFactory(grant__event=event)
    someone_elses = StaffFactory(grant__event=EventFactory(slug="elsewhere"))
    path = "/api/staff/events/rush-fest/waiting-room/"

    assert api.get(path, **bearer(sign_in(UserFactory()))).status_code == 403
    assert api.get(path, **bearer(sign_in(someone_elses))).status_code == 403
    before = api.get(path, **bearer(sign_in(staff))).json()
    assert before["mode"] == "off"
    assert before["active"] is False
    assert before["length"] == 0

    changed = api.patch(
        path,
        {"mode": "on", "admission_per_minute": 300, "pass_minutes": 7},
        format="json",
        **bearer(sign_in(staff)),
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["active"] is True
    assert changed.json()["admission_per_minute"] == 300
    entry = AuditEntry.objects.get(action="waiting_room.update")
    assert entry.before["mode"] == "off"
    assert entry.after["mode"] == "on"
    assert entry.event_id == event.pk

    bad = api.patch(path, {"admission_per_minute": 0}, format="json", **bearer(sign_in(staff)))
    assert bad.status_code == 400
    assert (
        api.patch(path, {"mode": "on"}, format="json", **bearer(sign_in(someone_elses))).status_code
        == 403
    )


# --- the topic ------------------------------------------------------------------------------------


async def test_the_owner_watches_the_place_and_gets_the_pass(connect: Any, fest: Any) -> None:
    event, _slot = fest
    await sync_to_async(room)(event, admission_per_minute=60)
    owner, stranger = await sync_to_async(UserFactory)(), await sync_to_async(UserFactory)()
    entry, _ = await sync_to_async(service.queue_join)(event=event, user=owner, address="10.3.0.1")
    topic = f"queue:rush-fest:{entry.token}"

    snooper = await connect()
    await snooper.ask({"type": "auth", "token": (await sync_to_async(sign_in)(stranger)).access})
    assert (await snooper.ask({"type": "subscribe", "topic": topic}))["code"] == "forbidden"

    client = await connect()
    await client.ask({"type": "auth", "token": (await sync_to_async(sign_in)(owner)).access})
    subscribed = await client.ask({"type": "subscribe", "topic": topic})
    snapshot = subscribed["snapshot"]
    assert snapshot["status"] == "waiting"
    assert snapshot["position"] == 1
    assert "server_time" in snapshot
    assert "ok" not in snapshot

    await sync_to_async(service.admission_tick)(now=timezone.now() + timedelta(seconds=2))
    await sync_to_async(dispatcher.drain)()
    frame = await client.recv(timeout=2)
    assert frame["kind"] == "queue.admitted"
    assert set(frame["data"]["pass"]) == {"token", "expires_at"}


# --- the rush route -------------------------------------------------------------------------------


@pytest.mark.postgres
def test_the_rush_route_hands_an_active_room_to_django(rush_apps: Any, fest: Any) -> None:
    """With the room active the route's one statement answers ``waiting_room`` and Django
    checks the pass (the same answers both ways); without a room the route answers itself
    (tests/inventory/test_rush_holds.py pins its statement count)."""
    from django.db import connection

    from tests.inventory import test_rush_holds as rush_tests

    if connection.vendor != "postgresql":
        pytest.skip("the rush route is PostgreSQL's")
    event, slot = fest
    guest = UserFactory()
    headers = {"Authorization": f"Bearer {sign_in(guest).access}"}
    body: dict[str, Any] = {"event": "rush-fest", "items": [{"slot": slot.pk, "quantity": 1}]}

    room(event)
    refused = rush_tests.send_both(rush_apps, body, headers)
    assert not rush_tests.rush_answered
    assert [a.status_code for a in refused] == [403, 403]
    assert refused[0].json() == refused[1].json()
    assert refused[0].json()["error"]["code"] == "queue_pass_required"

    pass_ = service.sign_pass(
        user_id=guest.pk, event_id=event.pk, expires_at=timezone.now() + timedelta(minutes=5)
    )
    held = rush_tests.send_both(rush_apps, {**body, "queue_pass": pass_}, headers)
    assert [a.status_code for a in held] == [201, 201]

    WaitingRoom.objects.filter(event=event).update(mode="off", active=False)
    other = {"Authorization": f"Bearer {sign_in(UserFactory()).access}"}
    answered = rush_tests.send_both(rush_apps, body, other)
    assert rush_tests.rush_answered
    assert answered[0].status_code == 201


@pytest.fixture(scope="module")
def rush_apps() -> tuple[Any, Any]:
    from backend.asgi import application, django_application

    return application, django_application


def test_the_dashboard_carries_the_queue_figures(fest: Any) -> None:
    from backend.checkin.selectors import dashboard_stats

    event, _slot = fest
    assert dashboard_stats(event)["queue"] == {
        "active": False,
        "length": 0,
        "admitted_per_minute": 0,
        "estimated_wait_seconds": 0,
    }
    the_room = room(event, admission_per_minute=60)
    for i in range(3):
        service.queue_join(event=event, user=UserFactory(), address=f"10.4.0.{i}")
    WaitingRoom.objects.filter(pk=the_room.pk).update(ticked_at=timezone.now())
    service.admission_tick(now=timezone.now() + timedelta(seconds=1))

    assert dashboard_stats(event)["queue"] == {
        "active": True,
        "length": 2,
        "admitted_per_minute": 1,
        "estimated_wait_seconds": 2,
    }


async def test_many_clients_subscribing_their_own_places_at_once_all_get_them(
    connect: Any, fest: Any
) -> None:
    """Twenty topics subscribed at the same instant on a fresh hub (its Redis subscription
    not open yet): each is confirmed (two SUBSCRIBEs sent together used to open two
    connections, the first one's channels never confirmed)."""
    from django.conf import settings

    if not settings.REDIS_URL:
        pytest.skip("the hub's Redis subscription")
    event, _slot = fest
    await sync_to_async(room)(event)

    @sync_to_async
    def places() -> list[tuple[str, str]]:
        out = []
        for i in range(20):
            user = UserFactory()
            entry, _ = service.queue_join(event=event, user=user, address=f"10.6.{i}.1")
            out.append((sign_in(user).access, f"queue:rush-fest:{entry.token}"))
        return out

    clients = []
    for access, topic in await places():
        client = await connect()
        await client.ask({"type": "auth", "token": access})
        clients.append((client, topic))

    answers = await asyncio.wait_for(
        asyncio.gather(*(c.ask({"type": "subscribe", "topic": t}) for c, t in clients)), 20
    )

    assert [a["type"] for a in answers] == ["subscribed"] * 20
