"""Admin for bookings: read-mostly; status changes go through the services' actions."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from backend.bookings.models import (
    Booking,
    BookingItem,
    BookingLine,
    BookingPolicy,
    WaitlistEntry,
)
from backend.bookings.services.bookings import booking_cancel
from backend.core.admin import AuditedAdmin
from backend.core.errors import ApplicationError


class BookingItemInline(admin.TabularInline):
    model = BookingItem
    extra = 0
    can_delete = False
    readonly_fields = ["slot", "quantity", "unit_price"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class BookingLineInline(admin.TabularInline):
    """A service booking's priced lines (the job card): written by the services only."""

    model = BookingLine
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "service", "name", "amount", "created_at"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = [
        "reference", "event", "status", "payment_status", "amount", "currency", "provider",
        "contact_name",
        "contact_phone", "created_at",
    ]  # fmt: skip
    list_filter = ["status", "payment_status", "provider", "event"]
    search_fields = ["id", "contact_name", "contact_phone", "contact_email", "user__phone"]
    date_hierarchy = "created_at"
    inlines = [BookingItemInline, BookingLineInline]
    actions = ["cancel_bookings"]
    readonly_fields = [
        "id", "event", "user", "hold", "status", "amount", "currency", "provider",
        "paid_amount", "payment_status", "refunded_amount", "details", "created_at",
        "updated_at", "confirmed_at",
    ]  # fmt: skip
    list_select_related = ["event"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Cancel (frees the places; refunds go through staff cancel)")
    def cancel_bookings(self, request: HttpRequest, queryset: QuerySet[Booking]) -> None:
        done = 0
        for booking in queryset:
            try:
                booking_cancel(booking=booking, note="Cancelled in the admin.", actor=request.user)
            except ApplicationError as error:
                self.message_user(request, f"{booking.reference}: {error.message}", messages.ERROR)
            else:
                done += 1
        self.message_user(request, f"{done} booking(s) cancelled.")


@admin.register(BookingPolicy)
class BookingPolicyAdmin(AuditedAdmin):
    """What guests may change of their own bookings, per event (audited)."""

    list_display = [
        "event", "cancellable", "free_cancellation_hours", "late_refund_percent",
        "reschedulable", "reschedule_hours",
    ]  # fmt: skip
    list_select_related = ["event"]
    search_fields = ["event__name", "event__slug"]
    autocomplete_fields = ["event"]
    audited_fields = (
        "cancellable", "free_cancellation_hours", "late_refund_percent", "reschedulable",
        "reschedule_hours",
    )  # fmt: skip


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(admin.ModelAdmin):
    """Read only: entries change through the waitlist services (join, leave, offers)."""

    list_display = ["id", "event", "slot", "user", "quantity", "status", "joined_at", "offered_at"]
    list_filter = ["status", "event"]
    search_fields = ["user__phone", "user__email", "user__name", "event__slug"]
    ordering = ["event", "slot", "joined_at", "id"]
    list_select_related = ["event", "slot", "user"]
    raw_id_fields = ["event", "slot", "user", "hold"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
