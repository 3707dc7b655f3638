"""The event pages in the admin: each event's page with its pictures, FAQ and links inline,
stages with their performances inline, performances, sponsors, and the contact messages
(read-only, with an action that marks them handled).

Every add, change and delete is audited (``AuditedAdmin``; rows edited inline too, one row
each, ``<model>.add|change|delete``); an uploaded image goes through the same check as the
API's (PNG, JPEG, WebP or GIF, stored under a random name); a change to a stage or a
performance is pushed on the schedule topic like the API's.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin import widgets
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest

from backend.content.models import (
    ContactMessage,
    ContentImage,
    ContentLink,
    EventContent,
    FaqEntry,
    Performance,
    Sponsor,
    Stage,
)
from backend.content.services.files import forget_file
from backend.content.services.messages import contact_message_handled
from backend.content.services.schedule import schedule_publish
from backend.core.admin import AuditedAdmin
from backend.core.audit import audit
from backend.core.images import image_problem


def _plain(value: Any) -> Any:
    """A value as the audit log keeps it (a file by its stored name)."""
    if isinstance(value, FieldFile):
        return value.name or None
    return value


def _forget_replaced(stored: models.Model, saved: models.Model | None) -> None:
    """The image files ``stored`` named that ``saved`` (None: deleted) no longer does leave
    the storage after commit."""
    for field in stored._meta.get_fields():
        if isinstance(field, models.ImageField):
            old = getattr(stored, field.name)
            if saved is None or old.name != getattr(saved, field.name).name:
                forget_file(old)


def _state(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: _plain(getattr(obj, name)) for name in fields}


class CheckedImagesForm(forms.ModelForm):
    """Every image uploaded through the form is checked like the API's uploads."""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None
        for name, value in list(data.items()):
            if isinstance(value, UploadedFile) and isinstance(
                self._meta.model._meta.get_field(name), models.ImageField
            ):
                problem = image_problem(value)
                if problem is not None:
                    self.add_error(name, problem)
        return data


# An address typed without a scheme is read as https:// (Django 6's default, asked for now).
URL_FIELDS: dict[type[models.Field], dict[str, Any]] = {
    models.URLField: {"widget": widgets.AdminURLFieldWidget, "assume_scheme": "https"}
}


class ContentAdmin(AuditedAdmin):
    """Audits files by name and the rows edited inline as well as the page's own object."""

    form = CheckedImagesForm
    formfield_overrides = URL_FIELDS
    inline_audited: dict[type, tuple[str, ...]] = {}

    def audit_state(self, obj: models.Model) -> dict[str, Any]:
        return {name: _plain(value) for name, value in super().audit_state(obj).items()}

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        stored = type(obj).objects.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        if stored is not None:
            _forget_replaced(stored, obj)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # The forms' instances already hold the new values: the old ones are the database's.
        fields = self.inline_audited[formset.model]
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
        stored = {obj.pk: obj for obj in formset.model._default_manager.filter(pk__in=pks)}
        super().save_formset(request, form, formset, change)
        for inline in formset.deleted_forms:
            _forget_replaced(inline.instance, None)
        for obj, _changed in formset.changed_objects:
            _forget_replaced(stored[obj.pk], obj)
        for obj in formset.new_objects:
            audit(actor=request.user, action=f"{obj._meta.model_name}.add", obj=obj,
                  event=event, after=_state(obj, fields))  # fmt: skip
        for obj, _changed in formset.changed_objects:
            audit(actor=request.user, action=f"{obj._meta.model_name}.change", obj=obj,
                  event=event, before=befores.get(obj.pk), after=_state(obj, fields))  # fmt: skip


class ContentImageInline(admin.TabularInline):
    model = ContentImage
    form = CheckedImagesForm
    fields = ["image", "alt", "alt_ar", "sort_order"]
    extra = 0


class FaqEntryInline(admin.StackedInline):
    model = FaqEntry
    fields = [("question", "question_ar"), ("answer", "answer_ar"), "sort_order"]
    extra = 0


class ContentLinkInline(admin.TabularInline):
    model = ContentLink
    formfield_overrides = URL_FIELDS
    fields = ["label", "label_ar", "url", "sort_order"]
    extra = 0


