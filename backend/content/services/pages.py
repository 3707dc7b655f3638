"""The event page: its texts, FAQ and links (whole lists at a time), its pictures and its map.

The page's row is made on its first edit. Each change is one transaction with one audit row
(``content.page_update``, ``content.image_add`` / ``_delete``, ``content.map_set`` /
``_remove``); a picture replaced or deleted leaves the storage once the change commits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max

from backend.content.models import ContentImage, ContentLink, EventContent, FaqEntry
from backend.content.selectors import page_content_text
from backend.content.services.files import forget_file, store_image
from backend.core.audit import audit
from backend.core.images import checked_image
from backend.inventory.models import Event

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal

TEXT_FIELDS = ("tagline", "tagline_ar", "description", "description_ar")
FAQ_FIELDS = ("question", "question_ar", "answer", "answer_ar")
LINK_FIELDS = ("label", "label_ar", "url")


def _locked_content(event: Event) -> EventContent:
    """The event's page row, made if missing, locked for this transaction."""
    EventContent.objects.get_or_create(event=event)
    return EventContent.objects.select_for_update().get(event=event)


def _audited(content: EventContent) -> dict[str, Any]:
    """The page as the audit log keeps it (without the ids a replaced list gets anew)."""
    text = page_content_text(content)
    for key in ("faq", "links"):
        text[key] = [{k: v for k, v in row.items() if k != "id"} for row in text[key]]
    return text


def page_update(
    *, event: Event, actor: Principal | None, changes: Mapping[str, Any]
) -> EventContent:
    """Change the page's texts; ``faq`` and ``links``, when given, replace the old lists
    (their order is the list's). Only the keys given change."""
    with transaction.atomic():
        content = _locked_content(event)
        before = _audited(content)
        for name in TEXT_FIELDS:
            if name in changes:
                setattr(content, name, changes[name])
        content.save()
        if "faq" in changes:
            _replace(content, FaqEntry, changes["faq"], FAQ_FIELDS)
        if "links" in changes:
            _replace(content, ContentLink, changes["links"], LINK_FIELDS)
        after = _audited(content)
        if after != before:
            audit(actor=actor, action="content.page_update", obj=content, event=event,
                  before=before, after=after)  # fmt: skip
    return content


def _replace(
    content: EventContent,
    model: type[FaqEntry] | type[ContentLink],
    rows: Sequence[Mapping[str, Any]],
    fields: tuple[str, ...],
) -> None:
    model.objects.filter(content=content).delete()
    new: list[Any] = [
        model(content=content, sort_order=order, **{name: row.get(name, "") for name in fields})
        for order, row in enumerate(rows)
    ]
    model.objects.bulk_create(new)


def image_add(
    *,
    event: Event,
    actor: Principal | None,
    upload: Any,
    alt: str,
    alt_ar: str = "",
    sort_order: int | None = None,
) -> ContentImage:
    """A picture for the page (after the others unless ``sort_order`` says otherwise); a
    file that is not a PNG, JPEG, WebP or GIF is a 400 naming ``image``."""
    checked = checked_image(upload, field="image")
    with transaction.atomic():
        content = _locked_content(event)
        if sort_order is None:
            last = content.images.aggregate(last=Max("sort_order"))["last"]
            sort_order = 0 if last is None else last + 1
        image = ContentImage.objects.create(
            content=content, image=checked, alt=alt, alt_ar=alt_ar, sort_order=sort_order
        )
        audit(actor=actor, action="content.image_add", obj=image, event=event,
              after={"image": image.image.name, "alt": alt, "alt_ar": alt_ar,
                     "sort_order": sort_order})  # fmt: skip
    return image


def image_delete(*, image: ContentImage, actor: Principal | None) -> None:
    event = image.content.event
    with transaction.atomic():
        audit(actor=actor, action="content.image_delete", obj=image, event=event,
              before={"image": image.image.name, "alt": image.alt, "alt_ar": image.alt_ar,
                      "sort_order": image.sort_order})  # fmt: skip
        forget_file(image.image)
        image.delete()


def map_set(*, event: Event, actor: Principal | None, upload: Any) -> EventContent:
    """The festival map's picture (replacing the old one)."""
    with transaction.atomic():
        content = _locked_content(event)
        before = content.map_image.name or None
        store_image(content, "map_image", upload, input_name="image")
        content.save()
        after = {"map_image": content.map_image.name}
        audit(actor=actor, action="content.map_set", obj=content, event=event,
              before={"map_image": before}, after=after)  # fmt: skip
    return content


def map_remove(*, event: Event, actor: Principal | None) -> EventContent | None:
    """Take the map's picture away (nothing to do, and no audit row, when there is none)."""
    with transaction.atomic():
        content = EventContent.objects.select_for_update().filter(event=event).first()
        if content is None or not content.map_image:
            return content
        before = content.map_image.name
        forget_file(content.map_image)
        content.map_image = ""
        content.save()
        audit(actor=actor, action="content.map_remove", obj=content, event=event,
              before={"map_image": before}, after={"map_image": None})  # fmt: skip
    return content
