from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "backend.core"
    label = "core"
    verbose_name = "Gatehouse core"

    def ready(self) -> None:
        from backend.core import checks  # noqa: F401  (registers the system checks)
