"""The web app's entry: index.html for every client-side route (the files themselves come
from whitenoise, see WHITENOISE_ROOT)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.views.decorators.http import require_safe

NOT_BUILT = """<!doctype html><meta charset="utf-8"><title>Gatehouse</title>
<h1>The web app is not built</h1>
<p>Run <code>make run</code> (or <code>npm ci && npm run build</code> in <code>frontend/</code>).
The API answers at <a href="/api/docs/">/api/docs/</a>.</p>"""


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """index.html, never cached (it names the current build's hashed assets)."""
    if request.path.startswith("/assets/"):
        return HttpResponseNotFound("Not found", content_type="text/plain")  # a stale asset
    path = settings.FRONTEND_DIST / "index.html"
    try:
        html = path.read_bytes()
    except FileNotFoundError:
        return HttpResponse(NOT_BUILT, status=503, content_type="text/html; charset=utf-8")
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response
