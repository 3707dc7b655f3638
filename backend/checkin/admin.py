"""Admin for gates (what they admit, which stations scan there) and the scan log."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from backend.checkin.models import Gate, Scan
from backend.core.admin import AuditedAdmin


@admin.register(Gate)
class GateAdmin(AuditedAdmin):
    audited_fields = ("name", "mode", "resources", "devices")
    list_display = ["name", "event", "mode"]
    list_filter = ["mode", "event"]
    search_fields = ["name", "event__name"]
    filter_horizontal = ["resources", "devices"]


@admin.register(Scan)
class ScanAdmin(admin.ModelAdmin):
    list_display = ["scanned_at", "gate", "status", "ticket", "device", "request_id"]
    list_filter = ["status", "gate"]
    search_fields = ["request_id", "ticket__id", "ticket__holder_name"]
    readonly_fields = [f.name for f in Scan._meta.fields]
    list_select_related = ["gate", "device"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
