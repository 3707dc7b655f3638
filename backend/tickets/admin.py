"""Admin for tickets: read-only; changes go through the services (transfers, refunds)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from backend.tickets.models import Ticket


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = ["id", "label", "holder_name", "event", "status", "version", "admitted_at"]
    list_filter = ["status", "event"]
    search_fields = ["id", "holder_name", "holder_phone", "booking__id"]
    readonly_fields = [f.name for f in Ticket._meta.fields]
    list_select_related = ["event"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
