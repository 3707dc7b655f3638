"""Staff API keys: shown once, stored as a prefix and a hash, revocable, scoped to one
event through the role predicate, rate-limited per key at its edge, every use audited."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection

from backend.accounts.models import Role, RoleGrant, StaffApiKey
from backend.accounts.services.api_keys import (
    ApiKeyOutOfScope,
    ApiKeyRefused,
    api_key_create,
    api_key_reaches,
    api_key_revoke,
    api_key_use,
    hash_api_key,
)
from backend.core.errors import Forbidden, RateLimited, ValidationError
from backend.core.models import AuditEntry
from tests.factories import EventFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 11, 21, 12, 0, 0, tzinfo=UTC)


@pytest.fixture
def event() -> Any:
    return EventFactory(slug="repair-shop")


@pytest.fixture
def staff(event: Any) -> Any:
    return StaffFactory(grant__event=event)


def make(staff: Any, event: Any, **extra: Any) -> tuple[StaffApiKey, str]:
    return api_key_create(label="Desk app", user=staff, event=event, created_by=staff, **extra)


def test_the_key_is_returned_once_and_only_its_hash_is_stored(staff: Any, event: Any) -> None:
    api_key, key = make(staff, event)

    assert re.fullmatch(r"ghk_[0-9a-f]{10}_[\w-]{43}", key)
    assert api_key.prefix == key[4:14]
    assert api_key.key_hash == hash_api_key(key)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_staffapikey")
        rows = cursor.fetchall()
    assert all(key.split("_")[2] not in str(value) for value in rows[0])
    assert api_key_use(key=key, action="test.use").pk == api_key.pk
    made = AuditEntry.objects.get(action="api_key.create")
    assert made.event_id == event.pk
    assert made.actor_id == staff.pk


@pytest.mark.parametrize(
    "bad",
    ["", "ghk_", "nothing", "ghk_0123456789_wrong", "Bearer x", "ghk_" + "a" * 200, None, 12],
)
def test_an_unknown_or_malformed_key_is_refused(staff: Any, event: Any, bad: Any) -> None:
    make(staff, event)

    with pytest.raises(ApiKeyRefused):
        api_key_use(key=bad, action="test.use")


def test_a_key_with_the_right_prefix_and_a_wrong_secret_is_refused(staff: Any, event: Any) -> None:
    _, key = make(staff, event)
    forged = key[:-4] + ("AAAA" if not key.endswith("AAAA") else "BBBB")

    with pytest.raises(ApiKeyRefused):
        api_key_use(key=forged, action="test.use")


def test_a_revoked_key_is_refused_at_once_and_revoking_is_audited(staff: Any, event: Any) -> None:
    api_key, key = make(staff, event)
    api_key_use(key=key, action="test.use")

    api_key_revoke(api_key=api_key, actor=staff)
    api_key_revoke(api_key=api_key, actor=staff)  # idempotent

    with pytest.raises(ApiKeyRefused):
        api_key_use(key=key, action="test.use")
    assert AuditEntry.objects.filter(action="api_key.revoke").count() == 1


def test_the_key_reaches_its_event_only(staff: Any, event: Any) -> None:
    api_key, _ = make(staff, event)
    other = EventFactory()

    api_key_reaches(api_key, event)
    with pytest.raises(ApiKeyOutOfScope):
        api_key_reaches(api_key, other)


def test_an_owner_who_is_no_longer_staff_has_keys_that_stop_working(staff: Any, event: Any) -> None:
    _, key = make(staff, event)

    RoleGrant.objects.filter(user=staff).delete()

    with pytest.raises(Forbidden):
        api_key_use(key=key, action="test.use")


def test_only_staff_make_keys_and_only_for_staff_of_the_event(staff: Any, event: Any) -> None:
    other_event = EventFactory()
    guest = UserFactory()
    colleague = StaffFactory(grant__event=event)
    admin = StaffFactory(grant__event=event)
    RoleGrant.objects.create(user=admin, role=Role.ADMIN, event=event)

    with pytest.raises(Forbidden):
        api_key_create(label="x", user=staff, event=other_event, created_by=staff)
    with pytest.raises(Forbidden):
        api_key_create(label="x", user=colleague, event=event, created_by=staff)
    with pytest.raises(ValidationError):
        api_key_create(label="x", user=guest, event=event, created_by=admin)
    with pytest.raises(ValidationError):
        api_key_create(label="  ", user=staff, event=event, created_by=staff)
    api_key, _ = api_key_create(label="For Sam", user=colleague, event=event, created_by=admin)
    assert api_key.user == colleague


def test_the_rate_limit_holds_at_its_edge(staff: Any, event: Any) -> None:
    _, key = make(staff, event, requests_per_minute=3)

    with time_machine.travel(T0, tick=False):
        for _ in range(3):
            api_key_use(key=key, action="test.use")
        with pytest.raises(RateLimited) as refused:
            api_key_use(key=key, action="test.use")
    with time_machine.travel(T0 + timedelta(seconds=59.5), tick=False), pytest.raises(RateLimited):
        api_key_use(key=key, action="test.use")
    with time_machine.travel(T0 + timedelta(seconds=60), tick=False):
        api_key_use(key=key, action="test.use")

    assert refused.value.extra["retry_after"] == 60
    assert AuditEntry.objects.filter(action="test.use").count() == 4  # refusals are not uses


def test_every_use_is_audited_with_the_request(staff: Any, event: Any) -> None:
    api_key, key = make(staff, event)

    api_key_use(key=key, action="compat.staff", detail="GET /x")
    api_key_use(key=key, action="compat.staff", detail="PATCH /y")

    uses = list(AuditEntry.objects.filter(action="compat.staff").order_by("id"))
    assert [u.after["request"] for u in uses] == ["GET /x", "PATCH /y"]
    assert all(u.after["key"] == api_key.prefix and u.actor_id == staff.pk for u in uses)
    assert all(u.event_id == event.pk for u in uses)


def test_the_admin_shows_the_key_once_and_revokes(admin_browser: Any, event: Any) -> None:
    owner = StaffFactory(grant__event=event)

    answer = admin_browser.post(
        "/admin/accounts/staffapikey/add/",
        {"label": "Workshop tablet", "user": owner.pk, "event": event.pk,
         "requests_per_minute": 30},
        follow=True,
    )  # fmt: skip

    assert answer.status_code == 200
    shown = re.findall(r"ghk_[0-9a-f]{10}_[\w-]{43}", answer.content.decode())
    assert len(shown) == 1
    api_key = StaffApiKey.objects.get()
    assert api_key.key_hash == hash_api_key(shown[0])
    assert api_key.requests_per_minute == 30
    assert api_key_use(key=shown[0], action="test.use").pk == api_key.pk
    page = admin_browser.get(f"/admin/accounts/staffapikey/{api_key.pk}/change/").content.decode()
    assert shown[0] not in page
    refused = admin_browser.post(
        "/admin/accounts/staffapikey/add/",
        {"label": "x", "user": UserFactory().pk, "event": event.pk, "requests_per_minute": 30},
    )
    assert refused.status_code == 200  # the form again, with the error
    assert StaffApiKey.objects.count() == 1
    admin_browser.post(
        "/admin/accounts/staffapikey/",
        {"action": "revoke", "_selected_action": [api_key.pk]},
    )
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None


# --- the staff API: /api/staff/api-keys/ ---------------------------------------------------


def staff_client(user: Any) -> Any:
    from tests.support.bookings import client_of

    return client_of(user)


def test_staff_create_list_and_revoke_keys_over_the_api(staff: Any, event: Any) -> None:
    api = staff_client(staff)

    made = api.post(
        "/api/staff/api-keys/", {"label": "Workshop tablet", "event": "repair-shop"}, format="json"
    )
    listed = api.get("/api/staff/api-keys/")

    assert made.status_code == 201
    body = made.json()
    assert body["key"].startswith("ghk_" + body["prefix"])
    assert body["owner"]["id"] == staff.pk
    assert body["requests_per_minute"] == 60
    assert "key" not in listed.json()["api_keys"][0]
    assert [k["id"] for k in listed.json()["api_keys"]] == [body["id"]]
    assert api_key_use(key=body["key"], action="test.use").pk == body["id"]
    revoked = api.post(f"/api/staff/api-keys/{body['id']}/revoke/")
    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"] is not None
    with pytest.raises(ApiKeyRefused):
        api_key_use(key=body["key"], action="test.use")


def test_the_keys_api_is_bounded_by_the_role_predicate(staff: Any, event: Any) -> None:
    other_event = EventFactory(slug="elsewhere")
    outsider = StaffFactory(grant__event=other_event)
    theirs, _ = api_key_create(label="x", user=outsider, event=other_event, created_by=outsider)
    mine = staff_client(staff)
    colleague = StaffFactory(grant__event=event)

    elsewhere = mine.post("/api/staff/api-keys/", {"label": "x", "event": "elsewhere"},
                          format="json")  # fmt: skip
    for_colleague = mine.post(
        "/api/staff/api-keys/",
        {"label": "x", "event": "repair-shop", "owner": colleague.pk},
        format="json",
    )
    revoke_theirs = mine.post(f"/api/staff/api-keys/{theirs.pk}/revoke/")
    guest = staff_client(UserFactory()).get("/api/staff/api-keys/")
    bad = mine.post("/api/staff/api-keys/", {"label": "", "event": "repair-shop"}, format="json")

    assert elsewhere.status_code == 403
    assert for_colleague.status_code == 403  # only an admin of the event makes others' keys
    assert revoke_theirs.status_code == 404
    assert mine.get("/api/staff/api-keys/").json()["api_keys"] == []
    assert guest.status_code == 403
    assert bad.status_code == 400
