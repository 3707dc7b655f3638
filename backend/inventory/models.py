"""Inventory: venues, events, what is booked (resources), when (slots), and holds.

A slot is (resource, start, end) with a capacity.  Its counters ``sold`` and ``held`` change
only through the engine's conditional UPDATE statements (``services/holds.py``), which keep
``sold + held <= capacity`` true at every instant; ``version`` rises with every change so that
readers can put updates from several processes in order.
"""

from __future__ import annotations

import itertools
import uuid
import zoneinfo
from collections.abc import Iterable
from datetime import time
from decimal import Decimal

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
    URLValidator,
)
from django.db import models
from django.utils import timezone


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value!r} is not a time zone name such as 'Asia/Riyadh'.")


def validate_country(value: str) -> None:
    if value and value not in phonenumbers.SUPPORTED_REGIONS:
        raise ValidationError(f"{value!r} is not a country code such as 'SA' or 'IN'.")


def validate_image_url(value: str) -> None:
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(schemes=["https"])(value)


class Amenity(models.Model):
    """One thing a venue or a room offers (Wi-Fi, a pool, parking), named in English and
    Arabic and drawn with one of the web app's icons."""

    class Icon(models.TextChoices):
        WIFI = "wifi", "Wi-Fi"
        POOL = "pool", "Pool"
        PARKING = "parking", "Parking"
        BREAKFAST = "breakfast", "Breakfast"
        AIR = "air", "Air conditioning"
        SPA = "spa", "Spa"
        GYM = "gym", "Gym"
        SCREEN = "screen", "Screen"
        COFFEE = "coffee", "Coffee"
        ACCESSIBLE = "accessible", "Step-free access"
        VIEW = "view", "View"
        BED = "bed", "Bed"
        TOOLS = "tools", "Tools"
        STAR = "star", "Star"

    code = models.SlugField(max_length=40, unique=True)
    icon = models.CharField(max_length=16, choices=Icon.choices, default=Icon.STAR)
    label = models.CharField(max_length=80, help_text="In English.")
    label_ar = models.CharField(max_length=80, blank=True, help_text="In Arabic (empty: English).")
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "label", "id"]
        verbose_name_plural = "amenities"

    def __str__(self) -> str:
        return self.label


