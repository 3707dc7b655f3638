from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "backend.payments"
    label = "payments"
    verbose_name = "Payments"

    def ready(self) -> None:
        from backend.bookings.services import bookings
        from backend.payments.services.payments import cancel_open_payments
        from backend.payments.services.webhooks import register_receivers

        if cancel_open_payments not in bookings.ON_GIVE_UP:
            bookings.ON_GIVE_UP.append(cancel_open_payments)
        register_receivers()  # the providers' webhook senders (backend.webhooks.receivers)
