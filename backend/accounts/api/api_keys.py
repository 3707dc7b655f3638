"""Staff manage their programs' API keys: create (the key is shown once), list, revoke."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import StaffApiKey, User
from backend.accounts.permissions import IsStaff, SignedInRequest
from backend.accounts.selectors import event_for
from backend.accounts.services.api_keys import api_key_create, api_key_revoke, api_keys_visible_to
from backend.core.errors import NotFound
from backend.core.fields import StrictCharField, StrictSlugField
from backend.core.inputs import validated

KEY = {
    "id": 7,
    "label": "Workshop tablet",
    "event": "repair-shop",
    "owner": {"id": 12, "email": "staff@example.com", "name": "Asha"},
    "prefix": "3f9c2a7b1e",
    "requests_per_minute": 60,
    "created_at": "2026-11-21T12:00:00Z",
    "last_used_at": None,
    "revoked_at": None,
}


class ApiKeyInput(serializers.Serializer):
    # DRF takes declared fields off the class: ``label`` does not hide Field.label.
    label = StrictCharField(max_length=100)  # type: ignore[assignment]
    event = StrictSlugField(help_text="The one event the key reaches.")
    owner = serializers.IntegerField(
        required=False, help_text="Staff member the key acts as (default: you; others: admins)."
    )
    requests_per_minute = serializers.IntegerField(min_value=1, max_value=10_000, default=60)


class OwnerOutput(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField(allow_null=True)
    name = serializers.CharField()


class ApiKeyOutput(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    event = serializers.CharField()
    owner = OwnerOutput()
    prefix = serializers.CharField(help_text="The key's public start, to recognise it.")
    requests_per_minute = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)


class ApiKeyListOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    api_keys = ApiKeyOutput(many=True)


class ApiKeyAnswerOutput(ApiKeyOutput):
    ok = serializers.BooleanField()


class ApiKeyCreatedOutput(ApiKeyAnswerOutput):
    key = serializers.CharField(help_text="Shown this once: the program sends it as X-API-Key.")


def api_key_data(api_key: StaffApiKey) -> dict[str, Any]:
    return {
        "id": api_key.pk,
        "label": api_key.label,
        "event": api_key.event.slug,
        "owner": {"id": api_key.user.pk, "email": api_key.user.email, "name": api_key.user.name},
        "prefix": api_key.prefix,
        "requests_per_minute": api_key.requests_per_minute,
        "created_at": api_key.created_at,
        "last_used_at": api_key.last_used_at,
        "revoked_at": api_key.revoked_at,
    }


class ApiKeyListApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="API keys of my events",
        operation_id="staff_api_keys_list",
        responses={200: ApiKeyListOutput},
        examples=[OpenApiExample("Keys", value={"ok": True, "api_keys": [KEY]})],
    )
    def get(self, request: SignedInRequest) -> Response:
        keys = api_keys_visible_to(request.user)
        return Response({"ok": True, "api_keys": [api_key_data(k) for k in keys]})

    @extend_schema(
        summary="Create an API key for a program (the repair shop's X-API-Key)",
        description=(
            "The key acts as its owner on one event, while the owner is staff of it; it is "
            "shown once, in this answer. Each key has its own requests per minute."
        ),
        request=ApiKeyInput,
        responses={
            201: ApiKeyCreatedOutput,
            400: OpenApiResponse(description="A field, named in `fields`."),
            403: OpenApiResponse(description="Not staff (or, for another owner, admin) there."),
        },
        examples=[
            OpenApiExample(
                "Create",
                value={"label": "Workshop tablet", "event": "repair-shop"},
                request_only=True,
            ),
            OpenApiExample(
                "Created",
                value={"ok": True, **KEY, "key": "ghk_3f9c2a7b1e_2mQv…"},
                response_only=True,
                status_codes=["201"],
            ),
        ],
    )
    def post(self, request: SignedInRequest) -> Response:
        data = validated(ApiKeyInput, request.data)
        event = event_for(request.user, data["event"])
        owner = request.user
        if data.get("owner") is not None and data["owner"] != request.user.pk:
            found = User.objects.filter(pk=data["owner"], is_active=True).first()
            if found is None:
                raise NotFound("There is no such staff member.")
            owner = found
        api_key, key = api_key_create(
            label=data["label"],
            user=owner,
            event=event,
            created_by=request.user,
            requests_per_minute=data["requests_per_minute"],
        )
        return Response({"ok": True, **api_key_data(api_key), "key": key}, status=201)


class ApiKeyRevokeApi(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        summary="Revoke an API key",
        description="It stops working at once.",
        request=None,
        responses={200: ApiKeyAnswerOutput, 404: OpenApiResponse()},
        examples=[
            OpenApiExample(
                "Revoked",
                value={"ok": True, **KEY, "revoked_at": "2026-11-22T09:00:00Z"},
                response_only=True,
            )
        ],
    )
    def post(self, request: SignedInRequest, key_id: int) -> Response:
        api_key = api_keys_visible_to(request.user).filter(pk=key_id).first()
        if api_key is None:
            raise NotFound("No API key of your events has this id.")
        return Response(
            {"ok": True, **api_key_data(api_key_revoke(api_key=api_key, actor=request.user))}
        )
