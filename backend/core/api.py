"""Health, and the JSON answers for paths and failures Django would answer in HTML."""

from __future__ import annotations

import sys

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import csrf, defaults
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.core import api_examples as examples
from backend.core.db_recovery import check_pools_soon
from backend.core.errors import (
    ApplicationError,
    DatabaseUnavailable,
    Forbidden,
    NotFound,
    error_body,
    is_database_unavailable,
    json_error,
)
from backend.core.health import periodic_report, run_health_checks
from backend.core.lifecycle import shutting_down

CHECK_RESULT = "`ok` or `error` (why it failed is in the server's log)."


class HealthOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    mode = serializers.ChoiceField(choices=["embedded", "full", "mixed"])
    database = serializers.CharField(help_text=CHECK_RESULT)
    channel_layer = serializers.CharField(help_text=CHECK_RESULT)
    redis = serializers.CharField(required=False, help_text=CHECK_RESULT)
    broker = serializers.CharField(required=False, help_text=CHECK_RESULT)
    periodic = serializers.DictField(
        child=serializers.FloatField(allow_null=True),
        help_text="Seconds since each periodic job last ran (informative; null: not recently).",
    )


class HealthApi(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    @extend_schema(
        summary="Is the service healthy?",
        description=(
            "Checks the database, the channel layer (a real send/receive round trip) and, in "
            "the full stack, Redis and the Celery broker. 503 names what failed; why it "
            "failed goes to the server's log, never into the answer."
        ),
        responses={200: HealthOutput, 503: OpenApiResponse(description="A dependency failed.")},
        examples=examples.HEALTH,
    )
    def get(self, request: Request) -> Response:
        healthy, results = run_health_checks()
        mode = settings.GATEHOUSE_MODE
        periodic = periodic_report()
        if healthy:
            return Response({"ok": True, "mode": mode, **results, "periodic": periodic})
        failing = [name for name, value in results.items() if value != "ok"]
        body = error_body("unhealthy", f"Failing: {', '.join(failing)}.")
        return Response({**body, "mode": mode, **results, "periodic": periodic}, status=503)


class LiveOutput(serializers.Serializer):
    ok = serializers.BooleanField()


class LiveApi(APIView):
    """Liveness: the process answers. No dependency is checked, so a PostgreSQL or Redis
    outage never gets every node restarted at once."""

    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    @extend_schema(
        summary="Is this process alive?",
        description=(
            "Answers 200 as long as the process serves requests, whatever the state of the "
            "database or Redis, and while it shuts down. For a supervisor's liveness probe "
            "(restart the process when it stops answering); a balancer asks "
            "`/api/health/ready/`."
        ),
        responses={200: LiveOutput},
        examples=examples.HEALTH_LIVE,
    )
    def get(self, request: Request) -> Response:
        return Response({"ok": True})


class ReadyOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    mode = serializers.ChoiceField(choices=["embedded", "full", "mixed"])
    shutting_down = serializers.BooleanField()
    database = serializers.CharField(help_text=CHECK_RESULT)
    channel_layer = serializers.CharField(help_text=CHECK_RESULT)
    redis = serializers.CharField(required=False, help_text=CHECK_RESULT)
    broker = serializers.CharField(required=False, help_text=CHECK_RESULT)


class ReadyApi(APIView):
    """Readiness: send this process work? Its dependencies answer, and it is not stopping."""

    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    @extend_schema(
        summary="Should a balancer send this process work?",
        description=(
            "200 when the database, the channel layer and (full stack) Redis and the broker "
            "answer and the process is not shutting down. 503 in the error shape otherwise: "
            "`unhealthy` names the failing dependencies, `shutting_down` says the node was "
            "told to stop (SIGTERM) and is finishing what it has in flight."
        ),
        responses={
            200: ReadyOutput,
            503: OpenApiResponse(description="A dependency failed, or the node is stopping."),
        },
        examples=examples.HEALTH_READY,
    )
    def get(self, request: Request) -> Response:
        mode = settings.GATEHOUSE_MODE
        if shutting_down():
            body = error_body("shutting_down", "This node is shutting down; use another.")
            return Response({**body, "mode": mode, "shutting_down": True}, status=503)
        healthy, results = run_health_checks()
        if healthy:
            return Response({"ok": True, "mode": mode, "shutting_down": False, **results})
        failing = [name for name, value in results.items() if value != "ok"]
        body = error_body("unhealthy", f"Failing: {', '.join(failing)}.")
        return Response({**body, "mode": mode, "shutting_down": False, **results}, status=503)


@csrf_exempt  # nothing here to protect, and a POST must get this 404, not a CSRF page
def api_not_found(request: HttpRequest, *args: object, **kwargs: object) -> JsonResponse:
    """Any method on an unknown path under /api/: a JSON 404, in DEBUG too."""
    return JsonResponse(NotFound(f"No API endpoint at {request.path}.").body(), status=404)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(("/api/", "/compat/"))


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse(NotFound().body(), status=404)
    return defaults.page_not_found(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    # Django calls this while handling the exception: a database that is away or too slow
    # (outside DRF's views: middleware, plain views) is a 503 to retry, not a bug.
    unavailable = is_database_unavailable(sys.exc_info()[1] or Exception())
    if unavailable:
        check_pools_soon()
    if _is_api(request):
        if unavailable:
            return json_error(request, DatabaseUnavailable())
        error = ApplicationError(
            "Something went wrong on our side.", code="server_error", status=500
        )
        return JsonResponse(error.body(), status=500)
    response = defaults.server_error(request)
    if unavailable:
        response.status_code = 503
        response["Retry-After"] = "1"
    return response


def handler400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse(ApplicationError("Bad request.").body(), status=400)
    return defaults.bad_request(request, exception)  # type: ignore[arg-type]  # None will do


def handler403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse(ApplicationError("Forbidden.", code="forbidden").body(), status=403)
    return defaults.permission_denied(request, exception)  # type: ignore[arg-type]  # (the same)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: under /api/ the JSON 403, elsewhere Django's page."""
    if _is_api(request):
        message = "CSRF check failed; send the X-CSRFToken header (GET /api/auth/csrf/)."
        return JsonResponse(Forbidden(message).body(), status=403)
    return csrf.csrf_failure(request, reason)