class Venue(models.Model):
    name = models.CharField(max_length=200)
    city = models.CharField(max_length=100, db_index=True, help_text="Searched by stay search.")
    address = models.CharField(max_length=300, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    country = models.CharField(
        max_length=2,
        blank=True,
        validators=[validate_country],
        help_text="ISO 3166 code (SA, IN): phone numbers typed without a country code for its "
        "events are read as this country's; empty: PHONE_DEFAULT_REGION.",
    )
    contact_phone = models.CharField(max_length=32, blank=True, help_text="As guests dial it.")
    contact_email = models.EmailField(blank=True)
    check_in_time = models.TimeField(
        null=True, blank=True, help_text="Stays: from when guests may check in (local time)."
    )
    check_out_time = models.TimeField(
        null=True, blank=True, help_text="Stays: by when guests check out (local time)."
    )
    amenities = models.ManyToManyField(Amenity, blank=True, related_name="venues")

    def __str__(self) -> str:
        return f"{self.name} ({self.city})"

    @property
    def phone_region(self) -> str:
        """Where a phone number typed without a country code for its events is read."""
        return self.country or settings.PHONE_DEFAULT_REGION


WEEKDAYS = [
    (0, "Monday"), (1, "Tuesday"), (2, "Wednesday"), (3, "Thursday"), (4, "Friday"),
    (5, "Saturday"), (6, "Sunday"),
]  # fmt: skip


class OpeningHours(models.Model):
    """One range of a weekday in which the venue is open, in its time zone. A weekday may
    have several (a lunch break is two); a weekday with none is closed. Ranges of one
    weekday never overlap (``validate_opening_ranges``: the admin and the service check)."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS, validators=[MaxValueValidator(6)])
    opens = models.TimeField()
    closes = models.TimeField(help_text="After it opens, the same day.")

    class Meta:
        ordering = ["weekday", "opens", "id"]
        verbose_name = "opening hours"
        verbose_name_plural = "opening hours"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="hours_close_after_opening"
            ),
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="hours_weekday"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"

    def clean(self) -> None:
        if self.opens is not None and self.closes is not None and self.closes <= self.opens:
            raise ValidationError({"closes": "Closes after it opens (the same day)."})


def validate_opening_ranges(ranges: Iterable[tuple[int, time, time]]) -> None:
    """Every (weekday, opens, closes) closes after it opens, and no two of a weekday overlap
    (one may start when another ends)."""
    by_day: dict[int, list[tuple[time, time]]] = {}
    for weekday, opens, closes in ranges:
        if not 0 <= weekday <= 6:
            raise ValidationError(f"{weekday} is not a weekday (Monday is 0, Sunday 6).")
        if closes <= opens:
            raise ValidationError(
                f"{WEEKDAYS[weekday][1]} {opens:%H:%M}-{closes:%H:%M}: closes before it opens."
            )
        by_day.setdefault(weekday, []).append((opens, closes))
    for weekday, day in sorted(by_day.items()):
        day.sort()
        for (a_opens, a_closes), (b_opens, b_closes) in itertools.pairwise(day):
            if b_opens < a_closes:
                raise ValidationError(
                    f"{WEEKDAYS[weekday][1]}: {a_opens:%H:%M}-{a_closes:%H:%M} and "
                    f"{b_opens:%H:%M}-{b_closes:%H:%M} overlap."
                )


class Picture(models.Model):
    """An uploaded picture (``backend.core.images`` checks it) with its renditions: the same
    picture resized to a few widths, stored under names made of its content's hash, which the
    site serves as immutable. Several per object, in ``sort_order``."""

    image = models.ImageField(
        upload_to="pictures/",
        blank=True,
        width_field="width",
        height_field="height",
        help_text="PNG, JPEG, WebP or GIF; resized for phones and screens when saved.",
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    renditions = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="[{name, width, height}], narrowest first.",
    )
    alt = models.CharField(max_length=200, help_text="What it shows, in English.")
    alt_ar = models.CharField(max_length=200, blank=True, help_text="In Arabic (empty: English).")
    sort_order = models.IntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.alt or self.image.name or ""


class VenueImage(Picture):
    """A picture of the venue: uploaded, or an absolute URL or a path on this site such as a
    static file (``/static/inventory/venues/…``), which whitenoise and nginx both serve."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="images")
    url = models.CharField(
        max_length=500,
        blank=True,
        validators=[validate_image_url],
        help_text="Instead of an upload: https://… or a path on this site, "
        "e.g. /static/inventory/venues/front.svg",
    )

    class Meta(Picture.Meta):
        pass

    def __str__(self) -> str:
        return self.alt or self.url or self.image.name or ""

    def clean(self) -> None:
        if bool(self.url) == bool(self.image):
            raise ValidationError("Upload a picture or give its URL (one of the two).")


class Event(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ON_SALE = "on_sale", "On sale"
        CLOSED = "closed", "Closed"

    class Kind(models.TextChoices):
        VIP = "vip", "VIP invitation"
        STAYS = "stays", "Resort stays"
        ROOMS = "rooms", "Time-slot rooms"
        FESTIVAL = "festival", "Festival ticketing"
        SERVICE = "service", "Service appointments"

    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="events")
    description = models.TextField(blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    currency = models.CharField(
        max_length=3, default="SAR", validators=[RegexValidator(r"^[A-Z]{3}$", "ISO 4217 code")]
    )
    language = models.CharField(
        max_length=2, choices=[("ar", "العربية"), ("en", "English")], default="en"
    )
    hold_minutes = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    max_hold_extensions = models.PositiveSmallIntegerField(
        default=1, validators=[MaxValueValidator(10)]
    )
    allowlist_only = models.BooleanField(
        default=False, help_text="Only phones on this event's allowlist may sign in to book."
    )
    max_live_holds_per_user = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1)]
    )
    max_quantity_per_hold = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(1)]
    )
    # How a booking may be paid, and visits at the customer's home (service businesses).
    pay_at_venue = models.BooleanField(
        default=False,
        help_text="Guests may choose to pay at the venue: the booking is confirmed at once "
        "with its payment due, and staff mark it paid there.",
    )
    home_visit_fee = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Visits at the customer's home are offered for this fee (empty: not offered).",
    )
    home_visit_travel_minutes = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(600)],
        help_text="The travel time a home visit adds to the appointment's length.",
    )
    service_area = models.JSONField(
        default=list,
        blank=True,
        help_text='The cities or postcodes served at home, e.g. ["Bengaluru", "560038"] '
        "(case and spaces ignored).",
    )
    # The event's tax: what bookings charge and invoices bill (``backend.bookings.billing``).
    tax_rate = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text="Percent, e.g. 15.00 (VAT in Saudi Arabia) or 18.00 (GST in India).",
    )
    prices_include_tax = models.BooleanField(
        default=True,
        help_text="Prices are entered gross (tax included); else net, and each line is "
        "charged its price plus the tax.",
    )

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.name


