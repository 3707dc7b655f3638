"""Tickets as a PDF: one A6 page per ticket, to print or keep on a phone.

Each page shows the event, the venue and city, when the ticket is good for in the venue's
time zone (a seat's or ticket type's slot; a pass's whole booking, nights for a stay: see
``selectors.ticket_span``), what the ticket admits, the holder, its reference (never the
id; see ``Ticket.reference``), where to show it, in the words of its business (a ticket at
the gate, a reservation at reception, an appointment at the shop ...) and in the language
the guest booked in (an Arabic page reads right to left; names in the other script are
isolated runs, so "Corniche Arena, Jeddah" keeps its order inside an Arabic line), and
the QR code of the ticket's signed payload (see ``codes``), drawn as vector squares from
qrcode's matrix so it stays sharp at any zoom, with the payload text small under it.

Text is set in DejaVu Sans when the system has it (Debian: ``fonts-dejavu-core``), which has
Arabic glyphs; otherwise in Helvetica, which has none (Arabic then shows as blanks). A PDF
draws glyphs left to right as given, so an Arabic line is shaped first (``arabic-reshaper``:
the joined forms of its letters) and put in visual order (``python-bidi``), and set flush
right.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from datetime import datetime

import qrcode
from django.utils import translation
from django.utils.formats import date_format
from reportlab.lib import colors
from reportlab.lib.pagesizes import A6
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from backend.bookings.spans import DASH, Span, span_text
from backend.core.pdf_text import fonts, has_arabic, isolate, visual
from backend.inventory.wording import words_for
from backend.tickets import codes
from backend.tickets.models import Ticket
from backend.tickets.selectors import ticket_label, ticket_span

logger = logging.getLogger(__name__)

PAGE_WIDTH, PAGE_HEIGHT = A6
MARGIN = 8 * mm
QR_SIZE = 62 * mm  # quiet zone included: ~1.3 mm a module at version 6
MONO = "Courier"
__all__ = ["DASH", "qr_matrix", "span_words", "tickets_pdf", "when"]


def _payload(ticket: Ticket) -> str:
    return codes.sign(event_id=ticket.event_id, ticket_id=ticket.pk, version=ticket.version)


def when(starts_at: datetime, ends_at: datetime, time_zone: str) -> str:
    """``Mon 21 Dec 2026, 16:00-23:59 (Asia/Riyadh)``, with an en dash for "to", in the
    venue's time zone; the end's date is repeated only when it is another day. English day
    and month names whatever the locale (``backend.bookings.spans.span_text``)."""
    return span_text(Span(starts_at=starts_at, ends_at=ends_at, nights=0, time_zone=time_zone))


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR code's modules, quiet zone (4 modules) included, as the API's images draw it."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(text)
    qr.make(fit=True)
    return qr.get_matrix()


def _draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """Dark modules as one filled path of horizontal runs (no seams between squares)."""
    matrix = qr_matrix(text)
    module = size / len(matrix)
    path = canvas.beginPath()
    for row, cells in enumerate(matrix):
        top = y + size - (row + 1) * module
        column = 0
        while column < len(cells):
            if not cells[column]:
                column += 1
                continue
            start = column
            while column < len(cells) and cells[column]:
                column += 1
            path.rect(x + start * module, top, (column - start) * module, module)
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)


def _lines(text: str, font: str, size: float, width: float) -> list[str]:
    return simpleSplit(text, font, size, width) or [""]


def _chunks(text: str, font: str, size: float, width: float) -> list[str]:
    """A string without spaces (the payload), cut to fit the width."""
    per_line = max(1, int(width // pdfmetrics.stringWidth("M", font, size)))
    return [text[i : i + per_line] for i in range(0, len(text), per_line)]


def _nights_ar(nights: int) -> str:
    if nights == 1:
        return "ليلة واحدة"
    if nights == 2:
        return "ليلتان"
    return f"{nights} ليالٍ" if 3 <= nights <= 10 else f"{nights} ليلة"


def span_words(span: Span, language: str) -> str:
    """The span as :func:`span_text` writes it, in Arabic for ``ar`` (Arabic day and month
    names, Latin digits, the time zone and the times as left-to-right runs)."""
    if language != "ar":
        return span_text(span)
    start, end = span.local_start, span.local_end
    with translation.override("ar"):
        if not span.same_day:
            text = (
                f"{date_format(start, 'D j F Y')}، {isolate(f'{start:%H:%M}')} {DASH} "
                f"{date_format(end, 'D j F Y')}، {isolate(f'{end:%H:%M}')}"
            )
        else:
            times = isolate(f"{start:%H:%M}{DASH}{end:%H:%M}")
            text = f"{date_format(start, 'D j F Y')}، {times}"
    text += " " + isolate(f"({span.zone.key})")  # brackets inside: python-bidi does not mirror
    if span.nights:
        text += f"، {_nights_ar(span.nights)}"
    return text


def _page(canvas: Canvas, ticket: Ticket, number: int, count: int, language: str) -> None:
    regular, bold = fonts()
    event, venue = ticket.event, ticket.event.venue
    words = words_for(event.kind, language)
    rtl = language == "ar"
    width = PAGE_WIDTH - 2 * MARGIN
    y = PAGE_HEIGHT - MARGIN

    def write(text: str, font: str, size: float, gap: float = 1.3) -> None:
        nonlocal y
        canvas.setFont(font, size)
        for line in _lines(text, font, size, width):
            y -= size
            if rtl:
                canvas.drawRightString(PAGE_WIDTH - MARGIN, y, visual(line, rtl=True))
            elif has_arabic(line):
                canvas.drawString(MARGIN, y, visual(line, rtl=False))
            else:
                canvas.drawString(MARGIN, y, visual(line))
            y -= size * (gap - 1)

    comma = "، " if rtl else ", "
    canvas.setFillColor(colors.black)
    write(isolate(event.name), bold, 13)
    write(comma.join(isolate(part) for part in (venue.name, venue.city) if part), regular, 9)
    write(f"{words.when}: {span_words(ticket_span(ticket), language)}", regular, 9)
    y -= 2 * mm
    write(f"{words.admits}: {isolate(ticket_label(ticket, language))}", bold, 11)
    write(f"{words.holder}: {isolate(ticket.holder_name or DASH)}", regular, 10)
    write(f"{words.reference}: {isolate(ticket.reference)}", bold, 10)
    write(words.show, regular, 8)
    if ticket.status != Ticket.Status.VALID:
        canvas.setFillColor(colors.red)
        write(words.void, bold, 10)
        canvas.setFillColor(colors.black)

    # The QR code, centred in what is left above the payload and the footer.
    payload = _payload(ticket)
    payload_size = 5.5
    payload_lines = _chunks(payload, MONO, payload_size, width)
    bottom = MARGIN + 8 + len(payload_lines) * payload_size * 1.2 + 2 * mm
    size = min(QR_SIZE, y - bottom, width)
    qr_y = bottom + (y - bottom - size) / 2
    _draw_qr(canvas, payload, (PAGE_WIDTH - size) / 2, qr_y, size)

    canvas.setFont(MONO, payload_size)
    line_y = qr_y - payload_size
    for line in payload_lines:
        canvas.drawCentredString(PAGE_WIDTH / 2, line_y, line)
        line_y -= payload_size * 1.2

    canvas.setFont(regular, 7)
    canvas.setFillColor(colors.grey)
    footer = visual(f"{words.title} {isolate(ticket.reference)}", rtl=rtl)
    if rtl:
        canvas.drawRightString(PAGE_WIDTH - MARGIN, MARGIN, footer)
        canvas.drawString(MARGIN, MARGIN, f"{number} / {count}")
    else:
        canvas.drawString(MARGIN, MARGIN, footer)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, MARGIN, f"{number} / {count}")


def tickets_pdf(tickets: Iterable[Ticket], *, language: str | None = None) -> bytes:
    """A PDF with one A6 page per ticket, in the order given, in ``language`` (default: the
    language the first ticket's booking was made in) and in the words of each ticket's
    business (:mod:`backend.inventory.wording`). Names are read under that language, so
    translated event, venue and room names come out in it. Reads each ticket's booking,
    event, venue and slot (select them related to save queries)."""
    tickets = list(tickets)
    if not tickets:
        raise ValueError("A tickets PDF needs at least one ticket.")
    language = language or tickets[0].booking.language
    language = language if language in ("ar", "en") else "en"
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A6, pageCompression=1)
    canvas.setAuthor("Gatehouse")
    with translation.override(language):
        words = words_for(tickets[0].event.kind, language)
        references = sorted({ticket.reference for ticket in tickets})
        canvas.setTitle(f"{words.documents} " + ", ".join(references))
        for number, ticket in enumerate(tickets, start=1):
            _page(canvas, ticket, number, len(tickets), language)
            canvas.showPage()
    canvas.save()
    return buffer.getvalue()
