"""What the API says of pictures and amenities, wherever venues, events and resources appear."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from backend.core.images import picture_output


class RenditionOutput(serializers.Serializer):
    url = serializers.CharField(help_text="Content-hashed WebP, served as immutable.")
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class PictureOutput(serializers.Serializer):
    """An uploaded picture with its renditions (or one given by URL, without)."""

    url = serializers.CharField(help_text="The widest rendition (or the picture's URL).")
    width = serializers.IntegerField(allow_null=True, help_text="Of url; null when unknown.")
    height = serializers.IntegerField(allow_null=True)
    alt = serializers.CharField(help_text="English.")
    alt_ar = serializers.CharField(help_text="Arabic (the English when none).")
    srcset = serializers.CharField(
        help_text='For <img srcset>: "url 320w, url 640w, …" (empty without renditions).'
    )
    renditions = RenditionOutput(many=True, help_text="Narrowest first.")

    def to_representation(self, instance: Any) -> dict[str, Any]:
        answer = picture_output(instance)
        answer["alt_ar"] = answer["alt_ar"] or answer["alt"]
        return answer


class AmenityOutput(serializers.Serializer):
    code = serializers.SlugField()
    icon = serializers.CharField(help_text="One of the web app's amenity icons, e.g. wifi, pool.")
    label = serializers.CharField(help_text="English.")  # type: ignore[assignment]
    label_ar = serializers.SerializerMethodField(help_text="Arabic (the English when none).")

    def get_label_ar(self, amenity: Any) -> str:
        return str(amenity.label_ar or amenity.label)
