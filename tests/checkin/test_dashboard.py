"""The staff dashboard topic: a snapshot of the event's figures, then at most one ``stats``
frame per second, only when something changed."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import sync_to_async

from backend.checkin.models import Gate
from backend.checkin.services.dashboards import dashboards_publish
from backend.realtime.dispatcher import dispatcher
from tests.accounts.helpers import sign_in
from tests.factories import StaffFactory, UserFactory
from tests.support.checkin import qr_of

pytestmark = pytest.mark.django_db(transaction=True)


async def signed_in(connect: Any, user: Any) -> Any:
    client = await connect()
    pair = await sync_to_async(sign_in)(user)
    assert (await client.ask({"type": "auth", "token": pair.access}))["type"] == "auth.ok"
    return client


async def test_staff_watch_sales_and_check_ins_live(
    connect: Any, shop: Any, gate: Gate, tickets: list[Any], station: Any
) -> None:
    staff = await sync_to_async(StaffFactory)(grant__event=shop.event)
    client = await signed_in(connect, staff)
    topic = f"event:{shop.event.slug}:dashboard"
    await sync_to_async(dashboards_publish)()  # what the booking marked is published first
    await sync_to_async(dispatcher.drain)()

    subscribed = await client.ask({"type": "subscribe", "topic": topic})
    await sync_to_async(station.client().post)(
        "/api/scan/commit/", {"qr": qr_of(tickets[0]), "gate": gate.pk}, format="json"
    )
    published = await sync_to_async(dashboards_publish)()
    await sync_to_async(dispatcher.drain)()
    frame = await client.recv()
    quiet = await sync_to_async(dashboards_publish)()

    snapshot = subscribed["snapshot"]
    assert (snapshot["sold"], snapshot["held"], snapshot["available"]) == (3, 0, 7)
    assert snapshot["checked_in"] == [{"gate": gate.pk, "name": "North gate", "admitted": 0}]
    assert published == 1
    assert frame["kind"] == "stats"
    assert frame["data"]["checked_in"][0]["admitted"] == 1
    assert sum(m["scans"] for m in frame["data"]["scans_per_minute"]) == 1
    assert quiet == 0  # nothing changed: no frame
    assert await client.silent(0.3)


async def test_a_guest_may_not_watch_the_dashboard(connect: Any, shop: Any) -> None:
    client = await signed_in(connect, await sync_to_async(UserFactory)())

    answer = await client.ask({"type": "subscribe", "topic": f"event:{shop.event.slug}:dashboard"})

    assert answer["code"] == "forbidden"


async def test_a_hold_marks_the_dashboard(shop: Any) -> None:
    await sync_to_async(dashboards_publish)()

    await sync_to_async(shop.hold)(await sync_to_async(UserFactory)(), 2)

    assert await sync_to_async(dashboards_publish)() == 1
