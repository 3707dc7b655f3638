"""Tickets: issued when a booking is confirmed, shown to their holder with a QR code whose
signed text verifies offline, and void once the booking is refunded."""

from __future__ import annotations

import base64
import io
import xml.etree.ElementTree as ET
from typing import Any

import pytest
import zxingcpp
from PIL import Image
from rest_framework.test import APIClient

from backend.bookings.models import Booking
from backend.bookings.services.bookings import booking_create
from backend.inventory.models import Resource
from backend.inventory.services.holds import ItemRequest, hold_create
from backend.tickets import codes
from backend.tickets.models import Ticket
from backend.tickets.services.tickets import tickets_issue
from tests.factories import ResourceFactory, SlotFactory, StaffFactory, UserFactory
from tests.support.bookings import Shop, client_of, mark_paid

pytestmark = pytest.mark.django_db

SEED_A = base64.b64encode(bytes(range(32))).decode()
SEED_B = base64.b64encode(bytes(range(32, 64))).decode()
SEED_C = base64.b64encode(bytes(range(64, 96))).decode()


def confirmed(shop: Shop, user: Any, quantity: int = 1) -> Booking:
    booking = shop.book(user, quantity)
    mark_paid(booking=booking)
    return booking


def error_of(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status
    assert response.json()["ok"] is False
    return response.json()["error"]


def raw_of(code: str) -> bytes:
    text = code[len(codes.PREFIX) :]
    return base64.b32decode(text + "=" * (-len(text) % 8))


def ticket_urls(ticket_id: int) -> list[str]:
    base = f"/api/tickets/{ticket_id}/"
    return [base, base + "qr.png", base + "qr.svg"]


class TestIssuing:
    def test_confirming_a_festival_booking_issues_one_ticket_per_unit_in_holder_order(
        self, shop: Shop, guest: Any
    ) -> None:
        booking = shop.book(guest, quantity=3)
        assert not Ticket.objects.exists()  # nothing before payment

        staff = client_of(StaffFactory(grant__event=shop.event))
        answer = staff.post(f"/api/staff/bookings/{booking.pk}/mark-paid/")

        assert answer.status_code == 200, answer.json()
        tickets = list(Ticket.objects.filter(booking=booking))
        assert [t.holder_name for t in tickets] == ["Holder 1", "Holder 2", "Holder 3"]
        assert {(t.slot_id, t.event_id, t.label) for t in tickets} == {
            (shop.slot.pk, shop.event.pk, shop.slot.resource.name)
        }
        assert {(t.status, t.version) for t in tickets} == {("valid", 1)}
        assert {t.holder_phone for t in tickets} == {booking.contact_phone or guest.phone}

    def test_confirming_again_issues_nothing_more(self, shop: Shop, guest: Any) -> None:
        booking = confirmed(shop, guest, quantity=2)

        assert len(tickets_issue(booking=booking)) == 2
        assert Ticket.objects.count() == 2

    def test_a_booking_of_spaces_gets_one_pass(self, shop: Shop, guest: Any) -> None:
        halls = [
            SlotFactory(
                resource=ResourceFactory(
                    event=shop.event, kind=Resource.Kind.SPACE, name=name, units=1
                )
            )
            for name in ("Hall B", "Hall A")
        ]
        hold = hold_create(
            user=guest, event=shop.event, items=[ItemRequest(slot.pk, 1) for slot in halls]
        )
        booking = booking_create(user=guest, hold_id=hold.pk, details={"holders": ["Dana", "Eli"]})

        mark_paid(booking=booking)

        [ticket] = Ticket.objects.filter(booking=booking)
        assert ticket.label == "Hall A, Hall B"
        assert ticket.holder_name == "Dana"
        assert ticket.slot_id in {slot.pk for slot in halls}


class TestListAndDetail:
    def test_list_shows_only_my_tickets_paginated(
        self, shop: Shop, guest: Any, guest_api: APIClient
    ) -> None:
        mine = confirmed(shop, guest, quantity=2)
        confirmed(shop, UserFactory())
        shop.book(guest)  # pending: no tickets yet

        answer = guest_api.get("/api/tickets/", {"page_size": 1})

        assert answer.status_code == 200
        body = answer.json()
        assert (body["ok"], body["count"], body["page"], body["page_size"], body["pages"]) == (
            True,
            2,
            1,
            1,
            2,
        )
        ids = [t.pk for t in mine.tickets.all()]
        assert [t["id"] for t in body["results"]] == ids[:1]
        second = guest_api.get("/api/tickets/", {"page": 2, "page_size": 1}).json()
        assert [t["id"] for t in second["results"]] == ids[1:]

    def test_the_list_narrows_to_one_booking(
        self, shop: Shop, guest: Any, guest_api: APIClient
    ) -> None:
        first = confirmed(shop, guest, quantity=2)
        second = confirmed(shop, guest)
        strangers = confirmed(shop, UserFactory())

        of_first = guest_api.get("/api/tickets/", {"booking": str(first.pk)}).json()
        of_second = guest_api.get("/api/tickets/", {"booking": str(second.pk)}).json()
        not_mine = guest_api.get("/api/tickets/", {"booking": str(strangers.pk)}).json()

        assert [t["id"] for t in of_first["results"]] == [t.pk for t in first.tickets.all()]
        assert [t["id"] for t in of_second["results"]] == [second.tickets.get().pk]
        assert not_mine["count"] == 0
        error = error_of(guest_api.get("/api/tickets/", {"booking": "not-a-uuid"}), 400)
        assert error["code"] == "validation_error"

    def test_a_bad_page_is_a_validation_error(self, guest_api: APIClient) -> None:
        error = error_of(guest_api.get("/api/tickets/", {"page": 0}), 400)
        assert error["code"] == "validation_error"

    def test_detail_describes_the_ticket_and_its_qr_code(
        self, shop: Shop, guest: Any, guest_api: APIClient
    ) -> None:
        booking = confirmed(shop, guest)
        ticket = booking.tickets.get()

        answer = guest_api.get(f"/api/tickets/{ticket.pk}/")

        assert answer.status_code == 200
        body = answer.json()
        payload = body.pop("qr_payload")
        assert body == {
            "ok": True,
            "id": ticket.pk,
            "reference": booking.reference,  # its only ticket: the booking's reference
            "booking": str(booking.pk),
            "booking_reference": booking.reference,
            "event": "fest",
            "event_name": shop.event.name,
            "event_kind": "festival",
            "label": shop.slot.resource.name,
            "holder_name": "Holder 1",
            "holder_phone": ticket.holder_phone,
            "status": "valid",
            "version": 1,
            "starts_at": shop.slot.starts_at.isoformat().replace("+00:00", "Z"),
            "ends_at": shop.slot.ends_at.isoformat().replace("+00:00", "Z"),
            "nights": 0,
            "admitted_at": None,
            "qr_png": f"/api/tickets/{ticket.pk}/qr.png",
            "qr_svg": f"/api/tickets/{ticket.pk}/qr.svg",
        }
        assert len(payload) == codes.CODE_LENGTH
        code = codes.verify(payload)
        assert (code.event_id, code.ticket_id, code.version) == (shop.event.pk, ticket.pk, 1)

    def test_what_a_ticket_admits_is_said_in_the_requested_language(
        self, shop: Shop, guest: Any, guest_api: APIClient
    ) -> None:
        """The label is read now, in the request's language (the ticket type's Arabic name),
        not the English stored when the ticket was issued."""
        booking = confirmed(shop, guest)
        ticket = booking.tickets.get()
        Resource.objects.filter(pk=shop.slot.resource_id).update(name_ar="دخول عام")

        arabic = guest_api.get(f"/api/tickets/{ticket.pk}/", HTTP_ACCEPT_LANGUAGE="ar")
        english = guest_api.get("/api/tickets/", HTTP_ACCEPT_LANGUAGE="en")

        assert arabic.json()["label"] == "دخول عام"
        assert english.json()["results"][0]["label"] == shop.slot.resource.name

    def test_the_same_ticket_is_listed_as_in_detail(
        self, shop: Shop, guest: Any, guest_api: APIClient
    ) -> None:
        ticket = confirmed(shop, guest).tickets.get()

        [listed] = guest_api.get("/api/tickets/").json()["results"]

        assert listed == guest_api.get(f"/api/tickets/{ticket.pk}/").json()

    @pytest.mark.parametrize("index", [0, 1, 2])
    def test_someone_elses_ticket_is_not_found(
        self, shop: Shop, guest_api: APIClient, index: int
    ) -> None:
        theirs = confirmed(shop, UserFactory()).tickets.get()

        url = ticket_urls(theirs.pk)[index]
        error = error_of(guest_api.get(url), 404)
        assert error["code"] == "not_found"
        # the same answer as for a ticket that does not exist
        missing = error_of(guest_api.get(ticket_urls(theirs.pk + 1000)[index]), 404)
        assert missing == error

    def test_an_image_client_still_gets_errors_as_json(self, guest_api: APIClient) -> None:
        answer = guest_api.get("/api/tickets/99/qr.png", HTTP_ACCEPT="image/png")

        assert answer["Content-Type"] == "application/json"
        assert error_of(answer, 404)["code"] == "not_found"

    @pytest.mark.parametrize("index", [0, 1, 2, 3])
    def test_signed_out_is_401(self, shop: Shop, guest: Any, index: int) -> None:
        ticket = confirmed(shop, guest).tickets.get()

        url = ["/api/tickets/", *ticket_urls(ticket.pk)][index]
        error = error_of(APIClient().get(url), 401)
        assert error["code"] == "not_authenticated"


class TestQrImages:
    def test_png_encodes_the_payload_at_medium_correction_version_6_at_most(
        self, shop: Shop, guest: Any, guest_api: APIClient
    ) -> None:
        ticket = confirmed(shop, guest).tickets.get()
        payload = guest_api.get(f"/api/tickets/{ticket.pk}/").json()["qr_payload"]

        answer = guest_api.get(f"/api/tickets/{ticket.pk}/qr.png", HTTP_ACCEPT="image/png")

        assert answer.status_code == 200
        assert answer["Content-Type"] == "image/png"
        assert "private" in answer["Cache-Control"]
        assert answer.content.startswith(b"\x89PNG\r\n\x1a\n")
        [decoded] = zxingcpp.read_barcodes(Image.open(io.BytesIO(answer.content)))
        assert decoded.format == zxingcpp.BarcodeFormat.QRCode
        assert decoded.text == payload
        assert decoded.ec_level == "M"
        assert int(decoded.extra["Version"]) <= 6

    def test_svg_is_an_svg_document(self, shop: Shop, guest: Any, guest_api: APIClient) -> None:
        ticket = confirmed(shop, guest).tickets.get()

        answer = guest_api.get(f"/api/tickets/{ticket.pk}/qr.svg")

        assert answer.status_code == 200
        assert answer["Content-Type"] == "image/svg+xml"
        assert "private" in answer["Cache-Control"]
        root = ET.fromstring(answer.content)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        paths = root.findall("{http://www.w3.org/2000/svg}path")
        assert len(paths) == 1
        assert len(paths[0].get("d", "")) > 1000

    def test_refunding_the_booking_voids_its_tickets_which_still_show_their_code(
        self, shop: Shop, guest: Any, guest_api: APIClient
    ) -> None:
        booking = confirmed(shop, guest, quantity=2)
        kept = confirmed(shop, guest)
        staff = client_of(StaffFactory(grant__event=shop.event))

        answer = staff.post(
            f"/api/staff/bookings/{booking.pk}/cancel/", {"refund": True}, format="json"
        )

        assert answer.status_code == 200
        assert answer.json()["status"] == "refunded"
        assert set(booking.tickets.values_list("status", flat=True)) == {"void"}
        assert kept.tickets.get().status == "valid"
        ticket = booking.tickets.first()
        assert guest_api.get(f"/api/tickets/{ticket.pk}/").json()["status"] == "void"
        image = guest_api.get(f"/api/tickets/{ticket.pk}/qr.png")
        assert image.status_code == 200
        assert image["Content-Type"] == "image/png"


class TestCodes:
    @pytest.fixture
    def code(self, settings: Any) -> str:
        settings.TICKET_SIGNING_KEYS = f"1:{SEED_A}"
        settings.TICKET_SIGNING_KEY_ID = 1
        return codes.sign(event_id=7, ticket_id=1042, version=3)

    def test_a_signed_code_names_its_ticket(self, code: str) -> None:
        assert len(code) == codes.CODE_LENGTH == 125
        assert code == code.upper()
        assert code.isalnum()  # all in the QR code's alphanumeric set
        assert codes.verify(code) == codes.TicketCode(
            key_id=1, event_id=7, ticket_id=1042, version=3
        )

    def test_a_forged_signature_is_refused(self, code: str, settings: Any) -> None:
        settings.TICKET_SIGNING_KEYS = f"1:{SEED_B}"  # someone else's key, same key id
        forged = codes.sign(event_id=7, ticket_id=1042, version=3)
        settings.TICKET_SIGNING_KEYS = f"1:{SEED_A}"

        with pytest.raises(codes.InvalidCode):
            codes.verify(forged)

    def test_a_body_from_one_code_with_another_signature_is_refused(self, code: str) -> None:
        other = codes.sign(event_id=7, ticket_id=1043, version=3)
        spliced = raw_of(code)[:12] + raw_of(other)[12:]

        with pytest.raises(codes.InvalidCode):
            codes.verify("GH1" + base64.b32encode(spliced).rstrip(b"=").decode())

    @pytest.mark.parametrize("position", [0, 3, 10, 20, 40, 80, 123])
    def test_one_altered_character_is_refused(self, code: str, position: int) -> None:
        for replacement in "AZ27a0=":
            if replacement == code[position]:
                continue
            altered = code[:position] + replacement + code[position + 1 :]
            with pytest.raises(codes.InvalidCode):
                codes.verify(altered)

    def test_every_altered_character_is_refused(self, code: str) -> None:
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
        accepted = []
        for position in range(len(code)):
            for replacement in alphabet.replace(code[position], ""):
                try:
                    codes.verify(code[:position] + replacement + code[position + 1 :])
                except codes.InvalidCode:
                    continue
                accepted.append((position, replacement))
        assert accepted == []

    @pytest.mark.parametrize("cut", [1, 8, 122, 125])
    def test_a_truncated_code_is_refused(self, code: str, cut: int) -> None:
        with pytest.raises(codes.InvalidCode):
            codes.verify(code[:-cut])

    def test_a_lengthened_code_is_refused(self, code: str) -> None:
        with pytest.raises(codes.InvalidCode):
            codes.verify(code + "A")

    def test_a_key_id_we_do_not_hold_is_refused(self, code: str, settings: Any) -> None:
        settings.TICKET_SIGNING_KEYS = f"1:{SEED_A},9:{SEED_C}"
        settings.TICKET_SIGNING_KEY_ID = 9
        unknown = codes.sign(event_id=7, ticket_id=1042, version=3)
        assert codes.verify(unknown).key_id == 9
        settings.TICKET_SIGNING_KEYS = f"1:{SEED_A}"
        settings.TICKET_SIGNING_KEY_ID = 1

        with pytest.raises(codes.InvalidCode):
            codes.verify(unknown)

    @pytest.mark.parametrize("value", [None, 42, ["GH1"], {"qr": "GH1"}])
    def test_a_non_string_is_refused(self, code: str, value: Any) -> None:
        with pytest.raises(codes.InvalidCode):
            codes.verify(value)

    def test_the_code_as_bytes_is_refused(self, code: str) -> None:
        with pytest.raises(codes.InvalidCode):
            codes.verify(code.encode())

    def test_verifying_runs_no_query(
        self, code: str, shop: Shop, guest: Any, django_assert_num_queries: Any
    ) -> None:
        confirmed(shop, guest)  # tickets exist; verify still never looks at them
        with django_assert_num_queries(0):
            codes.verify(code)
            for bad in [code[:-1], code[:10] + "B" + code[11:], None, "", "GH1" + "A" * 122]:
                with pytest.raises(codes.InvalidCode):
                    codes.verify(bad)

    def test_a_code_signed_before_a_key_rotation_still_verifies(
        self, code: str, settings: Any
    ) -> None:
        settings.TICKET_SIGNING_KEYS = f"1:{SEED_A},2:{SEED_B}"
        settings.TICKET_SIGNING_KEY_ID = 2

        fresh = codes.sign(event_id=7, ticket_id=1042, version=3)

        assert codes.verify(code).key_id == 1
        assert codes.verify(fresh).key_id == 2
        assert fresh != code
        # once key 1 is retired, its codes stop working
        settings.TICKET_SIGNING_KEYS = f"2:{SEED_B}"
        with pytest.raises(codes.InvalidCode):
            codes.verify(code)
        assert codes.verify(fresh).key_id == 2

    def test_the_ticket_api_signs_with_the_current_key(
        self, shop: Shop, guest: Any, guest_api: APIClient, settings: Any
    ) -> None:
        ticket = confirmed(shop, guest).tickets.get()
        settings.TICKET_SIGNING_KEYS = f"1:{SEED_A},2:{SEED_B}"
        settings.TICKET_SIGNING_KEY_ID = 2

        payload = guest_api.get(f"/api/tickets/{ticket.pk}/").json()["qr_payload"]

        assert codes.verify(payload) == codes.TicketCode(2, shop.event.pk, ticket.pk, 1)
