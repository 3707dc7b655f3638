"""Plain SMS (``send_message``): console, Twilio Messaging and Unifonic's messaging API,
over real HTTP against the fakes on 127.0.0.1."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest

from backend.accounts.sms import ProviderRejected, ProviderUnavailable, get_provider
from backend.accounts.sms.console import ConsoleProvider
from tests.support.fake_http import Message
from tests.support.fake_twilio import FakeTwilioVerify
from tests.support.fake_unifonic import FakeUnifonicAuthenticate

PHONE = "+966512345678"
TEXT = "Your tickets for Winter Fest: https://example.test/tickets"
ARABIC = "تذاكرك لـ مهرجان الشتاء: https://example.test/tickets"
FORM = "application/x-www-form-urlencoded"


def test_console_logs_one_line(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="gatehouse.sms"):
        assert ConsoleProvider().send_message(phone=PHONE, text=TEXT) == ""

    assert [r.getMessage() for r in caplog.records] == [f"SMS {PHONE} {TEXT}"]


# Twilio Programmable Messaging


def test_twilio_posts_the_message_with_basic_auth(twilio: FakeTwilioVerify) -> None:
    sid = get_provider("twilio").send_message(phone=PHONE, text=ARABIC)

    assert re.fullmatch(r"SM[0-9a-f]{32}", sid)
    [request] = twilio.requests
    assert (request.method, request.path) == (
        "POST",
        f"/2010-04-01/Accounts/{twilio.account_sid}/Messages.json",
    )
    assert request.basic_auth == (twilio.account_sid, twilio.auth_token)
    assert request.content_type.startswith(FORM)
    assert request.form == {"To": PHONE, "From": twilio.from_number, "Body": ARABIC}
    assert twilio.messages == [Message(PHONE, ARABIC, sid)]
    assert twilio.sent == []  # no verification was started


def test_twilio_refusal_of_the_number_is_a_rejection(twilio: FakeTwilioVerify) -> None:
    with pytest.raises(ProviderRejected) as error:
        get_provider("twilio").send_message(phone="+12", text=TEXT)
    assert error.value.reason == "21211"


def test_twilio_bad_credentials_are_an_outage(twilio: FakeTwilioVerify, settings: Any) -> None:
    settings.TWILIO_AUTH_TOKEN = "wrong"

    with pytest.raises(ProviderUnavailable, match=r"credentials.*configuration"):
        get_provider("twilio").send_message(phone=PHONE, text=TEXT)
    assert twilio.messages == []


def test_twilio_without_a_from_number_is_an_outage_without_a_request(
    twilio: FakeTwilioVerify, settings: Any
) -> None:
    settings.TWILIO_FROM_NUMBER = ""

    with pytest.raises(ProviderUnavailable, match="TWILIO_FROM_NUMBER"):
        get_provider("twilio").send_message(phone=PHONE, text=TEXT)
    assert twilio.requests == []


# Unifonic messaging REST API


def test_unifonic_posts_the_message_with_the_app_sid(unifonic: FakeUnifonicAuthenticate) -> None:
    message_id = get_provider("unifonic").send_message(phone=PHONE, text=ARABIC)

    [request] = unifonic.requests
    assert (request.method, request.path) == ("POST", "/rest/SMS/messages")
    assert request.content_type.startswith(FORM)
    assert request.form == {
        "AppSid": unifonic.app_id,
        "SenderID": unifonic.sender_id,
        "Recipient": PHONE.removeprefix("+"),
        "Body": ARABIC,
    }
    assert unifonic.messages == [Message(PHONE, ARABIC, message_id)]
    assert message_id.isdigit()


def test_unifonic_refusal_is_a_rejection(unifonic: FakeUnifonicAuthenticate, settings: Any) -> None:
    settings.UNIFONIC_SENDER_ID = "NotApproved"

    with pytest.raises(ProviderRejected) as error:
        get_provider("unifonic").send_message(phone=PHONE, text=TEXT)
    assert error.value.reason == "ER-07"


def test_unifonic_unknown_app_sid_is_an_outage(
    unifonic: FakeUnifonicAuthenticate, settings: Any
) -> None:
    settings.UNIFONIC_APP_ID = "another-app"

    with pytest.raises(ProviderUnavailable, match="AppSid"):
        get_provider("unifonic").send_message(phone=PHONE, text=TEXT)
    assert unifonic.messages == []


# Outages, for both


@pytest.fixture(params=["twilio", "unifonic"])
def fake(request: pytest.FixtureRequest) -> Any:
    return request.getfixturevalue(request.param)


def test_503_is_an_outage(fake: Any) -> None:
    fake.fail(503)

    with pytest.raises(ProviderUnavailable, match="HTTP 503"):
        get_provider(_name(fake)).send_message(phone=PHONE, text=TEXT)
    assert len(fake.requests) == 1


def test_a_stopped_server_is_an_outage(fake: Any) -> None:
    fake.stop()

    with pytest.raises(ProviderUnavailable, match="unreachable"):
        get_provider(_name(fake)).send_message(phone=PHONE, text=TEXT)


def _name(fake: Any) -> str:
    return "twilio" if isinstance(fake, FakeTwilioVerify) else "unifonic"
