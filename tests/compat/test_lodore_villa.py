"""/compat/lodore-villa/: reference/vip-villa.md's API, its examples sent as written.

Codes go through a fake Unifonic Authenticate on 127.0.0.1 (the provider Lodore Villa used);
the VIP list is the allowlist of the event Calendly books (``CALENDLY_EVENT``); Calendly's
deliveries come with the shared ``X-Webhook-Secret`` or Calendly's own HMAC signature.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.test import Client

from backend.accounts.models import AllowlistEntry
from backend.compat.lodore_villa.views import NOT_ELIGIBLE
from backend.integrations.calendly.services import calendly_link
from tests.factories import AllowlistEntryFactory
from tests.support.fake_unifonic import FakeUnifonicAuthenticate

pytestmark = pytest.mark.django_db(transaction=True)

BASE = "/compat/lodore-villa"
PHONE = "+966512345678"  # the README's 0512345678
SECRET = "lodore-shared-secret"
KEY = "calendly-signing-key"
T0 = datetime(2026, 11, 21, 12, 0, 0, tzinfo=UTC)


@pytest.fixture
def unifonic(settings: Any) -> Iterator[FakeUnifonicAuthenticate]:
    with FakeUnifonicAuthenticate() as fake:
        settings.SMS_PROVIDER = "unifonic"
        settings.UNIFONIC_API_BASE = fake.base_url
        settings.UNIFONIC_APP_ID = fake.app_id
        settings.UNIFONIC_AUTH_TOKEN = fake.auth_token
        settings.UNIFONIC_MESSAGES_API_BASE = fake.base_url
        settings.UNIFONIC_SENDER_ID = fake.sender_id
        settings.SMS_TIMEOUT_SECONDS = 5.0
        yield fake


@pytest.fixture(autouse=True)
def _calendly(settings: Any) -> None:
    settings.CALENDLY_EVENT = "vip-evening"
    settings.CALENDLY_WEBHOOK_SECRET = SECRET
    settings.CALENDLY_WEBHOOK_SIGNING_KEY = KEY
    settings.CALENDLY_SCHEDULING_URL = "https://calendly.com/lodore/vip-evening"


@pytest.fixture
def vip() -> AllowlistEntry:
    return AllowlistEntryFactory(phone=PHONE, event__slug="vip-evening")


def client() -> Client:
    return Client(enforce_csrf_checks=True)  # no CSRF applies: the old clients send none


def post(path: str, body: Any, **headers: Any) -> Any:
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    return client().post(BASE + path, raw, content_type="application/json", **headers)


def request_otp(phone: str = "0512345678", ip: str = "127.0.0.1") -> Any:
    # The README's request, as written.
    return post("/api/auth/request-otp", {"phone": phone}, REMOTE_ADDR=ip)


def verify_otp(request_id: str, code: str, phone: str = "0512345678") -> Any:
    return post("/api/auth/verify-otp", {"phone": phone, "requestId": request_id, "code": code})


def signed_in(unifonic: FakeUnifonicAuthenticate) -> dict[str, Any]:
    request_id = request_otp().json()["requestId"]
    answer = verify_otp(request_id, unifonic.code_for(PHONE))
    assert answer.status_code == 200, answer.content
    return answer.json()


def wrong(code: str) -> str:
    return "000000" if code != "000000" else "111111"


# --- POST /api/auth/request-otp --------------------------------------------------------


def test_request_otp_answers_ok_and_a_request_id_for_an_invited_phone(
    vip: AllowlistEntry, unifonic: FakeUnifonicAuthenticate
) -> None:
    answer = request_otp()

    assert answer.status_code == 200
    body = answer.json()
    assert body == {"ok": True, "requestId": body["requestId"]}
    assert body["requestId"]
    assert unifonic.sent[-1].to == PHONE


@pytest.mark.parametrize("phone", ["0512345678", "512345678", "966512345678", "+966512345678"])
def test_every_format_of_the_readme_reaches_the_same_vip(
    vip: AllowlistEntry, unifonic: FakeUnifonicAuthenticate, phone: str
) -> None:
    assert request_otp(phone).status_code == 200
    assert unifonic.sent[-1].to == PHONE


def test_a_phone_not_invited_and_a_vip_who_booked_get_the_same_generic_403(
    vip: AllowlistEntry, unifonic: FakeUnifonicAuthenticate
) -> None:
    booked = AllowlistEntryFactory(phone="+966512345679", event=vip.event)
    AllowlistEntry.objects.filter(pk=booked.pk).update(booked_at=T0)

    stranger = request_otp("0598765432")
    used = request_otp("0512345679")

    assert stranger.status_code == used.status_code == 403
    assert stranger.json() == used.json() == {"ok": False, "message": NOT_ELIGIBLE}
    assert NOT_ELIGIBLE.startswith("عذراً")
    assert unifonic.sent == []


def test_the_resend_cooldown_is_a_429_with_cooldown_remaining_to_its_edge(
    vip: AllowlistEntry, unifonic: FakeUnifonicAuthenticate
) -> None:
    with time_machine.travel(T0, tick=False):
        assert request_otp().status_code == 200
    with time_machine.travel(T0 + timedelta(seconds=15), tick=False):
        early = request_otp()
    with time_machine.travel(T0 + timedelta(seconds=59.5), tick=False):
        last = request_otp()
    with time_machine.travel(T0 + timedelta(seconds=60), tick=False):
        after = request_otp()

    assert early.status_code == 429
    assert early.json() == {"ok": False, "cooldownRemaining": 45}
    assert early["Retry-After"] == "45"
    assert last.json() == {"ok": False, "cooldownRemaining": 1}
    assert after.status_code == 200


def test_the_third_code_in_ten_minutes_is_the_last(
    vip: AllowlistEntry, unifonic: FakeUnifonicAuthenticate
) -> None:
    answers = []
    for minute in range(4):
        with time_machine.travel(T0 + timedelta(minutes=minute), tick=False):
            answers.append(request_otp())

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[3].json()["cooldownRemaining"] == 7 * 60


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"phone": ""},
        {"phone": 512345678},
        {"phone": "not a phone"},
        {"phone": "0" * 500},
        {"phone": ["0512345678"]},
        [],
        "not json",
        "{",
    ],
)
def test_bad_input_is_a_400_in_the_systems_shape(vip: AllowlistEntry, body: Any) -> None:
    answer = post("/api/auth/request-otp", body)

    assert answer.status_code == 400
    assert answer.json()["ok"] is False
    assert isinstance(answer.json()["message"], str)


# --- POST /api/auth/verify-otp -----------------------------------------------------------


def test_verify_otp_answers_the_tokens(
    vip: AllowlistEntry, unifonic: FakeUnifonicAuthenticate
) -> None:
    request_id = request_otp().json()["requestId"]

    answer = verify_otp(request_id, unifonic.code_for(PHONE))

    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"ok", "access", "refresh"}
    assert body["ok"] is True
    assert body["access"].startswith("eyJ")
    assert body["refresh"].startswith("eyJ")


def test_a_wrong_code_answers_attempts_remaining_down_to_the_fifth(
    vip: AllowlistEntry, unifonic: FakeUnifonicAuthenticate
) -> None:
    request_id = request_otp().json()["requestId"]
    right = unifonic.code_for(PHONE)

    answers = [verify_otp(request_id, wrong(right)) for _ in range(5)]
    too_late = verify_otp(request_id, right)

    assert [a.status_code for a in answers] == [400] * 5
    assert [a.json()["attemptsRemaining"] for a in answers] == [4, 3, 2, 1, 0]
    assert all(a.json()["ok"] is False and a.json()["message"] for a in answers)
    assert too_late.status_code == 400
    assert too_late.json()["attemptsRemaining"] == 0


def test_verify_otp_refuses_an_unknown_request_id_and_bad_input(
    vip: AllowlistEntry, unifonic: FakeUnifonicAuthenticate
) -> None:
    request_id = request_otp().json()["requestId"]

    unknown = verify_otp("unifonic-ref-id", "1234")
    other_uuid = verify_otp("00000000-0000-0000-0000-000000000000", "1234")
    other_phone = verify_otp(request_id, "1234", phone="0598765432")
    missing = post("/api/auth/verify-otp", {"phone": "0512345678"})
    letters = verify_otp(request_id, "abcd")

    for answer in (unknown, other_uuid, other_phone):
        assert answer.status_code == 400
        assert answer.json()["ok"] is False
        assert answer.json()["attemptsRemaining"] == 0
    assert missing.status_code == letters.status_code == 400
    assert missing.json()["ok"] is letters.json()["ok"] is False


# --- POST /api/auth/token/refresh, GET /api/auth/me ------------------------------------


def test_refresh_gives_new_tokens_once_per_refresh_token(
    vip: AllowlistEntry, unifonic: FakeUnifonicAuthenticate
) -> None:
    tokens = signed_in(unifonic)

    fresh = post("/api/auth/token/refresh", {"refresh": tokens["refresh"]})

    assert fresh.status_code == 200
    body = fresh.json()
    assert set(body) == {"ok", "access", "refresh"}
    assert body["refresh"] != tokens["refresh"]
    me = client().get(BASE + "/api/auth/me", HTTP_AUTHORIZATION=f"Bearer {body['access']}")
    assert me.status_code == 200
    garbage = post("/api/auth/token/refresh", {"refresh": "eyJ..."})
    assert garbage.status_code == 401
    assert garbage.json()["ok"] is False
    assert post("/api/auth/token/refresh", {}).status_code == 400


def test_me_answers_the_phone_in_its_local_form(
    vip: AllowlistEntry, unifonic: FakeUnifonicAuthenticate
) -> None:
    tokens = signed_in(unifonic)

    me = client().get(BASE + "/api/auth/me", HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")

    assert me.status_code == 200
    assert me.json() == {"ok": True, "phone": "0512345678"}


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer eyJ.not.a.token", "Basic abc"])
def test_me_without_a_valid_access_token_is_a_401(header: str | None, db: None) -> None:
    extra = {"HTTP_AUTHORIZATION": header} if header else {}

    me = client().get(BASE + "/api/auth/me", **extra)

    assert me.status_code == 401
    assert me.json()["ok"] is False


# --- POST /api/calendly/webhook ----------------------------------------------------------


def invitee_created(entry: AllowlistEntry, uri: str = "https://api.calendly.com/i/INV1") -> bytes:
    """A Calendly invitee.created whose first answer is the VIP's link value."""
    link = calendly_link(entry=entry).url
    answer = parse_qs(urlsplit(link).query)["a1"][0]
    payload = {
        "uri": uri,
        "name": "محمد علي",
        "email": "vip@example.com",
        "questions_and_answers": [{"question": "Invitation", "answer": answer, "position": 0}],
    }
    return json.dumps({"event": "invitee.created", "payload": payload}).encode()


