"""Admin for payments: rows are read-only, none is added by hand. Webhook deliveries are the
webhooks app's (``backend.webhooks.admin``)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from backend.payments.models import Payment


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "provider",
        "status",
        "amount",
        "currency",
        "booking",
        "created_at",
    ]
    list_filter = ["provider", "status"]
    search_fields = ["id", "reference", "provider_payment_id", "booking__id"]
    readonly_fields = [f.name for f in Payment._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
