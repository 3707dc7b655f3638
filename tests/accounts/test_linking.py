"""Linking a phone-only account into an e-mail account by proving its phone: everything that
pointed at it moves (bookings, tickets, transfers, holds, roles — duplicates dropped —,
messages), its sessions end, it is switched off and cannot sign in, and it is audited. Two
accounts proving the same phone at once: one wins, the other gets 409."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from backend.accounts.models import AllowlistEntry, Role, RoleGrant, User
from backend.accounts.services.linking import is_phone_only
from backend.accounts.services.phone_change import PhoneTaken, phone_code_verify
from backend.bookings.models import Booking
from backend.core.models import AuditEntry
from backend.inventory.models import Hold
from backend.tickets.models import Ticket, TicketTransfer
from backend.tickets.selectors import tickets_of
from backend.tickets.services.transfers import transfer_offer
from tests.accounts.helpers import bearer, sign_in
from tests.accounts.phone_codes import codes_sent, last_code
from tests.factories import UserFactory
from tests.support.bookings import client_of, mark_paid
from tests.support.concurrency import run_together

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = "+966512345678"


@pytest.fixture(autouse=True)
def _capture_sms(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="gatehouse.sms")


def phone_only(phone: str = PHONE) -> User:
    """An account made by signing in with a code (an empty password, as OTP makes them)."""
    return UserFactory(phone=phone, verified_phone=phone)


def email_account(email: str = "sara@example.com") -> User:
    user = UserFactory(email=email, phone=None)
    user.set_password("a long pass phrase")
    user.save()
    return user


def link_by_code(api: Any, pair: Any, caplog: Any, ip: str = "198.51.100.1") -> Any:
    asked = api.post(
        "/api/auth/phone/", {"phone": "0512345678"}, format="json", REMOTE_ADDR=ip, **bearer(pair)
    )
    assert asked.status_code == 200, asked.json()
    return api.post(
        "/api/auth/phone/verify/",
        {"request_id": asked.json()["request_id"], "code": last_code(caplog, PHONE)},
        format="json",
        **bearer(pair),
    )


def test_linking_moves_everything_and_switches_the_old_account_off(
    api: Any, caplog: Any, shop: Any
) -> None:
    old = phone_only()
    assert is_phone_only(old)
    booking = shop.book(old, 2)
    mark_paid(booking=booking)
    tickets = list(booking.tickets.order_by("id"))
    received = shop.book(UserFactory(), 1)
    mark_paid(booking=received)
    Ticket.objects.filter(booking=received).update(owner=old)  # transferred to the old account
    hold = shop.hold(old, 1)
    transfer = transfer_offer(ticket=tickets[0], user=old, phone="0512345999")
    RoleGrant.objects.create(user=old, role=Role.VENDOR, event=shop.event)
    RoleGrant.objects.create(user=old, role=Role.SCANNER, event=shop.event)
    AllowlistEntry.objects.create(event=shop.event, phone=PHONE)
    old_pair = sign_in(old)
    me = email_account()
    RoleGrant.objects.create(user=me, role=Role.VENDOR, event=shop.event)  # a duplicate
    pair = sign_in(me)

    linked = link_by_code(api, pair, caplog)

    assert linked.status_code == 200, linked.json()
    assert linked.json()["user"]["phone"] == PHONE
    assert linked.json()["user"]["phone_verified"] is True
    assert Booking.objects.get(pk=booking.pk).user_id == me.pk
    assert set(tickets) < set(tickets_of(me))
    assert not tickets_of(old).exists()
    assert Hold.objects.get(pk=hold.pk).user_id == me.pk
    assert TicketTransfer.objects.get(pk=transfer.pk).sender_id == me.pk
    assert sorted(RoleGrant.objects.filter(user=me).values_list("role", flat=True)) == [
        Role.SCANNER,
        Role.VENDOR,
    ]
    assert not RoleGrant.objects.filter(user=old).exists()  # the duplicate was dropped
    me.refresh_from_db()
    assert AllowlistEntry.objects.get().phone == me.phone == PHONE  # it follows the phone
    # The linked account sees them through the API.
    mine = client_of(me)
    assert [b["id"] for b in mine.get("/api/bookings/").json()["results"]] == [str(booking.pk)]
    assert mine.get("/api/tickets/").json()["count"] == 3
    assert Ticket.objects.get(booking=received).owner_id == me.pk
    # The old one: switched off, its sessions ended, no phone to sign in with.
    old.refresh_from_db()
    assert (old.is_active, old.phone, old.has_usable_password()) == (False, None, False)
    assert api.get("/api/auth/me/", **bearer(old_pair)).status_code == 401
    refreshed = api.post("/api/auth/token/refresh/", {"refresh": old_pair.refresh}, format="json")
    assert refreshed.status_code == 401
    entry = AuditEntry.objects.get(action="account.link")
    assert (entry.actor_id, entry.object_id) == (me.pk, str(old.pk))
    assert entry.before == {"phone": PHONE, "is_active": True}
    assert entry.after["moved"]["bookings.booking.user"] == {"moved": 1}
    assert entry.after["moved"]["accounts.rolegrant.user"] == {"moved": 1, "dropped": 1}
    assert entry.after["sessions_ended"] == 1


def test_signing_in_with_the_phone_afterwards_is_the_linked_account(api: Any, caplog: Any) -> None:
    old = phone_only()
    me = email_account()
    assert link_by_code(api, sign_in(me), caplog).status_code == 200

    asked = api.post(
        "/api/auth/otp/request/", {"phone": PHONE}, format="json", REMOTE_ADDR="203.0.113.9"
    )
    signed_in = api.post(
        "/api/auth/otp/verify/",
        {
            "phone": PHONE,
            "request_id": asked.json()["request_id"],
            "code": last_code(caplog, PHONE),
        },
        format="json",
    )

    assert signed_in.status_code == 200
    assert signed_in.json()["user"]["id"] == me.pk != old.pk
    assert User.objects.filter(phone=PHONE).count() == 1


def test_an_account_with_a_password_or_email_is_never_linked(api: Any, caplog: Any) -> None:
    holder = phone_only()
    holder.set_password("another pass phrase")
    holder.save()
    me = email_account()

    answer = link_by_code(api, sign_in(me), caplog)

    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "phone_taken"
    holder.refresh_from_db()
    assert holder.is_active
    assert holder.phone == PHONE
    assert not AuditEntry.objects.filter(action="account.link").exists()


def _request_code(api: Any, user: User, ip: str) -> str:
    pair = sign_in(user)
    asked = api.post(
        "/api/auth/phone/", {"phone": PHONE}, format="json", REMOTE_ADDR=ip, **bearer(pair)
    )
    assert asked.status_code == 200
    return str(asked.json()["request_id"])


@pytest.mark.postgres
def test_two_accounts_proving_the_same_phone_at_once_one_wins(
    api: Any, caplog: Any, shop: Any
) -> None:
    old = phone_only()
    booking = shop.book(old, 1)
    first, second = email_account("a@example.com"), email_account("b@example.com")
    requests = [
        _request_code(api, first, "198.51.100.1"),
        _request_code(api, second, "198.51.100.2"),
    ]
    codes = codes_sent(caplog, PHONE)[-2:]

    def prove(user: User, request_id: str, code: str) -> Any:
        def job() -> str:
            try:
                phone_code_verify(user=user, request_id=request_id, code=code)
            except PhoneTaken as error:
                return str(error.status)
            return "200"

        return job

    outcomes = run_together(
        [prove(first, requests[0], codes[0]), prove(second, requests[1], codes[1])]
    )

    assert outcomes == {"200": 1, "409": 1}
    winner = User.objects.get(phone=PHONE)
    assert winner.pk in (first.pk, second.pk)
    assert Booking.objects.get(pk=booking.pk).user_id == winner.pk
    assert AuditEntry.objects.filter(action="account.link").count() == 1
    old.refresh_from_db()
    assert not old.is_active
