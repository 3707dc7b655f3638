from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "backend.catalog"
    label = "catalog"
    verbose_name = "Catalog"

    def ready(self) -> None:
        from backend.catalog import cache

        cache.connect_signals()
