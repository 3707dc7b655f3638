from django.apps import AppConfig


class WalletConfig(AppConfig):
    name = "backend.wallet"
    label = "wallet"
    verbose_name = "Wallet passes"

    def ready(self) -> None:
        from backend.tickets import hooks
        from backend.wallet.services.updates import passes_changed

        hooks.ticket_changed.connect(passes_changed)