def seat_label(section: str, row: str, number: int | None) -> str:
    """What a seat is called (its resource's ``str``)."""
    return f"{section} row {row} seat {number}"


class Resource(models.Model):
    """What is booked: a seat, a ticket type, a room, a meeting space, a group of bays."""

    class Kind(models.TextChoices):
        SEAT = "seat", "Numbered seat"
        TICKET = "ticket", "General-admission ticket type"
        ROOM = "room", "Room (by the night)"
        SPACE = "space", "Space (by time slot)"
        SERVICE = "service", "Service bays (appointments)"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    price = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    section = models.CharField(max_length=50, blank=True)
    row = models.CharField(max_length=10, blank=True)
    number = models.PositiveIntegerField(null=True, blank=True)
    guest_capacity = models.PositiveSmallIntegerField(
        default=1, help_text="People it takes (rooms, spaces)."
    )
    units = models.PositiveIntegerField(
        default=1, help_text="Slot capacity: the quota of a ticket type, the bays of a group."
    )
    sort_order = models.IntegerField(default=0)
    attributes = models.JSONField(default=dict, blank=True)
    amenities = models.ManyToManyField(Amenity, blank=True, related_name="resources")

    class Meta:
        ordering = ["sort_order", "section", "row", "number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "section", "row", "number"],
                condition=models.Q(kind="seat"),
                name="one_seat_per_place",
            )
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.SEAT:
            return seat_label(self.section, self.row, self.number)
        return self.name

    @property
    def currency(self) -> str:
        return self.event.currency


class EventImage(Picture):
    """A picture of the event (its poster, the stage, the evening)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="images")

    class Meta(Picture.Meta):
        pass


class ResourceImage(Picture):
    """A picture of what is booked: a room, a meeting space, a seat's view."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="images")

    class Meta(Picture.Meta):
        pass


class Slot(models.Model):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    capacity = models.PositiveIntegerField()
    sold = models.PositiveIntegerField(default=0)
    held = models.PositiveIntegerField(
        default=0, help_text="Units in unreleased holds (an expired hold until the sweeper)."
    )
    version = models.PositiveBigIntegerField(default=0)
    price = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="Empty: the resource's."
    )

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["starts_at"], name="slot_starts_at")]
        constraints = [
            models.UniqueConstraint(fields=["resource", "starts_at"], name="one_slot_per_start"),
            models.CheckConstraint(
                condition=models.Q(sold__lte=models.F("capacity") - models.F("held")),
                name="slot_never_oversold",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def unit_price(self) -> Decimal:
        return self.price if self.price is not None else self.resource.price


class Hold(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        RELEASED = "released", "Released"
        EXPIRED = "expired", "Expired"
        CONVERTED = "converted", "Converted to a sale"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="holds")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="holds"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    extensions = models.PositiveSmallIntegerField(default=0)
    warned_at = models.DateTimeField(
        null=True, blank=True, help_text="When hold.expiring was sent for this expiry."
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # The sweeper and the expired-hold correction look only at active holds by
            # expiry: a partial index keeps that lookup tiny however many holds ended.
            models.Index(
                fields=["expires_at"],
                condition=models.Q(status="active"),
                name="hold_active_expiry",
            ),
            models.Index(fields=["user", "event", "status"], name="hold_owner"),
        ]

    def __str__(self) -> str:
        return f"hold {self.id} ({self.status})"


class HoldItem(models.Model):
    hold = models.ForeignKey(Hold, on_delete=models.CASCADE, related_name="items")
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="hold_items")
    quantity = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["hold", "slot"], name="one_item_per_slot"),
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="item_quantity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} of {self.slot}"


