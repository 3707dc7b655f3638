"""Pictures and amenities of many venues and resources at once (for lists such as stay
search), in a fixed number of queries however many there are."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import time

from backend.inventory.models import Amenity, Picture, Resource, ResourceImage, Venue


@dataclass(slots=True)
class Shown:
    """What a list shows beside a venue or a resource."""

    images: list[Picture] = field(default_factory=list)
    amenities: list[Amenity] = field(default_factory=list)
    check_in_time: time | None = None
    check_out_time: time | None = None


def venues_shown(venue_ids: Iterable[int]) -> dict[int, Shown]:
    """Each venue's pictures, amenities and stay times (three queries)."""
    venues = Venue.objects.filter(pk__in=set(venue_ids)).prefetch_related("images", "amenities")
    return {
        venue.pk: Shown(
            images=list(venue.images.all()),
            amenities=list(venue.amenities.all()),
            check_in_time=venue.check_in_time,
            check_out_time=venue.check_out_time,
        )
        for venue in venues.only("id", "check_in_time", "check_out_time")
    }


def resources_shown(resource_ids: Iterable[int]) -> dict[int, Shown]:
    """Each resource's pictures and amenities (two queries)."""
    ids = set(resource_ids)
    shown: dict[int, Shown] = defaultdict(Shown)
    for image in ResourceImage.objects.filter(resource_id__in=ids):
        shown[image.resource_id].images.append(image)
    links = Resource.amenities.through.objects.filter(resource_id__in=ids).select_related("amenity")
    for link in sorted(links, key=lambda link: (link.amenity.sort_order, link.amenity.label)):
        shown[link.resource_id].amenities.append(link.amenity)
    return shown
