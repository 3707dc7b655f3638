from django.apps import AppConfig


class InvoicesConfig(AppConfig):
    name = "backend.invoices"
    label = "invoices"
    verbose_name = "Invoices"

    def ready(self) -> None:
        from backend.bookings import hooks
        from backend.invoices.services.credit import credit_partial_refund, credit_released
        from backend.invoices.services.issue import invoice_for_confirmed, invoice_for_venue_paid
        from backend.payments import hooks as payment_hooks

        hooks.booking_confirmed.connect(invoice_for_confirmed)
        hooks.booking_released.connect(credit_released)
        payment_hooks.venue_payment_collected.connect(invoice_for_venue_paid)
        payment_hooks.partial_refund_recorded.connect(credit_partial_refund)
