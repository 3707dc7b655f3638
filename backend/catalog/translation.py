"""The repair shop's words in English and Arabic: vehicle types, service categories and
services (see ``backend/inventory/translation.py``). Brands and models are proper names and
stay one value."""

from modeltranslation.translator import TranslationOptions, register

from backend.catalog.models import Service, ServiceCategory, VehicleType


@register(VehicleType)
class VehicleTypeTranslation(TranslationOptions):
    fields = ("name",)
    empty_values = None  # an empty Arabic name is NULL: unique per event only when given


@register(ServiceCategory)
class ServiceCategoryTranslation(TranslationOptions):
    fields = ("name",)
    empty_values = None  # an empty Arabic name is NULL: unique per event only when given


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = ("name",)
    empty_values = None  # an empty Arabic name is NULL: unique per event only when given
