"""Guessing passwords is limited everywhere a password is checked: the admin's login form
and "change my password", and the API's password change, with the API login's limits at
their edges (5 failures per account, 30 attempts per address, per window)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.accounts.helpers import bearer, sign_in
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def admin_login(client: Client, email: str, password: str, ip: str = "198.51.100.1") -> Any:
    return client.post("/admin/login/", {"username": email, "password": password}, REMOTE_ADDR=ip)


def admin_user() -> Any:
    user = StaffFactory()
    user.is_staff = True
    user.is_superuser = True
    user.save()
    return user


def test_the_admin_login_locks_an_account_after_five_failures() -> None:
    user = admin_user()
    client = Client()
    failures = [admin_login(client, user.email, "wrong") for _ in range(5)]
    locked = admin_login(client, user.email, PASSWORD)

    assert [f.status_code for f in failures] == [200] * 5  # the form again, with an error
    assert "correct email" in failures[0].content.decode().lower()
    assert locked.status_code == 200
    assert "Too many failed attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_admin_login_failures_then_the_right_password_signs_in() -> None:
    user = admin_user()
    client = Client()
    for _ in range(4):
        admin_login(client, user.email, "wrong")

    answer = admin_login(client, user.email, PASSWORD)

    assert answer.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_admin_login_counts_every_attempt_per_address(settings: Any) -> None:
    settings.LOGIN_FAILURES_PER_IP = 3
    user = admin_user()
    client = Client()
    for n in range(3):
        admin_login(client, f"nobody{n}@example.com", "wrong", ip="203.0.113.5")

    blocked = admin_login(client, user.email, PASSWORD, ip="203.0.113.5")
    elsewhere = admin_login(Client(), user.email, PASSWORD, ip="203.0.113.6")

    assert "Too many failed attempts" in blocked.content.decode()
    assert elsewhere.status_code == 302


def change_password(api: Any, access: str, old: str, ip: str = "198.51.100.1") -> Any:
    return api.post(
        "/api/auth/password/change/",
        {"old_password": old, "new_password": "a brand new pass phrase"},
        format="json",
        REMOTE_ADDR=ip,
        **bearer(access),
    )


def test_the_api_password_change_is_limited_like_the_login(api: Any) -> None:
    user = StaffFactory()
    session = sign_in(user)
    failures = [change_password(api, session.access, "wrong") for _ in range(5)]
    sixth = change_password(api, session.access, PASSWORD)
    login = api.post(
        "/api/auth/login/",
        {"email": user.email, "password": PASSWORD},
        format="json",
        REMOTE_ADDR="198.51.100.1",
    )

    assert [f.status_code for f in failures] == [400] * 5
    assert sixth.status_code == 429
    assert sixth.json()["error"]["code"] == "rate_limited"
    assert login.status_code == 429  # one allowance per account and address
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_four_wrong_old_passwords_then_the_right_one_changes_it(api: Any) -> None:
    user = StaffFactory()
    session = sign_in(user)
    for _ in range(4):
        change_password(api, session.access, "wrong")

    answer = change_password(api, session.access, PASSWORD)

    assert answer.status_code == 200
    user.refresh_from_db()
    assert user.check_password("a brand new pass phrase")


def test_the_admin_password_change_is_limited_too() -> None:
    user = admin_user()
    client = Client()
    client.force_login(user)

    def change(old: str) -> Any:
        return client.post(
            "/admin/password_change/",
            {
                "old_password": old,
                "new_password1": "a brand new pass phrase",
                "new_password2": "a brand new pass phrase",
            },
            REMOTE_ADDR="198.51.100.1",
        )

    failures = [change("wrong") for _ in range(5)]
    sixth = change(PASSWORD)

    assert all(f.status_code == 200 for f in failures)
    assert "Too many failed attempts" in sixth.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
