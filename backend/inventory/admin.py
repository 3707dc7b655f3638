"""Admin for the inventory: events, resources (and generating their slots), slots, holds.

Counters are read-only here: only the engine's services change them.
"""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from modeltranslation.admin import TranslationAdmin

from backend.core.admin import AuditedAdmin
from backend.core.audit import audit
from backend.core.errors import ApplicationError
from backend.core.files import forget_file
from backend.core.images import image_problem
from backend.inventory.models import (
    Amenity,
    Event,
    EventImage,
    Hold,
    HoldItem,
    OpeningHours,
    Picture,
    Resource,
    ResourceImage,
    SeatSection,
    Slot,
    Venue,
    VenueImage,
    validate_opening_ranges,
)
from backend.inventory.services.holds import hold_release
from backend.inventory.services.pictures import picture_renditions_make
from backend.inventory.services.seats import seat_section_price_apply
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


class PictureForm(forms.ModelForm):
    """An upload is checked like the API's (PNG, JPEG, WebP or GIF within the size and
    dimension limits, renamed at random); a bad file is an error on its field."""

    def clean_image(self) -> Any:
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            problem = image_problem(image)
            if problem is not None:
                raise forms.ValidationError(problem)
        return image


PICTURE_FIELDS = ("image", "alt", "alt_ar", "sort_order")


class PictureInline(admin.TabularInline):
    form = PictureForm
    fields = [*PICTURE_FIELDS, "preview"]
    readonly_fields = ["preview"]
    extra = 0

    @admin.display(description="Renditions")
    def preview(self, obj: Picture) -> str:
        if not obj.renditions:
            return "-"
        return format_html(
            '<img src="{}" alt="" style="max-height:60px"> {}',
            default_storage.url(obj.renditions[0]["name"]),
            ", ".join(f"{r['width']} px" for r in obj.renditions),
        )


class VenueImageInline(PictureInline):
    model = VenueImage
    fields = ["image", "url", "alt", "alt_ar", "sort_order", "preview"]


class EventImageInline(PictureInline):
    model = EventImage


class ResourceImageInline(PictureInline):
    model = ResourceImage


INLINE_AUDITED: dict[type, tuple[str, ...]] = {
    OpeningHours: ("weekday", "opens", "closes"),
    VenueImage: ("image", "url", "alt", "alt_ar", "sort_order"),
    EventImage: PICTURE_FIELDS,
    ResourceImage: PICTURE_FIELDS,
}


class InlineAuditedAdmin(AuditedAdmin):
    """Audits the rows edited inline (one row each, ``<model>.add|change|delete``, files by
    their stored name), makes the renditions of every picture saved, and takes a replaced or
    deleted picture's original out of the storage once the change commits."""

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        fields = INLINE_AUDITED.get(formset.model)
        if fields is None:
            super().save_formset(request, form, formset, change)
            return

        def state(obj: Any) -> dict[str, Any]:
            values = {name: getattr(obj, name) for name in fields}
            return {k: (v.name or None) if isinstance(v, FieldFile) else v
                    for k, v in values.items()}  # fmt: skip

        event = self.audit_event(form.instance)
        # The forms' instances already hold the new values: the old ones are the database's.
        pks = [inline.instance.pk for inline in formset.forms if inline.instance.pk is not None]
        befores = {obj.pk: state(obj) for obj in formset.model.objects.filter(pk__in=pks)}
        for inline in formset.deleted_forms:  # while they still have their ids
            if inline.instance.pk is not None:
                audit(actor=request.user, action=f"{formset.model._meta.model_name}.delete",
                      obj=inline.instance, event=event,
                      before=befores.get(inline.instance.pk))  # fmt: skip
        stored = {obj.pk: obj for obj in formset.model.objects.filter(pk__in=pks)}
        deleted = [i.instance.pk for i in formset.deleted_forms if i.instance.pk is not None]
        super().save_formset(request, form, formset, change)
        if issubclass(formset.model, Picture):
            for obj in [*formset.new_objects, *(o for o, _ in formset.changed_objects)]:
                picture_renditions_make(picture=obj)
            for pk in deleted:
                forget_file(stored[pk].image)
            for obj, _changed in formset.changed_objects:
                old = stored.get(obj.pk)
                if old is not None and old.image.name != obj.image.name:
                    forget_file(old.image)
        for obj in formset.new_objects:
            audit(actor=request.user, action=f"{obj._meta.model_name}.add", obj=obj,
                  event=event, after=state(obj))  # fmt: skip
        for obj, _changed in formset.changed_objects:
            audit(actor=request.user, action=f"{obj._meta.model_name}.change", obj=obj,
                  event=event, before=befores.get(obj.pk), after=state(obj))  # fmt: skip


