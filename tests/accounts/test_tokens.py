"""JWT sessions: rotation with reuse detection, the refresh cookie, logout, revocation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from backend.accounts.models import AuthSession
from tests.accounts.helpers import bearer, sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def refresh(api: Any, token: str | None = None, **kwargs: Any) -> Any:
    body = {"refresh": token} if token else {}
    return api.post("/api/auth/token/refresh/", body, format="json", **kwargs)


def test_refresh_rotates_and_the_old_token_is_refused(api: Any) -> None:
    pair = sign_in(UserFactory())

    first = refresh(api, pair.refresh)
    new = first.json()
    me_with_new_access = api.get("/api/auth/me/", **bearer(new["access"]))
    with time_machine.travel(timezone.now() + timedelta(seconds=11)):  # past the reuse grace
        replay = refresh(api, pair.refresh)

    assert first.status_code == 200
    assert new["refresh"] != pair.refresh
    assert new["access"] != pair.access
    assert me_with_new_access.status_code == 200
    assert replay.status_code == 401
    assert replay.json()["error"]["code"] == "not_authenticated"


def test_a_reused_refresh_token_ends_the_whole_session(api: Any) -> None:
    user = UserFactory()
    pair = sign_in(user)
    rotated = refresh(api, pair.refresh).json()

    with time_machine.travel(timezone.now() + timedelta(seconds=11)):
        refresh(api, pair.refresh)  # the stolen, already-rotated token comes back

    assert refresh(api, rotated["refresh"]).status_code == 401
    assert api.get("/api/auth/me/", **bearer(rotated["access"])).status_code == 401
    assert AuthSession.objects.get(user=user).revoked_at is not None


def test_the_token_rotated_last_gets_the_same_pair_again_within_the_grace(
    api: Any, settings: Any
) -> None:
    """A reload cut the refresh short: the browser never got the successor and sends the old
    cookie again. Within JWT_REFRESH_REUSE_SECONDS it gets the pair already issued for it —
    the same two tokens, however often it asks — and the session lives."""
    settings.JWT_REFRESH_REUSE_SECONDS = 10
    user = UserFactory()
    pair = sign_in(user)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        lost = refresh(api, pair.refresh).json()  # its answer never arrived
    with time_machine.travel(start + timedelta(seconds=3), tick=False):
        first_retry = refresh(api, pair.refresh).json()
    with time_machine.travel(start + timedelta(seconds=10), tick=False):
        again = refresh(api, pair.refresh)
        fresh = again.json()
        me = api.get("/api/auth/me/", **bearer(fresh["access"]))
        onwards = refresh(api, fresh["refresh"])  # it rotates on as usual

    assert again.status_code == 200
    assert (fresh["access"], fresh["refresh"]) == (lost["access"], lost["refresh"])
    assert (first_retry["access"], first_retry["refresh"]) == (lost["access"], lost["refresh"])
    assert fresh["refresh"] != pair.refresh
    assert me.status_code == 200
    assert onwards.status_code == 200
    assert AuthSession.objects.get(user=user).revoked_at is None


def test_a_leaked_token_cannot_fork_the_session_within_the_grace(api: Any, settings: Any) -> None:
    """Two holders of one refresh token inside the grace get one pair between them, so the
    first use of its successor by either makes the other's a reused token."""
    settings.JWT_REFRESH_REUSE_SECONDS = 10
    user = UserFactory()
    pair = sign_in(user)
    owner = refresh(api, pair.refresh).json()
    thief = refresh(api, pair.refresh).json()
    assert thief["refresh"] == owner["refresh"]

    assert refresh(api, owner["refresh"]).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(seconds=11)):
        assert refresh(api, thief["refresh"]).status_code == 401

    assert AuthSession.objects.get(user=user).revoked_at is not None


def test_the_grace_is_over_one_moment_after_its_last_second(api: Any, settings: Any) -> None:
    settings.JWT_REFRESH_REUSE_SECONDS = 10
    user = UserFactory()
    pair = sign_in(user)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        refresh(api, pair.refresh)
    with time_machine.travel(start + timedelta(seconds=10, milliseconds=1), tick=False):
        late = refresh(api, pair.refresh)

    assert late.status_code == 401
    assert AuthSession.objects.get(user=user).revoked_at is not None


def test_the_grace_ends_and_then_reuse_ends_the_session(api: Any, settings: Any) -> None:
    settings.JWT_REFRESH_REUSE_SECONDS = 10
    user = UserFactory()
    pair = sign_in(user)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        rotated = refresh(api, pair.refresh).json()
    with time_machine.travel(start + timedelta(seconds=5), tick=False):
        assert refresh(api, pair.refresh).status_code == 200  # within: answered
    # The grace runs from the rotation, not from the last resend.
    with time_machine.travel(start + timedelta(seconds=11), tick=False):
        late = refresh(api, pair.refresh)

    assert late.status_code == 401
    assert AuthSession.objects.get(user=user).revoked_at is not None
    assert refresh(api, rotated["refresh"]).status_code == 401


