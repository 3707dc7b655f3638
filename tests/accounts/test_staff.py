"""Staff: password sign-in with limits, password change and reset, roles, scanner devices."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from backend.accounts.models import ScannerDevice
from backend.notifications.models import Message
from tests.accounts.helpers import bearer, sign_in
from tests.factories import EventFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "correct horse battery"


def login(api: Any, email: str, password: str = PASSWORD, ip: str = "198.51.100.1") -> Any:
    return api.post(
        "/api/auth/login/", {"email": email, "password": password}, format="json", REMOTE_ADDR=ip
    )


class TestLogin:
    def test_staff_sign_in_with_email_and_password(self, api: Any) -> None:
        staff = StaffFactory()

        answer = login(api, staff.email.upper())

        assert answer.status_code == 200
        assert answer.json()["user"]["roles"] == ["guest", "scanner", "staff"]  # staff may scan
        assert answer.cookies["gh_refresh"]["httponly"] is True

    def test_a_wrong_password_is_401(self, api: Any) -> None:
        staff = StaffFactory()

        answer = login(api, staff.email, "wrong")

        assert answer.status_code == 401
        assert answer.json()["error"]["code"] == "invalid_credentials"

    def test_five_failures_lock_the_account_from_that_address(self, api: Any) -> None:
        staff = StaffFactory()

        failures = [login(api, staff.email, "wrong", ip="198.51.100.7") for _ in range(5)]
        right_there = login(api, staff.email, ip="198.51.100.7")
        right_elsewhere = login(api, staff.email, ip="203.0.113.8")

        assert [f.status_code for f in failures] == [401] * 5
        assert right_there.status_code == 429
        assert right_there.json()["retry_after"] > 0
        assert right_elsewhere.status_code == 200  # a stranger cannot lock the owner out

    def test_twenty_failures_from_anywhere_lock_the_account(self, api: Any, settings: Any) -> None:
        assert settings.LOGIN_FAILURES_PER_ACCOUNT_TOTAL == 20
        staff = StaffFactory()

        failures = [login(api, staff.email, "wrong", ip=f"198.51.100.{n // 4}") for n in range(20)]
        right = login(api, staff.email, ip="203.0.113.99")

        assert [f.status_code for f in failures] == [401] * 20
        assert right.status_code == 429

    def test_four_failures_then_success_clears_the_count(self, api: Any) -> None:
        staff = StaffFactory()
        for _ in range(4):
            login(api, staff.email, "wrong")

        assert login(api, staff.email).status_code == 200
        assert [login(api, staff.email, "wrong").status_code for _ in range(5)] == [401] * 5

    def test_failures_are_limited_per_ip(self, api: Any, settings: Any) -> None:
        settings.LOGIN_FAILURES_PER_IP = 3
        staff = StaffFactory()

        answers = [login(api, f"nobody{n}@example.com", "x") for n in range(3)]
        blocked = login(api, staff.email)

        assert [a.status_code for a in answers] == [401] * 3
        assert blocked.status_code == 429

    def test_successful_sign_ins_do_not_count_against_the_address(
        self, api: Any, settings: Any
    ) -> None:
        settings.LOGIN_FAILURES_PER_IP = 3
        staff = StaffFactory()

        answers = [login(api, staff.email) for _ in range(6)]  # a busy desk behind one NAT

        assert [a.status_code for a in answers] == [200] * 6

    def test_a_guest_without_a_password_cannot_log_in(self, api: Any) -> None:
        UserFactory(email="guest@example.com")

        assert login(api, "guest@example.com", "").status_code == 400
        assert login(api, "guest@example.com", "anything").status_code == 401


class TestPasswords:
    def test_change_ends_every_other_session(self, api: Any) -> None:
        staff = StaffFactory()
        here, elsewhere = sign_in(staff), sign_in(staff)

        answer = api.post(
            "/api/auth/password/change/",
            {"old_password": PASSWORD, "new_password": "a much better pass phrase"},
            format="json",
            **bearer(here),
        )

        assert answer.status_code == 200
        assert answer.json()["sessions_ended"] == 1
        assert api.get("/api/auth/me/", **bearer(elsewhere)).status_code == 401
        assert api.get("/api/auth/me/", **bearer(here)).status_code == 200
        assert login(api, staff.email, "a much better pass phrase").status_code == 200

    @pytest.mark.parametrize(
        ("old", "new", "field"),
        [("wrong", "a much better pass phrase", "old_password"), (PASSWORD, "123", "new_password")],
    )
    def test_change_refuses_a_wrong_old_or_weak_new_password(
        self, api: Any, old: str, new: str, field: str
    ) -> None:
        pair = sign_in(StaffFactory())

        answer = api.post(
            "/api/auth/password/change/",
            {"old_password": old, "new_password": new},
            format="json",
            **bearer(pair),
        )

        assert answer.status_code == 400
        assert field in answer.json()["error"]["fields"]

    def test_reset_by_email_end_to_end(self, api: Any) -> None:
        staff = StaffFactory(language="ar")
        old_session = sign_in(staff)

        asked = api.post("/api/auth/password/reset/", {"email": staff.email}, format="json")
        message = mail.outbox[-1]
        uid, token = re.search(r"uid=([^&\s]+)&token=(\S+)", message.body).groups()
        confirmed = api.post(
            "/api/auth/password/reset/confirm/",
            {"uid": uid, "token": token, "new_password": "brand new pass phrase"},
            format="json",
        )
        reused = api.post(
            "/api/auth/password/reset/confirm/",
            {"uid": uid, "token": token, "new_password": "another new pass phrase"},
            format="json",
        )

        assert asked.status_code == 200
        assert message.to == [staff.email]
        assert "كلمة المرور" in message.subject
        logged = Message.objects.get(template="password_reset")
        assert (logged.to, logged.language, logged.status) == (staff.email, "ar", "sent")
        assert message.alternatives[0][1] == "text/html"
        assert 'dir="rtl"' in message.alternatives[0][0]
        assert confirmed.status_code == 200
        assert reused.status_code == 400  # a reset link works once
        assert login(api, staff.email, "brand new pass phrase").status_code == 200
        assert api.get("/api/auth/me/", **bearer(old_session)).status_code == 401

    def test_reset_answers_the_same_for_an_unknown_address(self, api: Any) -> None:
        StaffFactory(email="known@example.com")

        known = api.post("/api/auth/password/reset/", {"email": "known@example.com"}, format="json")
        unknown = api.post(
            "/api/auth/password/reset/", {"email": "nobody@example.com"}, format="json"
        )

        assert known.status_code == unknown.status_code == 200
        assert known.content == unknown.content
        assert len(mail.outbox) == 1

    def test_reset_mails_are_limited_per_address(self, api: Any, settings: Any) -> None:
        settings.PASSWORD_RESET_PER_EMAIL = 2
        staff = StaffFactory()

        answers = [
            api.post("/api/auth/password/reset/", {"email": staff.email}, format="json")
            for _ in range(4)
        ]

        assert {a.status_code for a in answers} == {200}
        assert len(mail.outbox) == 2

    def test_a_forged_reset_link_is_refused(self, api: Any) -> None:
        StaffFactory()

        answer = api.post(
            "/api/auth/password/reset/confirm/",
            {"uid": "MQ", "token": "forged-token", "new_password": "brand new pass phrase"},
            format="json",
        )

        assert answer.status_code == 400
        assert answer.json()["error"]["code"] == "validation_error"


class TestDevices:
    def test_staff_create_a_device_and_see_its_token_once(self, api: Any) -> None:
        event = EventFactory()
        staff = StaffFactory(grant__event=event)
        pair = sign_in(staff)

        created = api.post(
            "/api/staff/devices/",
            {"label": "Gate A", "event": event.slug},
            format="json",
            **bearer(pair),
        )
        listed = api.get("/api/staff/devices/", **bearer(pair))

        assert created.status_code == 201
        token = created.json()["token"]
        assert token.startswith("ghd_")
        assert len(token) > 40
        device = ScannerDevice.objects.get()
        assert token not in device.token_hash
        assert device.token_hash != token
        assert "token" not in listed.json()["devices"][0]
        assert token not in listed.content.decode()
        assert listed.json()["devices"][0]["token_hint"] == token[4:10]

    def test_the_device_token_authenticates_rest_calls(self, api: Any) -> None:
        event = EventFactory()
        pair = sign_in(StaffFactory(grant__event=event))
        token = api.post(
            "/api/staff/devices/",
            {"label": "Gate B", "event": event.slug},
            format="json",
            **bearer(pair),
        ).json()["token"]

        me = api.get("/api/devices/me/", HTTP_AUTHORIZATION=f"Device {token}")

        assert me.status_code == 200
        assert me.json()["label"] == "Gate B"
        assert me.json()["event"] == event.slug
        assert ScannerDevice.objects.get().last_seen_at is not None

    def test_a_revoked_device_is_refused_at_once(self, api: Any) -> None:
        event = EventFactory()
        pair = sign_in(StaffFactory(grant__event=event))
        created = api.post(
            "/api/staff/devices/",
            {"label": "Gate C", "event": event.slug},
            format="json",
            **bearer(pair),
        ).json()

        revoked = api.post(f"/api/staff/devices/{created['id']}/revoke/", **bearer(pair))
        after = api.get("/api/devices/me/", HTTP_AUTHORIZATION=f"Device {created['token']}")

        assert revoked.status_code == 200
        assert revoked.json()["revoked_at"] is not None
        assert after.status_code == 401
        assert after.json()["error"]["code"] == "not_authenticated"

    @pytest.mark.parametrize(
        "header", ["Device", "Device ghd_forged", "Device ghd_a ghd_b", "Device not-ours"]
    )
    def test_bad_device_headers_are_401(self, api: Any, header: str) -> None:
        assert api.get("/api/devices/me/", HTTP_AUTHORIZATION=header).status_code == 401

    def test_staff_of_one_event_cannot_equip_another(self, api: Any) -> None:
        mine, other = EventFactory(), EventFactory()
        pair = sign_in(StaffFactory(grant__event=mine))

        refused = api.post(
            "/api/staff/devices/",
            {"label": "X", "event": other.slug},
            format="json",
            **bearer(pair),
        )
        no_event = api.post("/api/staff/devices/", {"label": "X"}, format="json", **bearer(pair))

        assert refused.status_code == 403
        assert no_event.status_code == 400
        assert ScannerDevice.objects.count() == 0

    def test_guests_and_devices_cannot_manage_devices(self, api: Any) -> None:
        guest = sign_in(UserFactory())

        assert api.get("/api/staff/devices/", **bearer(guest)).status_code == 403
        assert api.get("/api/staff/devices/").status_code == 401

    def test_a_user_token_is_not_a_device(self, api: Any) -> None:
        pair = sign_in(StaffFactory())

        assert api.get("/api/devices/me/", **bearer(pair)).status_code == 403