def hook(body: bytes, **headers: str) -> Any:
    return client().post(
        BASE + "/api/calendly/webhook", body, content_type="application/json", **headers
    )


def test_the_webhook_with_the_shared_secret_books_the_vip(vip: AllowlistEntry) -> None:
    answer = hook(invitee_created(vip), HTTP_X_WEBHOOK_SECRET=SECRET)

    assert answer.status_code == 200
    assert answer.json() == {"received": True}
    vip.refresh_from_db()
    assert vip.booked_at is not None
    assert vip.booked_via == AllowlistEntry.Via.CALENDLY
    assert request_otp().status_code == 403  # booked: no more codes


def test_the_webhook_with_calendlys_hmac_books_the_vip(vip: AllowlistEntry) -> None:
    body = invitee_created(vip)
    t = int(time.time())
    digest = hmac.new(KEY.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()

    answer = hook(body, HTTP_CALENDLY_WEBHOOK_SIGNATURE=f"t={t},v1={digest}")

    assert answer.json() == {"received": True}
    vip.refresh_from_db()
    assert vip.booked_at is not None


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_X_WEBHOOK_SECRET": "wrong"},
        {"HTTP_X_WEBHOOK_SECRET": ""},
        {"HTTP_CALENDLY_WEBHOOK_SIGNATURE": "t=1,v1=00"},
    ],
)
def test_the_webhook_refuses_a_wrong_or_missing_secret(
    vip: AllowlistEntry, headers: dict[str, str]
) -> None:
    answer = hook(invitee_created(vip), **headers)

    assert answer.status_code == 400
    assert answer.json()["ok"] is False
    vip.refresh_from_db()
    assert vip.booked_at is None


