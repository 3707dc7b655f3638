"""Adding or changing the phone of a signed-in account with a code: it counts only once
proved, a wrong code costs an attempt, a phone another account proved is 409 and changes
nothing, an unproved claim gives way to the proof."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from backend.accounts.models import OtpRequest, User
from tests.accounts.helpers import bearer, sign_in
from tests.accounts.phone_codes import last_code
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = "+966512345678"


@pytest.fixture(autouse=True)
def _capture_sms(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="gatehouse.sms")


def email_account(email: str = "sara@example.com", **extra: Any) -> User:
    user = UserFactory(email=email, **{"phone": None, **extra})
    user.set_password("a long pass phrase")
    user.save()
    return user


def ask(api: Any, pair: Any, phone: str = "0512345678", ip: str = "198.51.100.1") -> Any:
    return api.post(
        "/api/auth/phone/", {"phone": phone}, format="json", REMOTE_ADDR=ip, **bearer(pair)
    )


def prove(api: Any, pair: Any, request_id: str, code: str) -> Any:
    return api.post(
        "/api/auth/phone/verify/",
        {"request_id": request_id, "code": code},
        format="json",
        **bearer(pair),
    )


def test_an_email_account_adds_a_phone_proved_by_code(api: Any, caplog: Any) -> None:
    user = email_account()
    pair = sign_in(user)

    asked = ask(api, pair)
    body = asked.json()
    proved = prove(api, pair, body["request_id"], last_code(caplog, PHONE))

    assert asked.status_code == 200
    assert set(body) == {"ok", "request_id", "expires_in", "resend_in"}
    assert proved.status_code == 200
    me = proved.json()["user"]
    assert (me["phone"], me["phone_verified"], me["email"]) == (PHONE, True, "sara@example.com")
    user.refresh_from_db()
    assert user.phone_verified
    assert OtpRequest.objects.get(id=body["request_id"]).status == "verified"


def test_a_phone_typed_at_registration_counts_only_once_proved(api: Any, caplog: Any) -> None:
    user = email_account(phone=PHONE)  # stored, unverified
    pair = sign_in(user)
    assert api.get("/api/auth/me/", **bearer(pair)).json()["phone_verified"] is False

    request_id = ask(api, pair).json()["request_id"]
    proved = prove(api, pair, request_id, last_code(caplog, PHONE))

    assert proved.status_code == 200
    assert proved.json()["user"]["phone_verified"] is True


def test_a_wrong_code_costs_an_attempt_and_changes_nothing(api: Any, caplog: Any) -> None:
    user = email_account()
    pair = sign_in(user)
    request_id = ask(api, pair).json()["request_id"]
    right = last_code(caplog, PHONE)
    wrong = "000000" if right != "000000" else "111111"

    answer = prove(api, pair, request_id, wrong)

    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "otp_invalid"
    assert answer.json()["attempts_remaining"] == 4
    user.refresh_from_db()
    assert user.phone is None
    assert prove(api, pair, request_id, right).status_code == 200


def test_a_phone_another_account_proved_is_409_and_changes_nothing(api: Any, caplog: Any) -> None:
    owner = email_account("owner@example.com", phone=PHONE, verified_phone=PHONE)
    user = email_account()
    pair = sign_in(user)
    request_id = ask(api, pair).json()["request_id"]
    code = last_code(caplog, PHONE)

    taken = prove(api, pair, request_id, code)

    assert taken.status_code == 409
    assert taken.json()["error"]["code"] == "phone_taken"
    assert taken.json()["ok"] is False
    owner.refresh_from_db()
    user.refresh_from_db()
    assert owner.phone == PHONE
    assert owner.is_active
    assert user.phone is None
    assert OtpRequest.objects.get(id=request_id).status == "pending"  # rolled back


def test_a_proof_beats_an_unproved_claim(api: Any, caplog: Any) -> None:
    claimant = email_account("claim@example.com", phone=PHONE)  # typed, never proved
    user = email_account()
    pair = sign_in(user)
    request_id = ask(api, pair).json()["request_id"]

    proved = prove(api, pair, request_id, last_code(caplog, PHONE))

    assert proved.status_code == 200
    claimant.refresh_from_db()
    assert claimant.phone is None
    assert claimant.is_active


def test_an_unknown_request_is_404_and_input_is_checked(api: Any) -> None:
    pair = sign_in(email_account())

    unknown = prove(api, pair, "0f001667-0a29-40c4-8904-b4ff8e00d9bd", "123456")
    letters = prove(api, pair, "0f001667-0a29-40c4-8904-b4ff8e00d9bd", "abc")
    bad_phone = ask(api, pair, phone="12")
    anonymous = api.post("/api/auth/phone/", {"phone": "0512345678"}, format="json")

    assert unknown.status_code == 404
    assert letters.status_code == 400
    assert letters.json()["error"]["fields"]["code"]
    assert bad_phone.status_code == 400
    assert bad_phone.json()["error"]["fields"]["phone"]
    assert anonymous.status_code == 401
    assert OtpRequest.objects.count() == 0


def test_asking_is_limited_like_sign_in_codes(api: Any, caplog: Any) -> None:
    pair = sign_in(email_account())

    first = ask(api, pair)
    second = ask(api, pair)

    assert first.status_code == 200
    assert second.status_code == 429
    assert second.json()["retry_after"] == 60


def test_sessions_revoke_others_keeps_the_callers(api: Any) -> None:
    user = email_account()
    mine, other, third = sign_in(user), sign_in(user), sign_in(user)

    answer = api.post("/api/auth/sessions/revoke-others/", **bearer(mine))

    assert answer.status_code == 200
    assert answer.json() == {"ok": True, "revoked": 2}
    assert api.get("/api/auth/me/", **bearer(mine)).status_code == 200
    assert api.get("/api/auth/me/", **bearer(other)).status_code == 401
    assert api.get("/api/auth/me/", **bearer(third)).status_code == 401
