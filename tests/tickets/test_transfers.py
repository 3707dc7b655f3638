"""Ticket transfers: the holder offers a ticket to a phone, the person signed in with that
phone accepts it, the ticket is theirs with a new version, and the old QR code scans void.

A stranger (an account whose phone is not the offered one) gets 404 for the offer, as for
an id that does not exist; the sender gets 403 for accepting their own offer.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from backend.bookings.models import Booking
from backend.checkin.models import Gate
from backend.checkin.services.scans import Station, scan_commit
from backend.tickets import codes
from backend.tickets.models import Ticket, TicketTransfer
from backend.tickets.selectors import tickets_of
from backend.tickets.services.tickets import tickets_void
from backend.tickets.services.transfers import (
    OFFER_LIFETIME,
    transfer_accept,
    transfer_cancel,
    transfer_offer,
)
from tests.factories import StaffFactory, UserFactory
from tests.support.bookings import Shop, client_of, mark_paid
from tests.support.concurrency import run_together

pytestmark = pytest.mark.django_db

RECEIVER_PHONE = "+966551234567"
TRANSFERS = "/api/tickets/transfers/"


def qr_of(ticket: Ticket) -> str:
    return codes.sign(event_id=ticket.event_id, ticket_id=ticket.pk, version=ticket.version)


def paid(shop: Shop, user: Any, quantity: int = 1) -> Booking:
    booking = shop.book(user, quantity)
    mark_paid(booking=booking)
    return booking


def error_of(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.json()
    assert response.json()["ok"] is False
    return response.json()["error"]


def offer(client: APIClient, ticket: Ticket, phone: str = RECEIVER_PHONE, **body: Any) -> Any:
    return client.post(TRANSFERS, {"ticket": ticket.pk, "phone": phone, **body}, format="json")


def scan(gate: Gate, qr: str) -> str:
    staff = StaffFactory(grant__event=gate.event)
    return scan_commit(qr=qr, gate=gate, station=Station(user=staff))["status"]


@pytest.fixture
def ticket(shop: Shop, guest: Any) -> Ticket:
    return paid(shop, guest).tickets.get()


@pytest.fixture
def receiver(db: Any) -> Any:
    return UserFactory(phone=RECEIVER_PHONE, name="Omar")


@pytest.fixture
def receiver_api(receiver: Any) -> APIClient:
    return client_of(receiver)


@pytest.fixture
def gate(shop: Shop) -> Gate:
    return Gate.objects.create(event=shop.event, name="North gate")


@pytest.fixture
def pending(ticket: Ticket, guest: Any) -> TicketTransfer:
    return transfer_offer(ticket=ticket, user=guest, phone=RECEIVER_PHONE)


class TestOfferAndAccept:
    def test_the_receiver_gets_the_ticket_and_the_old_code_scans_void(
        self,
        ticket: Ticket,
        guest_api: APIClient,
        receiver: Any,
        receiver_api: APIClient,
        gate: Gate,
    ) -> None:
        old_qr = qr_of(ticket)

        offered = offer(guest_api, ticket, phone="055 123 4567")

        assert offered.status_code == 201, offered.json()
        body = offered.json()
        assert (body["status"], body["direction"], body["ticket"]) == ("pending", "sent", ticket.pk)
        assert body["phone"] == RECEIVER_PHONE  # normalized
        assert body["decided_at"] is None
        received = receiver_api.get(TRANSFERS).json()["results"]
        assert [(t["id"], t["direction"], t["status"]) for t in received] == [
            (body["id"], "received", "pending")
        ]

        accepted = receiver_api.post(f"{TRANSFERS}{body['id']}/accept/")

        assert accepted.status_code == 200, accepted.json()
        assert accepted.json()["status"] == "accepted"
        assert accepted.json()["decided_at"] is not None
        mine = receiver_api.get("/api/tickets/").json()
        assert [t["id"] for t in mine["results"]] == [ticket.pk]
        [new] = mine["results"]
        assert (new["holder_name"], new["holder_phone"], new["version"]) == (
            "Omar",
            RECEIVER_PHONE,
            2,
        )
        assert new["qr_payload"] != old_qr
        assert guest_api.get("/api/tickets/").json()["count"] == 0
        assert guest_api.get(f"/api/tickets/{ticket.pk}/").status_code == 404
        sent = guest_api.get(TRANSFERS).json()["results"]
        assert [(t["direction"], t["status"]) for t in sent] == [("sent", "accepted")]
        assert scan(gate, old_qr) == "void"
        assert scan(gate, new["qr_payload"]) == "admitted"

    def test_the_offer_lasts_48_hours_and_keeps_the_name_given(
        self, ticket: Ticket, guest: Any, receiver: Any
    ) -> None:
        now = timezone.now()

        transfer = transfer_offer(
            ticket=ticket, user=guest, phone="0551234567", name="  Omar Al-Harbi ", now=now
        )
        transfer_accept(transfer=transfer, user=receiver)

        ticket.refresh_from_db()
        assert transfer.expires_at == now + OFFER_LIFETIME == now + timedelta(hours=48)
        assert ticket.holder_name == "Omar Al-Harbi"
        assert ticket.owner == receiver
        assert list(tickets_of(receiver)) == [ticket]
        assert list(tickets_of(guest)) == []

    def test_the_receiver_can_pass_it_on_and_the_first_holder_cannot_offer_it_again(
        self, ticket: Ticket, guest: Any, guest_api: APIClient, pending: TicketTransfer,
        receiver: Any,
    ) -> None:  # fmt: skip
        transfer_accept(transfer=pending, user=receiver)
        third = UserFactory(name="Lina")

        again = transfer_offer(ticket=ticket, user=receiver, phone=third.phone)
        transfer_accept(transfer=again, user=third)

        ticket.refresh_from_db()
        assert (ticket.owner, ticket.holder_name, ticket.version) == (third, "Lina", 3)
        assert error_of(offer(guest_api, ticket, phone=third.phone), 404)["code"] == "not_found"

    def test_the_other_tickets_of_the_booking_stay_with_the_booker(
        self, shop: Shop, guest: Any, receiver: Any
    ) -> None:
        first, second = paid(shop, guest, quantity=2).tickets.order_by("id")

        transfer_accept(
            transfer=transfer_offer(ticket=first, user=guest, phone=RECEIVER_PHONE), user=receiver
        )

        assert list(tickets_of(guest)) == [second]
        assert list(tickets_of(receiver)) == [first]

    def test_signed_out_is_401(self, pending: TicketTransfer) -> None:
        client = APIClient()
        assert client.get(TRANSFERS).status_code == 401
        assert client.post(f"{TRANSFERS}{pending.pk}/accept/").status_code == 401


class TestCancel:
    def test_a_cancelled_offer_cannot_be_accepted(
        self, ticket: Ticket, guest_api: APIClient, receiver_api: APIClient,
        pending: TicketTransfer,
    ) -> None:  # fmt: skip
        cancelled = guest_api.post(f"{TRANSFERS}{pending.pk}/cancel/")

        assert cancelled.status_code == 200, cancelled.json()
        assert cancelled.json()["status"] == "cancelled"
        refused = receiver_api.post(f"{TRANSFERS}{pending.pk}/accept/")
        assert error_of(refused, 409)["code"] == "transfer_not_pending"
        ticket.refresh_from_db()
        assert (ticket.owner, ticket.version) == (None, 1)
        again = guest_api.post(f"{TRANSFERS}{pending.pk}/cancel/")
        assert again.status_code == 200  # cancelling twice changes nothing
        assert again.json()["decided_at"] == cancelled.json()["decided_at"]

    def test_after_a_cancel_the_ticket_can_be_offered_again(
        self, ticket: Ticket, guest_api: APIClient, pending: TicketTransfer
    ) -> None:
        guest_api.post(f"{TRANSFERS}{pending.pk}/cancel/")

        assert offer(guest_api, ticket).status_code == 201

    def test_only_the_sender_cancels(
        self, receiver_api: APIClient, pending: TicketTransfer
    ) -> None:
        answer = receiver_api.post(f"{TRANSFERS}{pending.pk}/cancel/")

        assert error_of(answer, 403)["code"] == "forbidden"
        pending.refresh_from_db()
        assert pending.status == "pending"

    def test_an_accepted_offer_cannot_be_cancelled(
        self, guest_api: APIClient, receiver: Any, pending: TicketTransfer
    ) -> None:
        transfer_accept(transfer=pending, user=receiver)

        answer = guest_api.post(f"{TRANSFERS}{pending.pk}/cancel/")

        assert error_of(answer, 409)["code"] == "transfer_not_pending"


class TestWhoMayAccept:
    def test_a_stranger_does_not_see_the_offer(self, pending: TicketTransfer) -> None:
        stranger = client_of(UserFactory())

        for answer in (
            stranger.post(f"{TRANSFERS}{pending.pk}/accept/"),
            stranger.post(f"{TRANSFERS}{pending.pk}/cancel/"),
            stranger.get(f"{TRANSFERS}{pending.pk}/"),
        ):
            assert error_of(answer, 404)["code"] == "not_found"
        assert stranger.get(TRANSFERS).json()["count"] == 0
        pending.refresh_from_db()
        assert pending.status == "pending"

    def test_the_sender_cannot_accept_their_own_offer(
        self, guest_api: APIClient, pending: TicketTransfer
    ) -> None:
        answer = guest_api.post(f"{TRANSFERS}{pending.pk}/accept/")

        assert error_of(answer, 403)["code"] == "forbidden"

    def test_the_service_refuses_a_stranger_too(self, pending: TicketTransfer) -> None:
        from backend.core.errors import Forbidden

        with pytest.raises(Forbidden):
            transfer_accept(transfer=pending, user=UserFactory())

    def test_an_unknown_offer_is_404(self, receiver_api: APIClient) -> None:
        answer = receiver_api.post(f"{TRANSFERS}5d0c7a9e-1b2c-4d3e-8f4a-6b7c8d9e0f1a/accept/")

        assert error_of(answer, 404)["code"] == "not_found"


class TestExpiry:
    def test_an_expired_offer_is_refused_and_shown_expired(
        self, ticket: Ticket, receiver_api: APIClient, pending: TicketTransfer
    ) -> None:
        TicketTransfer.objects.filter(pk=pending.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )

        answer = receiver_api.post(f"{TRANSFERS}{pending.pk}/accept/")

        assert error_of(answer, 410)["code"] == "transfer_expired"
        assert receiver_api.get(f"{TRANSFERS}{pending.pk}/").json()["status"] == "expired"
        ticket.refresh_from_db()
        assert (ticket.owner, ticket.version) == (None, 1)

    def test_the_service_judges_expiry_at_its_now(
        self, receiver: Any, pending: TicketTransfer
    ) -> None:
        from backend.tickets.services.transfers import TransferExpired

        with pytest.raises(TransferExpired):
            transfer_accept(transfer=pending, user=receiver, now=pending.expires_at)

    def test_an_expired_offer_makes_way_for_a_new_one(
        self, ticket: Ticket, guest_api: APIClient, pending: TicketTransfer
    ) -> None:
        TicketTransfer.objects.filter(pk=pending.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )

        assert offer(guest_api, ticket).status_code == 201

        pending.refresh_from_db()
        assert pending.status == "expired"  # stored once replaced
        assert error_of(guest_api.post(f"{TRANSFERS}{pending.pk}/cancel/"), 410)["code"] == (
            "transfer_expired"
        )


class TestWhatCanBeOffered:
    def test_a_second_open_offer_is_refused(
        self, ticket: Ticket, guest_api: APIClient, pending: TicketTransfer
    ) -> None:
        answer = offer(guest_api, ticket, phone="+966551234568")

        assert error_of(answer, 409)["code"] == "transfer_pending"
        assert TicketTransfer.objects.count() == 1

    def test_an_admitted_ticket_cannot_be_offered(
        self, ticket: Ticket, guest_api: APIClient, gate: Gate
    ) -> None:
        assert scan(gate, qr_of(ticket)) == "admitted"

        answer = offer(guest_api, ticket)

        assert error_of(answer, 409)["code"] == "ticket_not_transferable"
        assert not TicketTransfer.objects.exists()

    def test_a_void_ticket_cannot_be_offered(self, ticket: Ticket, guest_api: APIClient) -> None:
        tickets_void(ticket.booking)

        answer = offer(guest_api, ticket)

        assert error_of(answer, 409)["code"] == "ticket_not_transferable"

    def test_a_ticket_used_or_refunded_after_the_offer_cannot_be_accepted(
        self, ticket: Ticket, receiver_api: APIClient, pending: TicketTransfer, gate: Gate
    ) -> None:
        assert scan(gate, qr_of(ticket)) == "admitted"  # the sender went in meanwhile

        answer = receiver_api.post(f"{TRANSFERS}{pending.pk}/accept/")

        assert error_of(answer, 409)["code"] == "ticket_not_transferable"
        ticket.refresh_from_db()
        assert (ticket.owner, ticket.version) == (None, 1)

    def test_someone_elses_ticket_is_not_found(self, shop: Shop, guest_api: APIClient) -> None:
        theirs = paid(shop, UserFactory()).tickets.get()

        answer = offer(guest_api, theirs)

        assert error_of(answer, 404)["code"] == "not_found"
        assert not TicketTransfer.objects.exists()

    @pytest.mark.parametrize("phone", ["12", "not a phone", "+96655123456789012", ""])
    def test_a_bad_phone_is_a_validation_error(
        self, ticket: Ticket, guest_api: APIClient, phone: str
    ) -> None:
        error = error_of(offer(guest_api, ticket, phone=phone), 400)

        assert error["code"] == "validation_error"
        assert "phone" in error["fields"]

    def test_a_phone_sent_as_a_number_is_refused(
        self, ticket: Ticket, guest_api: APIClient
    ) -> None:
        answer = guest_api.post(TRANSFERS, {"ticket": ticket.pk, "phone": 551234567}, format="json")

        assert error_of(answer, 400)["fields"]["phone"] == ["Send this as a string."]

    def test_not_to_my_own_phone(self, ticket: Ticket, guest: Any, guest_api: APIClient) -> None:
        error = error_of(offer(guest_api, ticket, phone=guest.phone), 400)

        assert error["code"] == "transfer_to_self"
        assert "phone" in error["fields"]

    def test_a_missing_ticket_field_is_a_validation_error(self, guest_api: APIClient) -> None:
        answer = guest_api.post(TRANSFERS, {"phone": RECEIVER_PHONE}, format="json")

        assert "ticket" in error_of(answer, 400)["fields"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
class TestRaces:
    def test_two_accepts_at_the_same_instant_one_wins(
        self, ticket: Ticket, receiver: Any, pending: TicketTransfer
    ) -> None:
        def accept() -> str:
            transfer = TicketTransfer.objects.get(pk=pending.pk)
            try:
                return transfer_accept(transfer=transfer, user=receiver).status
            except Exception as error:
                return getattr(error, "code", repr(error))

        outcomes = run_together([accept, accept])

        assert outcomes == {"accepted": 1, "transfer_not_pending": 1}
        ticket.refresh_from_db()
        assert (ticket.owner, ticket.version) == (receiver, 2)

    def test_accept_and_cancel_at_the_same_instant_one_wins(
        self, ticket: Ticket, guest: Any, receiver: Any, pending: TicketTransfer
    ) -> None:
        def run(action: Any, user: Any) -> Any:
            def job() -> str:
                transfer = TicketTransfer.objects.get(pk=pending.pk)
                try:
                    return action(transfer=transfer, user=user).status
                except Exception as error:
                    return getattr(error, "code", repr(error))

            return job

        outcomes = run_together([run(transfer_accept, receiver), run(transfer_cancel, guest)])

        assert outcomes in (
            {"accepted": 1, "transfer_not_pending": 1},
            {"cancelled": 1, "transfer_not_pending": 1},
        )
        ticket.refresh_from_db()
        pending.refresh_from_db()
        assert (pending.status == "accepted") == (ticket.version == 2)


def test_the_receiver_sees_who_sends_without_their_whole_number(
    guest: Any, ticket: Ticket, receiver_api: APIClient
) -> None:
    made = offer(client_of(guest), ticket)
    assert made.status_code == 201, made.json()

    (seen,) = receiver_api.get(TRANSFERS).json()["results"]

    assert seen["direction"] == "received"
    assert seen["sender_name"] == guest.name
    assert seen["sender_phone"] == f"+966 ••• {guest.phone[-3:]}"
    assert guest.phone not in str(seen)
