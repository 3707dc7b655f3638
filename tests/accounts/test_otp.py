"""Phone sign-in with one-time codes: every limit at its edge, and no enumeration."""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection

from backend.accounts.models import OtpRequest, User
from tests.factories import AllowlistEntryFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = "+966512345678"
T0 = datetime(2026, 11, 21, 12, 0, 0, tzinfo=UTC)


def request_code(api: Any, phone: str = "0512345678", ip: str = "127.0.0.1", **extra: Any) -> Any:
    return api.post(
        "/api/auth/otp/request/", {"phone": phone, **extra}, format="json", REMOTE_ADDR=ip
    )


def verify(api: Any, request_id: str, code: str, phone: str = PHONE) -> Any:
    return api.post(
        "/api/auth/otp/verify/",
        {"phone": phone, "request_id": request_id, "code": code},
        format="json",
    )


def sent_code(caplog: pytest.LogCaptureFixture, phone: str = PHONE) -> str:
    lines = [r.getMessage() for r in caplog.records if r.name == "gatehouse.sms"]
    codes = [m.split()[2] for m in lines if m.startswith(f"OTP {phone} ")]
    assert codes, lines
    return codes[-1]


@pytest.fixture(autouse=True)
def _capture_sms(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="gatehouse.sms")


def at(seconds: float) -> Any:
    return time_machine.travel(T0 + timedelta(seconds=seconds), tick=False)


