from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "backend.bookings"
    label = "bookings"
    verbose_name = "Bookings"

    def ready(self) -> None:
        from backend.bookings.services.bookings import ON_NOTIFY
        from backend.bookings.tasks import queue_booking_email

        if queue_booking_email not in ON_NOTIFY:  # ready() may run more than once
            ON_NOTIFY.append(queue_booking_email)
