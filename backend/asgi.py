"""ASGI entry point: Django (and DRF) over HTTP, the realtime gateway on ``/ws/``.

On PostgreSQL the hold request of an on-sale is answered by a rush route beside Django
(backend/core/rush.py), which hands Django whatever it does not answer exactly as Django does.

Both see the real client: the proxy-header middleware (core/proxies.py) sets the client's
address and scheme from a trusted proxy's headers, and drops those headers from anyone
else. Websocket handshakes must come from the site's own origin (core/origins.py).
"""

import os
from typing import Any

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")

# Django must be set up before anything imports models, consumers included.
django_application = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.conf import settings  # noqa: E402

from backend.core.concurrency import HttpConcurrencyLimit  # noqa: E402
from backend.core.origins import SameOriginWebsockets  # noqa: E402
from backend.core.proxies import ProxyHeadersMiddleware  # noqa: E402
from backend.core.request_id import RequestIdMiddleware  # noqa: E402
from backend.core.rush import RushRoutes  # noqa: E402
from consumers.routing import websocket_urlpatterns  # noqa: E402

http_application: Any = HttpConcurrencyLimit(django_application, settings.HTTP_CONCURRENCY)
if settings.RUSH_ROUTES and settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # The on-sale's hot path beside Django, on the event loop (backend/core/rush.py).
    from backend.inventory.rush import hold_create_route

    http_application = RushRoutes(http_application, {("POST", "/api/holds/"): hold_create_route})

# Outermost: every request and websocket connection gets its id (X-Request-ID) first.
application = RequestIdMiddleware(
    ProxyHeadersMiddleware(
        ProtocolTypeRouter(
            {
                "http": http_application,
                # types-channels wants its own URL pattern type where Django's re_path() makes these
                "websocket": SameOriginWebsockets(URLRouter(websocket_urlpatterns)),  # type: ignore[arg-type]
            }
        ),
        trusted=settings.TRUSTED_PROXIES,
    )
)
