"""Twilio Verify and Unifonic Authenticate, over real HTTP, against fakes on 127.0.0.1."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from backend.accounts.sms import (
    CheckResult,
    ProviderRejected,
    ProviderUnavailable,
    SmsProvider,
    get_provider,
)
from backend.accounts.sms.twilio import TwilioVerifyProvider
from backend.accounts.sms.unifonic import UnifonicAuthenticateProvider
from tests.support.fake_twilio import FakeServer, FakeTwilioVerify, Sent
from tests.support.fake_unifonic import FakeUnifonicAuthenticate
from tests.support.live import closed_port

PHONE = "+966512345678"
OTHER_PHONE = "+966598765432"
FORM = "application/x-www-form-urlencoded"


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10 ** len(code):0{len(code)}d}"


def test_the_registry_builds_both_providers() -> None:
    assert isinstance(get_provider("twilio"), TwilioVerifyProvider)
    assert isinstance(get_provider("unifonic"), UnifonicAuthenticateProvider)
    for name in ("twilio", "unifonic"):
        provider = get_provider(name)
        assert (provider.name, provider.generates_codes) == (name, True)


# Twilio Verify


def test_twilio_start_sends_form_with_basic_auth_and_returns_the_sid(
    twilio: FakeTwilioVerify,
) -> None:
    sid = TwilioVerifyProvider().start(phone=PHONE, code=None, locale="ar")

    assert re.fullmatch(r"VE[0-9a-f]{32}", sid)
    assert sid == twilio.verifications[PHONE].sid
    [request] = twilio.requests
    assert (request.method, request.path) == (
        "POST",
        f"/v2/Services/{twilio.service_sid}/Verifications",
    )
    assert request.basic_auth == (twilio.account_sid, twilio.auth_token)
    assert request.content_type.startswith(FORM)
    assert request.form == {"To": PHONE, "Channel": "sms", "Locale": "ar"}
    [sent] = twilio.sent
    assert sent == Sent(PHONE, sent.code, "ar", sid)
    assert re.fullmatch(r"\d{6}", sent.code)


def test_twilio_right_code_is_approved_once(twilio: FakeTwilioVerify) -> None:
    provider = TwilioVerifyProvider()
    sid = provider.start(phone=PHONE, code=None, locale="en")
    code = twilio.code_for(PHONE)

    assert provider.check(phone=PHONE, reference=sid, code=code) is CheckResult.APPROVED
    request = twilio.requests[-1]
    assert request.path == f"/v2/Services/{twilio.service_sid}/VerificationCheck"
    assert request.basic_auth == (twilio.account_sid, twilio.auth_token)
    assert request.content_type.startswith(FORM)
    assert request.form == {"To": PHONE, "Code": code}
    # Twilio forgets an approved verification: the same code again is a 404.
    assert provider.check(phone=PHONE, reference=sid, code=code) is CheckResult.EXPIRED


def test_twilio_wrong_code_leaves_the_verification_open(twilio: FakeTwilioVerify) -> None:
    provider = TwilioVerifyProvider()
    sid = provider.start(phone=PHONE, code=None, locale="en")
    code = twilio.code_for(PHONE)

    assert provider.check(phone=PHONE, reference=sid, code=wrong(code)) is CheckResult.WRONG
    assert twilio.verifications[PHONE].checks == 1
    assert provider.check(phone=PHONE, reference=sid, code=code) is CheckResult.APPROVED


def test_twilio_sixth_check_is_exhausted_even_with_the_right_code(
    twilio: FakeTwilioVerify,
) -> None:
    provider = TwilioVerifyProvider()
    sid = provider.start(phone=PHONE, code=None, locale="en")
    code = twilio.code_for(PHONE)

    results = [provider.check(phone=PHONE, reference=sid, code=wrong(code)) for _ in range(5)]

    assert results == [CheckResult.WRONG] * 5
    assert provider.check(phone=PHONE, reference=sid, code=code) is CheckResult.EXHAUSTED


def test_twilio_expired_or_unknown_verification_is_expired(twilio: FakeTwilioVerify) -> None:
    provider = TwilioVerifyProvider()
    sid = provider.start(phone=PHONE, code=None, locale="en")
    code = twilio.code_for(PHONE)
    twilio.expire(PHONE)

    assert provider.check(phone=PHONE, reference=sid, code=code) is CheckResult.EXPIRED
    assert provider.check(phone=OTHER_PHONE, reference="", code=code) is CheckResult.EXPIRED
    assert [r.form["To"] for r in twilio.requests[1:]] == [PHONE, OTHER_PHONE]


def test_twilio_resends_the_same_code_five_times_then_refuses(twilio: FakeTwilioVerify) -> None:
    provider = TwilioVerifyProvider()
    sids = {provider.start(phone=PHONE, code=None, locale="en") for _ in range(5)}

    with pytest.raises(ProviderRejected) as refused:
        provider.start(phone=PHONE, code=None, locale="en")

    assert refused.value.reason == "60203"
    assert sids == {twilio.verifications[PHONE].sid}
    assert len(twilio.sent) == 5
    assert len({sent.code for sent in twilio.sent}) == 1


@pytest.mark.parametrize(
    ("phone", "reason"),
    [("+1", "60200"), ("0512345678", "60200"), ("+989121234567", "60605")],
)
def test_twilio_refusals_of_a_number_are_rejections(
    twilio: FakeTwilioVerify, phone: str, reason: str
) -> None:
    twilio.blocked.add("+989121234567")

    with pytest.raises(ProviderRejected) as refused:
        TwilioVerifyProvider().start(phone=phone, code=None, locale="en")

    assert refused.value.reason == reason
    assert twilio.sent == []


def test_twilio_bad_credentials_are_an_outage_not_a_verdict(
    twilio: FakeTwilioVerify, settings: Any
) -> None:
    provider = TwilioVerifyProvider()
    sid = provider.start(phone=PHONE, code=None, locale="en")
    settings.TWILIO_AUTH_TOKEN = "rotated"

    with pytest.raises(ProviderUnavailable, match=r"credentials.*configuration"):
        provider.start(phone=PHONE, code=None, locale="en")
    with pytest.raises(ProviderUnavailable, match="HTTP 401"):
        provider.check(phone=PHONE, reference=sid, code=twilio.code_for(PHONE))
    assert twilio.requests[-1].basic_auth == (twilio.account_sid, "rotated")
    assert twilio.verifications[PHONE].checks == 0


def test_twilio_an_unknown_service_is_an_outage_when_starting(
    twilio: FakeTwilioVerify, settings: Any
) -> None:
    settings.TWILIO_VERIFY_SERVICE_SID = "VA" + "0" * 32

    with pytest.raises(ProviderUnavailable, match="HTTP 404"):
        TwilioVerifyProvider().start(phone=PHONE, code=None, locale="en")


# Unifonic Authenticate


def test_unifonic_start_sends_form_with_app_id_and_bearer_and_returns_the_id(
    unifonic: FakeUnifonicAuthenticate, settings: Any
) -> None:
    settings.OTP_LENGTH = 4

    reference = UnifonicAuthenticateProvider().start(phone=PHONE, code=None, locale="ar")

    assert str(uuid.UUID(reference)) == reference == unifonic.verifications[PHONE].id
    [request] = unifonic.requests
    assert (request.method, request.path) == ("POST", "/services/api/v2/verifications/start")
    assert request.headers["x-authenticate-app-id"] == unifonic.app_id
    assert request.headers["authorization"] == f"Bearer {unifonic.auth_token}"
    assert request.content_type.startswith(FORM)
    assert request.form == {"to": PHONE, "channel": "sms", "locale": "ar", "length": "4"}
    [sent] = unifonic.sent
    assert sent == Sent(PHONE, sent.code, "ar", reference)
    assert re.fullmatch(r"\d{4}", sent.code)


def test_unifonic_right_code_is_approved_once(unifonic: FakeUnifonicAuthenticate) -> None:
    provider = UnifonicAuthenticateProvider()
    reference = provider.start(phone=PHONE, code=None, locale="en")
    code = unifonic.code_for(PHONE)

    assert provider.check(phone=PHONE, reference=reference, code=code) is CheckResult.APPROVED
    request = unifonic.requests[-1]
    assert request.path == "/services/api/v2/verifications/check"
    assert request.headers["x-authenticate-app-id"] == unifonic.app_id
    assert request.headers["authorization"] == f"Bearer {unifonic.auth_token}"
    assert request.content_type.startswith(FORM)
    assert request.form == {"to": PHONE, "channel": "sms", "code": code}
    # 110, already verified
    assert provider.check(phone=PHONE, reference=reference, code=code) is CheckResult.EXPIRED


def test_unifonic_wrong_code_leaves_the_verification_open(
    unifonic: FakeUnifonicAuthenticate,
) -> None:
    provider = UnifonicAuthenticateProvider()
    reference = provider.start(phone=PHONE, code=None, locale="en")
    code = unifonic.code_for(PHONE)

    assert provider.check(phone=PHONE, reference=reference, code=wrong(code)) is (CheckResult.WRONG)
    assert provider.check(phone=PHONE, reference=reference, code=code) is CheckResult.APPROVED


def test_unifonic_attempts_exceeded_is_exhausted(unifonic: FakeUnifonicAuthenticate) -> None:
    provider = UnifonicAuthenticateProvider()
    reference = provider.start(phone=PHONE, code=None, locale="en")
    code = unifonic.code_for(PHONE)

    results = [
        provider.check(phone=PHONE, reference=reference, code=wrong(code))
        for _ in range(unifonic.max_attempts)
    ]

    assert results == [CheckResult.WRONG] * unifonic.max_attempts
    assert provider.check(phone=PHONE, reference=reference, code=code) is CheckResult.EXHAUSTED


def test_unifonic_expired_or_unknown_verification_is_expired(
    unifonic: FakeUnifonicAuthenticate,
) -> None:
    provider = UnifonicAuthenticateProvider()
    reference = provider.start(phone=PHONE, code=None, locale="en")
    code = unifonic.code_for(PHONE)
    unifonic.expire(PHONE)

    assert provider.check(phone=PHONE, reference=reference, code=code) is CheckResult.EXPIRED
    assert provider.check(phone=OTHER_PHONE, reference="", code=code) is CheckResult.EXPIRED


def test_unifonic_bad_input_is_a_rejection(unifonic: FakeUnifonicAuthenticate) -> None:
    with pytest.raises(ProviderRejected) as refused:
        UnifonicAuthenticateProvider().start(phone="0512345678", code=None, locale="en")

    assert refused.value.reason == "The to must be a valid phone number."
    assert unifonic.sent == []


def test_unifonic_bad_credentials_are_an_outage_not_a_verdict(
    unifonic: FakeUnifonicAuthenticate, settings: Any
) -> None:
    provider = UnifonicAuthenticateProvider()
    reference = provider.start(phone=PHONE, code=None, locale="en")
    settings.UNIFONIC_APP_ID = "another-app"

    with pytest.raises(ProviderUnavailable, match=r"credentials.*configuration"):
        provider.check(phone=PHONE, reference=reference, code=unifonic.code_for(PHONE))
    assert unifonic.verifications[PHONE].attempts == 0


# Outages, for both providers, when starting and when checking


@dataclass
class Case:
    provider: SmsProvider
    fake: FakeServer

    def start(self) -> str:
        return self.provider.start(phone=PHONE, code=None, locale="en")

    def check(self) -> CheckResult:
        return self.provider.check(phone=PHONE, reference="ref", code="123456")


@pytest.fixture(params=["twilio", "unifonic"])
def case(request: pytest.FixtureRequest) -> Case:
    fake = request.getfixturevalue(request.param)
    return Case(get_provider(request.param), fake)


CALLS: dict[str, Callable[[Case], object]] = {"start": Case.start, "check": Case.check}


@pytest.fixture(params=sorted(CALLS))
def call(request: pytest.FixtureRequest) -> Callable[[Case], object]:
    return CALLS[request.param]


def test_503_is_an_outage(case: Case, call: Callable[[Case], object]) -> None:
    case.fake.fail(503)

    with pytest.raises(ProviderUnavailable, match="HTTP 503"):
        call(case)
    assert len(case.fake.requests) == 1


@pytest.mark.parametrize(
    ("status", "body", "content_type"),
    [
        (200, b"<html><body>Maintenance</body></html>", "text/html"),
        (200, b'["not", "an", "object"]', "application/json"),
        (400, b"Bad Request", "text/plain"),
        (502, b"", "text/plain"),
    ],
)
def test_an_unreadable_answer_is_an_outage(
    case: Case, call: Callable[[Case], object], status: int, body: bytes, content_type: str
) -> None:
    case.fake.fail(status, body, content_type)

    with pytest.raises(ProviderUnavailable):
        call(case)


def test_a_gateway_refusing_our_credentials_is_a_configuration_outage(
    case: Case, call: Callable[[Case], object]
) -> None:
    case.fake.fail(401, b"<html><body>401 Authorization Required</body></html>", "text/html")

    with pytest.raises(ProviderUnavailable, match=r"refused our credentials \(HTTP 401\)"):
        call(case)


def test_an_answer_without_meaning_is_an_outage(case: Case) -> None:
    case.fake.fail(200, b'{"status": "mystery", "error_code": 999}')

    with pytest.raises(ProviderUnavailable):
        case.start()  # no sid, no id
    with pytest.raises(ProviderUnavailable, match=r"mystery|999"):
        case.check()


def test_a_stopped_server_is_an_outage(case: Case, call: Callable[[Case], object]) -> None:
    case.fake.stop()

    with pytest.raises(ProviderUnavailable, match=r"unreachable.*ConnectError"):
        call(case)


def test_a_closed_port_is_an_outage(
    case: Case, call: Callable[[Case], object], settings: Any
) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    settings.TWILIO_VERIFY_API_BASE = settings.UNIFONIC_API_BASE = url

    with pytest.raises(ProviderUnavailable, match="ConnectError"):
        call(case)
    assert case.fake.requests == []


def test_a_stalled_answer_times_out_as_an_outage(
    case: Case, call: Callable[[Case], object], settings: Any
) -> None:
    settings.SMS_TIMEOUT_SECONDS = 0.2
    case.fake.stall()
    began = time.monotonic()

    with pytest.raises(ProviderUnavailable, match="ReadTimeout"):
        call(case)

    assert 0.2 <= time.monotonic() - began < 3
    assert len(case.fake.requests) == 1  # it did arrive; the answer never came


def test_missing_settings_are_an_outage_without_a_request(
    case: Case, call: Callable[[Case], object], settings: Any
) -> None:
    settings.TWILIO_VERIFY_SERVICE_SID = settings.UNIFONIC_APP_ID = ""

    with pytest.raises(ProviderUnavailable, match="not configured"):
        call(case)
    assert case.fake.requests == []
