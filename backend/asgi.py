"""ASGI entry point: Django (and DRF) over HTTP, the realtime gateway on ``/ws/``.

Both see the real client: the proxy-header middleware (core/proxies.py) sets the client's
address and scheme from a trusted proxy's headers, and drops those headers from anyone
else. Websocket handshakes must come from the site's own origin (core/origins.py).
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")

# Django must be set up before anything imports models, consumers included.
django_application = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.conf import settings  # noqa: E402

from backend.core.concurrency import HttpConcurrencyLimit  # noqa: E402
from backend.core.origins import SameOriginWebsockets  # noqa: E402
from backend.core.proxies import ProxyHeadersMiddleware  # noqa: E402
from consumers.routing import websocket_urlpatterns  # noqa: E402

application = ProxyHeadersMiddleware(
    ProtocolTypeRouter(
        {
            "http": HttpConcurrencyLimit(django_application, settings.HTTP_CONCURRENCY),
            # types-channels wants its own URL pattern type where Django's re_path() makes these
            "websocket": SameOriginWebsockets(URLRouter(websocket_urlpatterns)),  # type: ignore[arg-type]
        }
    ),
    trusted=settings.TRUSTED_PROXIES,
)
