"""Sign-in through the real providers' HTTP APIs (fake servers on 127.0.0.1), outages too."""

from __future__ import annotations

from typing import Any

import pytest

from backend.accounts.models import OtpRequest

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = "+966512345678"


@pytest.fixture(params=["twilio", "unifonic"])
def provider(request: pytest.FixtureRequest, settings: Any) -> Any:
    """Each test runs once per provider, with that provider's fake as the SMS service."""
    settings.SMS_PROVIDER = request.param
    return request.getfixturevalue(request.param)


def request_code(api: Any) -> Any:
    return api.post("/api/auth/otp/request/", {"phone": "0512345678"}, format="json")


def verify(api: Any, request_id: str, code: str) -> Any:
    body = {"phone": PHONE, "request_id": request_id, "code": code}
    return api.post("/api/auth/otp/verify/", body, format="json")


def test_a_guest_signs_in_with_the_code_the_provider_sent(api: Any, provider: Any) -> None:
    request_id = request_code(api).json()["request_id"]
    code = provider.code_for(PHONE)

    signed_in = verify(api, request_id, code)

    assert signed_in.status_code == 200
    otp = OtpRequest.objects.get(id=request_id)
    assert otp.code_hash == ""  # the provider holds the code, we hold nothing
    assert otp.provider_ref == provider.sent[-1].reference
    assert otp.status == "verified"


def test_a_wrong_code_costs_an_attempt(api: Any, provider: Any) -> None:
    request_id = request_code(api).json()["request_id"]
    right = provider.code_for(PHONE)
    wrong = "000000" if right != "000000" else "111111"

    answer = verify(api, request_id, wrong)

    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "otp_invalid"
    assert answer.json()["attempts_remaining"] == 4
    assert verify(api, request_id, right).status_code == 200


def test_an_outage_during_the_check_is_a_503_and_costs_nothing(api: Any, provider: Any) -> None:
    request_id = request_code(api).json()["request_id"]
    code = provider.code_for(PHONE)
    provider.fail(503)

    down = verify(api, request_id, code)
    provider.recover()
    after = verify(api, request_id, code)

    assert down.status_code == 503
    assert down.json()["error"]["code"] == "sms_unavailable"
    assert after.status_code == 200
    assert OtpRequest.objects.get(id=request_id).attempts == 0


def test_an_unreachable_provider_is_a_503_too(api: Any, provider: Any) -> None:
    request_id = request_code(api).json()["request_id"]
    provider.stop()

    down = verify(api, request_id, "123456")

    assert down.status_code == 503
    assert OtpRequest.objects.get(id=request_id).attempts == 0


def test_an_outage_when_sending_is_a_503_and_does_not_count_as_a_send(
    api: Any, provider: Any
) -> None:
    provider.fail(503)
    down = request_code(api)
    provider.recover()
    at_once = request_code(api)  # no cooldown: the failed send was never a send

    assert down.status_code == 503
    assert down.json()["error"]["code"] == "sms_unavailable"
    assert OtpRequest.objects.filter(status="failed").count() == 1
    assert at_once.status_code == 200
    assert verify(api, at_once.json()["request_id"], provider.code_for(PHONE)).status_code == 200


def test_the_providers_own_limit_ends_the_request(api: Any, provider: Any, settings: Any) -> None:
    settings.OTP_PROVIDER_CHECKS_PER_ADDRESS = 10  # let one address reach the provider's own
    request_id = request_code(api).json()["request_id"]
    right = provider.code_for(PHONE)
    wrong = "000000" if right != "000000" else "111111"

    answers = [verify(api, request_id, wrong) for _ in range(6)]

    assert [a.json()["error"]["code"] for a in answers[:5]] == ["otp_invalid"] * 5
    assert answers[5].json()["error"]["code"] == "otp_exhausted"


def test_a_stranger_cannot_spend_the_owners_provider_code(api: Any, provider: Any) -> None:
    """The provider keeps one verification per number, whose five checks every request for
    that number shares: one address may spend only three of them, so the owner's code still
    works after a stranger guessed at their own request."""
    mine = api.post(
        "/api/auth/otp/request/", {"phone": "0512345678"}, format="json",
        REMOTE_ADDR="198.51.100.1",
    ).json()["request_id"]  # fmt: skip
    code = provider.code_for(PHONE)
    theirs = api.post(
        "/api/auth/otp/request/", {"phone": "0512345678"}, format="json",
        REMOTE_ADDR="203.0.113.66",
    ).json()["request_id"]  # fmt: skip
    wrong = "000000" if code != "000000" else "111111"
    body = {"phone": PHONE, "request_id": theirs, "code": wrong}
    guesses = [
        api.post("/api/auth/otp/verify/", body, format="json", REMOTE_ADDR="203.0.113.66")
        for _ in range(5)
    ]

    owner = api.post(
        "/api/auth/otp/verify/", {"phone": PHONE, "request_id": mine, "code": code},
        format="json", REMOTE_ADDR="198.51.100.1",
    )  # fmt: skip

    assert [g.status_code for g in guesses] == [400] * 5
    assert owner.status_code == 200, owner.json()
