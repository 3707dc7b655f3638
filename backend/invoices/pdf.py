"""Invoices and credit notes as a PDF: one A4 page (more when the lines run over).

The seller and buyer blocks as they were at issue, the number, the date, the cited invoice of
a credit note, the lines with net, tax rate, tax and total, and the totals. For an Arabic
event the headings are bilingual (Arabic, then English) and the page reads right to left:
Arabic text is shaped and put in visual order, in DejaVu Sans when the system has it
(``backend.core.pdf_text``, as the tickets' PDF).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from backend.core.pdf_text import fonts, visual
from backend.invoices.models import Invoice

logger = logging.getLogger(__name__)

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
LINE = 5.2 * mm
HEADINGS: dict[str, tuple[str, str]] = {
    "invoice": ("Tax invoice", "فاتورة ضريبية"),
    "credit_note": ("Credit note", "إشعار دائن"),
    "number": ("Number", "الرقم"),
    "date": ("Date", "التاريخ"),
    "cites": ("Cancels invoice", "يلغي الفاتورة"),
    "seller": ("Seller", "البائع"),
    "buyer": ("Buyer", "المشتري"),
    "tax_number": ("Tax number", "الرقم الضريبي"),
    "reference": ("Booking", "الحجز"),
    "description": ("Description", "الوصف"),
    "quantity": ("Qty", "الكمية"),
    "net": ("Net", "الصافي"),
    "rate": ("Tax rate", "نسبة الضريبة"),
    "tax": ("Tax", "الضريبة"),
    "total": ("Total", "الإجمالي"),
}


def heading(key: str, arabic: bool) -> str:
    english, arabic_text = HEADINGS[key]
    return f"{arabic_text} / {english}" if arabic else english


def amount(value: Decimal, currency: str) -> str:
    return f"{value:,.2f} {currency}"


class _Page:
    """Writes lines top-down, flush left or (right to left) flush right, across pages."""

    def __init__(self, canvas: Canvas, rtl: bool) -> None:
        self.canvas, self.rtl = canvas, rtl
        self.regular, self.bold = fonts()
        self.y = PAGE_HEIGHT - MARGIN

    def need(self, height: float) -> None:
        if self.y - height < MARGIN:
            self.canvas.showPage()
            self.y = PAGE_HEIGHT - MARGIN

    def text(self, text: str, *, size: float = 10, bold: bool = False, x: float = 0) -> None:
        """One line at ``x`` from the start edge (the right one, right to left)."""
        self.need(LINE)
        self.canvas.setFont(self.bold if bold else self.regular, size)
        shown = visual(text)
        if self.rtl:
            self.canvas.drawRightString(PAGE_WIDTH - MARGIN - x, self.y, shown)
        else:
            self.canvas.drawString(MARGIN + x, self.y, shown)
        self.y -= LINE * size / 10

    def row(self, cells: Iterable[tuple[float, str]], *, bold: bool = False) -> None:
        """Cells at their offsets from the start edge, on one line."""
        self.need(LINE)
        self.canvas.setFont(self.bold if bold else self.regular, 9)
        for x, text in cells:
            shown = visual(text)
            if self.rtl:
                self.canvas.drawRightString(PAGE_WIDTH - MARGIN - x, self.y, shown)
            else:
                self.canvas.drawString(MARGIN + x, self.y, shown)
        self.y -= LINE

    def gap(self, lines: float = 1) -> None:
        self.y -= LINE * lines


COLUMNS = (0, 68 * mm, 82 * mm, 104 * mm, 132 * mm, 152 * mm)


def invoice_pdf(invoice: Invoice) -> bytes:
    """The document as a PDF."""
    arabic = invoice.language == "ar"
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(f"{invoice.number}")
    canvas.setAuthor(invoice.seller.get("legal_name", ""))
    page = _Page(canvas, rtl=arabic)
    currency = invoice.currency

    page.text(heading(invoice.kind, arabic), size=16, bold=True)
    page.gap(0.5)
    page.text(f"{heading('number', arabic)}: {invoice.number}", bold=True)
    page.text(f"{heading('date', arabic)}: {invoice.issued_at:%Y-%m-%d %H:%M} UTC")
    if invoice.cites is not None:
        page.text(f"{heading('cites', arabic)}: {invoice.cites.number}")
    page.gap()

    seller = invoice.seller
    page.text(heading("seller", arabic), bold=True)
    names = [seller.get("legal_name", "")]
    if arabic and seller.get("legal_name_ar"):
        names.insert(0, seller["legal_name_ar"])
    for text in [*names, *str(seller.get("address", "")).splitlines()]:
        if text:
            page.text(text)
    if seller.get("tax_number"):
        page.text(f"{heading('tax_number', arabic)}: {seller['tax_number']}")
    page.gap()

    buyer = invoice.buyer
    page.text(heading("buyer", arabic), bold=True)
    for key in ("name", "email", "phone"):
        if buyer.get(key):
            page.text(str(buyer[key]))
    if buyer.get("reference"):
        page.text(f"{heading('reference', arabic)}: {buyer['reference']}")
    page.gap()

    keys = ("description", "quantity", "net", "rate", "tax", "total")
    page.row(
        zip(COLUMNS, (HEADINGS[key][1 if arabic else 0] for key in keys), strict=True), bold=True
    )
    for line in invoice.lines.all():
        page.row(
            zip(
                COLUMNS,
                (
                    line.description[:40],
                    str(line.quantity),
                    f"{line.net:,.2f}",
                    f"{line.tax_rate:.2f}%",
                    f"{line.tax:,.2f}",
                    f"{line.total:,.2f}",
                ),
                strict=True,
            )
        )
    page.gap()
    page.text(f"{heading('net', arabic)}: {amount(invoice.net, currency)}")
    page.text(f"{heading('tax', arabic)}: {amount(invoice.tax, currency)}")
    page.text(f"{heading('total', arabic)}: {amount(invoice.total, currency)}", bold=True)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
