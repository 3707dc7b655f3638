from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "backend.payments"
    label = "payments"
    verbose_name = "Payments"

    def ready(self) -> None:
        from backend.bookings import hooks
        from backend.payments.services.payments import cancel_open_payments, close_venue_payments
        from backend.payments.services.webhooks import register_receivers

        hooks.booking_released.connect(close_venue_payments)
        hooks.booking_given_up.connect(cancel_open_payments)
        register_receivers()  # the providers' webhook senders (backend.webhooks.receivers)
