"""A venue's opening hours: set all of a venue's ranges at once, checked as a whole."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction

from backend.core.errors import ValidationError
from backend.inventory.models import OpeningHours, Venue, validate_opening_ranges


@transaction.atomic
def venue_opening_hours_set(
    *, venue: Venue, ranges: Iterable[tuple[int, time, time]]
) -> list[OpeningHours]:
    """Make ``venue``'s opening hours exactly ``ranges`` (weekday, opens, closes; Monday
    is 0; a weekday without a range is closed). Rows that stay the same keep their ids, so
    setting the same hours again changes nothing. Ranges that close before they open or
    overlap on a weekday are a ``validation_error`` naming ``opening_hours``; nothing changes."""
    wanted = sorted(set(ranges))
    try:
        validate_opening_ranges(wanted)
    except DjangoValidationError as error:
        raise ValidationError(fields={"opening_hours": error.messages}) from None
    existing = {(h.weekday, h.opens, h.closes): h for h in venue.opening_hours.all()}
    OpeningHours.objects.filter(
        pk__in=[h.pk for key, h in existing.items() if key not in wanted]
    ).delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(venue=venue, weekday=weekday, opens=opens, closes=closes)
        for weekday, opens, closes in wanted
        if (weekday, opens, closes) not in existing
    )
    return list(venue.opening_hours.all())
