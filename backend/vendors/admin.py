"""Admin for vendors: the event's vendor settings, booths on the map, applications.

Decisions go through the same services as the staff desk (the approve action here; reject
and revoke, which need a reason the vendor is sent, on the desk's vendors page), and a booth's
vendor is assigned on the desk, whose assignment is safe under races: both are read-only
here.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from backend.core.admin import AuditedAdmin
from backend.core.errors import ApplicationError
from backend.vendors.models import Booth, Vendor, VendorSettings
from backend.vendors.services.decisions import vendor_approve


@admin.register(VendorSettings)
class VendorSettingsAdmin(AuditedAdmin):
    audited_fields = (
        "applications_open", "setup_starts_at", "setup_ends_at",
        "crew_small", "crew_medium", "crew_large",
    )  # fmt: skip
    list_display = ["event", "applications_open", "setup_starts_at", "setup_ends_at"]
    fieldsets = [
        (None, {"fields": ["event", "applications_open"]}),
        ("Setup window (setup codes admit crews at load-in gates)",
         {"fields": ["setup_starts_at", "setup_ends_at"]}),
        ("Crew passes per booth size", {"fields": ["crew_small", "crew_medium", "crew_large"]}),
    ]  # fmt: skip


@admin.register(Booth)
class BoothAdmin(AuditedAdmin):
    audited_fields = ("code", "zone", "size", "price", "x", "y", "w", "h")
    list_display = ["code", "zone", "size", "price", "vendor", "event"]
    list_filter = ["event", "zone", "size"]
    search_fields = ["code", "zone", "vendor__name"]
    readonly_fields = ("vendor", "assigned_at", "fee_booking")
    fieldsets = [
        (None, {"fields": ["event", "code", "zone", "size", "price"]}),
        ("Place on the festival map (percent of the map image)",
         {"fields": ["x", "y", "w", "h"]}),
        ("Assigned on the staff desk's booths page", {"fields": list(readonly_fields)}),
    ]  # fmt: skip


@admin.register(Vendor)
class VendorAdmin(AuditedAdmin):
    audited_fields = ("name", "category", "description", "website", "contact_email",
                      "contact_phone", "logo")  # fmt: skip
    list_display = ["name", "category", "status", "event", "applied_at"]
    list_filter = ["status", "category", "event"]
    search_fields = ["name", "contact_email", "contact_phone", "user__phone", "user__email"]
    readonly_fields = [
        "user", "status", "reason", "applied_at", "decided_at", "code_version", "crew_admitted",
    ]  # fmt: skip
    fields = ["event", "name", "category", "description", "logo", "website", "contact_email",
              "contact_phone", *readonly_fields]  # fmt: skip
    actions = ["approve"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a vendor is someone's application, made in the web app

    @admin.action(description="Approve the selected applications (e-mailed)")
    def approve(self, request: HttpRequest, queryset: QuerySet[Vendor]) -> None:
        approved = 0
        for vendor in queryset:
            try:
                vendor_approve(vendor_id=vendor.pk, actor=request.user)
            except ApplicationError as error:
                self.message_user(request, f"{vendor.name}: {error.message}", messages.ERROR)
            else:
                approved += 1
        self.message_user(request, f"{approved} approved.", messages.SUCCESS)
