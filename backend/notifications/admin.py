"""The log of messages in the admin, to look at (rows are written by each send)."""

from __future__ import annotations

from django.contrib import admin

from backend.core.admin import LookOnlyAdmin
from backend.notifications.models import Message


@admin.register(Message)
class MessageAdmin(LookOnlyAdmin):
    list_display = ["created_at", "channel", "template", "language", "to", "status", "answer"]
    list_filter = ["channel", "status", "template", "language"]
    search_fields = ["to", "booking__id", "answer"]
    list_select_related = ["booking"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in Message._meta.fields]
