"""Views that fail in each way the API can, for the error-shape tests."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.core.errors import Forbidden, RateLimited
from backend.urls import urlpatterns as real_urlpatterns


class CountInput(serializers.Serializer):
    count = serializers.IntegerField(min_value=1)


class ValidateApi(APIView):
    def post(self, request: Request) -> Response:
        data = CountInput(data=request.data)
        data.is_valid(raise_exception=True)
        return Response({"ok": True, "count": data.validated_data["count"]})


class PrivateApi(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request: Request) -> Response:
        return Response({"ok": True})


class ForbiddenApi(APIView):
    def get(self, request: Request) -> Response:
        raise Forbidden("Staff only.")


class RateLimitedApi(APIView):
    def get(self, request: Request) -> Response:
        raise RateLimited(12.2)


class BoomApi(APIView):
    def get(self, request: Request) -> Response:
        raise RuntimeError("a bug")


def plain_boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug outside DRF")


def plain_post(request: HttpRequest) -> HttpResponse:
    """A view outside DRF that Django's CSRF middleware guards."""
    return HttpResponse("posted")


urlpatterns = [
    path("api/t/validate/", ValidateApi.as_view()),
    path("api/t/private/", PrivateApi.as_view()),
    path("api/t/forbidden/", ForbiddenApi.as_view()),
    path("api/t/rate/", RateLimitedApi.as_view()),
    path("api/t/boom/", BoomApi.as_view()),
    path("api/t/plain-boom/", plain_boom),
    path("api/t/plain-post/", plain_post),
    path("t/plain-post/", plain_post),
    path("", include(real_urlpatterns)),
]

handler404 = "backend.core.api.handler404"
handler500 = "backend.core.api.handler500"