def test_a_guest_signs_in_with_the_code_from_the_console_log(
    api: Any, caplog: pytest.LogCaptureFixture
) -> None:
    answer = request_code(api)

    assert answer.status_code == 200
    body = answer.json()
    assert body["ok"] is True
    assert (body["expires_in"], body["resend_in"]) == (300, 60)
    code = sent_code(caplog)
    assert re.fullmatch(r"\d{6}", code)
    line = next(r for r in caplog.records if r.name == "gatehouse.sms")
    assert line.levelno == logging.INFO
    assert line.getMessage() == f"OTP {PHONE} {code}"

    signed_in = verify(api, body["request_id"], code)

    assert signed_in.status_code == 200
    tokens = signed_in.json()
    assert tokens["ok"] is True
    assert tokens["access"]
    assert tokens["refresh"]
    assert tokens["user"]["phone"] == PHONE
    assert tokens["user"]["roles"] == ["guest"]
    assert User.objects.filter(phone=PHONE).count() == 1
    me = api.get("/api/auth/me/", HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    assert me.json()["phone"] == PHONE


def test_the_refresh_cookie_is_httponly_lax_and_scoped(
    api: Any, caplog: Any, settings: Any
) -> None:
    settings.DEBUG = False
    request_id = request_code(api).json()["request_id"]

    response = verify(api, request_id, sent_code(caplog))

    cookie = response.cookies["gh_refresh"]
    assert cookie.value == response.json()["refresh"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/api/auth/"
    assert cookie["secure"] is True
    assert int(cookie["max-age"]) == 7 * 24 * 3600


def test_the_code_is_stored_nowhere(api: Any, caplog: Any) -> None:
    request_id = request_code(api).json()["request_id"]
    code = sent_code(caplog)

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_otprequest")
        rows = cursor.fetchall()
    assert len(rows) == 1
    assert all(code not in str(value) for value in rows[0])
    otp = OtpRequest.objects.get(id=request_id)
    assert len(otp.code_hash) == 64
    assert verify(api, request_id, code).status_code == 200


def test_the_fifth_wrong_code_is_the_last(api: Any, caplog: Any) -> None:
    request_id = request_code(api).json()["request_id"]
    right = sent_code(caplog)
    wrong = "000000" if right != "000000" else "111111"

    answers = [verify(api, request_id, wrong) for _ in range(5)]
    sixth = verify(api, request_id, right)

    assert [a.status_code for a in answers] == [400] * 5
    assert [a.json()["error"]["code"] for a in answers] == ["otp_invalid"] * 5
    assert [a.json()["attempts_remaining"] for a in answers] == [4, 3, 2, 1, 0]
    assert sixth.status_code == 400
    assert sixth.json()["error"]["code"] == "otp_exhausted"
    assert sixth.json()["error"]["attempts_remaining"] == 0


def test_four_wrong_codes_then_the_right_one_signs_in(api: Any, caplog: Any) -> None:
    request_id = request_code(api).json()["request_id"]
    right = sent_code(caplog)
    wrong = "000000" if right != "000000" else "111111"

    for _ in range(4):
        verify(api, request_id, wrong)

    assert verify(api, request_id, right).status_code == 200


def test_the_resend_cooldown_is_60_seconds_per_phone_and_address(api: Any) -> None:
    with at(0):
        assert request_code(api).status_code == 200
    with at(59):
        early = request_code(api)
    with at(60):
        on_time = request_code(api)

    assert early.status_code == 429
    assert early.json()["error"]["code"] == "rate_limited"
    assert early.json()["retry_after"] == 1
    assert early["Retry-After"] == "1"
    assert on_time.status_code == 200


def test_three_sends_per_phone_and_address_per_ten_minutes(api: Any) -> None:
    for second in (0, 60, 120):
        with at(second):
            assert request_code(api).status_code == 200
    with at(180):
        fourth = request_code(api)
    with at(599):
        still_too_soon = request_code(api)
    with at(600):
        after_the_window = request_code(api)

    assert fourth.status_code == 429
    assert fourth.json()["retry_after"] == 420  # until the first send is 10 minutes old
    assert still_too_soon.status_code == 429
    assert after_the_window.status_code == 200


def test_a_code_expires_at_five_minutes(api: Any, caplog: Any) -> None:
    with at(0):
        first = request_code(api).json()["request_id"]
        first_code = sent_code(caplog)
    with at(60):
        second = request_code(api, phone="0512345679").json()["request_id"]
        second_code = sent_code(caplog, "+966512345679")

    with at(299.9):
        in_time = verify(api, first, first_code)
    with at(60 + 300):
        late = verify(api, second, second_code, phone="+966512345679")

    assert in_time.status_code == 200
    assert late.status_code == 400
    assert late.json()["error"]["code"] == "otp_expired"


def test_a_used_code_is_refused(api: Any, caplog: Any) -> None:
    request_id = request_code(api).json()["request_id"]
    code = sent_code(caplog)

    assert verify(api, request_id, code).status_code == 200
    again = verify(api, request_id, code)

    assert again.status_code == 400
    assert again.json()["error"]["code"] == "otp_used"


def test_a_new_request_never_kills_a_code_already_sent(api: Any, caplog: Any) -> None:
    """A stranger asking for codes to someone's phone cannot replace the code its owner
    just received: every code lives until it is used, exhausted or expired."""
    with at(0):
        mine = request_code(api, ip="198.51.100.1").json()["request_id"]
        my_code = sent_code(caplog)
    with at(30):
        # the stranger, from elsewhere, within the owner's cooldown
        assert request_code(api, ip="203.0.113.66").status_code == 200
        signed_in = verify(api, mine, my_code)

    assert signed_in.status_code == 200


def test_signing_in_uses_up_the_phones_other_codes(api: Any, caplog: Any) -> None:
    with at(0):
        first = request_code(api).json()["request_id"]
        first_code = sent_code(caplog)
    with at(61):
        second = request_code(api).json()["request_id"]
        second_code = sent_code(caplog)
        assert verify(api, second, second_code).status_code == 200
        old = verify(api, first, first_code)

    assert old.status_code == 400
    assert old.json()["error"]["code"] == "otp_superseded"


def test_a_stranger_uses_up_only_their_own_addresses_sends(api: Any, caplog: Any) -> None:
    stranger, owner = "203.0.113.66", "198.51.100.1"
    for second in (0, 60, 120):
        with at(second):
            assert request_code(api, ip=stranger).status_code == 200
    with at(180):
        stranger_again = request_code(api, ip=stranger)
        owners = request_code(api, ip=owner)
        signed_in = verify(api, owners.json()["request_id"], sent_code(caplog))

    assert stranger_again.status_code == 429
    assert owners.status_code == 200
    assert signed_in.status_code == 200


def test_a_phone_gets_at_most_ten_codes_per_window_from_every_address(
    api: Any, settings: Any
) -> None:
    assert settings.OTP_SENDS_PER_PHONE == 10
    answers = []
    for n in range(11):
        with at(n):  # each from its own address: no per-address limit is reached
            answers.append(request_code(api, ip=f"203.0.113.{n + 1}"))
    with at(600):
        after_the_window = request_code(api, ip="203.0.113.99")

    assert [a.status_code for a in answers] == [200] * 10 + [429]
    assert answers[-1].json()["retry_after"] == 590  # until the first send is 10 minutes old
    assert after_the_window.status_code == 200


def test_arabic_indic_digits_work_for_phone_and_code(api: Any, caplog: Any) -> None:
    request_id = request_code(api, phone="٠٥١٢٣٤٥٦٧٨").json()["request_id"]
    code = sent_code(caplog).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))

    assert verify(api, request_id, code, phone="٠٥١٢٣٤٥٦٧٨").status_code == 200


