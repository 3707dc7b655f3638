"""The audit log for staff: what was done in the events they staff, newest first."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.api import examples
from backend.accounts.models import Role
from backend.accounts.permissions import IsStaff
from backend.accounts.roles import where_may
from backend.accounts.selectors import event_for
from backend.core.fields import StrictSlugField
from backend.core.inputs import validated
from backend.core.models import AuditEntry
from backend.core.pagination import PageInput, PageOutput, page_body, paginate


class AuditFilter(PageInput):
    event = StrictSlugField(required=False, help_text="One event's entries (its staff only).")
    action = serializers.CharField(max_length=64, required=False, help_text="e.g. booking.refund")


class AuditEntryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    actor = serializers.CharField(help_text="Who acted, as they were then.")
    actor_id = serializers.IntegerField(allow_null=True)
    action = serializers.CharField()
    object_type = serializers.CharField()
    object_id = serializers.CharField()
    object_label = serializers.CharField()
    event = serializers.CharField(allow_blank=True, help_text="The event's slug.")
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)


class AuditPageOutput(PageOutput):
    results = AuditEntryOutput(many=True)


def entry_data(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "at": entry.at,
        "actor": entry.actor_label,
        "actor_id": entry.actor_id,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_label": entry.object_label,
        "event": entry.event_slug,
        "before": entry.before,
        "after": entry.after,
    }


class AuditLogApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="The audit log of my events",
        description=(
            "Every staff action (refunds, comps, status changes, cash taken, stations and "
            "their gates, allowlists, roles, admin edits) with who did it and the object "
            "before and after, newest first. Staff of one event see that event's entries; "
            "naming another event is 403. Entries of no single event (a station or a role "
            "for every event) are for staff of every event."
        ),
        parameters=[AuditFilter],
        responses={200: AuditPageOutput, 403: OpenApiResponse(description="Not your event.")},
        examples=examples.AUDIT_LOG,
    )
    def get(self, request: Request) -> Response:
        query = validated(AuditFilter, request.query_params)
        entries = AuditEntry.objects.filter(where_may(request.user, Role.STAFF, field="event_id"))
        if query.get("event"):
            entries = entries.filter(event_id=event_for(request.user, query["event"]).pk)
        if query.get("action"):
            entries = entries.filter(action=query["action"])
        page = paginate(entries, page=query["page"], page_size=query["page_size"])
        return Response(page_body(page, entry_data))
