from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "backend.integrations"
    label = "integrations"
    verbose_name = "Integrations"

    def ready(self) -> None:
        from backend.integrations.calendly.webhooks import CalendlyReceiver
        from backend.webhooks.receivers import register

        register("calendly", CalendlyReceiver())  # its webhooks go through the inbox
