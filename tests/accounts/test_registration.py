"""Registering with e-mail and password: the same answer for a new and a taken address, the
e-mails each gets, the limits at their edges, and sign-in at once."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail

from backend.accounts.models import User
from backend.notifications.models import Message
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long pass phrase"
T0 = datetime(2026, 11, 21, 12, 0, 0, tzinfo=UTC)


def register(
    api: Any, email: str = "sara@example.com", ip: str = "198.51.100.1", **extra: Any
) -> Any:
    body = {"email": email, "password": PASSWORD, **extra}
    return api.post("/api/auth/register/", body, format="json", REMOTE_ADDR=ip)


def login(api: Any, email: str, password: str = PASSWORD) -> Any:
    return api.post("/api/auth/login/", {"email": email, "password": password}, format="json")


def at(seconds: float) -> Any:
    return time_machine.travel(T0 + timedelta(seconds=seconds), tick=False)


def test_a_new_address_gets_an_account_a_link_and_signs_in_at_once(api: Any) -> None:
    answer = register(
        api, "Sara@Example.com", first_name="Sara", last_name="Ahmed", phone="0512345678"
    )

    assert answer.status_code == 201
    assert answer.json() == {"ok": True, "email": "sara@example.com"}
    user = User.objects.get(email="sara@example.com")
    assert (user.first_name, user.last_name, user.name) == ("Sara", "Ahmed", "Sara Ahmed")
    assert user.phone == "+966512345678"
    assert not user.phone_verified
    assert not user.email_verified
    assert [m.to for m in mail.outbox] == [["sara@example.com"]]
    assert "/verify-email?token=" in mail.outbox[0].body
    assert Message.objects.get().template == "email_verify"
    signed_in = login(api, "sara@example.com")
    assert signed_in.status_code == 200
    me = signed_in.json()["user"]
    assert (me["email_verified"], me["phone_verified"], me["has_password"]) == (False, False, True)


def test_a_taken_address_gets_the_same_answer_and_its_owner_an_email(api: Any) -> None:
    owner = StaffFactory(email="taken@example.com")
    password_before = owner.password

    new = register(api, "fresh@example.com")
    taken = register(api, "taken@example.com", name="Mallory", phone="0512345678")

    assert new.status_code == taken.status_code == 201
    assert new.json() == {"ok": True, "email": "fresh@example.com"}
    assert taken.json() == {"ok": True, "email": "taken@example.com"}
    owner.refresh_from_db()
    assert owner.password == password_before
    assert owner.name != "Mallory"
    assert owner.phone is None
    assert User.objects.filter(email="taken@example.com").count() == 1
    note = mail.outbox[-1]
    assert note.to == ["taken@example.com"]
    assert "/signin" in note.body
    assert "reset-password?" in note.body
    assert login(api, "taken@example.com").status_code == 401  # Mallory's password did nothing


def test_the_owner_of_a_taken_unverified_address_gets_a_verification_link(api: Any) -> None:
    UserFactory(email="half@example.com", verified_email="")

    assert register(api, "half@example.com").status_code == 201

    note = mail.outbox[-1]
    assert note.to == ["half@example.com"]
    assert "/verify-email?token=" in note.body
    assert "reset-password" not in note.body


def test_both_branches_do_the_same_work(api: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from backend.accounts.services import registration

    hashed: list[str] = []
    real = registration.make_password
    monkeypatch.setattr(registration, "make_password", lambda p: hashed.append(p) or real(p))
    UserFactory(email="taken@example.com")

    register(api, "fresh@example.com")
    register(api, "taken@example.com")

    assert hashed == [PASSWORD, PASSWORD]
    assert len(mail.outbox) == 2  # one e-mail queued and sent in each branch


def test_a_weak_password_is_400_for_new_and_taken_alike(api: Any) -> None:
    UserFactory(email="taken@example.com")

    answers = [
        api.post("/api/auth/register/", {"email": e, "password": "123"}, format="json")
        for e in ("fresh@example.com", "taken@example.com")
    ]

    assert [a.status_code for a in answers] == [400, 400]
    assert answers[0].json() == answers[1].json()
    assert answers[0].json()["error"]["fields"]["password"]
    assert not User.objects.filter(email="fresh@example.com").exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "body",
    [
        {"email": "not-an-address", "password": PASSWORD},
        {"email": "a@example.com"},
        {"email": "a@example.com", "password": PASSWORD, "phone": "12"},
        {"email": "a@example.com", "password": PASSWORD, "language": "fr"},
        {"email": "a@example.com", "password": 12345678},
    ],
)
def test_bad_input_is_400_in_the_error_shape_and_changes_nothing(api: Any, body: Any) -> None:
    answer = api.post("/api/auth/register/", body, format="json")

    assert answer.status_code == 400
    assert answer.json()["ok"] is False
    assert answer.json()["error"]["code"] == "validation_error"
    assert User.objects.count() == 0
    assert mail.outbox == []


def test_a_phone_another_account_holds_is_left_out_silently(api: Any) -> None:
    UserFactory(phone="+966512345678", verified_phone="+966512345678")

    answer = register(api, "sara@example.com", phone="0512345678")

    assert answer.status_code == 201
    assert User.objects.get(email="sara@example.com").phone is None


def test_registrations_per_address_are_limited_at_the_edge(api: Any, settings: Any) -> None:
    settings.REGISTER_PER_EMAIL, settings.REGISTER_WINDOW_SECONDS = 3, 3600
    UserFactory(email="taken@example.com")

    with at(0):
        allowed = [register(api, "taken@example.com", ip=f"198.51.100.{n}") for n in range(3)]
        refused = register(api, "taken@example.com", ip="198.51.100.9")
        other = register(api, "fresh@example.com", ip="198.51.100.9")
    with at(3599):
        still = register(api, "taken@example.com", ip="198.51.100.10")
    with at(3600.5):
        again = register(api, "taken@example.com", ip="198.51.100.11")

    assert [a.status_code for a in allowed] == [201, 201, 201]
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "rate_limited"
    assert refused.json()["retry_after"] == 3600
    assert other.status_code == 201
    assert still.status_code == 429
    assert again.status_code == 201
    assert len([m for m in mail.outbox if m.to == ["taken@example.com"]]) == 4


def test_a_new_and_a_taken_address_are_limited_alike(api: Any, settings: Any) -> None:
    settings.REGISTER_PER_EMAIL = 1
    UserFactory(email="taken@example.com")

    fresh = [register(api, "fresh@example.com", ip=f"10.0.0.{n}").status_code for n in range(2)]
    taken = [register(api, "taken@example.com", ip=f"10.0.1.{n}").status_code for n in range(2)]

    assert fresh == taken == [201, 429]


def test_registrations_per_client_address_are_limited_at_the_edge(api: Any, settings: Any) -> None:
    settings.REGISTER_PER_IP, settings.REGISTER_WINDOW_SECONDS = 2, 600

    with at(0):
        allowed = [register(api, f"u{n}@example.com", ip="203.0.113.5") for n in range(2)]
        refused = register(api, "u9@example.com", ip="203.0.113.5")
        elsewhere = register(api, "u8@example.com", ip="203.0.113.6")
    with at(600.5):
        again = register(api, "u9@example.com", ip="203.0.113.5")

    assert [a.status_code for a in allowed] == [201, 201]
    assert refused.status_code == 429
    assert refused.json()["ok"] is False
    assert elsewhere.status_code == 201
    assert again.status_code == 201
    assert User.objects.filter(email="u9@example.com").exists()


def test_the_link_in_the_email_verifies_the_address(api: Any) -> None:
    register(api, "sara@example.com", language="ar")
    message = mail.outbox[-1]
    token = re.search(r"token=([^\s&\"]+)", message.body).group(1)

    verified = api.post("/api/auth/email/verify/", {"token": token}, format="json")

    assert "\u0628\u0631\u064a\u062f" in message.subject  # Arabic
    assert verified.status_code == 200
    assert verified.json() == {"ok": True, "email": "sara@example.com"}
    assert User.objects.get(email="sara@example.com").email_verified


def test_a_phone_typed_at_registration_is_no_way_into_that_account(
    api: Any, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    from tests.accounts.phone_codes import last_code

    caplog.set_level(logging.INFO, logger="gatehouse.sms")
    register(api, "mallory@example.com", phone="0512345678")  # someone else's number
    mallory = User.objects.get(email="mallory@example.com")

    asked = api.post("/api/auth/otp/request/", {"phone": "0512345678"}, format="json")
    signed_in = api.post(
        "/api/auth/otp/verify/",
        {
            "phone": "+966512345678",
            "request_id": asked.json()["request_id"],
            "code": last_code(caplog, "+966512345678"),
        },
        format="json",
    )

    assert signed_in.status_code == 200
    owner = signed_in.json()["user"]
    assert owner["id"] != mallory.pk
    assert (owner["phone"], owner["email"], owner["phone_verified"]) == (
        "+966512345678",
        None,
        True,
    )
    mallory.refresh_from_db()
    assert mallory.phone is None
