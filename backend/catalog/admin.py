"""The catalog in the admin: vehicle types with their brands, brands with their models,
categories with their services, services with their per-model prices, and the price list's
CSV import on the prices' list.

Every add, change and delete is audited (``AuditedAdmin``), the rows edited inline too (one
audit row each, named ``<model>.add|change|delete`` like the page's own), and each one bumps
the catalog's cache (through the model signals) so the API serves it at once.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from backend.catalog.models import (
    Service,
    ServiceCategory,
    ServicePrice,
    VehicleBrand,
    VehicleModel,
    VehicleType,
)
from backend.catalog.services.prices import COLUMNS, PriceListReport, price_list_import
from backend.core.admin import AuditedAdmin
from backend.core.admin_import import CsvImportAdminMixin, CsvImportForm
from backend.core.audit import audit
from backend.inventory.models import Event


def _state(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in fields}


class CatalogAdmin(AuditedAdmin):
    """Audits the rows edited inline as well as the page's own object."""

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # The forms' instances already hold the new values: the old ones are the database's.
        fields = INLINE_AUDITED.get(formset.model, ("name",))
        pks = [inline.instance.pk for inline in formset.forms if inline.instance.pk is not None]
        befores = {
            obj.pk: _state(obj, fields) for obj in formset.model._default_manager.filter(pk__in=pks)
        }
        event = self.audit_event(form.instance)
        for inline in formset.deleted_forms:  # while they still have their ids
            obj = inline.instance
            if obj.pk is not None:
                audit(actor=request.user, action=f"{obj._meta.model_name}.delete", obj=obj,
                      event=event, before=befores.get(obj.pk))  # fmt: skip
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            audit(actor=request.user, action=f"{obj._meta.model_name}.add", obj=obj,
                  event=event, after=_state(obj, fields))  # fmt: skip
        for obj, _changed in formset.changed_objects:
            audit(actor=request.user, action=f"{obj._meta.model_name}.change", obj=obj,
                  event=event, before=befores.get(obj.pk), after=_state(obj, fields))  # fmt: skip


INLINE_AUDITED: dict[type, tuple[str, ...]] = {
    VehicleBrand: ("name", "sort_order"),
    VehicleModel: ("name", "active", "sort_order"),
    Service: ("name_en", "name_ar", "duration_minutes", "base_price", "active", "sort_order"),
    ServicePrice: ("vehicle_model_id", "offered", "price"),
}


class VehicleBrandInline(admin.TabularInline):
    model = VehicleBrand
    extra = 1
    fields = ["name", "sort_order"]
    show_change_link = True


@admin.register(VehicleType)
class VehicleTypeAdmin(TranslationAdmin, CatalogAdmin):
    audited_fields = ("name_en", "name_ar", "sort_order")
    list_display = ["name", "event", "sort_order"]
    list_filter = ["event"]
    search_fields = ["name", "event__name"]
    autocomplete_fields = ["event"]
    inlines = [VehicleBrandInline]


class VehicleModelInline(admin.TabularInline):
    model = VehicleModel
    extra = 1
    fields = ["name", "active", "sort_order"]


@admin.register(VehicleBrand)
class VehicleBrandAdmin(CatalogAdmin):
    audited_fields = ("name", "vehicle_type_id", "sort_order")
    list_display = ["name", "vehicle_type", "sort_order"]
    list_filter = ["vehicle_type__event", "vehicle_type"]
    search_fields = ["name", "vehicle_type__name"]
    list_select_related = ["vehicle_type"]
    inlines = [VehicleModelInline]


@admin.register(VehicleModel)
class VehicleModelAdmin(CatalogAdmin):
    audited_fields = ("name", "brand_id", "active", "sort_order")
    list_display = ["name", "brand", "active", "sort_order"]
    list_filter = ["brand__vehicle_type__event", "brand__vehicle_type", "active"]
    search_fields = ["name", "brand__name"]
    list_select_related = ["brand__vehicle_type"]
    autocomplete_fields = ["brand"]


class ServiceInline(TranslationTabularInline):
    model = Service
    extra = 1
    fields = ["name", "duration_minutes", "base_price", "active", "sort_order"]
    show_change_link = True


@admin.register(ServiceCategory)
class ServiceCategoryAdmin(TranslationAdmin, CatalogAdmin):
    audited_fields = ("name_en", "name_ar", "sort_order")
    list_display = ["name", "event", "sort_order"]
    list_filter = ["event"]
    search_fields = ["name"]
    autocomplete_fields = ["event"]
    inlines = [ServiceInline]


class ServicePriceInline(admin.TabularInline):
    model = ServicePrice
    extra = 1
    fields = ["vehicle_model", "offered", "price"]
    autocomplete_fields = ["vehicle_model"]


@admin.register(Service)
class ServiceAdmin(TranslationAdmin, CatalogAdmin):
    audited_fields = (
        "name_en", "name_ar", "category_id", "description", "duration_minutes", "base_price",
        "active", "sort_order",
    )  # fmt: skip
    list_display = ["name", "category", "duration_minutes", "base_price", "active"]
    list_filter = ["category__event", "category", "active"]
    search_fields = ["name", "category__name"]
    list_select_related = ["category"]
    inlines = [ServicePriceInline]


HEADER_NAMES = {name for names in COLUMNS.values() for name in names}


class PriceListImportForm(CsvImportForm):
    event: forms.ModelChoiceField[Event] = forms.ModelChoiceField(
        queryset=Event.objects.filter(kind=Event.Kind.SERVICE).order_by("-starts_at"),
        help_text="The service event whose catalog the prices belong to.",
    )
    field_order = ["event", "file", "dry_run"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            "UTF-8 CSV with the columns brand, model, service and price (optionally "
            "vehicle_type and category, where a name is shared). A price is a number in the "
            "event's currency, 'base' (the service's base price) or 'not offered'. "
            f"Other header names understood: {', '.join(sorted(HEADER_NAMES))}."
        )


@admin.register(ServicePrice)
class ServicePriceAdmin(CsvImportAdminMixin, CatalogAdmin):
    audited_fields = ("service_id", "vehicle_model_id", "offered", "price")
    list_display = ["service", "vehicle_model", "offered", "price"]
    list_filter = ["service__category__event", "offered", "service__category", "service"]
    search_fields = ["service__name", "vehicle_model__name", "vehicle_model__brand__name"]
    list_select_related = ["service", "vehicle_model__brand"]
    autocomplete_fields = ["service", "vehicle_model"]
    import_form_class = PriceListImportForm
    import_title = "Import a price list (CSV)"

    def import_initial(self, request: HttpRequest) -> dict[str, Any]:
        return {"event": request.GET.get("service__category__event__id__exact")}

    def run_import(self, request: HttpRequest, data: dict[str, Any]) -> PriceListReport:
        return price_list_import(
            event=data["event"],
            data=data["file"].read(),
            dry_run=data["dry_run"],
            actor=request.user,
        )
