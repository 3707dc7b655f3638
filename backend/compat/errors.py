"""The answer to an unknown path under /compat/: JSON, never an HTML (CSRF) page."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from backend.core.errors import NotFound


@csrf_exempt  # a POST to an unknown path gets this 404, not a CSRF page
def compat_not_found(request: HttpRequest, *args: object, **kwargs: object) -> JsonResponse:
    return JsonResponse(NotFound(f"No endpoint at {request.path}.").body(), status=404)
