"""The content API's input and output serializers (the outputs document the answers; the
selectors build them)."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from django.core.validators import EmailValidator, URLValidator
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from backend.content.models import Performance, Sponsor
from backend.content.services.schedule import DELAY_MAX_MINUTES
from backend.core.fields import (
    DATE_WINDOW_TEXT,
    IdField,
    StrictCharField,
    StrictIntegerField,
    StrictSlugField,
    WindowDateField,
    in_date_window,
)
from backend.core.pagination import PageInput, PageOutput

SORT_MIN, SORT_MAX = -1_000_000, 1_000_000


# --- input fields ------------------------------------------------------------------------------


def text(max_length: int, *, required: bool = True, **kwargs: Any) -> StrictCharField:
    """A text field; an optional one may be blank and defaults to ""."""
    if not required:
        kwargs.setdefault("default", "")
        kwargs.setdefault("allow_blank", True)
    return StrictCharField(max_length=max_length, required=required, **kwargs)


def no_line_breaks(value: str) -> None:
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise serializers.ValidationError("One line, without control characters.")


class HttpUrlField(StrictCharField):
    """An http:// or https:// address (no javascript:, data: or ftp:)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 500)
        super().__init__(**kwargs)
        self.validators.append(URLValidator(schemes=["http", "https"], message="Enter an "
                                            "http:// or https:// address."))  # fmt: skip


class StrictEmailField(StrictCharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 254)
        super().__init__(**kwargs)
        self.validators.append(EmailValidator(message="Enter a valid e-mail address."))


class PercentField(serializers.FloatField):
    """A position on the map in percent: a number from 0 to 100 (not a string)."""

    default_error_messages = {"not_a_number": "Send a number from 0 to 100."}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=0, max_value=100, **kwargs)

    def to_internal_value(self, data: Any) -> float:
        if isinstance(data, bool) or not isinstance(data, int | float):
            self.fail("not_a_number")
        if isinstance(data, float) and not math.isfinite(data):
            self.fail("not_a_number")
        return super().to_internal_value(data)


class SortOrderField(serializers.IntegerField):
    """A position in a list; a form's text "3" is fine (multipart bodies carry only text)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", SORT_MIN)
        kwargs.setdefault("max_value", SORT_MAX)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool):
            self.fail("invalid")
        return super().to_internal_value(data)


class PerformanceStatusField(serializers.ChoiceField):
    """A performance's status: scheduled, delayed or cancelled (one named enum in the schema,
    ``PerformanceStatusEnum``, wherever it appears)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Performance.Status.choices, **kwargs)


class PerformanceStatusSchema(OpenApiSerializerFieldExtension):
    target_class = PerformanceStatusField

    def get_name(self) -> str:
        return "PerformanceStatusEnum"

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        return {"type": "string", "enum": list(Performance.Status.values)}


class WindowDateTimeField(serializers.DateTimeField):
    """An ISO 8601 moment with its offset, within the API's date window, kept in UTC."""

    default_error_messages = {
        "out_of_window": f"Use a moment {DATE_WINDOW_TEXT}.",
        "not_a_string": "Send an ISO 8601 date and time, e.g. 2026-12-21T18:30:00+03:00.",
    }

    def to_internal_value(self, value: Any) -> datetime:
        if not isinstance(value, str) or len(value) > 40:
            self.fail("not_a_string")
        moment = super().to_internal_value(value)
        if not in_date_window(moment.date()):
            self.fail("out_of_window")
        return moment.astimezone(UTC)


# --- public inputs -------------------------------------------------------------------------------


class ContactInput(serializers.Serializer):
    name = text(100, validators=[no_line_breaks], trim_whitespace=True)
    email = StrictEmailField(trim_whitespace=True)
    subject = text(200, required=False, validators=[no_line_breaks], trim_whitespace=True)
    message = text(5000, trim_whitespace=True, min_length=2)
    website = text(
        500, required=False, trim_whitespace=False,
        help_text="Leave empty: a field people never see (the form hides it); bots fill it.",
    )  # fmt: skip


class ScheduleQuery(serializers.Serializer):
    day = WindowDateField(
        required=False, help_text="Only that day's performances, in the venue's time zone."
    )


# --- staff inputs --------------------------------------------------------------------------------