@admin.register(EventContent)
class EventContentAdmin(ContentAdmin):
    audited_fields = ("tagline", "tagline_ar", "description", "description_ar", "map_image")
    inline_audited = {
        ContentImage: ("image", "alt", "alt_ar", "sort_order"),
        FaqEntry: ("question", "question_ar", "answer", "answer_ar", "sort_order"),
        ContentLink: ("label", "label_ar", "url", "sort_order"),
    }
    list_display = ["event", "tagline", "updated_at"]
    search_fields = ["event__name", "event__slug", "tagline"]
    autocomplete_fields = ["event"]
    inlines = [ContentImageInline, FaqEntryInline, ContentLinkInline]


class PerformanceInline(admin.TabularInline):
    model = Performance
    fields = ["title", "title_ar", "starts_at", "ends_at", "performers", "status", "note"]
    extra = 0
    show_change_link = True


@admin.register(Stage)
class StageAdmin(ContentAdmin):
    """A stage with its performances; what changed is pushed on the schedule topic."""

    audited_fields = ("name", "name_ar", "x", "y", "sort_order")
    inline_audited = {
        Performance: ("title", "title_ar", "starts_at", "ends_at", "performers", "status",
                      "note", "note_ar"),
    }  # fmt: skip
    list_display = ["name", "event", "x", "y", "sort_order"]
    list_filter = ["event"]
    search_fields = ["name", "name_ar", "event__name"]
    autocomplete_fields = ["event"]
    inlines = [PerformanceInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        deleted = [f.instance.pk for f in formset.deleted_forms if f.instance.pk is not None]
        super().save_formset(request, form, formset, change)
        changed = [*formset.new_objects, *(obj for obj, _ in formset.changed_objects)]
        schedule_publish(form.instance.event, changed=changed, removed=deleted)

    def save_model(self, request: HttpRequest, obj: Stage, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and {"name", "name_ar", "sort_order"} & set(form.changed_data):
            schedule_publish(obj.event, changed=obj.performances.select_related("stage"))


@admin.register(Performance)
class PerformanceAdmin(ContentAdmin):
    audited_fields = ("stage_id", "title", "title_ar", "starts_at", "ends_at", "performers",
                      "status", "note", "note_ar")  # fmt: skip
    list_display = ["title", "stage", "starts_at", "ends_at", "status"]
    list_filter = ["stage__event", "status", "stage"]
    search_fields = ["title", "title_ar", "stage__name"]
    list_select_related = ["stage__event"]
    autocomplete_fields = ["stage"]
    date_hierarchy = "starts_at"

    def save_model(self, request: HttpRequest, obj: Performance, form: Any, change: bool) -> None:
        before = Performance.objects.filter(pk=obj.pk).select_related("stage").first()
        super().save_model(request, obj, form, change)
        if before is not None and before.stage.event_id != obj.stage.event_id:
            schedule_publish(before.stage.event, removed=[obj.pk])  # moved to another event
        schedule_publish(obj.stage.event, changed=[obj])

    def delete_model(self, request: HttpRequest, obj: Performance) -> None:
        with transaction.atomic():
            event, gone = obj.stage.event, obj.pk
            super().delete_model(request, obj)
            schedule_publish(event, removed=[gone])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        with transaction.atomic():
            gone = [(p.stage.event, p.pk) for p in queryset.select_related("stage__event")]
            super().delete_queryset(request, queryset)
            for event in {event for event, _ in gone}:
                schedule_publish(event, removed=[pk for e, pk in gone if e == event])


@admin.register(Sponsor)
class SponsorAdmin(ContentAdmin):
    audited_fields = ("name", "tier", "logo", "url", "sort_order")
    list_display = ["name", "event", "tier", "sort_order"]
    list_filter = ["event", "tier"]
    search_fields = ["name", "event__name"]
    autocomplete_fields = ["event"]


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    """Read-only: what visitors wrote. The action marks messages handled (audited)."""

    list_display = ["created_at", "event", "name", "email", "subject", "handled_at"]
    list_filter = ["event", ("handled_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "email", "subject", "message"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in ContactMessage._meta.fields]
    actions = ["mark_handled"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Mark handled")
    def mark_handled(self, request: HttpRequest, queryset: QuerySet[ContactMessage]) -> None:
        for message in queryset.filter(handled_at__isnull=True):
            contact_message_handled(message=message, actor=request.user)
        self.message_user(request, "Marked handled.")
