from django.apps import AppConfig


class TicketsConfig(AppConfig):
    name = "backend.tickets"
    label = "tickets"
    verbose_name = "Tickets"

    def ready(self) -> None:
        from backend.bookings import hooks
        from backend.tickets.services.tickets import tickets_issue, tickets_release

        hooks.booking_confirmed.connect(tickets_issue)
        hooks.booking_released.connect(tickets_release)