def test_the_shared_secret_is_refused_while_none_is_configured(
    vip: AllowlistEntry, settings: Any
) -> None:
    settings.CALENDLY_WEBHOOK_SECRET = ""

    answer = hook(invitee_created(vip), HTTP_X_WEBHOOK_SECRET="")

    assert answer.status_code == 400
    vip.refresh_from_db()
    assert vip.booked_at is None


def test_a_replayed_or_non_json_delivery(vip: AllowlistEntry) -> None:
    body = invitee_created(vip)

    first = hook(body, HTTP_X_WEBHOOK_SECRET=SECRET)
    again = hook(body, HTTP_X_WEBHOOK_SECRET=SECRET)
    junk = hook(b"not json", HTTP_X_WEBHOOK_SECRET=SECRET)
    nul = hook(
        body.replace(b'"invitee.created"', b'"invitee\\u0000"'), HTTP_X_WEBHOOK_SECRET=SECRET
    )

    assert first.json() == again.json() == {"received": True}
    assert junk.status_code == nul.status_code == 400
    assert junk.json()["ok"] is nul.json()["ok"] is False


def test_unknown_paths_and_methods_answer_json(db: None) -> None:
    assert client().get(BASE + "/api/auth/request-otp").status_code == 405
    assert client().get(BASE + "/api/auth/request-otp").json()["ok"] is False
    assert client().post(BASE + "/api/auth/request-otp/").status_code == 404


