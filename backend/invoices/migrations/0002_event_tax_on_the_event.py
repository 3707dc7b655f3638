"""An event's tax moves onto the event (``Event.tax_rate``, ``Event.prices_include_tax``),
where bookings price with it: each EventTax row is copied onto its event, then EventTax goes.
Reversed, the table comes back and every event with a tax gets its row again."""

from decimal import Decimal

from django.db import migrations


def copy_onto_events(apps, schema_editor):
    EventTax = apps.get_model("invoices", "EventTax")
    Event = apps.get_model("inventory", "Event")
    for row in EventTax.objects.all():
        Event.objects.filter(pk=row.event_id).update(
            tax_rate=row.rate, prices_include_tax=row.prices_include_tax
        )


def copy_back(apps, schema_editor):
    EventTax = apps.get_model("invoices", "EventTax")
    Event = apps.get_model("inventory", "Event")
    for event in Event.objects.exclude(tax_rate=Decimal(0), prices_include_tax=True):
        EventTax.objects.update_or_create(
            event_id=event.pk,
            defaults={"rate": event.tax_rate, "prices_include_tax": event.prices_include_tax},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("invoices", "0001_invoices_and_credit_notes"),
        ("inventory", "0005_event_tax"),
    ]

    operations = [
        migrations.RunPython(copy_onto_events, copy_back),
        migrations.DeleteModel(name="EventTax"),
    ]
