"""Identity that ends when it should: revoking a scanning station or ending a session
reaches every live websocket of that identity at once (a group per identity), and scan and
subscribe check again what they rely on."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import sync_to_async

from backend.accounts.models import AuthSession, Role, RoleGrant, ScannerDevice
from backend.accounts.services.grants import grants_changed, grants_of
from backend.checkin.models import Gate
from backend.realtime.dispatcher import dispatcher
from tests.accounts.helpers import bearer, sign_in
from tests.factories import StaffFactory
from tests.support.bookings import client_of
from tests.support.checkin import qr_of

pytestmark = pytest.mark.django_db(transaction=True)


async def signed_in(connect: Any, token: str) -> Any:
    client = await connect()
    assert (await client.ask({"type": "auth", "token": token}))["type"] == "auth.ok"
    return client


async def delivered() -> None:
    await sync_to_async(dispatcher.drain)()


async def test_revoking_a_station_cuts_its_open_socket_at_once(
    connect: Any, gate: Gate, tickets: list[Any], station: Any, shop: Any
) -> None:
    lane = await signed_in(connect, station.token)
    other_tab = await signed_in(connect, station.token)
    await lane.ask({"type": "subscribe", "topic": f"gate:{gate.pk}"})
    staff = await sync_to_async(StaffFactory)(grant__event=shop.event)

    desk = await sync_to_async(client_of)(staff)
    revoked = await sync_to_async(desk.post)(f"/api/staff/devices/{station.device.pk}/revoke/")
    await delivered()
    notice, other_notice = await lane.recv(), await other_tab.recv()
    scan = await lane.ask(
        {"type": "scan", "gate": gate.pk, "qr": qr_of(tickets[0]), "request_id": "after"}
    )

    assert revoked.status_code == 200
    assert (notice["type"], notice["code"]) == ("error", "auth_revoked")
    assert notice["topics"] == [f"gate:{gate.pk}"]
    assert other_notice["code"] == "auth_revoked"
    assert (scan["type"], scan["code"]) == ("error", "forbidden")
    ticket = tickets[0]
    await sync_to_async(ticket.refresh_from_db)()
    assert ticket.admitted_at is None


async def test_a_revoked_station_cannot_scan_even_if_the_notice_was_lost(
    connect: Any, gate: Gate, tickets: list[Any], station: Any
) -> None:
    """Identity is checked again where it acts: a revocation the socket never heard of (a
    node that missed the message) still stops the next scan."""
    lane = await signed_in(connect, station.token)
    await sync_to_async(
        ScannerDevice.objects.filter(pk=station.device.pk).update  # no announcement
    )(revoked_at=station.device.created_at)

    scan = await lane.ask(
        {"type": "scan", "gate": gate.pk, "qr": qr_of(tickets[0]), "request_id": "r1"}
    )
    again = await lane.ask({"type": "subscribe", "topic": f"gate:{gate.pk}"})

    assert (scan["type"], scan["code"], scan["request_id"]) == ("error", "auth_revoked", "r1")
    assert again["code"] == "forbidden"  # the connection is anonymous now
    ticket = tickets[0]
    await sync_to_async(ticket.refresh_from_db)()
    assert ticket.admitted_at is None


async def test_logging_out_ends_the_dashboard_of_that_session(
    connect: Any, shop: Any, api: Any
) -> None:
    staff = await sync_to_async(StaffFactory)(grant__event=shop.event)
    desk = await sync_to_async(sign_in)(staff)
    phone = await sync_to_async(sign_in)(staff)  # the same person on another device
    dashboard = await signed_in(connect, desk.access)
    elsewhere = await signed_in(connect, phone.access)
    topic = f"event:{shop.event.slug}:dashboard"
    assert (await dashboard.ask({"type": "subscribe", "topic": topic}))["type"] == "subscribed"
    assert (await elsewhere.ask({"type": "subscribe", "topic": topic}))["type"] == "subscribed"

    logout = await sync_to_async(api.post)("/api/auth/logout/", **bearer(desk.access))
    await delivered()
    notice = await dashboard.recv()
    resubscribe = await dashboard.ask({"type": "subscribe", "topic": topic})

    assert logout.status_code == 200
    assert (notice["code"], notice["topics"]) == ("auth_revoked", [topic])
    assert resubscribe["code"] == "forbidden"
    assert await elsewhere.silent()  # the other session is untouched


async def test_a_session_ended_behind_the_sockets_back_is_caught_at_subscribe(
    connect: Any, shop: Any
) -> None:
    staff = await sync_to_async(StaffFactory)(grant__event=shop.event)
    pair = await sync_to_async(sign_in)(staff)
    dashboard = await signed_in(connect, pair.access)
    from django.core.cache import cache
    from django.utils import timezone

    await sync_to_async(AuthSession.objects.filter(pk=pair.session.pk).update)(
        revoked_at=timezone.now()
    )
    await sync_to_async(cache.clear)()

    answer = await dashboard.ask(
        {"type": "subscribe", "topic": f"event:{shop.event.slug}:dashboard"}
    )

    assert (answer["type"], answer["code"]) == ("error", "auth_revoked")


async def test_taking_a_role_away_drops_the_topics_it_gave(connect: Any, shop: Any) -> None:
    staff = await sync_to_async(StaffFactory)(grant__event=shop.event)
    pair = await sync_to_async(sign_in)(staff)
    dashboard = await signed_in(connect, pair.access)
    topic = f"event:{shop.event.slug}:dashboard"
    await dashboard.ask({"type": "subscribe", "topic": topic})
    root = await sync_to_async(StaffFactory)()

    def take_role_away() -> None:
        before = grants_of(staff)
        RoleGrant.objects.filter(user=staff, role=Role.STAFF).delete()
        grants_changed(actor=root, user=staff, before=before)

    await sync_to_async(take_role_away)()
    await delivered()
    notice = await dashboard.recv()

    assert (notice["type"], notice["code"], notice["topics"]) == ("error", "forbidden", [topic])


async def test_a_demoted_superuser_loses_every_event_at_once(connect: Any, shop: Any) -> None:
    """Roles are read again where they act: the account as it is now, not as it was when
    the token was shown."""
    from backend.accounts.models import User
    from tests.support.admin import admin_browser_for, user_change_form

    def make_boss() -> Any:
        return User.objects.create_superuser("boss@example.com", "pw", phone="+966500000888")

    boss = await sync_to_async(make_boss)()
    pair = await sync_to_async(sign_in)(boss)
    client = await signed_in(connect, pair.access)
    topic = f"event:{shop.event.slug}:dashboard"
    assert (await client.ask({"type": "subscribe", "topic": topic}))["type"] == "subscribed"

    def demote_in_the_admin() -> int:
        browser, _root = admin_browser_for()
        data = user_change_form(browser, boss, is_superuser=False, is_staff=False)
        return browser.post(f"/admin/accounts/user/{boss.pk}/change/", data).status_code

    assert await sync_to_async(demote_in_the_admin)() == 302
    await delivered()
    notice = await client.recv()
    again = await client.ask({"type": "subscribe", "topic": topic})

    assert (notice["code"], notice["topics"]) == ("forbidden", [topic])
    assert again["code"] == "forbidden"


async def test_unbinding_a_station_from_a_gate_drops_that_gate_at_once(
    connect: Any, gate: Gate, station: Any, shop: Any
) -> None:
    lane = await signed_in(connect, station.token)
    await lane.ask({"type": "subscribe", "topic": f"gate:{gate.pk}"})
    staff = await sync_to_async(StaffFactory)(grant__event=shop.event)
    desk = await sync_to_async(client_of)(staff)

    unbound = await sync_to_async(desk.put)(
        f"/api/staff/devices/{station.device.pk}/gates/", {"gates": []}, format="json"
    )
    await delivered()
    notice = await lane.recv()

    assert unbound.status_code == 200
    assert (notice["code"], notice["topics"]) == ("forbidden", [f"gate:{gate.pk}"])


async def test_deleting_an_account_ends_its_open_sockets(connect: Any, shop: Any) -> None:
    staff = await sync_to_async(StaffFactory)(grant__event=shop.event)
    pair = await sync_to_async(sign_in)(staff)
    dashboard = await signed_in(connect, pair.access)
    topic = f"event:{shop.event.slug}:dashboard"
    await dashboard.ask({"type": "subscribe", "topic": topic})

    await sync_to_async(staff.delete)()
    await delivered()
    notice = await dashboard.recv()

    assert (notice["code"], notice["topics"]) == ("auth_revoked", [topic])