# --- over the real server ------------------------------------------------------------------


@pytest.fixture(scope="module")
def lodore_server(
    tmp_path_factory: pytest.TempPathFactory, django_db_setup: None, django_db_blocker: object
) -> Iterator[Any]:
    """The real server on the test database, its tasks run in process (no broker: the
    console SMS provider's codes land in its log at once), the shared secret configured."""
    import os

    from django.conf import settings

    from tests.conftest import database_url_of_tests
    from tests.support.live import live_server

    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        pytest.skip("needs PostgreSQL (the server shares the test database)")
    var_dir = tmp_path_factory.mktemp("lodore-server")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "CELERY_BROKER_URL", "GATEHOUSE_REQUIRE_SERVICES")
    }
    env.update(
        DATABASE_URL=database_url_of_tests(),
        GATEHOUSE_VAR_DIR=str(var_dir),
        DJANGO_SECRET_KEY=settings.SECRET_KEY,
        SMS_PROVIDER="console",
        CALENDLY_EVENT="vip-evening",
        CALENDLY_WEBHOOK_SECRET=SECRET,
    )
    with live_server(env, var_dir) as server:
        yield server


@pytest.mark.postgres
@pytest.mark.slow
def test_the_readme_flow_over_the_real_server(lodore_server: Any) -> None:
    import re

    import httpx

    entry = AllowlistEntryFactory(phone=PHONE, event__slug="vip-evening")
    base = lodore_server.url + BASE

    sent = httpx.post(f"{base}/api/auth/request-otp", json={"phone": "0512345678"}, timeout=10)
    assert sent.status_code == 200, sent.text
    request_id = sent.json()["requestId"]
    deadline = time.monotonic() + 10
    codes: list[str] = []
    while not codes and time.monotonic() < deadline:
        codes = re.findall(rf"OTP \{PHONE} (\d+)", lodore_server.log())
        time.sleep(0.05)
    assert codes, lodore_server.log()[-2000:]
    body = {"phone": "0512345678", "requestId": request_id, "code": codes[-1]}
    tokens = httpx.post(f"{base}/api/auth/verify-otp", json=body, timeout=10).json()
    me = httpx.get(
        f"{base}/api/auth/me", headers={"Authorization": f"Bearer {tokens['access']}"}, timeout=10
    )
    fresh = httpx.post(
        f"{base}/api/auth/token/refresh", json={"refresh": tokens["refresh"]}, timeout=10
    )
    hooked = httpx.post(
        f"{base}/api/calendly/webhook",
        content=invitee_created(entry),
        headers={"X-Webhook-Secret": SECRET, "Content-Type": "application/json"},
        timeout=10,
    )

    assert tokens["ok"] is True
    assert me.json() == {"ok": True, "phone": "0512345678"}
    assert fresh.status_code == 200
    assert fresh.json()["ok"] is True
    assert hooked.json() == {"received": True}
    entry.refresh_from_db()
    assert entry.booked_via == AllowlistEntry.Via.CALENDLY
