"""System checks that replace Django's string-matching middleware checks.

Django's deploy checks security.W001/W002/W003 look for Django's middleware by dotted path;
Gatehouse runs subclasses of them (core/middleware.py). These checks look for the classes.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.csrf import CsrfViewMiddleware
from django.middleware.security import SecurityMiddleware
from django.utils.module_loading import import_string

REQUIRED = {
    "gatehouse.W001": (SecurityMiddleware, "HSTS, SSL redirect and security headers"),
    "gatehouse.W002": (XFrameOptionsMiddleware, "the X-Frame-Options header"),
    "gatehouse.W003": (CsrfViewMiddleware, "CSRF protection"),
}


@register(Tags.security, deploy=True)
def check_security_middleware(app_configs: Any, **kwargs: Any) -> list[Warning]:
    installed = []
    for dotted in settings.MIDDLEWARE:
        middleware = import_string(dotted)
        if isinstance(middleware, type):
            installed.append(middleware)
    return [
        Warning(f"No {base.__name__} (or a subclass) in MIDDLEWARE: no {what}.", id=check_id)
        for check_id, (base, what) in REQUIRED.items()
        if not any(issubclass(cls, base) for cls in installed)
    ]