@admin.register(Amenity)
class AmenityAdmin(AuditedAdmin):
    """The vocabulary venues and rooms pick their amenities from."""

    audited_fields = ("code", "icon", "label", "label_ar", "sort_order")
    list_display = ["label", "label_ar", "code", "icon", "sort_order"]
    search_fields = ["label", "label_ar", "code"]
    prepopulated_fields = {"code": ["label"]}

    def audit_event(self, obj: Any) -> None:
        return None


@admin.register(Venue)
class VenueAdmin(TranslationAdmin, InlineAuditedAdmin):
    """Audited like the events, the opening hours and images edited inline too (one audit
    row each, ``openinghours.add|change|delete``, ``venueimage.…``)."""

    audited_fields = ("name_en", "name_ar", "city_en", "city_ar", "address_en", "address_ar",
                      "time_zone", "country", "contact_phone", "contact_email", "check_in_time",
                      "check_out_time", "amenities")  # fmt: skip
    list_display = ["name", "city", "country", "time_zone", "contact_phone"]
    search_fields = ["name_en", "name_ar", "city_en", "city_ar"]
    filter_horizontal = ["amenities"]
    inlines = [OpeningHoursInline, VenueImageInline]

    def audit_event(self, obj: Any) -> None:
        return None


@admin.register(Event)
class EventAdmin(TranslationAdmin, InlineAuditedAdmin):
    audited_fields = (
        "slug", "name_en", "name_ar", "status", "starts_at", "ends_at", "allowlist_only",
        "hold_minutes", "currency", "tax_rate", "prices_include_tax",
    )  # fmt: skip

    def audit_event(self, obj: Event) -> Event:
        return obj

    list_display = ["name", "slug", "kind", "venue", "starts_at", "status", "allowlist_only"]
    list_filter = ["kind", "status", "allowlist_only"]
    search_fields = ["name_en", "name_ar", "slug"]
    prepopulated_fields = {"slug": ["name"]}  # modeltranslation: from the English name
    autocomplete_fields = ["venue"]
    inlines = [EventImageInline]


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
class ResourceAdmin(TranslationAdmin, InlineAuditedAdmin):
    audited_fields = ("name_en", "name_ar", "kind", "price", "units", "amenities")
    list_display = ["__str__", "event", "kind", "price", "units", "guest_capacity"]
    list_filter = ["kind", "event"]
    search_fields = ["name_en", "name_ar", "section", "event__name_en"]
    autocomplete_fields = ["event"]
    filter_horizontal = ["amenities"]
    inlines = [ResourceImageInline]
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
        resource: Resource = get_object_or_404(
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
        resource: Resource = get_object_or_404(
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


@admin.register(SeatSection)
class SeatSectionAdmin(AuditedAdmin):
    """A seated event's sections: price tier, rank for best available, place and aisles."""

    list_display = ["name", "event", "tier", "price", "rank", "map_row", "sort_order"]
    list_filter = ["event"]
    audited_fields = (
        "name", "name_ar", "tier", "tier_ar", "price", "rank", "map_row", "sort_order",
        "aisles_after",
    )  # fmt: skip

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        changed = seat_section_price_apply(section=obj)
        if changed:
            self.message_user(request, f"{changed} seats now cost {obj.price}.")
