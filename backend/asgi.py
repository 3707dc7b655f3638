"""ASGI entry point: Django (and DRF) over HTTP, the realtime gateway on ``/ws/``."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")

# Django must be set up before anything imports models, consumers included.
django_application = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from backend.core.concurrency import HttpConcurrencyLimit  # noqa: E402
from consumers.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": HttpConcurrencyLimit(django_application, settings.HTTP_CONCURRENCY),
        "websocket": AllowedHostsOriginValidator(URLRouter(websocket_urlpatterns)),
    }
)
