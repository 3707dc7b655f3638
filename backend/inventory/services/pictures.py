"""Pictures of venues, events and resources: their renditions, made when one is saved."""

from __future__ import annotations

from backend.core.images import renditions_make
from backend.inventory.models import Picture


def picture_renditions_make(*, picture: Picture) -> Picture:
    """Resize ``picture``'s upload to the rendition widths (stored once per content) and keep
    their names on it; a picture given by URL, or none, has none."""
    renditions = renditions_make(picture.image) if picture.image else []
    if renditions != picture.renditions:
        picture.renditions = renditions
        type(picture)._default_manager.filter(pk=picture.pk).update(renditions=renditions)
    return picture
