"""The catalog for guests: public, paged lists and one model's prices.

Every answer comes from the catalog's server cache (``backend.catalog.cache``), keyed by
the validated query and invalidated by any catalog change in every process at once, and
carries an ``ETag`` with ``Cache-Control: public, no-cache``: a client revalidates each time
and gets a 304 with no body while nothing changed. A bad query parameter is a 400 naming
it; an event, type, brand, category or model that the event does not have is a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.conf import settings
from django.utils import translation
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.catalog import selectors
from backend.catalog.api import examples
from backend.catalog.cache import catalog_cache
from backend.core.errors import NotFound
from backend.core.fields import QueryIdField, StrictSlugField
from backend.core.inputs import validated
from backend.core.pagination import PageInput, PageOutput, page_body, paginate
from backend.core.versioned_cache import conditional_response
from backend.inventory.models import Event

CACHING = (
    " Answers carry an `ETag` and `Cache-Control: public, no-cache`; send `If-None-Match` "
    "to get a 304 while nothing changed."
)


class CatalogQuery(PageInput):
    event = StrictSlugField(help_text="The service event's slug, e.g. repair-shop.")
    page_size = serializers.IntegerField(min_value=1, max_value=100, default=100)


class BrandQuery(CatalogQuery):
    vehicle_type = QueryIdField(required=False, help_text="Only this type's brands.")


class ModelQuery(CatalogQuery):
    vehicle_brand = QueryIdField(required=False, help_text="Only this brand's models.")


class ServiceQuery(CatalogQuery):
    category = QueryIdField(required=False, help_text="Only this category's services.")


class PricingQuery(serializers.Serializer):
    event = StrictSlugField(help_text="The service event's slug, e.g. repair-shop.")
    vehicle_model = QueryIdField(help_text="The model to price for.")


class VehicleTypeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class VehicleBrandOutput(VehicleTypeOutput):
    vehicle_type = serializers.IntegerField()


class VehicleModelOutput(VehicleTypeOutput):
    brand = serializers.IntegerField()
    vehicle_type = serializers.IntegerField()


class ServiceCategoryOutput(VehicleTypeOutput):
    pass


class ServiceOutput(VehicleTypeOutput):
    description = serializers.CharField()
    category = serializers.IntegerField()
    duration_minutes = serializers.IntegerField()
    base_price = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text="In the event's currency."
    )


class VehicleTypePage(PageOutput):
    results = VehicleTypeOutput(many=True)


class VehicleBrandPage(PageOutput):
    results = VehicleBrandOutput(many=True)


class VehicleModelPage(PageOutput):
    results = VehicleModelOutput(many=True)


class ServiceCategoryPage(PageOutput):
    results = ServiceCategoryOutput(many=True)


class ServicePage(PageOutput):
    results = ServiceOutput(many=True)


class PricedServiceOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    category = serializers.IntegerField()
    duration_minutes = serializers.IntegerField()
    price = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text="This model's price: its own, or the base."
    )
    base_price = serializers.DecimalField(max_digits=12, decimal_places=2)


class PricingOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    vehicle_model = serializers.IntegerField()
    currency = serializers.CharField()
    services = PricedServiceOutput(many=True, help_text="Offered for this model only.")


NOT_FOUND = OpenApiResponse(description="No such service event, or it has no such id.")
BAD_QUERY = OpenApiResponse(description="A bad query parameter, named in `fields`.")


def _event(slug: str) -> Event:
    event = selectors.catalog_event(slug=slug)
    if event is None:
        raise NotFound(f"There is no service event {slug!r}.")
    return event


def _key(name: str, query: dict[str, Any]) -> str:
    """One entry per answer and language: names come in the request's (Accept-Language)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return f"{name}:{language}:" + ":".join(f"{k}={query[k]}" for k in sorted(query))


def _decimal(value: Any) -> str:
    return f"{value:.2f}"


class CatalogListApi(APIView):
    """One paged list: validate, then answer from the cache or build the page."""

    authentication_classes: list[type] = []
    permission_classes: list[type] = []
    name: ClassVar[str]
    query_class: ClassVar[type[serializers.Serializer]] = CatalogQuery

    def rows(self, event: Event, query: dict[str, Any]) -> Any:
        raise NotImplementedError

    def render(self, row: dict[str, Any]) -> dict[str, Any]:
        return row

    def get(self, request: Request) -> Response:
        query = validated(self.query_class, request.query_params)
        answer = catalog_cache.get_or_build(_key(self.name, query), self._builder(query))
        return conditional_response(request, answer)

    def _builder(self, query: dict[str, Any]) -> Callable[[], dict[str, Any]]:
        def build() -> dict[str, Any]:
            rows = self.rows(_event(query["event"]), query)
            page = paginate(rows, page=query["page"], page_size=query["page_size"])
            return page_body(page, self.render)

        return build


