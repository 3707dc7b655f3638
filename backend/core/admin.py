"""The audit log in the admin (read-only), and the mixin that audits admin edits."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from backend.core.audit import audit
from backend.core.models import AuditEntry

if TYPE_CHECKING:
    from backend.inventory.models import Event


class LookOnlyAdmin(admin.ModelAdmin):
    """Rows written by the system, to look at: never added or changed here, and deleted
    only where ``deletable``."""

    deletable = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.deletable and super().has_delete_permission(request, obj)


@admin.register(AuditEntry)
class AuditEntryAdmin(LookOnlyAdmin):
    list_display = ["at", "actor_label", "action", "object_type", "object_label", "event_slug"]
    list_filter = ["action", "object_type", "event_slug"]
    search_fields = ["actor_label", "object_id", "object_label", "event_slug"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose adds, changes and deletes each write an audit row with the
    ``audited_fields`` before and after (many-to-many fields as lists of ids)."""

    audited_fields: tuple[str, ...] = ()

    def audit_state(self, obj: models.Model) -> dict[str, Any]:
        state: dict[str, Any] = {}
        for name in self.audited_fields:
            value = getattr(obj, name)
            if isinstance(value, models.Manager):
                value = sorted(value.values_list("pk", flat=True))
            state[name] = value
        return state

    def audit_event(self, obj: Any) -> Event | None:  # obj: this admin's model
        """The event the object belongs to (the audit row's event)."""
        return getattr(obj, "event", None)

    def _action(self, verb: str) -> str:
        return f"{self.opts.model_name}.{verb}"

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with transaction.atomic():  # the change and its audit row stand or fall together
            return super().changeform_view(request, *args, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        stored = type(obj).objects.filter(pk=obj.pk).first() if change else None
        request._audit_before = self.audit_state(stored) if stored is not None else None  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        obj = form.instance
        before, after = getattr(request, "_audit_before", None), self.audit_state(obj)
        if change and before == after:
            return  # saved unchanged: nothing happened
        audit(
            actor=request.user,
            action=self._action("change" if change else "add"),
            obj=obj,
            event=self.audit_event(obj),
            before=before,
            after=after,
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            self._audit_delete(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        with transaction.atomic():
            for obj in queryset:
                self._audit_delete(request, obj)
            super().delete_queryset(request, queryset)

    def _audit_delete(self, request: HttpRequest, obj: Any) -> None:
        audit(
            actor=request.user,
            action=self._action("delete"),
            obj=obj,
            event=self.audit_event(obj),
            before=self.audit_state(obj),
        )
