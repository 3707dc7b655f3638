"""Page-number pagination for lists and querysets: ``count``, ``page``, ``page_size``,
``pages`` and the page's items. A page past the end is empty, not an error."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from rest_framework import serializers

T = TypeVar("T")


@dataclass
class Page(Generic[T]):
    items: list[T]
    count: int
    page: int
    page_size: int
    pages: int

    def meta(self) -> dict[str, int]:
        return {
            "count": self.count,
            "page": self.page,
            "page_size": self.page_size,
            "pages": self.pages,
        }


def paginate(items: Sequence[T] | QuerySet[Any, T], *, page: int, page_size: int) -> Page[T]:
    """One page (1-based). A queryset is counted by the database, not loaded."""
    start = (page - 1) * page_size
    count = items.count() if isinstance(items, QuerySet) else len(items)
    return Page(
        items=list(items[start : start + page_size]),
        count=count,
        page=page,
        page_size=page_size,
        pages=math.ceil(count / page_size),
    )


class PageInput(serializers.Serializer):
    page = serializers.IntegerField(min_value=1, max_value=10_000, default=1)
    page_size = serializers.IntegerField(min_value=1, max_value=100, default=20)


class PageOutput(serializers.Serializer):
    """The page fields every paginated answer has; subclasses add ``results``."""

    ok = serializers.BooleanField()
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    pages = serializers.IntegerField()


def page_body(page: Page[T], render: Callable[[T], Any]) -> dict[str, Any]:
    return {"ok": True, **page.meta(), "results": [render(item) for item in page.items]}
