"""The signed-in user's own profile and sessions."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.api import examples
from backend.accounts.api.common import UserOutput, user_data
from backend.accounts.models import User
from backend.accounts.permissions import IsSignedInUser, SignedInRequest
from backend.accounts.selectors import live_sessions
from backend.accounts.services import pictures
from backend.accounts.services.sessions import SID_CLAIM, session_revoke, sessions_revoke_all
from backend.accounts.services.users import user_update_profile
from backend.core.errors import NotFound
from backend.core.inputs import validated
from backend.core.schema import OkOutput


class MeOutput(UserOutput):
    ok = serializers.BooleanField()


class MeInput(serializers.Serializer):
    name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    first_name = serializers.CharField(max_length=75, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=75, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_null=True, allow_blank=True)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    gender = serializers.ChoiceField(choices=User.Gender.choices, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=User.Language.choices, required=False)


class MeApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(summary="Who am I", responses={200: MeOutput}, examples=examples.ME_GET)
    def get(self, request: SignedInRequest) -> Response:
        return Response({"ok": True, **user_data(request.user, request)})

    @extend_schema(
        summary="Update my profile",
        description=(
            "The phone number cannot be changed here (it is proved by a code: POST "
            "/api/auth/phone/). A new e-mail address is unverified until the link sent to it "
            "is opened."
        ),
        request=MeInput,
        responses={200: MeOutput, 400: OpenApiResponse(description="Invalid field.")},
        examples=examples.ME_PATCH,
    )
    def patch(self, request: SignedInRequest) -> Response:
        data = validated(MeInput, request.data, partial=True)
        user = user_update_profile(user=request.user, data=dict(data))
        return Response({"ok": True, **user_data(user, request)})


class SessionOutput(serializers.Serializer):
    id = serializers.UUIDField()
    method = serializers.CharField()
    user_agent = serializers.CharField()
    ip = serializers.IPAddressField(allow_null=True)
    created_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField()
    current = serializers.BooleanField(help_text="The session of the token used for this call.")


class SessionListOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    sessions = SessionOutput(many=True)


def _current_sid(request: Request) -> str | None:
    return request.auth.get(SID_CLAIM) if hasattr(request.auth, "get") else None


class SessionListApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="My signed-in sessions",
        responses={200: SessionListOutput},
        examples=examples.SESSION_LIST,
    )
    def get(self, request: SignedInRequest) -> Response:
        current = _current_sid(request)
        rows: list[dict[str, Any]] = [
            {
                "id": s.id,
                "method": s.method,
                "user_agent": s.user_agent,
                "ip": s.ip,
                "created_at": s.created_at,
                "last_used_at": s.last_used_at,
                "current": str(s.id) == current,
            }
            for s in live_sessions(request.user)
        ]
        return Response({"ok": True, "sessions": SessionOutput(rows, many=True).data})


class SessionRevokeApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="End one of my sessions",
        description="Its refresh token stops working at once, and so do its access tokens.",
        request=None,
        responses={200: OkOutput, 404: OpenApiResponse()},
        examples=examples.SESSION_REVOKE,
    )
    def post(self, request: SignedInRequest, session_id: str) -> Response:
        session = live_sessions(request.user).filter(id=session_id).first()
        if session is None:
            raise NotFound("No live session of yours has this id.")
        session_revoke(session=session)
        return Response({"ok": True})


class PictureInput(serializers.Serializer):
    picture = serializers.FileField(help_text="PNG, JPEG, WebP or GIF.")


class MePictureApi(APIView):
    permission_classes = [IsSignedInUser]
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="Set my profile picture",
        description=(
            "multipart/form-data with the file as `picture`. It must be a PNG, JPEG, WebP or "
            "GIF within IMAGE_UPLOAD_MAX_BYTES (anything else is a 400 naming `picture`); it "
            "is scaled down to fit 512 by 512 pixels and stored under a random name, and the "
            "previous picture is deleted."
        ),
        request={"multipart/form-data": PictureInput},
        responses={200: MeOutput, 400: OpenApiResponse(description="Not an image we keep.")},
        examples=examples.ME_PICTURE,
    )
    def put(self, request: SignedInRequest) -> Response:
        data = validated(PictureInput, request.data)
        user = pictures.picture_set(user=request.user, upload=data["picture"])
        return Response({"ok": True, **user_data(user, request)})

    @extend_schema(
        summary="Remove my profile picture",
        request=None,
        responses={200: MeOutput},
        examples=examples.ME_PICTURE_DELETE,
    )
    def delete(self, request: SignedInRequest) -> Response:
        user = pictures.picture_delete(user=request.user)
        return Response({"ok": True, **user_data(user, request)})


class SessionsRevokedOutput(OkOutput):
    revoked = serializers.IntegerField(help_text="How many sessions ended.")


class SessionRevokeOthersApi(APIView):
    permission_classes = [IsSignedInUser]

    @extend_schema(
        summary="Sign out everywhere else",
        description="Ends every session of mine but the one of the token used for this call.",
        request=None,
        responses={200: SessionsRevokedOutput},
        examples=examples.SESSION_REVOKE_OTHERS,
    )
    def post(self, request: SignedInRequest) -> Response:
        ended = sessions_revoke_all(user=request.user, keep=_current_sid(request))
        return Response({"ok": True, "revoked": ended})
