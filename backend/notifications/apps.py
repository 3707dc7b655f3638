from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "backend.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from backend.bookings import hooks
        from backend.notifications.services.booking_emails import booking_notify

        hooks.booking_changed.connect(booking_notify)
