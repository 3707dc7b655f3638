"""WebhookDelivery moves here from payments without touching its data.

The table stays ``payments_webhookdelivery`` (created by ``payments.0001_initial``): this
migration only tells Django's state that the model is now ``webhooks.WebhookDelivery``, and
``payments.0002_move_webhookdelivery`` (which runs after this one) removes it from the
payments app's state. Neither runs any SQL on the table. The dependency on payments is the
table's history, not an import: the lower app claims a table a higher one created.

The content type moves along (its id, and the permissions and admin log entries that point
to it, are kept), so ``/admin/webhooks/webhookdelivery/`` keeps the staff's permissions.
"""

import django.utils.timezone
from django.db import migrations, models


def move_content_type(apps, schema_editor, old="payments", new="webhooks"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    types = ContentType.objects.using(db)
    if not types.filter(app_label=new, model="webhookdelivery").exists():
        types.filter(app_label=old, model="webhookdelivery").update(app_label=new)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="webhooks", new="payments")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("payments", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="WebhookDelivery",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("provider", models.CharField(max_length=16)),
                        ("event_id", models.CharField(max_length=200)),
                        ("event_type", models.CharField(max_length=100)),
                        ("payload", models.JSONField()),
                        (
                            "received_at",
                            models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                        ),
                        ("processed_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "outcome",
                            models.CharField(
                                choices=[
                                    ("pending", "Waiting to be handled"),
                                    ("applied", "Applied"),
                                    ("ignored", "Nothing to do"),
                                    ("failed", "Failed (see error)"),
                                ],
                                default="pending",
                                max_length=16,
                            ),
                        ),
                        ("detail", models.CharField(blank=True, max_length=300)),
                        ("attempts", models.PositiveSmallIntegerField(default=0)),
                    ],
                    options={
                        "verbose_name_plural": "webhook deliveries",
                        "db_table": "payments_webhookdelivery",
                        "ordering": ["-received_at"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("provider", "event_id"), name="webhook_event_once"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back, elidable=True),
    ]
