from django.apps import AppConfig


class VendorsConfig(AppConfig):
    name = "backend.vendors"
    label = "vendors"
    verbose_name = "Vendors and booths"

    def ready(self) -> None:
        from backend.checkin import hooks
        from backend.vendors.services.setup_codes import setup_code_scan

        hooks.setup_code_scanned.connect(setup_code_scan)
