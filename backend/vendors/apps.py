from django.apps import AppConfig


class VendorsConfig(AppConfig):
    name = "backend.vendors"
    label = "vendors"
    verbose_name = "Vendors and booths"
