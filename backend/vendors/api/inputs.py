"""What vendors and staff send."""

from __future__ import annotations

from rest_framework import serializers

from backend.core.fields import StrictCharField, StrictIntegerField, StrictSlugField
from backend.core.pagination import PageInput
from backend.vendors.models import Vendor


class EventQuery(serializers.Serializer):
    event = StrictSlugField(help_text="The festival's slug, e.g. summer-fest.")


class StaffVendorQuery(EventQuery, PageInput):
    status = serializers.ChoiceField(choices=Vendor.Status.choices, required=False)


class ProfileInput(serializers.Serializer):
    """A vendor's public profile and contact details (JSON, or multipart with ``logo``)."""

    name = StrictCharField(max_length=120, trim_whitespace=True)
    category = serializers.ChoiceField(choices=Vendor.Category.choices)
    description = StrictCharField(max_length=2000, allow_blank=True, required=False, default="")
    contact_email = serializers.EmailField(max_length=254)
    contact_phone = StrictCharField(max_length=32, allow_blank=True, required=False, default="")
    website = serializers.URLField(max_length=200, allow_blank=True, required=False, default="")
    logo = serializers.ImageField(required=False, help_text="PNG, JPEG, WebP or GIF.")

    def validate_website(self, value: str) -> str:
        if value and not value.lower().startswith(("https://", "http://")):
            raise serializers.ValidationError("Give an http:// or https:// address.")
        return value


class ReasonInput(serializers.Serializer):
    reason = StrictCharField(
        max_length=500, trim_whitespace=True, help_text="Sent to the vendor by e-mail."
    )


class AssignInput(serializers.Serializer):
    vendor = StrictIntegerField(min_value=1, help_text="An approved vendor of the booth's event.")
