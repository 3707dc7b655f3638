"""The web app's entry: index.html for every client-side route, with the headers that confine
it (the files themselves come from whitenoise, see WHITENOISE_ROOT and ``StaticFiles``).

nginx/nginx.conf sends the same headers with index.html in the full stack; a test holds the
two to the same policy.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.views.decorators.http import require_safe
from whitenoise.middleware import WhiteNoiseMiddleware

NOT_BUILT = """<!doctype html><meta charset="utf-8"><title>Gatehouse</title>
<h1>The web app is not built</h1>
<p>Run <code>make run</code> (or <code>npm ci && npm run build</code> in <code>frontend/</code>).
The API answers at <a href="/api/docs/">/api/docs/</a>.</p>"""

# What the app loads: its own files; Stripe.js and its frames (card fields, 3-D Secure);
# Razorpay's checkout script and frame; QR codes drawn as blob: and data: images; websockets
# to its own origin ('self' covers ws: and wss: there); the service worker. No inline script.
# Inline styles are allowed: Stripe's and Razorpay's scripts style the elements they add to
# the page (React's style props go through the CSSOM, which a policy does not block).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' https://js.stripe.com https://*.js.stripe.com"
        " https://checkout.razorpay.com",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https://*.stripe.com https://cdn.razorpay.com",
        "connect-src 'self' https://api.stripe.com https://api.razorpay.com"
        " https://lumberjack.razorpay.com",
        "frame-src https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com"
        " https://api.razorpay.com",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
WEB_APP_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    # Other sites (a payment provider's frame) learn our origin, never a booking's path.
    "Referrer-Policy": "strict-origin-when-cross-origin",
    # The scanning station's camera, on our own pages only; nothing else.
    "Permissions-Policy": "camera=(self), microphone=(), geolocation=(), usb=()",
}


def serves_source_maps() -> bool:
    """Source maps show the app's source: only while developing (DEBUG)."""
    return bool(settings.DEBUG)


class StaticFiles(WhiteNoiseMiddleware):
    """WhiteNoise for static files and the built app, without ``*.map`` unless DEBUG is on
    (Django's static files include some: Swagger UI's)."""

    def add_file_to_dictionary(self, url: str, path: str, stat_cache: object = None) -> None:
        if serves_source_maps() or not url.endswith(".map"):
            super().add_file_to_dictionary(url, path, stat_cache=stat_cache)

    def find_file(self, url: str) -> object:
        if not serves_source_maps() and url.endswith(".map"):
            return None
        return super().find_file(url)


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """index.html, never cached (it names the current build's hashed assets)."""
    if request.path.startswith("/assets/") or request.path.endswith(".map"):
        return HttpResponseNotFound("Not found", content_type="text/plain")  # not a page
    path = settings.FRONTEND_DIST / "index.html"
    try:
        html = path.read_bytes()
    except FileNotFoundError:
        return HttpResponse(NOT_BUILT, status=503, content_type="text/html; charset=utf-8")
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    for name, value in WEB_APP_HEADERS.items():
        response[name] = value
    return response
