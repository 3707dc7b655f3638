from django.urls import URLPattern, URLResolver, path, register_converter

from backend.invoices.api import invoices


class InvoiceNumberConverter:
    """An invoice's number: the series' prefix, the year and the number (GH-2026-000123)."""

    regex = r"[A-Za-z0-9]{1,12}-[0-9]{4}-[0-9]{6,}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(InvoiceNumberConverter, "invoice_number")

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "bookings/<uuid:booking_id>/invoices/",
        invoices.BookingInvoicesApi.as_view(),
        name="booking-invoices",
    ),
    path(
        "bookings/<uuid:booking_id>/invoices/resend/",
        invoices.BookingInvoicesResendApi.as_view(),
        name="booking-invoices-resend",
    ),
    path(
        "invoices/<invoice_number:number>.pdf",
        invoices.InvoicePdfApi.as_view(),
        name="invoice-pdf",
    ),
]
