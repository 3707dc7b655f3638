"""What the observability tests run in real processes (a web server and a Celery worker,
both with ``DJANGO_SETTINGS_MODULE=tests.support.observed_settings``): views that crash or
enqueue, and the tasks they enqueue. Each carries secrets that must never reach Sentry.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.core.tasks import enqueue
from backend.urls import handler400, handler403, handler404, handler500  # noqa: F401
from backend.urls import urlpatterns as real_urlpatterns

logger = logging.getLogger("tests.observed")

# Secrets the views and tasks hold in variables and messages; none may appear in an event.
TOKEN = "tok_SECRETtoken1234567890"
OTP = "864209"
SIGNATURE = "sig_SECRETsignature0987"


class CrashApi(APIView):
    """A bug in a DRF view: the API answers 500 in the error shape."""

    authentication_classes = ()  # the test's Authorization header is a secret, not a login

    def get(self, request: Request) -> Response:
        token, code = TOKEN, OTP  # noqa: F841  (frame variables Sentry would send)
        logger.info("about to crash")
        raise RuntimeError(f"crashed on /t/{TOKEN} with Bearer {TOKEN}")


def crash_plain(request: HttpRequest) -> HttpResponse:
    """A bug in a plain Django view: Django's handler500 answers."""
    signature = SIGNATURE  # noqa: F841
    raise ValueError(f"plain view crashed reading /api/tickets/links/{TOKEN}/")


def enqueue_tasks(request: HttpRequest) -> JsonResponse:
    """Enqueues a task that logs, and one that fails when ``?fail=1``."""
    logger.info("enqueueing")
    enqueue("tests.observed_log")
    if request.GET.get("fail"):
        enqueue("tests.observed_fail", TOKEN)
    return JsonResponse({"ok": True})


urlpatterns = [
    path("api/test/crash/", CrashApi.as_view()),
    path("api/test/crash-plain/", crash_plain),
    path("api/test/enqueue/", enqueue_tasks),
    *real_urlpatterns,
]


@shared_task(name="tests.observed_log")
def observed_log() -> None:
    logger.info("task ran")


@shared_task(name="tests.observed_fail")
def observed_fail(token: str) -> None:
    code = OTP  # noqa: F841
    raise RuntimeError(f"task failed for ?token={token}")
