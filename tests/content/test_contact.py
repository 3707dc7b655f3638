"""The contact form: a message is stored and e-mailed to the event's staff (Reply-To: the
sender); bad input is a 400 naming the fields; the honeypot and link spam are a 400 ``spam``;
3 messages per sender address and 10 per client address an hour, each at its exact edge; a
refused message stores nothing and never sends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from rest_framework.test import APIClient

from backend.accounts.models import Role, RoleGrant
from backend.content.models import ContactMessage
from tests.content.conftest import Fest
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)  # the e-mail goes after commit

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
URL = "/api/events/fest/contact/"


def at(seconds: float) -> Any:
    return time_machine.travel(T0 + timedelta(seconds=seconds), tick=False)


def message(**fields: Any) -> dict[str, Any]:
    return {
        "name": "Sara",
        "email": "sara@example.com",
        "subject": "Wheelchair access",
        "message": "Is the grandstand reachable without stairs?",
        **fields,
    }


def send(api: APIClient, ip: str = "198.51.100.7", **fields: Any) -> Any:
    return api.post(URL, message(**fields), format="json", REMOTE_ADDR=ip)


def error(answer: Any, status: int, code: str) -> dict[str, Any]:
    assert answer.status_code == status, answer.content
    body = answer.json()
    assert body["ok"] is False
    assert body["error"]["code"] == code
    return body["error"]


class TestSent:
    def test_stored_and_e_mailed_to_the_events_staff(self, api: APIClient, fest: Fest) -> None:
        admin = UserFactory(phone=None, email="boss@example.com")
        RoleGrant.objects.create(user=admin, event=fest.event, role=Role.ADMIN)
        StaffFactory(grant__event=None)  # staff of every event: not when the event has its own
        mail.outbox.clear()

        answer = send(api, name="Sara Q", email="Sara@Example.com ")

        assert answer.status_code == 201, answer.content
        body = answer.json()
        stored = ContactMessage.objects.get()
        assert body == {"ok": True, "id": stored.pk, "received_at": body["received_at"]}
        assert body["received_at"].endswith("Z")
        assert (stored.event, stored.email, stored.subject) == (
            fest.event, "sara@example.com", "Wheelchair access",
        )  # fmt: skip
        assert stored.client_address == "198.51.100.7"
        assert stored.handled_at is None
        [sent] = mail.outbox
        assert sorted(sent.to) == sorted(["boss@example.com", fest.staff.email])
        assert sent.reply_to == ["Sara Q <sara@example.com>"]
        assert sent.subject == f"[{fest.event.name}] Wheelchair access"
        assert "Is the grandstand reachable without stairs?" in sent.body
        assert fest.other_staff.email not in sent.to

    def test_without_staff_of_its_own_staff_of_every_event_read_it(
        self, api: APIClient, fest: Fest
    ) -> None:
        RoleGrant.objects.filter(event=fest.event).delete()
        everywhere = StaffFactory(grant__event=None)

        assert send(api).status_code == 201

        assert [m.to for m in mail.outbox] == [[everywhere.email]]

    def test_with_nobody_it_goes_to_admins_else_the_sender_address(
        self, api: APIClient, fest: Fest, settings: Any
    ) -> None:
        RoleGrant.objects.all().delete()
        settings.ADMINS = [("Ops", "ops@example.com")]
        settings.DEFAULT_FROM_EMAIL = "Gatehouse <no-reply@example.com>"
        send(api)
        settings.ADMINS = []
        send(api, email="other@example.com")

        assert [m.to for m in mail.outbox] == [
            ["ops@example.com"], ["Gatehouse <no-reply@example.com>"],
        ]  # fmt: skip

    def test_a_subject_is_optional(self, api: APIClient, fest: Fest) -> None:
        answer = api.post(
            URL, {"name": "Sara", "email": "s@example.com", "message": "Hello there"},
            format="json",
        )  # fmt: skip

        assert answer.status_code == 201
        assert ContactMessage.objects.get().subject == ""
        assert mail.outbox[0].subject.endswith("A message from the contact form")

    def test_an_unknown_event_is_404(self, api: APIClient, fest: Fest) -> None:
        answer = api.post("/api/events/nowhere/contact/", message(), format="json")

        error(answer, 404, "not_found")
        assert not ContactMessage.objects.exists()


class TestRefused:
    @pytest.mark.parametrize(
        ("fields", "named"),
        [
            ({"name": ""}, "name"),
            ({"name": "x" * 101}, "name"),
            ({"name": "Sara\r\nBcc: all@example.com"}, "name"),
            ({"email": "not-an-address"}, "email"),
            ({"email": "a" * 250 + "@example.com"}, "email"),
            ({"subject": "s" * 201}, "subject"),
            ({"subject": "Hi\nBcc: x@example.com"}, "subject"),
            ({"message": ""}, "message"),
            ({"message": "m" * 5001}, "message"),
            ({"message": 42}, "message"),
            ({"website": "w" * 501}, "website"),
        ],
    )
    def test_bad_input_names_the_field_and_stores_nothing(
        self, api: APIClient, fest: Fest, fields: dict[str, Any], named: str
    ) -> None:
        found = error(send(api, **fields), 400, "validation_error")

        assert named in found["fields"]
        assert not ContactMessage.objects.exists()
        assert mail.outbox == []

    def test_the_longest_fields_pass(self, api: APIClient, fest: Fest) -> None:
        answer = send(api, name="n" * 100, subject="s" * 200, message="m" * 5000)

        assert answer.status_code == 201

    def test_a_filled_honeypot_is_spam(self, api: APIClient, fest: Fest) -> None:
        found = error(send(api, website="https://cheap.example"), 400, "spam")

        assert found["message"] == "This message looks like spam and was not sent."
        assert not ContactMessage.objects.exists()
        assert mail.outbox == []

    @pytest.mark.parametrize(
        "fields",
        [
            {"message": "Visit https://a.example http://b.example and www.c.example today"},
            {"message": 'Deals: <a href="x">here</a> https://a.example https://b.example'},
            {"message": "[url=x]one[/url] [URL=y]two[/URL] [url=z]three[/url]"},
            {"name": "Cheap watches www.watches.example"},
            {"subject": "Click http://spam.example"},
            {"subject": "HTTPS://SHOUTING.EXAMPLE"},
        ],
    )
    def test_link_spam(self, api: APIClient, fest: Fest, fields: dict[str, Any]) -> None:
        error(send(api, **fields), 400, "spam")

        assert not ContactMessage.objects.exists()
        assert mail.outbox == []

    def test_two_links_in_the_message_are_fine(self, api: APIClient, fest: Fest) -> None:
        answer = send(api, message="My booking: https://a.example/b and https://a.example/c")

        assert answer.status_code == 201


class TestLimits:
    """3 per sender address and 10 per client address an hour; the edges exactly."""

    def test_three_per_address_the_fourth_waits_for_the_first_to_age(
        self, api: APIClient, fest: Fest
    ) -> None:
        for n, second in enumerate((0, 60, 120)):
            with at(second):
                assert send(api, ip=f"198.51.100.{n}").status_code == 201
        with at(180):
            fourth = send(api, ip="198.51.100.9", email="SARA@example.com")
        with at(3599):
            still = send(api, ip="198.51.100.10")
        with at(3600):
            again = send(api, ip="198.51.100.11")

        found = error(fourth, 429, "rate_limited")
        assert found["retry_after"] == 3420  # until the first is an hour old
        assert fourth["Retry-After"] == "3420"
        assert fourth.json()["retry_after"] == 3420
        assert error(still, 429, "rate_limited")["retry_after"] == 1
        assert again.status_code == 201
        assert ContactMessage.objects.count() == 4
        assert len(mail.outbox) == 4

    def test_ten_per_client_address(self, api: APIClient, fest: Fest) -> None:
        with at(0):
            answers = [send(api, email=f"v{n}@example.com") for n in range(10)]
            eleventh = send(api, email="v10@example.com")
            elsewhere = send(api, email="v11@example.com", ip="198.51.100.200")
        with at(3600):
            later = send(api, email="v12@example.com")

        assert [a.status_code for a in answers] == [201] * 10
        assert error(eleventh, 429, "rate_limited")["retry_after"] == 3600
        assert elsewhere.status_code == 201
        assert later.status_code == 201
        assert not ContactMessage.objects.filter(email="v10@example.com").exists()

    def test_an_ipv6_client_counts_per_64(self, api: APIClient, fest: Fest) -> None:
        with at(0):
            answers = [
                send(api, email=f"v{n}@example.com", ip=f"2001:db8::{n + 1}") for n in range(10)
            ]
            other_host = send(api, email="x@example.com", ip="2001:db8::ffff")
            other_net = send(api, email="y@example.com", ip="2001:db8:1::1")

        assert [a.status_code for a in answers] == [201] * 10
        error(other_host, 429, "rate_limited")
        assert other_net.status_code == 201

    def test_a_refused_message_counts_against_neither_limit(
        self, api: APIClient, fest: Fest
    ) -> None:
        with at(0):
            for n in range(10):
                send(api, email=f"v{n}@example.com")
            refused = send(api)  # over the client address's limit: Sara's is not counted
        with at(1):
            answers = [send(api, ip=f"203.0.113.{n}") for n in range(3)]

        error(refused, 429, "rate_limited")
        assert [a.status_code for a in answers] == [201] * 3

    def test_the_limits_are_settings(self, api: APIClient, fest: Fest, settings: Any) -> None:
        settings.CONTACT_MESSAGES_PER_EMAIL = 1
        settings.CONTACT_WINDOW_SECONDS = 60
        with at(0):
            first, second = send(api), send(api)
        with at(60):
            third = send(api)

        assert first.status_code == 201
        assert error(second, 429, "rate_limited")["retry_after"] == 60
        assert third.status_code == 201

    def test_spam_counts_too(self, api: APIClient, fest: Fest) -> None:
        """A bot that keeps filling the honeypot is slowed down like anyone else."""
        with at(0):
            spam = [send(api, website="x", email=f"b{n}@example.com") for n in range(10)]
            more = send(api, website="x", email="b10@example.com")

        assert {a.json()["error"]["code"] for a in spam} == {"spam"}
        error(more, 429, "rate_limited")
        assert not ContactMessage.objects.exists()