def test_the_code_length_is_a_setting(api: Any, caplog: Any, settings: Any) -> None:
    settings.OTP_LENGTH = 4
    request_code(api)

    assert re.fullmatch(r"\d{4}", sent_code(caplog))


class TestNoEnumeration:
    """On an allowlist-only event, a listed, an unlisted and an already-booked phone cannot
    be told apart by any answer but the one that sends a code."""

    @pytest.fixture
    def phones(self) -> dict[str, str]:
        listed = AllowlistEntryFactory(phone="+966512345671")
        event = listed.event
        AllowlistEntryFactory(event=event, phone="+966512345672", booked_at=T0)
        return {
            "event": event.slug,
            "listed": "0512345671",
            "booked": "0512345672",
            "unlisted": "0512345673",
        }

    def test_refusals_are_byte_identical(self, api: Any, phones: dict[str, str]) -> None:
        with at(0):
            booked = request_code(api, phones["booked"], event=phones["event"])
            unlisted = request_code(api, phones["unlisted"], event=phones["event"])
            listed = request_code(api, phones["listed"], event=phones["event"])

        assert listed.status_code == 200
        assert booked.status_code == unlisted.status_code == 403
        assert booked.content == unlisted.content
        assert json.loads(booked.content)["error"]["code"] == "forbidden"

    def test_rate_limits_answer_the_same_for_everyone(
        self, api: Any, phones: dict[str, str]
    ) -> None:
        with at(0):
            for kind in ("listed", "booked", "unlisted"):
                request_code(api, phones[kind], event=phones["event"])
        with at(30):
            again = {
                kind: request_code(api, phones[kind], event=phones["event"])
                for kind in ("listed", "booked", "unlisted")
            }

        assert {a.status_code for a in again.values()} == {429}
        assert again["listed"].content == again["booked"].content == again["unlisted"].content

    def test_a_refused_phone_is_sent_nothing(
        self, api: Any, phones: dict[str, str], caplog: Any
    ) -> None:
        request_code(api, phones["unlisted"], event=phones["event"])

        assert not [r for r in caplog.records if r.name == "gatehouse.sms"]
        assert OtpRequest.objects.get(phone="+966512345673").status == "refused"

    def test_a_switched_off_account_gets_a_decoy_that_never_verifies(
        self, api: Any, caplog: Any
    ) -> None:
        UserFactory(phone=PHONE, is_active=False)

        answer = request_code(api)
        attempt = verify(api, answer.json()["request_id"], "123456")

        assert answer.status_code == 200  # the same shape as a real send
        assert set(answer.json()) == {"ok", "request_id", "expires_in", "resend_in"}
        assert not [r for r in caplog.records if r.name == "gatehouse.sms"]
        assert attempt.json()["error"]["code"] == "otp_invalid"
        assert attempt.json()["attempts_remaining"] == 4


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "phone"),
        ({"phone": ""}, "phone"),
        ({"phone": 512345678}, "phone"),
        ({"phone": "not a phone"}, "phone"),
        ({"phone": "0112345678"}, "phone"),  # a landline
        ({"phone": ["0512345678"]}, "phone"),
        ({"phone": "0512345678", "event": "no-such-event"}, "event"),
        ({"phone": "0512345678", "language": "fr"}, "language"),
    ],
)
def test_bad_request_input_is_a_validation_error(
    api: Any, body: dict[str, Any], field: str
) -> None:
    answer = api.post("/api/auth/otp/request/", body, format="json")

    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "validation_error"
    assert field in answer.json()["error"]["fields"]
    assert OtpRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"code": "12a456"}, "code"),
        ({"code": "١٢"}, "code"),
        ({"code": ""}, "code"),
        ({"code": None}, "code"),
        ({"request_id": "not-a-uuid"}, "request_id"),
        ({"request_id": 7}, "request_id"),
        ({"phone": "nope"}, "phone"),
    ],
)
def test_bad_verify_input_is_a_validation_error(
    api: Any, caplog: Any, changes: dict[str, Any], field: str
) -> None:
    request_id = request_code(api).json()["request_id"]
    body = {"phone": PHONE, "request_id": request_id, "code": sent_code(caplog), **changes}

    answer = api.post("/api/auth/otp/verify/", body, format="json")

    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "validation_error"
    assert field in answer.json()["error"]["fields"]
    assert OtpRequest.objects.get(id=request_id).attempts == 0


