from django.contrib import admin

from backend.inventory.models import Event, Venue


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "time_zone"]
    search_fields = ["name", "city"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "venue", "starts_at", "status", "allowlist_only"]
    list_filter = ["kind", "status", "allowlist_only"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
