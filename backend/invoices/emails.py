"""The e-mail that carries a booking's invoices and credit notes (as PDFs) to its contact."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.utils.html import escape

from backend.bookings.models import Booking
from backend.invoices.pdf import invoice_pdf
from backend.invoices.selectors import invoices_of


def contact_email(booking: Booking) -> str:
    return booking.contact_email or (getattr(booking.user, "email", "") or "")


def send_invoices(booking: Booking) -> bool:
    """E-mail every document of ``booking`` to its contact; False when there is none to send
    or nobody to send it to."""
    documents = list(invoices_of(booking=booking))
    to = contact_email(booking)
    if not documents or not to:
        return False
    numbers = ", ".join(document.number for document in documents)
    if booking.event.language == "ar":
        subject = f"فواتير حجزك {booking.reference} في {booking.event.name}"
        body = f"مرفق فواتير حجزك {booking.reference}: {numbers}."
        direction, language = "rtl", "ar"
    else:
        subject = f"Invoices for your booking {booking.reference} at {booking.event.name}"
        body = f"Attached are the invoices of your booking {booking.reference}: {numbers}."
        direction, language = "ltr", "en"
    email = EmailMultiAlternatives(subject, body, None, [to])
    email.attach_alternative(
        f'<div dir="{direction}" lang="{language}"><p>{escape(body)}</p></div>', "text/html"
    )
    for document in documents:
        email.attach(f"{document.number}.pdf", invoice_pdf(document), "application/pdf")
    email.send()
    return True
