"""Tickets as a PDF: one page per ticket with what the gate needs (the event, the holder, the
QR code of the signed payload), attached to the confirmation e-mail and downloadable by the
holder alone."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import zxingcpp
from django.conf import settings
from django.core import mail
from django.db import transaction
from PIL import Image
from pypdf import PdfReader
from rest_framework.test import APIClient

from backend.bookings.models import Booking
from backend.bookings.services.bookings import booking_cancel
from backend.core import pdf_text
from backend.inventory.models import Event
from backend.notifications.services import booking_messages
from backend.tickets import codes, pdf
from backend.tickets.models import Ticket
from backend.tickets.pdf import DASH, tickets_pdf, when
from tests.conftest import require_binary
from tests.factories import UserFactory
from tests.support.bookings import Shop, mark_paid

ARABIC_EVENT = "مهرجان الرياض"
ARABIC_HOLDER = "سارة العتيبي"


def confirmed(shop: Shop, user: Any, quantity: int = 1) -> Booking:
    booking = shop.book(user, quantity)
    with transaction.atomic():
        mark_paid(booking=booking)
    return booking


def tickets_of(booking: Booking) -> list[Ticket]:
    return list(
        Ticket.objects.filter(booking=booking).select_related("booking", "event__venue", "slot")
    )


def payload_of(ticket: Ticket) -> str:
    return codes.sign(event_id=ticket.event_id, ticket_id=ticket.pk, version=ticket.version)


def texts_of(document: bytes) -> list[str]:
    assert document.startswith(b"%PDF-")
    return [page.extract_text() for page in PdfReader(io.BytesIO(document)).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def decoded_pages(document: bytes, tmp_path: Path) -> list[list[Any]]:
    """Each page rendered at 150 dpi by poppler, and the barcodes zxing-cpp finds on it."""
    pdftoppm = require_binary("pdftoppm")
    source = tmp_path / "tickets.pdf"
    source.write_bytes(document)
    subprocess.run([pdftoppm, "-png", "-r", "150", str(source), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"), key=lambda p: int(p.stem.rpartition("-")[2]))
    return [zxingcpp.read_barcodes(Image.open(page)) for page in pages]


def require_arabic_font() -> None:
    if pdf.fonts()[0] == "Helvetica":
        if settings.GATEHOUSE_REQUIRE_SERVICES:
            pytest.fail("DejaVu Sans is not installed (Debian package fonts-dejavu-core)")
        pytest.skip("needs DejaVu Sans (fonts-dejavu-core)")


@pytest.mark.django_db
class TestDocument:
    def test_one_page_per_ticket_with_the_event_holder_and_booking(
        self, shop: Shop, guest: Any
    ) -> None:
        booking = confirmed(shop, guest, quantity=3)
        tickets = tickets_of(booking)

        pages = texts_of(tickets_pdf(tickets))

        assert len(pages) == 3
        venue = shop.event.venue
        start = shop.slot.starts_at.astimezone(ZoneInfo("Asia/Riyadh"))
        for text, ticket in zip(pages, tickets, strict=True):
            text = flat(text)
            assert shop.event.name in text
            assert f"{venue.name}, {venue.city}" in text
            assert f"{start:%d %b %Y}, {start:%H:%M}" in text
            assert "(Asia/Riyadh)" in text
            assert ticket.label in text
            assert f"Holder: {ticket.holder_name}" in text
            # The reference, never the (sequential) id.
            assert f"Reference: {ticket.reference}" in text
            assert ticket.reference.startswith(f"{booking.reference}-")
            assert f"Ticket {ticket.reference}" in text
            assert re.search(rf"Ticket {ticket.pk}\b", text) is None  # not the id
            assert "Show it at the gate." in text
            assert payload_of(ticket) in text.replace(" ", "")  # the payload, over two lines
            assert "VOID" not in text
        assert [t.holder_name for t in tickets] == ["Holder 1", "Holder 2", "Holder 3"]

    def test_each_page_qr_decodes_to_its_signed_payload(
        self, shop: Shop, guest: Any, tmp_path: Path
    ) -> None:
        tickets = tickets_of(confirmed(shop, guest, quantity=2))

        pages = decoded_pages(tickets_pdf(tickets), tmp_path)

        assert len(pages) == 2
        for barcodes, ticket in zip(pages, tickets, strict=True):
            [decoded] = barcodes
            assert decoded.format == zxingcpp.BarcodeFormat.QRCode
            assert decoded.ec_level == "M"
            assert decoded.text == payload_of(ticket)
            assert codes.verify(decoded.text) == codes.TicketCode(
                settings.TICKET_SIGNING_KEY_ID, ticket.event_id, ticket.pk, ticket.version
            )

    def test_a_reissued_ticket_prints_its_new_code(
        self, shop: Shop, guest: Any, tmp_path: Path
    ) -> None:
        [ticket] = tickets_of(confirmed(shop, guest))
        old = payload_of(ticket)
        ticket.version += 1
        ticket.save(update_fields=["version"])

        [[decoded]] = decoded_pages(tickets_pdf(tickets_of(ticket.booking)), tmp_path)

        assert decoded.text != old
        assert codes.verify(decoded.text).version == 2

    def test_arabic_names_are_set_in_a_font_with_arabic(
        self, shop: Shop, guest: Any, tmp_path: Path
    ) -> None:
        require_arabic_font()
        Event.objects.filter(pk=shop.event.pk).update(name=ARABIC_EVENT)
        [ticket] = tickets_of(confirmed(shop, guest))
        ticket.holder_name = ARABIC_HOLDER
        ticket.save(update_fields=["holder_name"])

        document = tickets_pdf(tickets_of(ticket.booking))

        # Drawn shaped (the joined forms of the letters) and in visual order: read back and
        # folded to plain letters (NFKC), each name is there in one order or the other.
        [text] = texts_of(document)
        plain = unicodedata.normalize("NFKC", text)
        for name in (ARABIC_EVENT, ARABIC_HOLDER):
            assert name in plain or name[::-1] in plain
        assert any("\ufe70" <= char <= "\ufeff" for char in text)  # joined forms were used
        [page] = PdfReader(io.BytesIO(document)).pages
        fonts = {
            str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()
        }
        assert any(font.endswith("+DejaVuSans") for font in fonts), fonts
        [[decoded]] = decoded_pages(document, tmp_path)
        assert decoded.text == payload_of(ticket)

    def test_without_dejavu_it_falls_back_to_helvetica(
        self, shop: Shop, guest: Any, monkeypatch: pytest.MonkeyPatch, caplog: Any
    ) -> None:
        [ticket] = tickets_of(confirmed(shop, guest))
        monkeypatch.setattr(pdf_text, "FONT_DIRS", ())
        pdf.fonts.cache_clear()
        try:
            [text] = texts_of(tickets_pdf([ticket]))
        finally:
            pdf.fonts.cache_clear()

        assert ticket.holder_name in text
        assert "DejaVu Sans is not installed" in caplog.text

    def test_a_void_ticket_says_so(self, shop: Shop, guest: Any) -> None:
        [ticket] = tickets_of(confirmed(shop, guest))
        ticket.status = Ticket.Status.VOID

        [text] = texts_of(tickets_pdf([ticket]))

        assert "VOID" in text

    def test_no_tickets_is_an_error(self) -> None:
        with pytest.raises(ValueError, match="at least one ticket"):
            tickets_pdf([])


class TestWhen:
    def test_same_day_in_the_venue_time_zone(self) -> None:
        starts = datetime(2026, 12, 21, 13, 0, tzinfo=UTC)
        ends = datetime(2026, 12, 21, 20, 59, tzinfo=UTC)

        assert (
            when(starts, ends, "Asia/Riyadh") == f"Mon 21 Dec 2026, 16:00{DASH}23:59 (Asia/Riyadh)"
        )

    def test_overnight_repeats_the_end_date(self) -> None:
        starts = datetime(2026, 12, 21, 19, 0, tzinfo=UTC)
        ends = datetime(2026, 12, 22, 2, 0, tzinfo=UTC)

        assert when(starts, ends, "Asia/Riyadh") == (
            f"Mon 21 Dec 2026, 22:00{DASH}Tue 22 Dec 2026, 05:00 (Asia/Riyadh)"
        )

    def test_an_unknown_time_zone_is_utc(self) -> None:
        starts = datetime(2026, 12, 21, 13, 0, tzinfo=UTC)

        assert when(starts, starts, "Mars/Olympus") == f"Mon 21 Dec 2026, 13:00{DASH}13:00 (UTC)"


@pytest.mark.django_db(transaction=True)
class TestConfirmationEmail:
    def test_the_confirmation_carries_the_booking_tickets(
        self, shop: Shop, guest: Any, tmp_path: Path
    ) -> None:
        booking = confirmed(shop, guest, quantity=2)

        [message] = mail.outbox
        assert "confirmed" in message.subject
        # The tickets, then the invoice issued when the booking was paid.
        (name, content, mimetype), invoice = message.attachments
        assert (name, mimetype) == (f"tickets-{booking.reference}.pdf", "application/pdf")
        [number] = booking.invoices.values_list("number", flat=True)
        assert (invoice[0], invoice[2]) == (f"{number}.pdf", "application/pdf")
        tickets = tickets_of(booking)
        pages = texts_of(content)
        assert len(pages) == 2
        for text, ticket in zip(pages, tickets, strict=True):
            assert ticket.holder_name in text
            assert shop.event.name in text
        decoded = [barcodes[0].text for barcodes in decoded_pages(content, tmp_path)]
        assert decoded == [payload_of(t) for t in tickets]

    def test_other_emails_carry_no_pdf(self, shop: Shop, guest: Any) -> None:
        booking = confirmed(shop, guest)
        mail.outbox.clear()

        booking_cancel(booking=booking, note="Changed plans.")

        [message] = mail.outbox
        assert "cancelled" in message.subject
        assert message.attachments == []

    def test_without_the_pdf_the_confirmation_still_goes(
        self, shop: Shop, guest: Any, monkeypatch: pytest.MonkeyPatch, caplog: Any
    ) -> None:
        def broken(tickets: Any) -> bytes:
            raise RuntimeError("no paper")

        monkeypatch.setattr(booking_messages, "tickets_pdf", broken)

        confirmed(shop, guest)

        [message] = mail.outbox
        assert "confirmed" in message.subject
        assert [name for name, *_ in message.attachments if name.startswith("tickets")] == []
        assert "tickets PDF" in caplog.text


@pytest.mark.django_db
class TestDownload:
    def test_the_holder_downloads_the_ticket(
        self, shop: Shop, guest: Any, guest_api: APIClient, tmp_path: Path
    ) -> None:
        [ticket] = tickets_of(confirmed(shop, guest))

        answer = guest_api.get(f"/api/tickets/{ticket.pk}/pdf/", HTTP_ACCEPT="application/pdf")

        assert answer.status_code == 200
        assert answer["Content-Type"] == "application/pdf"
        assert ticket.reference == ticket.booking.reference  # a booking's only ticket
        assert (
            answer["Content-Disposition"]
            == f'attachment; filename="tickets-{ticket.reference}.pdf"'
        )
        assert "private" in answer["Cache-Control"]
        [text] = texts_of(answer.content)
        assert ticket.holder_name in text
        assert shop.event.name in text
        [[decoded]] = decoded_pages(answer.content, tmp_path)
        assert decoded.text == guest_api.get(f"/api/tickets/{ticket.pk}/").json()["qr_payload"]

    def test_someone_elses_ticket_is_not_found(self, shop: Shop, guest_api: APIClient) -> None:
        [theirs] = tickets_of(confirmed(shop, UserFactory()))

        for ticket_id in (theirs.pk, theirs.pk + 1000):
            answer = guest_api.get(f"/api/tickets/{ticket_id}/pdf/", HTTP_ACCEPT="application/pdf")
            assert answer.status_code == 404
            assert answer["Content-Type"] == "application/json"
            assert answer.json()["error"]["code"] == "not_found"

    def test_signed_out_is_401(self, shop: Shop, guest: Any) -> None:
        [ticket] = tickets_of(confirmed(shop, guest))

        answer = APIClient().get(f"/api/tickets/{ticket.pk}/pdf/")

        assert answer.status_code == 401
        assert answer.json()["error"]["code"] == "not_authenticated"
