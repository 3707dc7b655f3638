"""An administrator adding a user in the admin types the address: it counts as verified, so
the new staff member can reset a forgotten password; an address changed later does not."""

from __future__ import annotations

import pytest
from django.test import Client

from backend.accounts.models import User

pytestmark = pytest.mark.django_db


def test_an_address_an_administrator_adds_is_verified() -> None:
    admin = User.objects.create_superuser("root@example.com", "a long admin pass phrase")
    browser = Client()
    browser.force_login(admin)

    answer = browser.post("/admin/accounts/user/add/", {
        "email": "New.Staff@Example.com", "phone": "", "name": "New Staff",
        "password1": "a long staff pass phrase", "password2": "a long staff pass phrase",
        "role_grants-TOTAL_FORMS": "0", "role_grants-INITIAL_FORMS": "0",
    })  # fmt: skip

    assert answer.status_code == 302, answer.content[:500]
    user = User.objects.get(email="new.staff@example.com")
    assert user.verified_email == "new.staff@example.com"
    assert user.email_verified
    assert admin.email_verified  # createsuperuser: the operator typed it too
    user.email = "other@example.com"
    user.save()
    assert not User.objects.get(pk=user.pk).email_verified
