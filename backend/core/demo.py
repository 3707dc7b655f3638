"""Demo data: every app's loaders, run in order by ``manage.py demo``.

An app with demo data has a ``demo`` module whose ``LOADERS`` lists its loaders; they run in
``INSTALLED_APPS`` order (the layers' order, so an app's loaders find what the apps below
it loaded). Each loader is idempotent (it finds what exists before it creates anything) and
returns a line describing what is there.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from django.apps import apps
from django.db import transaction

Loader = Callable[[], str]


def demo_loaders() -> list[Loader]:
    found: list[Loader] = []
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        try:
            module = import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        found += getattr(module, "LOADERS", [])
    return found


def load_demo(report: Callable[[str], None]) -> int:
    """Run every loader in its own transaction; returns how many ran."""
    loaders = demo_loaders()
    for loader in loaders:
        with transaction.atomic():
            report(loader())
    return len(loaders)