def test_an_unknown_request_id_is_not_found(api: Any) -> None:
    answer = verify(api, "0f001667-0a29-40c4-8904-b4ff8e00d9bd", "123456")

    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"


def test_another_phones_request_id_is_not_found(api: Any, caplog: Any) -> None:
    request_id = request_code(api).json()["request_id"]

    answer = verify(api, request_id, sent_code(caplog), phone="+966512345679")

    assert answer.status_code == 404


def test_a_ten_megabyte_body_is_refused(api: Any) -> None:
    body = json.dumps({"phone": "0512345678", "pad": "x" * (10 * 1024 * 1024)})

    answer = api.post("/api/auth/otp/request/", body, content_type="application/json")

    assert answer.status_code == 413
    assert answer.json()["error"]["code"] == "too_large"


def test_requests_are_limited_per_ip(api: Any, settings: Any) -> None:
    settings.OTP_REQUESTS_PER_IP = 3
    answers = [request_code(api, f"05123456{n:02d}") for n in range(4)]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]


def test_verifies_are_limited_per_ip(api: Any, caplog: Any, settings: Any) -> None:
    settings.OTP_VERIFIES_PER_IP = 2
    request_id = request_code(api).json()["request_id"]

    answers = [verify(api, request_id, "000001") for _ in range(3)]

    assert [a.status_code for a in answers] == [400, 400, 429]
    assert OtpRequest.objects.get(id=request_id).attempts == 2


def test_a_draft_event_is_no_event_to_ask_codes_for(api: Any) -> None:
    from backend.inventory.models import Event
    from tests.factories import EventFactory

    EventFactory(slug="secret-launch", status=Event.Status.DRAFT, allowlist_only=True)

    draft = request_code(api, event="secret-launch")
    unknown = request_code(api, event="no-such-event", ip="198.51.100.7")

    assert draft.status_code == 400
    assert draft.json()["error"] == unknown.json()["error"]
    assert not OtpRequest.objects.exists()


def test_limits_per_address_count_an_ipv6_subscribers_whole_64(api: Any, settings: Any) -> None:
    """One subscriber holds a whole /64: counted address by address, an attacker would
    have billions of fresh ones."""
    settings.OTP_REQUESTS_PER_IP = 2
    answers = [
        request_code(api, phone=f"05123456{n:02d}", ip=f"2001:db8:1:2::{n + 1:x}") for n in range(3)
    ]
    elsewhere = request_code(api, phone="0512345699", ip="2001:db8:1:3::1")

    assert [a.status_code for a in answers] == [200, 200, 429]
    assert elsewhere.status_code == 200
