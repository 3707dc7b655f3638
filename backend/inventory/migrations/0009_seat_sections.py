from decimal import Decimal

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("inventory", "0008_content_translations"),
    ]

    operations = [
        migrations.CreateModel(
            name="SeatSection",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="As the seats' section says, e.g. Floor.", max_length=50
                    ),
                ),
                (
                    "name_ar",
                    models.CharField(
                        blank=True, help_text="In Arabic (empty: name).", max_length=50
                    ),
                ),
                (
                    "tier",
                    models.CharField(blank=True, help_text="Price tier, e.g. Gold.", max_length=50),
                ),
                (
                    "tier_ar",
                    models.CharField(
                        blank=True, help_text="In Arabic (empty: tier).", max_length=50
                    ),
                ),
                (
                    "price",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="The tier's price for every seat in the section (empty: each seat's own).",
                        max_digits=12,
                        null=True,
                        validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                    ),
                ),
                (
                    "rank",
                    models.PositiveSmallIntegerField(
                        default=1,
                        help_text="Best available prefers lower ranks (1: the best seats).",
                    ),
                ),
                (
                    "map_row",
                    models.PositiveSmallIntegerField(
                        default=0, help_text="The band of the map it sits in, 0 nearest the stage."
                    ),
                ),
                (
                    "sort_order",
                    models.IntegerField(default=0, help_text="Left to right within its band."),
                ),
                (
                    "aisles_after",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Seat numbers followed by an aisle, e.g. [6] (a gap in the numbering is an aisle too). Best available never splits a party across one.",
                    ),
                ),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="seat_sections",
                        to="inventory.event",
                    ),
                ),
            ],
            options={
                "ordering": ["map_row", "sort_order", "name", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("event", "name"), name="one_seat_section_per_name"
                    )
                ],
            },
        ),
    ]