class ContentEventQuery(serializers.Serializer):
    event = StrictSlugField(help_text="The event's slug, e.g. summer-fest.")


class StaffScheduleQuery(ContentEventQuery, ScheduleQuery):
    pass


class ContactMessageQuery(PageInput, ContentEventQuery):
    handled = serializers.BooleanField(
        required=False, allow_null=True, default=None,
        help_text="true: only handled messages; false: only those still open.",
    )  # fmt: skip


class PageFaqInput(serializers.Serializer):
    question = text(300)
    question_ar = text(300, required=False)
    answer = text(4000)
    answer_ar = text(4000, required=False)


class PageLinkInput(serializers.Serializer):
    label = text(100)  # type: ignore[assignment]  # a field named like Field.label
    label_ar = text(100, required=False)
    url = HttpUrlField()


class ContentPatchInput(serializers.Serializer):
    tagline = text(200, required=False)
    tagline_ar = text(200, required=False)
    description = text(10_000, required=False)
    description_ar = text(10_000, required=False)
    # many=True hands max_length to the ListSerializer; drf-stubs leaves it out
    faq = PageFaqInput(many=True, required=False, max_length=100, help_text="Replaces the FAQ.")  # type: ignore[call-arg]
    links = PageLinkInput(many=True, required=False, max_length=50, help_text="Replaces the links.")  # type: ignore[call-arg]

    def to_internal_value(self, data: Any) -> Any:
        # Optional texts default to "" for a new row; a PATCH changes only what it names.
        values = super().to_internal_value(data)
        return {key: value for key, value in values.items() if key in data}


class PageImageInput(serializers.Serializer):
    image = serializers.FileField(help_text="A PNG, JPEG, WebP or GIF.")
    alt = text(200, help_text="What it shows, in English.")
    alt_ar = text(200, required=False)
    sort_order = SortOrderField(allow_null=True, default=None, help_text="Default: last.")


class FestivalMapInput(serializers.Serializer):
    image = serializers.FileField(help_text="The festival map: a PNG, JPEG, WebP or GIF.")


class StageInput(serializers.Serializer):
    name = text(100)
    name_ar = text(100, required=False)
    x = PercentField(help_text="From the map's left edge, 0-100 %.")
    y = PercentField(help_text="From the map's top edge, 0-100 %.")
    sort_order = StrictIntegerField(min_value=SORT_MIN, max_value=SORT_MAX, default=0)


class SponsorInput(serializers.Serializer):
    name = text(200)
    tier = serializers.ChoiceField(choices=Sponsor.Tier.choices, default=Sponsor.Tier.PARTNER)
    url = HttpUrlField(required=False, allow_blank=True, default="")
    sort_order = SortOrderField(default=0)
    logo = serializers.FileField(
        required=False, allow_null=True, default=None,
        help_text="A PNG, JPEG, WebP or GIF (multipart). In a PATCH, null removes the logo.",
    )  # fmt: skip


class PerformanceInput(serializers.Serializer):
    stage = IdField(help_text="A stage of the event.")
    title = text(200)
    title_ar = text(200, required=False)
    starts_at = WindowDateTimeField()
    ends_at = WindowDateTimeField()
    performers = serializers.ListField(
        child=text(100, min_length=1), max_length=20, required=False, default=list
    )
    status = PerformanceStatusField(default=Performance.Status.SCHEDULED)
    note = text(300, required=False)
    note_ar = text(300, required=False)


class DelayInput(serializers.Serializer):
    minutes = StrictIntegerField(min_value=1, max_value=DELAY_MAX_MINUTES)
    cascade = serializers.BooleanField(
        default=False,
        help_text="Move the later performances on the same stage that day too.",
    )


# --- outputs -----------------------------------------------------------------------------------


class PageImageOutput(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField()
    alt = serializers.CharField()
    alt_ar = serializers.CharField()


class PageFaqOutput(serializers.Serializer):
    id = serializers.IntegerField()
    question = serializers.CharField()
    question_ar = serializers.CharField()
    answer = serializers.CharField()
    answer_ar = serializers.CharField()


class PageLinkOutput(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    label_ar = serializers.CharField()
    url = serializers.CharField()


class StageOnMapOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    name_ar = serializers.CharField()
    x = serializers.FloatField(help_text="Percent of the map's width from its left edge.")
    y = serializers.FloatField(help_text="Percent of the map's height from its top edge.")


@extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "description": "The approved vendor in the booth, or null.",
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "category": {"type": "string"},
            "logo": {"type": "string", "nullable": True, "description": "Its URL, or null."},
        },
        "required": ["id", "name", "category", "logo"],
    }
)
class BoothVendorField(serializers.DictField):
    """A booth's vendor (a nullable object, described in full for the schema)."""


class BoothOnMapOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField(help_text="What the map and the signs say, e.g. A-01.")
    zone = serializers.CharField()
    size = serializers.CharField()
    x = serializers.FloatField(help_text="Percent of the map's width from its left edge.")
    y = serializers.FloatField(help_text="Percent of the map's height from its top edge.")
    w = serializers.FloatField(help_text="Width, in percent of the map's.")
    h = serializers.FloatField(help_text="Height, in percent of the map's.")
    vendor = BoothVendorField(allow_null=True)


class FestivalMapOutput(serializers.Serializer):
    image = serializers.CharField(allow_null=True, help_text="The map's URL; null: none.")
    stages = StageOnMapOutput(many=True)
    booths = BoothOnMapOutput(many=True, help_text="The vendors' booths (backend.vendors).")


class ContentOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    event = serializers.CharField()
    tagline = serializers.CharField()
    tagline_ar = serializers.CharField()
    description = serializers.CharField()
    description_ar = serializers.CharField()
    images = PageImageOutput(many=True)
    faq = PageFaqOutput(many=True)
    links = PageLinkOutput(many=True)
    map = FestivalMapOutput()


class SponsorOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    tier = serializers.ChoiceField(choices=Sponsor.Tier.choices)
    logo = serializers.CharField(allow_null=True)
    url = serializers.CharField()


class ScheduleStageOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    name_ar = serializers.CharField()


class ScheduleItemOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    title_ar = serializers.CharField()
    stage = ScheduleStageOutput()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    performers = serializers.ListField(child=serializers.CharField())
    status = PerformanceStatusField()
    note = serializers.CharField()
    note_ar = serializers.CharField()


class ContactReceivedOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    id = serializers.IntegerField()
    received_at = serializers.DateTimeField()


class StaffPageImageOutput(PageImageOutput):
    sort_order = serializers.IntegerField()


class StaffPageImageAnswer(StaffPageImageOutput):
    ok = serializers.BooleanField()


class StaffContentOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    event = serializers.CharField()
    tagline = serializers.CharField()
    tagline_ar = serializers.CharField()
    description = serializers.CharField()
    description_ar = serializers.CharField()
    faq = PageFaqOutput(many=True)
    links = PageLinkOutput(many=True)
    images = StaffPageImageOutput(many=True)
    map_image = serializers.CharField(allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True, help_text="null: never edited.")


class FestivalMapAnswer(serializers.Serializer):
    ok = serializers.BooleanField()
    map_image = serializers.CharField(allow_null=True)


class ContentDeletedOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    id = serializers.IntegerField(help_text="What was deleted.")


class StageOutput(StageOnMapOutput):
    sort_order = serializers.IntegerField()


class StageAnswer(StageOutput):
    ok = serializers.BooleanField()


class StageListOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    stages = StageOutput(many=True)


class StaffSponsorOutput(SponsorOutput):
    sort_order = serializers.IntegerField()


class SponsorAnswer(StaffSponsorOutput):
    ok = serializers.BooleanField()


class SponsorListOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    sponsors = StaffSponsorOutput(many=True)


class StaffScheduleItemOutput(ScheduleItemOutput):
    updated_at = serializers.DateTimeField()


class PerformanceAnswer(StaffScheduleItemOutput):
    ok = serializers.BooleanField()


class StaffScheduleOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    items = StaffScheduleItemOutput(many=True)


class ContactMessageOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    email = serializers.CharField()
    subject = serializers.CharField()
    message = serializers.CharField()
    received_at = serializers.DateTimeField()
    handled_at = serializers.DateTimeField(allow_null=True)


class ContactMessageAnswer(ContactMessageOutput):
    ok = serializers.BooleanField()


class ContactMessagePage(PageOutput):
    results = ContactMessageOutput(many=True)
