"""Each business speaks its own language in what a guest receives (issue 18, items 8 and 9):
a stay is a *reservation* shown at reception, a meeting room a *room booking*, a repair an
*appointment* at the shop, the VIP evening an invitation *pass*, a festival a *ticket* at the
gate; in English or Arabic as the guest booked; with the reference, never the ticket's
sequential id; with mixed-direction names isolated (``<bdi>`` in HTML, FSI ... PDI in text
and SMS; in the right visual order in PDFs). PDFs are read back with poppler's pdftotext."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core import mail

from backend.bookings.models import Booking
from backend.core.bidi import FSI, PDI, isolate_in
from backend.core.pdf_text import visual
from backend.inventory.models import Event, Resource, Venue
from backend.inventory.wording import file_name, words_for
from backend.notifications.services.booking_messages import booking_email_send, booking_sms_send
from backend.tickets.models import Ticket
from backend.tickets.pdf import tickets_pdf
from backend.tickets.selectors import ticket_label
from tests.conftest import require_binary
from tests.factories import UserFactory
from tests.support.spans import festival, meeting, pass_of, repair, stay

pytestmark = pytest.mark.django_db

KINDS = ("festival", "stays", "rooms", "service", "vip")


def pdf_text(document: bytes, *options: str) -> str:
    assert document.startswith(b"%PDF-")
    result = subprocess.run(
        [require_binary("pdftotext"), *options, "-", "-"],
        input=document,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode()


def flat(text: str) -> str:
    return " ".join(text.split())


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.words: list[tuple[float, float, str]] = []
        self._at: tuple[float, float] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "word":
            found = dict(attrs)
            self._at = (round(float(found["ymin"] or 0)), float(found["xmin"] or 0))

    def handle_data(self, data: str) -> None:
        if self._at is not None:
            self.words.append((*self._at, data))
            self._at = None


def drawn_lines(document: bytes) -> list[str]:
    """Each line as drawn, its words left to right by their position on the page (pdftotext
    -bbox), without the direction marks pdftotext adds."""
    parser = _Words()
    parser.feed(pdf_text(document, "-bbox"))
    lines: dict[float, list[tuple[float, str]]] = {}
    for y, x, word in parser.words:
        lines.setdefault(y, []).append((x, word))
    marks = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f"))
    return [
        " ".join(word for _, word in sorted(words)).translate(marks)
        for _, words in sorted(lines.items())
    ]


def read_right_to_left(line: str) -> str:
    """A drawn line read from the right edge: Arabic comes back in its reading order (letters
    folded from their joined forms); a Latin run comes back reversed."""
    return unicodedata.normalize("NFKC", line[::-1])


def in_arabic(booking: Booking) -> Booking:
    Booking.objects.filter(pk=booking.pk).update(language="ar")
    booking.refresh_from_db()
    return booking


def mixed_venue(booking: Booking) -> None:
    """An English venue in an Arabic city: the line the issue saw garbled."""
    Venue.objects.filter(pk=booking.event.venue_id).update(name="Corniche Arena", city="جدة")


@pytest.fixture
def guest() -> Any:
    return UserFactory(email="guest@example.com")


class TestWords:
    def test_every_kind_has_its_words_in_both_languages(self) -> None:
        for kind in KINDS:
            english, arabic = words_for(kind, "en"), words_for(kind, "ar")
            for words in (english, arabic):
                assert all(getattr(words, field) for field in words.__dataclass_fields__)
            assert english != arabic
        assert words_for("stays", "en").document == "reservation"
        assert words_for("stays", "en").show == "Show it at reception."
        assert words_for("rooms", "en").document == "room booking"
        assert words_for("service", "en").show == "Show it at the shop."
        assert words_for("vip", "en").document == "pass"
        assert words_for("festival", "en").show == "Show it at the gate."
        assert words_for("stays", "ar").documents == "حجز الإقامة"

    def test_unknown_kind_or_language_falls_back(self) -> None:
        assert words_for("nonsense", "fr") == words_for("festival", "en")

    def test_file_names_follow_the_kind_and_reference(self) -> None:
        assert file_name(kind="stays", reference="9B2F4C1E", extension="pdf") == (
            "reservation-9B2F4C1E.pdf"
        )
        assert file_name(kind="rooms", reference="9B2F4C1E", extension="pkpass") == (
            "room-booking-9B2F4C1E.pkpass"
        )

    def test_isolation_in_text(self) -> None:
        assert isolate_in("Corniche Arena", "en") == "Corniche Arena"  # stays GSM-7 in an SMS
        assert isolate_in("جدة", "en") == f"{FSI}جدة{PDI}"
        assert isolate_in("Corniche Arena", "ar") == f"{FSI}Corniche Arena{PDI}"
        assert isolate_in("", "ar") == ""


class TestPdf:
    @pytest.mark.parametrize(
        ("make", "title", "show"),
        [
            (stay, "Reservation", "Show it at reception."),
            (meeting, "Room booking", "Show it at the front desk."),
            (repair, "Appointment", "Show it at the shop."),
            (festival, "Ticket", "Show it at the gate."),
        ],
    )
    def test_english_pdf_speaks_the_business(
        self, guest: Any, make: Any, title: str, show: str
    ) -> None:
        ticket = pass_of(make(guest))

        text = flat(pdf_text(tickets_pdf([ticket])))

        assert f"Reference: {ticket.reference}" in text
        assert f"{title} {ticket.reference}" in text
        assert show in text
        assert ticket.reference == ticket.booking.reference  # the booking's only ticket
        # No id anywhere (the page count "1 / 1" aside).
        assert re.search(rf"\b{ticket.pk}\b", re.sub(r"\d+ ?/ ?\d+", "", text)) is None

    def test_an_arabic_stay_pdf_is_in_arabic_in_reading_order(self, guest: Any) -> None:
        booking = in_arabic(stay(guest))
        mixed_venue(booking)
        ticket = Ticket.objects.select_related("booking", "event__venue").get(booking=booking)

        document = tickets_pdf([ticket])  # the booking's language by default

        read = [read_right_to_left(line) for line in drawn_lines(document)]
        text = "\n".join(read)
        assert f"المرجع: {ticket.reference[::-1]}" in read
        assert "أظهره في الاستقبال." in read
        # The footer: the reservation's reference at the right, the page count at the left.
        assert any(line.startswith(f"حجز إقامة {ticket.reference[::-1]} ") for line in read)
        assert "الغرفة: " + "Garden Villa"[::-1] in read
        assert "الضيف: " + "Sara"[::-1] in read
        assert "ديسمبر" in text  # Arabic month names
        assert "3 ليال" in text
        assert "Show it" not in text
        assert "Holder" not in text
        # Read from the right: the English venue first, its words in their own order, then
        # the Arabic comma and the city ("Corniche Arena، جدة"); not "جدة ،Corniche Arena"
        # read the other way, nor "Arena Corniche".
        assert "Corniche Arena"[::-1] + "، جدة" in read
        # The time zone keeps its brackets the right way round inside the Arabic line.
        assert "(Asia/Kolkata)" in "\n".join(drawn_lines(document))

    def test_an_arabic_line_is_drawn_right_to_left_with_isolated_runs(self) -> None:
        # The visual order the PDF draws (left to right on the page): an Arabic label first
        # in reading order ends up at the right; the English run keeps its own order.
        shown = visual(f"المكان: {FSI}Corniche Arena, Jeddah{PDI}", rtl=True)
        assert shown.startswith("Corniche Arena, Jeddah")
        assert FSI not in shown
        assert PDI not in shown

    def test_what_it_admits_is_read_in_the_language(self, guest: Any) -> None:
        ticket = pass_of(festival(guest))
        Resource.objects.filter(pk=ticket.slot.resource_id).update(
            kind=Resource.Kind.SEAT, section="B", row="4", number=12
        )
        ticket = Ticket.objects.select_related("slot__resource", "booking").get(pk=ticket.pk)
        assert ticket_label(ticket, "en") == "B row 4 seat 12"
        assert ticket_label(ticket, "ar") == "B، الصف 4، المقعد 12"
        read = [
            read_right_to_left(line) for line in drawn_lines(tickets_pdf([ticket], language="ar"))
        ]
        assert "تسمح بدخول: " + "B، الصف 4، المقعد 12"[::-1] in read or any(
            "الصف" in line and "المقعد" in line for line in read
        )
        # A pass reads its booking's rooms (as named now), not a label stored at issue.
        stay_pass = pass_of(stay(guest))
        Ticket.objects.filter(pk=stay_pass.pk).update(label="Old name")
        stay_pass.refresh_from_db()
        assert ticket_label(stay_pass) == "Garden Villa"

    def test_the_language_can_be_asked_for(self, guest: Any) -> None:
        ticket = pass_of(repair(guest))

        arabic = tickets_pdf([ticket], language="ar")
        english = flat(pdf_text(tickets_pdf([ticket], language="en")))

        assert "أظهره في الورشة." in [read_right_to_left(line) for line in drawn_lines(arabic)]
        assert "Show it at the shop." in english


def confirmed_mail(booking: Booking) -> Any:
    assert booking_email_send(booking_id=str(booking.pk), kind="confirmed") is True
    [message] = mail.outbox
    return message


def html_of(message: Any) -> str:
    [(html, _)] = message.alternatives
    return html


class TestEmail:
    def test_an_english_stay_email_is_a_reservation(self, guest: Any) -> None:
        booking = stay(guest)

        message = confirmed_mail(booking)

        assert message.subject.startswith(f"Reservation {booking.reference} confirmed: ")
        assert "Your reservation is confirmed." in message.body
        assert "at reception" in message.body
        assert "at the gate" not in message.body
        assert next(name for name, _, _ in message.attachments) == (
            f"reservation-{booking.reference}.pdf"
        )
        assert FSI not in message.body  # nothing to isolate in an all-English message
        html = html_of(message)
        assert f"<bdi>{booking.event.name}</bdi>" in html
        assert "Your reservation is confirmed." in html

    def test_an_arabic_repair_email_is_an_appointment_in_arabic(self, guest: Any) -> None:
        booking = in_arabic(repair(guest))
        mixed_venue(booking)

        message = confirmed_mail(booking)

        assert message.subject.startswith("تأكيد الموعد ")
        assert f"{FSI}{booking.reference}{PDI}" in message.subject
        assert "تم تأكيد الموعد" in message.body
        assert "في الورشة" in message.body
        # Each name its own run: "Corniche Arena، جدة" cannot turn into "جدة ،Corniche Arena".
        assert f"{FSI}Corniche Arena{PDI}، {FSI}جدة{PDI}" in message.body
        assert f"{FSI}{booking.event.name}{PDI}" in message.body
        html = html_of(message)
        assert '<html lang="ar" dir="rtl">' in html
        assert "<bdi>Corniche Arena</bdi>، <bdi>جدة</bdi>" in html
        [(name, content, _), *_] = message.attachments
        assert name == f"appointment-{booking.reference}.pdf"
        # The PDF follows the language.
        assert "أظهره في الورشة." in [read_right_to_left(line) for line in drawn_lines(content)]

    @pytest.mark.parametrize(
        ("make", "subject", "body"),
        [
            (meeting, "Room booking", "Your room booking is confirmed."),
            (festival, "Booking", "Your booking is confirmed."),
        ],
    )
    def test_other_kinds(self, guest: Any, make: Any, subject: str, body: str) -> None:
        booking = make(guest)
        message = confirmed_mail(booking)
        assert message.subject.startswith(f"{subject} {booking.reference} confirmed")
        assert body in message.body

    def test_a_vip_cancellation_names_the_invitation(self, guest: Any) -> None:
        booking = festival(guest)
        Event.objects.filter(pk=booking.event_id).update(kind=Event.Kind.VIP)
        assert booking_email_send(booking_id=str(booking.pk), kind="cancelled") is True
        [message] = mail.outbox
        assert message.subject.startswith(f"Invitation {booking.reference} cancelled")
        assert "Your invitation has been cancelled." in message.body


def sms_texts(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "gatehouse.sms"]


@pytest.fixture
def texting(settings: Any) -> Any:
    settings.SMS_PROVIDER = "console"
    settings.FRONTEND_URL = "https://gatehouse.example"
    user: Any = UserFactory(email="guest@example.com", phone="+966512345678")
    user.verified_phone = user.phone
    user.save(update_fields=["verified_phone"])
    return user


class TestSms:
    def test_an_english_appointment_sms(
        self, texting: Any, caplog: pytest.LogCaptureFixture
    ) -> None:
        booking = repair(texting)
        with caplog.at_level("INFO", logger="gatehouse.sms"):
            assert booking_sms_send(booking_id=str(booking.pk), kind="confirmed")
        [text] = sms_texts(caplog)
        assert f"Appointment {booking.reference} confirmed: " in text
        assert "Your appointment: https://gatehouse.example/t/" in text
        assert FSI not in text  # English stays in the GSM alphabet

    def test_an_arabic_reservation_sms(
        self, texting: Any, caplog: pytest.LogCaptureFixture
    ) -> None:
        booking = in_arabic(stay(texting))
        with caplog.at_level("INFO", logger="gatehouse.sms"):
            assert booking_sms_send(booking_id=str(booking.pk), kind="cancelled")
        [text] = sms_texts(caplog)
        name = booking.event.name
        assert f"تم إلغاء حجز الإقامة {FSI}{booking.reference}{PDI} لـ {FSI}{name}{PDI}." in text


class TestTranslatedNames:
    """Names with an Arabic value (django-modeltranslation) come out in the language the guest
    booked in: the PDF, the e-mail and the SMS are rendered under it."""

    def names_in_arabic(self, booking: Booking) -> None:
        Event.objects.filter(pk=booking.event_id).update(name_ar="منتجع النخيل")
        Venue.objects.filter(pk=booking.event.venue_id).update(
            name_en="Corniche Arena", name_ar="ساحة الكورنيش", city_en="Jeddah", city_ar="جدة"
        )
        Resource.objects.filter(event_id=booking.event_id).update(name_ar="فيلا الحديقة")

    def test_an_arabic_guest_reads_the_arabic_names(self, guest: Any) -> None:
        booking = in_arabic(stay(guest))
        self.names_in_arabic(booking)

        message = confirmed_mail(booking)

        assert message.subject.endswith(f"{FSI}منتجع النخيل{PDI}")
        assert f"{FSI}ساحة الكورنيش{PDI}، {FSI}جدة{PDI}" in message.body
        assert f"{FSI}فيلا الحديقة{PDI}" in message.body
        assert "<bdi>منتجع النخيل</bdi>" in html_of(message)
        [(_, document, _), *_] = message.attachments
        read = [read_right_to_left(line) for line in drawn_lines(document)]
        assert "منتجع النخيل" in read
        assert "ساحة الكورنيش، جدة" in read
        assert "الغرفة: فيلا الحديقة" in read

    def test_an_english_guest_reads_the_english_names(self, guest: Any) -> None:
        booking = stay(guest)
        self.names_in_arabic(booking)

        message = confirmed_mail(booking)

        assert "منتجع" not in message.subject
        assert "Corniche Arena, Jeddah" in message.body
        assert "Garden Villa" in message.body
        text = flat(pdf_text(next(content for _, content, _ in message.attachments)))
        assert "Corniche Arena, Jeddah" in text
        assert "Room: Garden Villa" in text
