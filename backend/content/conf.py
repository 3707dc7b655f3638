"""The content app's settings: read from ``django.conf.settings`` when it names them (a
deployment's settings module, a test's ``settings`` fixture), else from the environment,
else the default here. Documented in README.md, .env.example and docs/content.md."""

from __future__ import annotations

import environ
from django.conf import settings

_env = environ.Env()

DEFAULTS: dict[str, int] = {
    # Contact-form messages accepted per sender e-mail address, and per client address
    # (an IPv6 client's /64), within the window.
    "CONTACT_MESSAGES_PER_EMAIL": 3,
    "CONTACT_MESSAGES_PER_IP": 10,
    "CONTACT_WINDOW_SECONDS": 3600,
}


def setting(name: str) -> int:
    value = getattr(settings, name, None)
    if value is None:
        value = _env.int(name, default=DEFAULTS[name])
    return int(value)