def test_only_the_token_rotated_last_has_a_grace(api: Any) -> None:
    user = UserFactory()
    pair = sign_in(user)
    second = refresh(api, pair.refresh).json()
    refresh(api, second["refresh"])  # the first token is now two rotations old

    answer = refresh(api, pair.refresh)

    assert answer.status_code == 401
    assert AuthSession.objects.get(user=user).revoked_at is not None


def test_no_grace_for_a_revoked_session(api: Any) -> None:
    user = UserFactory()
    pair = sign_in(user)
    refresh(api, pair.refresh)
    api.post("/api/auth/logout/", **bearer(pair.access))

    assert refresh(api, pair.refresh).status_code == 401


def test_refresh_by_cookie_needs_the_csrf_token() -> None:
    client = APIClient(enforce_csrf_checks=True)
    pair = sign_in(UserFactory())
    client.cookies["gh_refresh"] = pair.refresh

    without = refresh(client)
    csrf = client.get("/api/auth/csrf/").json()["csrf_token"]
    with_token = refresh(client, HTTP_X_CSRFTOKEN=csrf)

    assert without.status_code == 403
    assert "CSRF" in without.json()["error"]["message"]
    assert with_token.status_code == 200
    assert with_token.cookies["gh_refresh"].value == with_token.json()["refresh"]
    assert client.cookies["gh_refresh"].value != pair.refresh


def test_refresh_without_any_token_is_401(api: Any) -> None:
    answer = refresh(api)

    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "not_authenticated"


@pytest.mark.parametrize("token", ["garbage", "a.b.c", "x" * 5000])
def test_a_forged_refresh_token_is_refused(api: Any, token: str) -> None:
    answer = refresh(api, token)

    assert answer.status_code in (400, 401)
    assert answer.json()["ok"] is False


def test_an_access_token_is_not_a_refresh_token(api: Any) -> None:
    pair = sign_in(UserFactory())

    assert refresh(api, pair.access).status_code == 401


def test_logout_ends_the_session_and_clears_the_cookie(api: Any) -> None:
    pair = sign_in(UserFactory())

    answer = api.post("/api/auth/logout/", {"refresh": pair.refresh}, format="json")

    assert answer.status_code == 200
    assert answer.cookies["gh_refresh"].value == ""
    assert refresh(api, pair.refresh).status_code == 401
    assert api.get("/api/auth/me/", **bearer(pair)).status_code == 401


def test_logout_with_only_an_access_token(api: Any) -> None:
    pair = sign_in(UserFactory())

    assert api.post("/api/auth/logout/", {}, format="json", **bearer(pair)).status_code == 200
    assert refresh(api, pair.refresh).status_code == 401


def test_sessions_list_and_revoke_take_effect_at_once(api: Any) -> None:
    user = UserFactory()
    phone_session = sign_in(user, user_agent="Mozilla/5.0 (iPhone)", ip="203.0.113.7")
    laptop = sign_in(user, user_agent="Mozilla/5.0 (X11; Linux)")

    listed = api.get("/api/auth/sessions/", **bearer(laptop)).json()["sessions"]
    revoked = api.post(f"/api/auth/sessions/{phone_session.session.id}/revoke/", **bearer(laptop))

    assert {s["user_agent"] for s in listed} == {"Mozilla/5.0 (iPhone)", "Mozilla/5.0 (X11; Linux)"}
    assert [s["current"] for s in listed if s["user_agent"].endswith("Linux)")] == [True]
    assert next(s for s in listed if s["ip"])["ip"] == "203.0.113.7"
    assert revoked.status_code == 200
    assert refresh(api, phone_session.refresh).status_code == 401
    assert api.get("/api/auth/me/", **bearer(phone_session)).status_code == 401
    assert api.get("/api/auth/me/", **bearer(laptop)).status_code == 200
    remaining = api.get("/api/auth/sessions/", **bearer(laptop)).json()["sessions"]
    assert [s["id"] for s in remaining] == [str(laptop.session.id)]


def test_someone_elses_session_cannot_be_revoked(api: Any) -> None:
    mine, theirs = sign_in(UserFactory()), sign_in(UserFactory())

    answer = api.post(f"/api/auth/sessions/{theirs.session.id}/revoke/", **bearer(mine))

    assert answer.status_code == 404
    assert refresh(api, theirs.refresh).status_code == 200


def test_access_tokens_live_15_minutes() -> None:
    api = APIClient()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        pair = sign_in(UserFactory())
    with time_machine.travel(start + timedelta(minutes=14, seconds=59), tick=False):
        before = api.get("/api/auth/me/", **bearer(pair))
    with time_machine.travel(start + timedelta(minutes=15, seconds=1), tick=False):
        after = api.get("/api/auth/me/", **bearer(pair))

    assert before.status_code == 200
    assert after.status_code == 401