class VehicleTypeListApi(CatalogListApi):
    name = "vehicle-types"

    @extend_schema(
        summary="Vehicle types of a service event",
        description="Scooter, motorcycle, …, in the shop's order." + CACHING,
        parameters=[CatalogQuery],
        responses={200: VehicleTypePage, 400: BAD_QUERY, 404: NOT_FOUND},
        examples=examples.VEHICLE_TYPES,
    )
    def get(self, request: Request) -> Response:
        return super().get(request)

    def rows(self, event: Event, query: dict[str, Any]) -> Any:
        return selectors.vehicle_types(event=event)


class VehicleBrandListApi(CatalogListApi):
    name = "vehicle-brands"
    query_class = BrandQuery

    @extend_schema(
        summary="Vehicle brands of a service event",
        description="All the event's brands, or one vehicle type's." + CACHING,
        parameters=[BrandQuery],
        responses={200: VehicleBrandPage, 400: BAD_QUERY, 404: NOT_FOUND},
        examples=examples.VEHICLE_BRANDS,
    )
    def get(self, request: Request) -> Response:
        return super().get(request)

    def rows(self, event: Event, query: dict[str, Any]) -> Any:
        type_id = query.get("vehicle_type")
        if type_id is not None and not selectors.vehicle_type_exists(
            event=event, vehicle_type_id=type_id
        ):
            raise NotFound("This event has no such vehicle type.", fields={"vehicle_type": type_id})
        return selectors.vehicle_brands(event=event, vehicle_type_id=type_id)


class VehicleModelListApi(CatalogListApi):
    name = "vehicle-models"
    query_class = ModelQuery

    @extend_schema(
        summary="Vehicle models of a service event",
        description="The models the shop works on (all, or one brand's)." + CACHING,
        parameters=[ModelQuery],
        responses={200: VehicleModelPage, 400: BAD_QUERY, 404: NOT_FOUND},
        examples=examples.VEHICLE_MODELS,
    )
    def get(self, request: Request) -> Response:
        return super().get(request)

    def rows(self, event: Event, query: dict[str, Any]) -> Any:
        brand_id = query.get("vehicle_brand")
        if brand_id is not None and not selectors.vehicle_brand_exists(
            event=event, vehicle_brand_id=brand_id
        ):
            raise NotFound("This event has no such brand.", fields={"vehicle_brand": brand_id})
        return selectors.vehicle_models(event=event, vehicle_brand_id=brand_id)


class ServiceCategoryListApi(CatalogListApi):
    name = "service-categories"

    @extend_schema(
        summary="Service categories of a service event",
        description="In the shop's order." + CACHING,
        parameters=[CatalogQuery],
        responses={200: ServiceCategoryPage, 400: BAD_QUERY, 404: NOT_FOUND},
        examples=examples.SERVICE_CATEGORIES,
    )
    def get(self, request: Request) -> Response:
        return super().get(request)

    def rows(self, event: Event, query: dict[str, Any]) -> Any:
        return selectors.service_categories(event=event)


class ServiceListApi(CatalogListApi):
    name = "services"
    query_class = ServiceQuery

    @extend_schema(
        summary="Services of a service event",
        description=(
            "With their base price (a model may have its own: see pricing) and duration." + CACHING
        ),
        parameters=[ServiceQuery],
        responses={200: ServicePage, 400: BAD_QUERY, 404: NOT_FOUND},
        examples=examples.SERVICES,
    )
    def get(self, request: Request) -> Response:
        return super().get(request)

    def rows(self, event: Event, query: dict[str, Any]) -> Any:
        category_id = query.get("category")
        if category_id is not None and not selectors.service_category_exists(
            event=event, category_id=category_id
        ):
            raise NotFound("This event has no such category.", fields={"category": category_id})
        return selectors.services(event=event, category_id=category_id)

    def render(self, row: dict[str, Any]) -> dict[str, Any]:
        return {**row, "base_price": _decimal(row["base_price"])}


class PricingApi(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    @extend_schema(
        summary="One vehicle model's prices",
        description=(
            "Every service offered for the model, at the model's price (its own where the shop "
            "set one, else the service's base price), in the event's currency. Services not "
            "offered for the model are left out." + CACHING
        ),
        parameters=[PricingQuery],
        responses={200: PricingOutput, 400: BAD_QUERY, 404: NOT_FOUND},
        examples=examples.MODEL_PRICING,
    )
    def get(self, request: Request) -> Response:
        query = validated(PricingQuery, request.query_params)

        def build() -> dict[str, Any]:
            event = _event(query["event"])
            prices = selectors.model_price_list(
                event=event, vehicle_model_id=query["vehicle_model"]
            )
            if prices is None:
                raise NotFound(
                    "This event has no such vehicle model.",
                    fields={"vehicle_model": query["vehicle_model"]},
                )
            return {
                "ok": True,
                "vehicle_model": prices.vehicle_model.pk,
                "currency": prices.currency,
                "services": [
                    {
                        "id": s.id,
                        "name": s.name,
                        "category": s.category,
                        "duration_minutes": s.duration_minutes,
                        "price": _decimal(s.price),
                        "base_price": _decimal(s.base_price),
                    }
                    for s in prices.services
                ],
            }

        answer = catalog_cache.get_or_build(_key("pricing", query), build)
        return conditional_response(request, answer)
