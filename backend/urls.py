"""URLs: the admin, the REST API under /api/, its schema and docs."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

import backend.periodic  # noqa: F401  (registers the periodic jobs /api/health/ reports)
from backend.core import spa
from backend.core.api import api_not_found
from backend.core.media import media
from backend.core.metrics import metrics_view

api_urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("backend.core.urls")),
    path("", include("backend.accounts.urls")),
    path("", include("backend.inventory.urls")),
    path("", include("backend.catalog.urls")),
    path("", include("backend.bookings.urls")),
    path("", include("backend.webhooks.urls")),
    path("", include("backend.payments.urls")),
    path("", include("backend.invoices.urls")),
    path("", include("backend.tickets.urls")),
    path("", include("backend.wallet.urls")),
    path("", include("backend.checkin.urls")),
    path("", include("backend.vendors.urls")),
    path("", include("backend.content.urls")),
    path("", include("backend.notifications.urls")),
    path("", include("backend.integrations.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include(api_urlpatterns)),
    re_path(r"^api/", api_not_found),
    # The replaced systems' own APIs (PROTOCOL.md, "Seed-compatible APIs").
    path("compat/", include("backend.compat.urls")),
    re_path(r"^media/(?P<path>.+)$", media, name="media"),
    # Prometheus (backend/core/metrics.py): a token or a network rule, else a 404.
    path("metrics", metrics_view, name="metrics"),
    # Everything else is the web app's: its client-side routes all start from index.html.
    re_path(r"^(?!(?:api|compat|admin|static|media|ws)(?:/|$)).*$", spa.index, name="web-app"),
]

handler400 = "backend.core.api.handler400"
handler403 = "backend.core.api.handler403"
handler404 = "backend.core.api.handler404"
handler500 = "backend.core.api.handler500"
