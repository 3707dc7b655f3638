"""Admin for the inventory: events, resources (and generating their slots), slots, holds.

Counters are read-only here: only the engine's services change them.
"""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone

from backend.core.admin import AuditedAdmin
from backend.core.audit import audit
from backend.core.errors import ApplicationError
from backend.inventory.models import (
    Event,
    Hold,
    HoldItem,
    OpeningHours,
    Resource,
    Slot,
    Venue,
    VenueImage,
    validate_opening_ranges,
)
from backend.inventory.services.holds import hold_release
from backend.inventory.services.slots import (
    slots_for_event_days,
    slots_for_nights,
    slots_for_opening_hours,
    slots_for_time_ranges,
)


class OpeningHoursFormSet(forms.BaseInlineFormSet):
    """The ranges as a whole: none closes before it opens, none overlaps another that day."""

    def clean(self) -> None:
        super().clean()
        ranges = [
            (data["weekday"], data["opens"], data["closes"])
            for data in (form.cleaned_data for form in self.forms if form.is_valid())
            if data and not data.get("DELETE") and {"weekday", "opens", "closes"} <= set(data)
        ]
        validate_opening_ranges(ranges)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    formset = OpeningHoursFormSet
    extra = 0


class VenueImageInline(admin.TabularInline):
    model = VenueImage
    fields = ["url", "alt", "alt_ar", "sort_order"]
    extra = 0


VENUE_INLINE_AUDITED: dict[type, tuple[str, ...]] = {
    OpeningHours: ("weekday", "opens", "closes"),
    VenueImage: ("url", "alt", "alt_ar", "sort_order"),
}


