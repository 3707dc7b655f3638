from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "backend.bookings"
    label = "bookings"
    verbose_name = "Bookings"

    def ready(self) -> None:
        from backend.bookings.services.waitlist import waitlist_units_returned
        from backend.inventory import hooks as inventory_hooks

        inventory_hooks.units_returned.connect(waitlist_units_returned)
