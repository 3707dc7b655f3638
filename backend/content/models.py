"""An event's public pages: its text and pictures, FAQ and links, the festival map with its
stages, the sponsors, the schedule of performances per stage, and what visitors wrote in.

Everything belongs to one ``inventory.Event``: the page's own parts (pictures, FAQ, links)
through its :class:`EventContent` row, the rest directly (a stage, a sponsor, a message) or
through a stage (a performance). Arabic texts sit beside the English ones (``*_ar``; empty
means the English is shown). Images are checked with Pillow and stored under random names
(``backend.core.images``) in the default storage; the API serves their URLs.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models

from backend.inventory.models import Event

TEXT_MAX = 10_000  # a description
ANSWER_MAX = 4_000
http_url = URLValidator(schemes=["http", "https"])


def url_field(*, blank: bool = False) -> models.URLField:
    """An http(s) address: no javascript:, data: or ftp: link ever reaches a page."""
    return models.URLField(max_length=500, blank=blank, validators=[http_url])


def percent_field(help_text: str) -> models.FloatField:
    return models.FloatField(
        validators=[MinValueValidator(0.0), MaxValueValidator(100.0)], help_text=help_text
    )


class EventContent(models.Model):
    """The event page's text and its festival map (one per event, made on first edit)."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="content")
    tagline = models.CharField(max_length=200, blank=True)
    tagline_ar = models.CharField(max_length=200, blank=True)
    description = models.TextField(max_length=TEXT_MAX, blank=True)
    description_ar = models.TextField(max_length=TEXT_MAX, blank=True)
    map_image = models.ImageField(
        upload_to="content/maps/",
        blank=True,
        help_text="The festival map; stages and booths are placed on it in percent.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "event page"

    def __str__(self) -> str:
        return f"Page of {self.event}"


class ContentImage(models.Model):
    content = models.ForeignKey(EventContent, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to="content/images/")
    alt = models.CharField(max_length=200, help_text="What it shows, in English.")
    alt_ar = models.CharField(max_length=200, blank=True, help_text="In Arabic (empty: English).")
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.alt or str(self.image.name)

    @property
    def event(self) -> Event:
        return self.content.event


class FaqEntry(models.Model):
    content = models.ForeignKey(EventContent, on_delete=models.CASCADE, related_name="faq")
    question = models.CharField(max_length=300)
    question_ar = models.CharField(max_length=300, blank=True)
    answer = models.TextField(max_length=ANSWER_MAX)
    answer_ar = models.TextField(max_length=ANSWER_MAX, blank=True)
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"

    def __str__(self) -> str:
        return self.question

    @property
    def event(self) -> Event:
        return self.content.event


class ContentLink(models.Model):
    content = models.ForeignKey(EventContent, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=100)
    label_ar = models.CharField(max_length=100, blank=True)
    url = url_field()
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.label

    @property
    def event(self) -> Event:
        return self.content.event


class Stage(models.Model):
    """A stage, placed on the festival map (``x``, ``y``: percent of its width and height
    from the top left corner)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="stages")
    name = models.CharField(max_length=100)
    name_ar = models.CharField(max_length=100, blank=True)
    x = percent_field("From the map's left edge, 0-100 %.")
    y = percent_field("From the map's top edge, 0-100 %.")
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="content_one_stage_name"),
            models.CheckConstraint(
                condition=models.Q(x__gte=0, x__lte=100, y__gte=0, y__lte=100),
                name="content_stage_on_the_map",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Sponsor(models.Model):
    class Tier(models.TextChoices):
        # In rank order: the display order of the sponsors' list.
        TITLE = "title", "Title"
        PLATINUM = "platinum", "Platinum"
        GOLD = "gold", "Gold"
        SILVER = "silver", "Silver"
        BRONZE = "bronze", "Bronze"
        PARTNER = "partner", "Partner"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sponsors")
    name = models.CharField(max_length=200)
    tier = models.CharField(max_length=16, choices=Tier.choices, default=Tier.PARTNER)
    logo = models.ImageField(upload_to="content/sponsors/", blank=True)
    url = url_field(blank=True)
    sort_order = models.IntegerField(default=0, help_text="Within its tier.")

    class Meta:
        ordering = ["event", "sort_order", "name", "id"]  # the API ranks tiers first

    def __str__(self) -> str:
        return f"{self.name} ({self.get_tier_display()})"


TIER_RANK = {tier.value: rank for rank, tier in enumerate(Sponsor.Tier)}


class Performance(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        DELAYED = "delayed", "Delayed"
        CANCELLED = "cancelled", "Cancelled"

    # A stage with performances is not deleted by accident: move or delete them first.
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="performances")
    title = models.CharField(max_length=200)
    title_ar = models.CharField(max_length=200, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    performers = models.JSONField(default=list, blank=True, help_text='Names: ["Aziz", …]')
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SCHEDULED)
    note = models.CharField(max_length=300, blank=True, help_text="Shown with it: why delayed…")
    note_ar = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "stage__sort_order", "stage__name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="content_performance_ends_after_start",
            )
        ]
        indexes = [models.Index(fields=["stage", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def event(self) -> Event:
        return self.stage.event

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "A performance ends after it starts."})
        if not isinstance(self.performers, list) or not all(
            isinstance(name, str) and 0 < len(name) <= 100 for name in self.performers
        ):
            raise ValidationError({"performers": "A list of names (100 characters at most)."})


class ContactMessage(models.Model):
    """What a visitor sent through the event's contact form (e-mailed to its staff)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="contact_messages")
    name = models.CharField(max_length=100)
    email = models.EmailField()
    subject = models.CharField(max_length=200, blank=True)
    message = models.TextField(max_length=5000)
    client_address = models.GenericIPAddressField(
        null=True, blank=True, help_text="As the trusted proxy saw it."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["event", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.name}: {self.subject or self.message[:40]}"
