"""The websocket auth frame: JWTs and device tokens, re-auth, and expiry."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from rest_framework_simplejwt.tokens import AccessToken

from backend.accounts.services.devices import device_create, device_revoke
from backend.accounts.services.sessions import session_revoke
from backend.realtime import publish
from consumers.identity import Identity
from consumers.topics import TopicSpec, registry
from tests.accounts.helpers import sign_in
from tests.factories import EventFactory, StaffFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("test_topics")]


def _signed_in(identity: Identity, params: dict[str, str]) -> bool:
    return identity.user is not None


def _staff_only(identity: Identity, params: dict[str, str]) -> bool:
    return identity.user is not None and identity.user.email is not None


@pytest.fixture(autouse=True)
def private_topics() -> Any:
    registry.register(TopicSpec("private:{name}", _signed_in, lambda p, o: {}))
    registry.register(TopicSpec("staffonly:{name}", _staff_only, lambda p, o: {}))
    yield
    registry.unregister("private:{name}")
    registry.unregister("staffonly:{name}")


def short_lived(access: str, seconds: float) -> str:
    token = AccessToken(access)
    token.set_exp(lifetime=timedelta(seconds=seconds))
    return str(token)


async def test_a_jwt_signs_the_connection_in(connect: Any) -> None:
    user = await sync_to_async(UserFactory)(name="Sara")
    pair = await sync_to_async(sign_in)(user)
    client = await connect()

    refused = await client.ask({"type": "subscribe", "topic": "private:a"})
    ok = await client.ask({"type": "auth", "token": pair.access})
    allowed = await client.ask({"type": "subscribe", "topic": "private:a"})

    assert refused["code"] == "forbidden"
    assert ok["type"] == "auth.ok"
    assert ok["user"] == {"id": user.pk, "name": "Sara", "phone": user.phone, "roles": ["guest"]}
    assert ok["expires_at"].endswith("Z")
    assert allowed["type"] == "subscribed"


@pytest.mark.parametrize("token", ["nope", "", None, 42, "a.b.c", "ghd_forged"])
async def test_a_bad_token_fails_and_the_connection_stays_anonymous(
    connect: Any, token: Any
) -> None:
    client = await connect()

    failed = await client.ask({"type": "auth", "token": token})
    still_open = await client.ask({"type": "ping"})
    refused = await client.ask({"type": "subscribe", "topic": "private:a"})

    assert failed["type"] == "error"
    assert failed["code"] == "auth_failed"
    assert still_open["type"] == "pong"
    assert refused["code"] == "forbidden"


async def test_a_revoked_session_token_fails(connect: Any) -> None:
    pair = await sync_to_async(sign_in)(await sync_to_async(UserFactory)())
    await sync_to_async(session_revoke)(session=pair.session)
    client = await connect()

    assert (await client.ask({"type": "auth", "token": pair.access}))["code"] == "auth_failed"


async def test_a_device_token_signs_a_scanning_station_in(connect: Any) -> None:
    event = await sync_to_async(EventFactory)(slug="gate-fest")
    device, token = await sync_to_async(device_create)(label="Gate A", event=event)
    client = await connect()

    ok = await client.ask({"type": "auth", "token": token})

    assert ok["type"] == "auth.ok"
    assert ok["expires_at"] is None
    assert ok["user"]["roles"] == ["scanner"]
    assert ok["user"]["device"] == {"id": device.pk, "label": "Gate A", "event": "gate-fest"}


async def test_a_revoked_device_is_refused(connect: Any) -> None:
    device, token = await sync_to_async(device_create)(label="Gate B")
    await sync_to_async(device_revoke)(device=device)
    client = await connect()

    assert (await client.ask({"type": "auth", "token": token}))["code"] == "auth_failed"


async def test_expiry_drops_the_topics_that_needed_it(connect: Any) -> None:
    pair = await sync_to_async(sign_in)(await sync_to_async(UserFactory)())
    client = await connect()
    await client.ask({"type": "auth", "token": short_lived(pair.access, 1.5)})
    await client.ask({"type": "subscribe", "topic": "private:mine"})
    await client.ask({"type": "subscribe", "topic": "test:public"})

    expired = await client.recv(timeout=4)
    await sync_to_async(publish)("private:mine", "k", {"n": 1})
    await sync_to_async(publish)("test:public", "k", {"n": 2})
    delivered = await client.recv()

    assert expired["type"] == "error"
    assert expired["code"] == "auth_expired"
    assert expired["topics"] == ["private:mine"]
    assert delivered["topic"] == "test:public"  # public topics stay
    assert await client.silent()


async def test_a_fresh_token_before_expiry_keeps_the_topics(connect: Any) -> None:
    pair = await sync_to_async(sign_in)(await sync_to_async(UserFactory)())
    client = await connect()
    await client.ask({"type": "auth", "token": short_lived(pair.access, 1.0)})
    await client.ask({"type": "subscribe", "topic": "private:mine"})

    renewed = await client.ask({"type": "auth", "token": pair.access})
    await asyncio.sleep(1.5)

    assert renewed["type"] == "auth.ok"
    assert await client.silent(within=0.3)
    await sync_to_async(publish)("private:mine", "k", {"n": 1})
    assert (await client.recv())["topic"] == "private:mine"


async def test_changing_identity_drops_what_the_new_one_may_not_watch(connect: Any) -> None:
    staff = await sync_to_async(sign_in)(await sync_to_async(StaffFactory)())
    guest = await sync_to_async(sign_in)(await sync_to_async(UserFactory)())
    client = await connect()
    await client.ask({"type": "auth", "token": staff.access})
    assert (await client.ask({"type": "subscribe", "topic": "staffonly:desk"}))["type"] == (
        "subscribed"
    )

    await client.ask({"type": "auth", "token": guest.access})
    await sync_to_async(publish)("staffonly:desk", "k", {"n": 1})

    assert await client.silent()