def test_refresh_tokens_live_7_days() -> None:
    api = APIClient()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        pair = sign_in(UserFactory())
    with time_machine.travel(start + timedelta(days=7, seconds=1), tick=False):
        late = refresh(api, pair.refresh)

    assert late.status_code == 401


def test_a_switched_off_user_cannot_refresh(api: Any) -> None:
    user = UserFactory()
    pair = sign_in(user)
    user.is_active = False
    user.save()

    assert refresh(api, pair.refresh).status_code == 401
    assert api.get("/api/auth/me/", **bearer(pair)).status_code == 401


def test_me_patch_updates_the_profile(api: Any) -> None:
    pair = sign_in(UserFactory(phone="+966512345678"))

    answer = api.patch(
        "/api/auth/me/",
        {"name": "سارة أحمد", "email": "Sara@Example.com", "language": "ar", "phone": "+1"},
        format="json",
        **bearer(pair),
    )

    assert answer.status_code == 200
    body = answer.json()
    assert (body["name"], body["email"], body["language"]) == (
        "سارة أحمد",
        "sara@example.com",
        "ar",
    )
    assert body["phone"] == "+966512345678"  # not changeable here


@pytest.mark.parametrize(
    "patch",
    [{"email": "not-an-email"}, {"language": "fr"}, {"date_of_birth": "yesterday"}, {"gender": 3}],
)
def test_me_patch_refuses_bad_fields(api: Any, patch: dict[str, Any]) -> None:
    pair = sign_in(UserFactory())

    answer = api.patch("/api/auth/me/", patch, format="json", **bearer(pair))

    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "validation_error"


def test_an_email_belongs_to_one_account(api: Any) -> None:
    UserFactory(email="taken@example.com")
    pair = sign_in(UserFactory())

    answer = api.patch(
        "/api/auth/me/", {"email": "TAKEN@example.com"}, format="json", **bearer(pair)
    )

    assert answer.status_code == 400
    assert "email" in answer.json()["error"]["fields"]


def test_me_without_a_token_is_401(api: Any) -> None:
    answer = api.get("/api/auth/me/")

    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "not_authenticated"


def test_a_revoked_session_stays_revoked_when_the_cache_forgets(api: Any) -> None:
    """The database is the truth: after a cache flush (a Redis restart) a revoked access
    token is still refused."""
    from django.core.cache import cache

    pair = sign_in(UserFactory())
    assert api.get("/api/auth/me/", **bearer(pair)).status_code == 200  # "live" is cached
    api.post("/api/auth/logout/", **bearer(pair))
    cache.clear()

    assert api.get("/api/auth/me/", **bearer(pair)).status_code == 401


def test_a_revocation_reaches_every_process_through_the_database(api: Any) -> None:
    """A session ended where the cache never heard of it (another process's memory, a
    cache that was down): within the "live" answer's short life, the database says no."""
    from django.core.cache import cache

    from backend.accounts.services.sessions import LIVE_CACHE_SECONDS

    pair = sign_in(UserFactory())
    assert api.get("/api/auth/me/", **bearer(pair)).status_code == 200
    AuthSession.objects.filter(id=pair.session.id).update(revoked_at=timezone.now())
    with time_machine.travel(timezone.now() + timedelta(seconds=LIVE_CACHE_SECONDS + 1)):
        cache.delete(f"session-state:{pair.session.id}")  # locmem ignores time_machine
        answer = api.get("/api/auth/me/", **bearer(pair))

    assert answer.status_code == 401


def test_no_refresh_token_is_stored_anywhere(api: Any, admin_browser: Any) -> None:
    """Only a hash of a refresh token's id is kept: nothing in the database, nor in the
    admin's pages, can be sent back as a token."""
    from django.db import connection

    user = UserFactory()
    pair = sign_in(user)
    rotated = refresh(api, pair.refresh).json()
    session = AuthSession.objects.get(user=user)

    tables = connection.introspection.table_names()
    assert not [t for t in tables if t.startswith("token_blacklist")]
    stored = [str(getattr(session, f.attname)) for f in AuthSession._meta.fields]
    for token in (pair.refresh, rotated["refresh"]):
        jti = _claims(token)["jti"]
        assert not any(jti in value or token in value for value in stored)
    page = admin_browser.get(f"/admin/accounts/authsession/{session.pk}/change/")
    assert page.status_code == 200
    for token in (pair.refresh, rotated["refresh"]):
        assert _claims(token)["jti"] not in page.content.decode()
    assert refresh(api, rotated["refresh"]).status_code == 200  # and refreshing still works


def _claims(token: str) -> dict[str, Any]:
    from rest_framework_simplejwt.tokens import UntypedToken

    return dict(UntypedToken(token).payload)
