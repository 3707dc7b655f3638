from django.apps import AppConfig


class CheckinConfig(AppConfig):
    name = "backend.checkin"
    label = "checkin"
    verbose_name = "Check-in"
