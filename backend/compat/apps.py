from django.apps import AppConfig


class CompatConfig(AppConfig):
    name = "backend.compat"
    label = "compat"
    verbose_name = "Compatible APIs of the replaced systems"
