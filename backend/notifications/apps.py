from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "backend.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from backend.bookings import hooks as booking_hooks
        from backend.notifications.services.booking_messages import booking_notify
        from backend.notifications.services.transfer_messages import transfer_notify
        from backend.notifications.services.waitlist_messages import waitlist_notify
        from backend.tickets import hooks as ticket_hooks

        booking_hooks.booking_changed.connect(booking_notify)
        ticket_hooks.transfer_notice.connect(transfer_notify)
        booking_hooks.waitlist_offered.connect(waitlist_notify)
