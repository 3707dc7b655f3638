from django.apps import AppConfig


class TicketsConfig(AppConfig):
    name = "backend.tickets"
    label = "tickets"
    verbose_name = "Tickets"

    def ready(self) -> None:
        from backend.bookings.services import bookings
        from backend.tickets.services import tickets_issue, tickets_release

        for hooks, hook in [
            (bookings.ON_CONFIRM, tickets_issue),
            (bookings.ON_RELEASE, tickets_release),
        ]:
            if hook not in hooks:  # ready() may run more than once
                hooks.append(hook)
