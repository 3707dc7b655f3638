"""Proving an e-mail address: the signed link works once, expires, dies when the address
changes; resending is limited at its edge; a changed address is unverified until proved."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail

from backend.accounts.models import User
from backend.accounts.services.email_verification import email_verification_token
from tests.accounts.helpers import bearer, sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

T0 = datetime(2026, 11, 21, 12, 0, 0, tzinfo=UTC)


def verify(api: Any, token: str) -> Any:
    return api.post("/api/auth/email/verify/", {"token": token}, format="json")


def token_in(message: Any) -> str:
    return re.search(r"/verify-email\?token=([^\s&\"<]+)", message.body).group(1)


def unverified(email: str = "sara@example.com", **extra: Any) -> User:
    return UserFactory(email=email, verified_email="", **extra)


def test_the_link_works_once(api: Any) -> None:
    user = unverified()
    token = email_verification_token(user=user)

    first = verify(api, token)
    second = verify(api, token)

    assert first.status_code == 200
    assert first.json() == {"ok": True, "email": "sara@example.com"}
    user.refresh_from_db()
    assert user.email_verified
    assert user.verified_email == "sara@example.com"
    assert second.status_code == 400
    assert second.json()["error"]["code"] == "invalid_token"


def test_the_link_expires_at_its_edge(api: Any, settings: Any) -> None:
    settings.EMAIL_VERIFY_MAX_AGE_HOURS = 48
    user = unverified()
    with time_machine.travel(T0, tick=False):
        token = email_verification_token(user=user)
    with time_machine.travel(T0 + timedelta(hours=48, seconds=1), tick=False):
        late = verify(api, token)
    with time_machine.travel(T0 + timedelta(hours=47, minutes=59), tick=False):
        in_time = verify(api, token)

    assert late.status_code == 400
    assert late.json()["error"]["code"] == "invalid_token"
    assert in_time.status_code == 200


def test_a_changed_address_spends_the_old_link(api: Any) -> None:
    user = unverified("old@example.com")
    token = email_verification_token(user=user)
    User.objects.filter(pk=user.pk).update(email="new@example.com")

    answer = verify(api, token)

    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid_token"
    user.refresh_from_db()
    assert user.verified_email == ""
    assert not user.email_verified


@pytest.mark.parametrize("token", ["", "x", "eyJ1IjoxfQ:1t:forged", "a" * 512])
def test_a_forged_or_malformed_token_is_400(api: Any, token: str) -> None:
    unverified()

    answer = verify(api, token)

    assert answer.status_code == 400
    assert answer.json()["ok"] is False
    assert not User.objects.get().email_verified


def test_a_token_of_another_salt_is_refused(api: Any) -> None:
    from django.core import signing

    user = unverified()
    token = signing.dumps({"u": user.pk, "e": user.email}, compress=True)

    assert verify(api, token).status_code == 400


def test_changing_the_email_unverifies_it_and_sends_a_link(api: Any) -> None:
    user = UserFactory(email="old@example.com")  # verified
    pair = sign_in(user)

    changed = api.patch(
        "/api/auth/me/", {"email": "New@Example.com"}, format="json", **bearer(pair)
    )

    assert changed.status_code == 200
    body = changed.json()
    assert (body["email"], body["email_verified"]) == ("new@example.com", False)
    assert [m.to for m in mail.outbox] == [["new@example.com"]]
    assert verify(api, token_in(mail.outbox[0])).status_code == 200
    me = api.get("/api/auth/me/", **bearer(pair)).json()
    assert me["email_verified"] is True


def test_an_unverified_address_gets_no_password_reset(api: Any) -> None:
    user = unverified()
    user.set_password("a long pass phrase")
    user.save()

    answer = api.post("/api/auth/password/reset/", {"email": user.email}, format="json")

    assert answer.status_code == 200
    assert mail.outbox == []


def test_resend_is_limited_at_its_edge(api: Any, settings: Any) -> None:
    settings.EMAIL_VERIFY_RESENDS_PER_USER, settings.REGISTER_WINDOW_SECONDS = 2, 600
    user = unverified()

    def resend() -> Any:
        return api.post("/api/auth/email/verify/resend/", **bearer(pair))

    with time_machine.travel(T0, tick=False):
        pair = sign_in(user)  # its access token lives 15 minutes from T0
        allowed = [resend() for _ in range(2)]
        refused = resend()
    with time_machine.travel(T0 + timedelta(seconds=600.5), tick=False):
        again = resend()

    assert [a.status_code for a in allowed] == [202, 202]
    assert allowed[0].json() == {"ok": True}
    assert refused.status_code == 429
    assert refused.json()["retry_after"] == 600
    assert again.status_code == 202
    assert len(mail.outbox) == 3


def test_resend_refuses_a_verified_or_missing_address(api: Any) -> None:
    verified = sign_in(UserFactory(email="ok@example.com"))
    phone_only = sign_in(UserFactory())

    done = api.post("/api/auth/email/verify/resend/", **bearer(verified))
    none = api.post("/api/auth/email/verify/resend/", **bearer(phone_only))
    anonymous = api.post("/api/auth/email/verify/resend/")

    assert done.status_code == 409
    assert done.json()["error"]["code"] == "already_verified"
    assert none.status_code == 400
    assert none.json()["error"]["code"] == "no_email"
    assert anonymous.status_code == 401
    assert mail.outbox == []
