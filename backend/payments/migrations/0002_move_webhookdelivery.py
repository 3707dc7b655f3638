"""WebhookDelivery moved to the webhooks app (``webhooks.0001_initial``, which runs first):
removed from this app's state only. Its table, ``payments_webhookdelivery``, and its rows
stay where they are, now the webhooks app's."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0001_initial"),
        ("webhooks", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="WebhookDelivery")],
            database_operations=[],
        ),
    ]
