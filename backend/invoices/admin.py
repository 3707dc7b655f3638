"""Admin for invoices: the seller's details (edited, audited), and the issued invoices and
credit notes with their lines, read-only: an issued document is never edited (a refund issues
a credit note). An event's tax is set on the event (the Event admin)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from backend.core.admin import AuditedAdmin
from backend.invoices.models import Invoice, InvoiceLine, SellerSettings


@admin.register(SellerSettings)
class SellerSettingsAdmin(AuditedAdmin):
    audited_fields = ("legal_name", "legal_name_ar", "address", "tax_number", "invoice_prefix")
    list_display = ["legal_name", "tax_number", "invoice_prefix"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not SellerSettings.objects.exists() and super().has_add_permission(request)


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "description", "quantity", "unit_amount", "net", "tax_rate", "tax", "total",
    )  # fmt: skip

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ["number", "kind", "booking", "issued_at", "total", "currency"]
    list_filter = ["kind", "currency"]
    search_fields = ["number"]
    date_hierarchy = "issued_at"
    inlines = [InvoiceLineInline]
    fields = readonly_fields = (
        "number", "kind", "booking", "cites", "issued_at", "currency", "net", "tax", "total",
        "seller", "buyer", "language",
    )  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