@admin.register(Venue)
class VenueAdmin(AuditedAdmin):
    """Audited like the events, the opening hours and images edited inline too (one audit
    row each, ``openinghours.add|change|delete``, ``venueimage.…``)."""

    audited_fields = ("name", "city", "address", "time_zone", "country", "contact_phone",
                      "contact_email")  # fmt: skip
    list_display = ["name", "city", "country", "time_zone", "contact_phone"]
    search_fields = ["name", "city"]
    inlines = [OpeningHoursInline, VenueImageInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        fields = VENUE_INLINE_AUDITED[formset.model]

        def state(obj: Any) -> dict[str, Any]:
            return {name: getattr(obj, name) for name in fields}

        # The forms' instances already hold the new values: the old ones are the database's.
        pks = [inline.instance.pk for inline in formset.forms if inline.instance.pk is not None]
        befores = {obj.pk: state(obj) for obj in formset.model.objects.filter(pk__in=pks)}
        for inline in formset.deleted_forms:  # while they still have their ids
            if inline.instance.pk is not None:
                audit(actor=request.user, action=f"{formset.model._meta.model_name}.delete",
                      obj=inline.instance, before=befores.get(inline.instance.pk))  # fmt: skip
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            audit(actor=request.user, action=f"{obj._meta.model_name}.add", obj=obj,
                  after=state(obj))  # fmt: skip
        for obj, _changed in formset.changed_objects:
            audit(actor=request.user, action=f"{obj._meta.model_name}.change", obj=obj,
                  before=befores.get(obj.pk), after=state(obj))  # fmt: skip


@admin.register(Event)
class EventAdmin(AuditedAdmin):
    audited_fields = (
        "slug", "name", "status", "starts_at", "ends_at", "allowlist_only", "hold_minutes",
        "currency", "tax_rate", "prices_include_tax",
    )  # fmt: skip

    def audit_event(self, obj: Event) -> Event:
        return obj

    list_display = ["name", "slug", "kind", "venue", "starts_at", "status", "allowlist_only"]
    list_filter = ["kind", "status", "allowlist_only"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["venue"]


class SlotGenerationForm(forms.Form):
    first_day = forms.DateField(initial=timezone.localdate)
    last_day = forms.DateField(initial=lambda: timezone.localdate() + timedelta(days=13))
    opening = forms.TimeField(initial=time(9), help_text="Time slots: first start.")
    closing = forms.TimeField(initial=time(18), help_text="Time slots: last end.")
    minutes = forms.IntegerField(initial=30, min_value=5, max_value=24 * 60)
    weekdays = forms.MultipleChoiceField(
        choices=[
            (str(n), day) for n, day in enumerate(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
        ],
        initial=[str(n) for n in range(7)],
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # a Form's clean() returns cleaned_data
        if data.get("first_day") and data.get("last_day") and data["last_day"] < data["first_day"]:
            raise forms.ValidationError("The last day comes before the first.")
        if (
            data.get("first_day")
            and data.get("last_day")
            and (data["last_day"] - data["first_day"]).days > 366
        ):
            raise forms.ValidationError("At most a year at a time.")
        return data


class HoursSlotGenerationForm(forms.Form):
    first_day = forms.DateField(initial=timezone.localdate)
    last_day = forms.DateField(initial=lambda: timezone.localdate() + timedelta(days=13))
    minutes = forms.IntegerField(
        initial=60, min_value=5, max_value=24 * 60, help_text="The length of a slot."
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # a Form's clean() returns cleaned_data
        first, last = data.get("first_day"), data.get("last_day")
        if first and last and last < first:
            raise forms.ValidationError("The last day comes before the first.")
        if first and last and (last - first).days > 366:
            raise forms.ValidationError("At most a year at a time.")
        return data


@admin.register(Resource)
class ResourceAdmin(AuditedAdmin):
    audited_fields = ("name", "kind", "price", "units")
    list_display = ["__str__", "event", "kind", "price", "units", "guest_capacity"]
    list_filter = ["kind", "event"]
    search_fields = ["name", "section", "event__name"]
    autocomplete_fields = ["event"]
    actions = ["generate_event_day_slots"]

    def get_urls(self) -> list[Any]:
        generate = path(
            "<int:resource_id>/generate-slots/",
            self.admin_site.admin_view(self.generate_slots_view),
            name="inventory_resource_generate_slots",
        )
        from_hours = path(
            "<int:resource_id>/generate-slots-from-hours/",
            self.admin_site.admin_view(self.generate_slots_from_hours_view),
            name="inventory_resource_generate_slots_from_hours",
        )
        return [generate, from_hours, *super().get_urls()]

    def generate_slots_from_hours_view(
        self, request: HttpRequest, resource_id: int
    ) -> HttpResponse:
        """Slots of a given length within the venue's opening hours over a range of days."""
        resource = get_object_or_404(
            Resource.objects.select_related("event__venue"), pk=resource_id
        )
        if not self.has_change_permission(request, resource):
            return HttpResponse(status=403)
        form = HoursSlotGenerationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                report = slots_for_opening_hours(
                    resource,
                    first_day=data["first_day"],
                    last_day=data["last_day"],
                    length=timedelta(minutes=data["minutes"]),
                )
                audit(actor=request.user, action="resource.generate_slots", obj=resource,
                      event=resource.event, after={**data, "from": "opening_hours",
                      "created": report.created, "updated": report.updated,
                      "deleted": report.deleted, "kept": len(report.kept)})  # fmt: skip
            self.message_user(request, f"{resource}: {report}")
            return HttpResponseRedirect(
                reverse("admin:inventory_resource_change", args=[resource.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Generate slots for {resource} from the opening hours",
            "resource": resource,
            "hours": resource.event.venue.opening_hours.all(),
            "form": form,
            "opts": self.model._meta,
        }
        return render(request, "admin/inventory/resource/generate_slots_from_hours.html", context)

    @admin.action(description="Make one slot per event day (ticket types, seats)")
    def generate_event_day_slots(self, request: HttpRequest, queryset: QuerySet[Resource]) -> None:
        for resource in queryset.select_related("event__venue"):
            self.message_user(request, f"{resource}: {slots_for_event_days(resource)}")

    def generate_slots_view(self, request: HttpRequest, resource_id: int) -> HttpResponse:
        """Time slots (spaces, service bays) or nights (rooms) over a range of days."""
        resource = get_object_or_404(
            Resource.objects.select_related("event__venue"), pk=resource_id
        )
        if not self.has_change_permission(request, resource):
            return HttpResponse(status=403)
        form = SlotGenerationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            if resource.kind == Resource.Kind.ROOM:
                report = slots_for_nights(
                    resource, first_night=data["first_day"], last_night=data["last_day"]
                )
            else:
                report = slots_for_time_ranges(
                    resource,
                    first_day=data["first_day"],
                    last_day=data["last_day"],
                    opening=data["opening"],
                    closing=data["closing"],
                    length=timedelta(minutes=data["minutes"]),
                    weekdays={int(day) for day in data["weekdays"]},
                )
            self.message_user(request, f"{resource}: {report}")
            return HttpResponseRedirect(
                reverse("admin:inventory_resource_change", args=[resource.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Generate slots for {resource}",
            "resource": resource,
            "form": form,
            "opts": self.model._meta,
        }
        return render(request, "admin/inventory/resource/generate_slots.html", context)


@admin.register(Slot)
class SlotAdmin(AuditedAdmin):
    audited_fields = ("starts_at", "ends_at", "capacity", "price")

    def audit_event(self, obj: Slot) -> Event:
        return obj.resource.event

    list_display = ["__str__", "starts_at", "ends_at", "capacity", "sold", "held", "version"]
    list_filter = ["resource__event", "resource__kind"]
    search_fields = ["resource__name", "resource__event__name"]
    date_hierarchy = "starts_at"
    readonly_fields = ["sold", "held", "version"]
    raw_id_fields = ["resource"]


class HoldItemInline(admin.TabularInline):
    model = HoldItem
    extra = 0
    can_delete = False
    readonly_fields = ["slot", "quantity"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Hold)
class HoldAdmin(admin.ModelAdmin):
    list_display = ["id", "event", "user", "status", "created_at", "expires_at", "extensions"]
    list_filter = ["status", "event"]
    search_fields = ["id", "user__phone", "user__email"]
    readonly_fields = [f.name for f in Hold._meta.fields]
    inlines = [HoldItemInline]
    actions = ["release"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Release the selected holds now")
    def release(self, request: HttpRequest, queryset: QuerySet[Hold]) -> None:
        released = 0
        for hold in queryset.select_related("event"):
            try:
                with transaction.atomic():
                    hold_release(hold=hold)
                    audit(actor=request.user, action="hold.release", obj=hold,
                          event=hold.event, after={"status": hold.status})  # fmt: skip
                released += 1
            except ApplicationError as error:
                self.message_user(request, f"{hold.pk}: {error.message}", messages.WARNING)
        self.message_user(request, f"{released} holds released.")
