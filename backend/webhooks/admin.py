"""Admin for webhook deliveries: payloads read-only, a re-process action (audited)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from backend.core.audit import audit
from backend.webhooks.models import WebhookDelivery
from backend.webhooks.services import webhook_process


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["event_id", "provider", "event_type", "outcome", "attempts", "received_at"]
    list_filter = ["provider", "outcome", "event_type"]
    search_fields = ["event_id", "event_type"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
    actions = ["reprocess"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Re-process (only deliveries that failed or were not handled)")
    def reprocess(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        retried = 0
        for delivery in queryset.filter(processed_at__isnull=True):
            result = webhook_process(delivery.pk)
            audit(actor=request.user, action="webhook.reprocess", obj=delivery,
                  after={"outcome": result.outcome if result else None})  # fmt: skip
            retried += 1
            if result is not None and result.outcome == WebhookDelivery.Outcome.FAILED:
                self.message_user(request, f"{delivery}: {result.detail}", messages.WARNING)
        self.message_user(request, f"{retried} delivery(ies) re-processed.")
