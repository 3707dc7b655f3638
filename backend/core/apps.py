from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "backend.core"
    label = "core"
    verbose_name = "Gatehouse core"

    def ready(self) -> None:
        # Imported for what they register: the system checks, the <id:...> path converter.
        from backend.core import checks, converters  # noqa: F401