class SeatSection(models.Model):
    """A block of numbered seats: its price tier, its place on the map and its aisles.

    Seats name their section by ``Resource.section`` (a code such as ``Floor``); this row adds
    what the map and "best available" need. A seated event without sections still works:
    its seats form unnamed blocks, ranked after every described section."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="seat_sections")
    name = models.CharField(max_length=50, help_text="As the seats' section says, e.g. Floor.")
    name_ar = models.CharField(max_length=50, blank=True, help_text="In Arabic (empty: name).")
    tier = models.CharField(max_length=50, blank=True, help_text="Price tier, e.g. Gold.")
    tier_ar = models.CharField(max_length=50, blank=True, help_text="In Arabic (empty: tier).")
    price = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="The tier's price for every seat in the section (empty: each seat's own).",
    )
    rank = models.PositiveSmallIntegerField(
        default=1, help_text="Best available prefers lower ranks (1: the best seats)."
    )
    map_row = models.PositiveSmallIntegerField(
        default=0, help_text="The band of the map it sits in, 0 nearest the stage."
    )
    sort_order = models.IntegerField(default=0, help_text="Left to right within its band.")
    aisles_after = models.JSONField(
        default=list,
        blank=True,
        help_text="Seat numbers followed by an aisle, e.g. [6] (a gap in the numbering is "
        "an aisle too). Best available never splits a party across one.",
    )

    class Meta:
        ordering = ["map_row", "sort_order", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="one_seat_section_per_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.tier})" if self.tier else self.name

    def clean(self) -> None:
        super().clean()
        aisles = self.aisles_after
        if not isinstance(aisles, list) or not all(
            isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in aisles
        ):
            raise ValidationError({"aisles_after": "A list of seat numbers, e.g. [6, 12]."})


class WaitingRoom(models.Model):
    """An event's waiting room (docs/waiting-room.md): off, on, or switched on by itself
    (``auto``) when arrivals pass ``arrival_threshold`` per minute. ``active`` is what the
    hold paths read (the rush route's statement too): on, or auto and switched on."""

    class Mode(models.TextChoices):
        OFF = "off", "Off"
        ON = "on", "On"
        AUTO = "auto", "Automatic"

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="waiting_room")
    mode = models.CharField(max_length=8, choices=Mode.choices, default=Mode.OFF)
    active = models.BooleanField(default=False)
    opens_at = models.DateTimeField(
        null=True, blank=True, help_text="The on-sale moment: who joined before it is shuffled."
    )
    admission_per_minute = models.PositiveIntegerField(
        default=600, validators=[MinValueValidator(1)]
    )
    pass_minutes = models.PositiveSmallIntegerField(default=10, validators=[MinValueValidator(1)])
    arrival_threshold = models.PositiveIntegerField(
        default=1000, help_text="auto: arrivals per minute past which the room switches on."
    )
    opened = models.BooleanField(
        default=False, help_text="The early arrivals have been shuffled (once, at opens_at)."
    )
    next_rank = models.PositiveBigIntegerField(default=1)
    credit = models.FloatField(default=0.0, help_text="Admissions owed since the last tick.")
    ticked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"waiting room of {self.event_id} ({self.mode})"


class QueueEntry(models.Model):
    """One account's place in an event's waiting room. ``rank`` orders the line: empty
    until the opening for those who joined before it (then a uniform shuffle), the next
    number for those after (first come, first served)."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        ADMITTED = "admitted", "Admitted"
        EXPIRED = "expired", "Expired"
        LEFT = "left", "Left"

    room = models.ForeignKey(WaitingRoom, on_delete=models.CASCADE, related_name="entries")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="queue_entries"
    )
    token = models.CharField(max_length=32, unique=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    device = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.WAITING)
    rank = models.PositiveBigIntegerField(null=True, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)
    admitted_at = models.DateTimeField(null=True, blank=True)
    pass_expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["rank", "id"]
        indexes = [
            models.Index(fields=["room", "status", "rank"], name="queue_line"),
            models.Index(fields=["room", "address"], name="queue_address"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "user"],
                condition=models.Q(status__in=["waiting", "admitted"]),
                name="one_live_queue_entry_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.token} ({self.status})"
