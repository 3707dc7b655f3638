"""Uploaded files (MEDIA_URL), served from the default storage when it keeps them on this
machine (the embedded default and the full stack's shared volume, proxied by nginx). A
storage elsewhere (S3 and the like) hands out its own URLs and never reaches this view."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_safe
from django.views.static import serve

from backend.core.images import RENDITIONS_FOLDER

HEADERS = {
    "Cache-Control": "public, max-age=86400",
    "X-Content-Type-Options": "nosniff",
    # An uploaded file is shown, never run: no scripts even if someone managed to store one.
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
}


# Renditions are named after their content's hash (``backend.core.images.renditions_make``):
# a name never changes its bytes, so browsers and proxies keep them for good.
IMMUTABLE = "public, max-age=31536000, immutable"


@require_safe
def media(request: HttpRequest, path: str) -> HttpResponseBase:
    if not settings.MEDIA_STORAGE.endswith("FileSystemStorage"):
        raise Http404("Not a local file.")
    response = serve(request, path, document_root=str(settings.MEDIA_ROOT))
    for name, value in HEADERS.items():
        response[name] = value
    if path.startswith(f"{RENDITIONS_FOLDER}/"):
        response["Cache-Control"] = IMMUTABLE
    return response
