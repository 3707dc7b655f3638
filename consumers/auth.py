"""The ``auth`` frame: who the connection is, for how long, and what happens after.

A good token makes the connection that user (or scanning device) until the token expires;
then the connection is anonymous again, every topic that needed the identity is dropped and
the client gets ``auth_expired`` (it sends a fresh token and subscribes again).  A bad
token gets ``auth_failed`` and leaves the connection anonymous.  Whenever the identity
changes, topics it may not hold are dropped.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from channels.db import database_sync_to_async

from backend.accounts.selectors import identity_from_token, identity_reloaded, identity_summary
from backend.realtime.topics import identity_group
from consumers.frames import FrameError
from consumers.identity import ANONYMOUS, Identity
from consumers.topics import registry

REVOKED = "This sign-in was ended or revoked; sign in again."

if TYPE_CHECKING:
    from consumers.protocol import Connection


def _resolve(token: object) -> tuple[Identity, dict[str, Any]] | None:
    found = identity_from_token(token)  # type: ignore[arg-type]
    if found is None:
        return None
    identity = Identity(
        user=found.user, device=found.device, expires_at=found.expires_at, session=found.session
    )
    return identity, identity_summary(found)


def reloaded(identity: Identity) -> Identity | None:
    """The identity with its account or station read again (its roles as they are now),
    or None when it no longer stands (station revoked, session ended, account off)."""
    fresh = identity_reloaded(user=identity.user, device=identity.device, session=identity.session)
    if fresh is None:
        return None
    user, device = fresh
    return dataclasses.replace(identity, user=user, device=device)


async def handle_auth(conn: Connection, frame: dict[str, Any]) -> None:
    resolved = await database_sync_to_async(_resolve)(frame.get("token"))
    if resolved is None:
        await change_identity(conn, ANONYMOUS)
        raise FrameError("auth_failed", "The token is not valid, has expired or was revoked.")
    identity, summary = resolved
    await change_identity(conn, identity)
    # Revocations are announced to the identity's groups, joined just now: one that came
    # between reading the token and joining them is caught by looking once more.
    if await database_sync_to_async(reloaded)(identity) is None:
        await change_identity(conn, ANONYMOUS)
        raise FrameError("auth_failed", "The token is not valid, has expired or was revoked.")
    expires = (
        datetime.fromtimestamp(identity.expires_at, UTC).isoformat().replace("+00:00", "Z")
        if identity.expires_at
        else None
    )
    await conn.send_frame({"type": "auth.ok", "user": summary, "expires_at": expires})


async def change_identity(conn: Connection, identity: Identity) -> list[str]:
    """Adopt ``identity``, arm its expiry, drop the topics it may not hold."""
    if conn.auth_timer is not None:
        conn.auth_timer.cancel()
        conn.auth_timer = None
    before, after = set(conn.identity.groups()), set(identity.groups())
    for group in sorted(after - before):
        await conn.join(group)
    conn.identity = identity
    for group in sorted(before - after):
        await conn.leave(group)
    if identity.expires_at is not None:
        loop = asyncio.get_running_loop()
        delay = max(0.0, identity.expires_at - time.time())
        conn.auth_timer = loop.call_later(delay, _expire_soon, conn, identity)
    return await _drop_forbidden_topics(conn)


def _expire_soon(conn: Connection, identity: Identity) -> None:
    conn.auth_task = asyncio.ensure_future(_expire(conn, identity))


async def _expire(conn: Connection, identity: Identity) -> None:
    if not conn.identity.same_proof(identity):
        return  # re-authenticated meanwhile (read again since is fine: the same proof)
    conn.auth_timer = None
    dropped = await change_identity(conn, ANONYMOUS)
    await conn.send_frame(
        {
            "type": "error",
            "code": "auth_expired",
            "message": "Your sign-in expired; send a fresh token.",
            "topics": dropped,
        }
    )


async def handle_identity_message(conn: Connection, message: dict[str, Any]) -> None:
    """A revocation (``ended``) or a change of roles (``changed``) announced to one of the
    connection's identity groups (``backend.realtime.identity_ended``)."""
    group = identity_group(message["kind"], message["key"])
    if group not in conn.identity.groups():
        return  # meant for an identity this connection no longer has
    if message["action"] == "ended":
        dropped = await change_identity(conn, ANONYMOUS)
        await conn.send_frame(
            {
                "type": "error",
                "code": "auth_revoked",
                "message": REVOKED,
                "topics": dropped,
            }
        )
        return
    fresh = await database_sync_to_async(reloaded)(conn.identity)
    if fresh is None:
        await handle_identity_message(conn, {**message, "action": "ended"})
        return
    conn.identity = fresh
    dropped = await _drop_forbidden_topics(conn)
    if dropped:
        await conn.send_frame(
            {
                "type": "error",
                "code": "forbidden",
                "message": "You may no longer watch these topics.",
                "topics": dropped,
            }
        )


async def ensure_live(conn: Connection) -> None:
    """Before acting on the identity (subscribe): it must still stand, and it acts with its
    roles as they are now. If it does not stand, the connection becomes anonymous and the
    frame is refused with ``auth_revoked``."""
    if conn.identity.is_anonymous:
        return
    fresh = await database_sync_to_async(reloaded)(conn.identity)
    if fresh is not None:
        conn.identity = fresh  # the same session or station: the same groups
        return
    dropped = await change_identity(conn, ANONYMOUS)
    raise FrameError("auth_revoked", REVOKED, topics=dropped)


async def _drop_forbidden_topics(conn: Connection) -> list[str]:
    dropped = []
    for subscription in conn.subscriptions.all():
        match = registry.match(subscription.topic)
        allowed = match is not None and await database_sync_to_async(match.spec.may_subscribe)(
            conn.identity, match.params
        )
        if not allowed:
            conn.subscriptions.remove(subscription.topic)
            conn.unwatch(subscription.topic)
            dropped.append(subscription.topic)
    return dropped
