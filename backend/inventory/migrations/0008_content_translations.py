"""Names, descriptions, cities and addresses in English and Arabic (django-modeltranslation,
``backend/inventory/translation.py``): a column per language; the values so far are English."""

from django.db import migrations, models


def existing_values_are_english(apps, schema_editor):
    for model, fields in (
        ("Venue", ("name", "city", "address")),
        ("Event", ("name", "description")),
        ("Resource", ("name", "description")),
    ):
        apps.get_model("inventory", model).objects.update(
            **{f"{field}_en": models.F(field) for field in fields}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("inventory", "0007_pictures_amenities_check_times"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="description_ar",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="event",
            name="description_en",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="event",
            name="name_ar",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="event",
            name="name_en",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="resource",
            name="description_ar",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="resource",
            name="description_en",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="resource",
            name="name_ar",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="resource",
            name="name_en",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="venue",
            name="address_ar",
            field=models.CharField(blank=True, max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="venue",
            name="address_en",
            field=models.CharField(blank=True, max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="venue",
            name="city_ar",
            field=models.CharField(
                db_index=True, help_text="Searched by stay search.", max_length=100, null=True
            ),
        ),
        migrations.AddField(
            model_name="venue",
            name="city_en",
            field=models.CharField(
                db_index=True, help_text="Searched by stay search.", max_length=100, null=True
            ),
        ),
        migrations.AddField(
            model_name="venue",
            name="name_ar",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="venue",
            name="name_en",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.RunPython(existing_values_are_english, migrations.RunPython.noop),
    ]
