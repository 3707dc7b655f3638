"""Admin for gates (what they admit, which stations scan there) and the scan log."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from backend.checkin.models import Gate, Scan
from backend.core.admin import AuditedAdmin
from backend.realtime import identity_changed


class GateForm(forms.ModelForm):
    """A gate admits its own event's ticket types and is scanned by its own event's
    stations (or stations for every event)."""

    class Meta:
        model = Gate
        fields = ["event", "name_en", "name_ar", "mode", "load_in", "resources", "devices"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # a ModelForm's clean() returns cleaned_data
        event = data.get("event")
        if event is not None:
            others = [d for d in data.get("devices") or [] if d.event_id not in (None, event.pk)]
            if others:
                self.add_error("devices", "These stations serve another event: "
                               + ", ".join(d.label for d in others))  # fmt: skip
            foreign = [r for r in data.get("resources") or [] if r.event_id != event.pk]
            if foreign:
                self.add_error("resources", "These are another event's.")
        return data


@admin.register(Gate)
class GateAdmin(TranslationAdmin, AuditedAdmin):
    form = GateForm
    audited_fields = ("name_en", "name_ar", "mode", "load_in", "resources", "devices")
    list_display = ["name", "event", "mode", "load_in"]
    list_filter = ["mode", "load_in", "event"]
    search_fields = ["name_en", "name_ar", "event__name_en"]
    filter_horizontal = ["resources", "devices"]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        before = (getattr(request, "_audit_before", None) or {}).get("devices", [])
        after = sorted(form.instance.devices.values_list("pk", flat=True))
        for device_id in set(before) ^ set(after):  # their open sockets follow at once
            identity_changed("device", device_id)


@admin.register(Scan)
class ScanAdmin(admin.ModelAdmin):
    list_display = ["scanned_at", "gate", "status", "kind", "ticket", "device", "request_id"]
    list_filter = ["status", "kind", "gate"]
    search_fields = ["request_id", "ticket__id", "ticket__holder_name"]
    readonly_fields = [f.name for f in Scan._meta.fields]
    list_select_related = ["gate", "device"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
