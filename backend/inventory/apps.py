from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "backend.inventory"
    label = "inventory"
    verbose_name = "Inventory"

    def ready(self) -> None:
        from backend.accounts import hooks
        from backend.inventory.selectors.events import event_find

        hooks.find_event.connect(event_find)
