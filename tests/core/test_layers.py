"""Apps depend downward only, in DESIGN.md's order; the backend never imports ``consumers``.

Every import in ``backend/`` and ``consumers/`` is read from the source, module level and
inside functions alike, so a lazy import cannot hide an upward edge. Imports under ``if
TYPE_CHECKING:`` are left out: they name a type for the checker and never run, so they add
no dependency at run time (import-linter's ``exclude_type_checking_imports``). There is no
list of exemptions: a lower app that must react to a higher one declares a hook
(``backend/<app>/hooks.py``) and the higher one subscribes.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps as django_apps

ROOT = Path(__file__).resolve().parents[2]

# DESIGN.md, "Layers and conventions": each app may import only the apps before it.
LAYERS = [
    "realtime",
    "core",
    "accounts",
    "inventory",
    "catalog",
    "bookings",
    "webhooks",
    "payments",
    "invoices",
    "tickets",
    "wallet",
    "checkin",
    "vendors",
    "content",
    "notifications",
    "integrations",
    "compat",
]
RANK = {app: rank for rank, app in enumerate(LAYERS)}

# The project's own modules wire the apps together, so they may import any of them; no app
# imports them (apps read settings through django.conf).
PROJECT_MODULES = {"settings", "urls", "asgi", "wsgi", "celery", "serve", "periodic"}
# The one backend module that loads the websocket side (DESIGN.md, "Layout").
MAY_IMPORT_CONSUMERS = {"backend.asgi"}


@dataclass(frozen=True)
class Edge:
    source: str  # dotted module doing the import
    target: str  # dotted module imported
    line: int

    def __str__(self) -> str:
        return f"{self.source}:{self.line} imports {self.target}"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(source: str, module: str, *, is_package: bool = False) -> list[tuple[str, int]]:
    """Every module ``source`` (the text of ``module``) imports, relative imports resolved."""
    found: list[tuple[str, int]] = []
    package = module if is_package else module.rpartition(".")[0]
    tree = ast.parse(source)
    types_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and _is_type_checking(node.test)
        for statement in node.body
        for inner in ast.walk(statement)
    }
    for node in ast.walk(tree):
        if id(node) in types_only:
            continue
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if _layer(target) is None:  # `from backend import payments` names the app
                found += [(f"{target}.{alias.name}", node.lineno) for alias in node.names]
            else:
                found.append((target, node.lineno))
    return found


def _layer(module: str) -> tuple[str, str] | None:
    """("app", name), ("project", name), ("consumers", "") or None (outside our code)."""
    parts = module.split(".")
    if parts[0] == "consumers":
        return ("consumers", "")
    if parts[0] != "backend" or len(parts) < 2:
        return None
    if parts[1] in RANK:
        return ("app", parts[1])
    if parts[1] in PROJECT_MODULES:
        return ("project", parts[1])
    return None


def violations(source: str, module: str, *, is_package: bool = False) -> list[Edge]:
    """The imports of ``module`` that break the layering."""
    mine = _layer(module)
    if mine is None or mine[0] == "consumers":
        return []  # consumers sit on top and may import any app
    bad: list[Edge] = []
    for target, line in imports_of(source, module, is_package=is_package):
        theirs = _layer(target)
        if theirs is None:
            continue
        if theirs[0] == "consumers":
            if module not in MAY_IMPORT_CONSUMERS:
                bad.append(Edge(module, target, line))
        elif (mine[0] == "app" and theirs[0] == "project") or (
            mine[0] == "app" and theirs[0] == "app" and RANK[theirs[1]] > RANK[mine[1]]
        ):
            bad.append(Edge(module, target, line))
    return bad


def _python_files() -> list[Path]:
    return sorted(
        path
        for package in ("backend", "consumers")
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    )


def test_every_import_goes_down() -> None:
    files = _python_files()
    assert len(files) > 100  # the walk found the code
    bad = [
        str(edge)
        for path in files
        for edge in violations(
            path.read_text(), _module_name(path), is_package=path.name == "__init__.py"
        )
    ]
    assert bad == [], "upward imports (declare a hook instead):\n" + "\n".join(bad)


def test_every_app_has_its_place_in_the_order() -> None:
    apps = [
        config.name.split(".")[1]
        for config in django_apps.get_app_configs()
        if config.name.startswith("backend.")
    ]
    folders = {
        path.parent.name for path in (ROOT / "backend").glob("*/apps.py") if path.parent.is_dir()
    }
    assert set(apps) == folders  # every app folder is installed, every installed app exists
    assert set(apps) <= set(RANK), f"not in DESIGN.md's order: {set(apps) - set(RANK)}"
    # Installed in the same order, so what an app's ready() relies on is ready before it.
    assert apps == sorted(apps, key=RANK.__getitem__)


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        # upward, at module level or lazily in a function
        ("backend.bookings.api.staff", "from backend.payments.services import x", 1),
        ("backend.realtime.snapshots", "def f():\n    import backend.inventory.models\n", 1),
        # a type for the checker only (never imported at run time), and its else branch
        (
            "backend.accounts.selectors",
            "import typing\nif typing.TYPE_CHECKING:\n"
            "    from backend.inventory.models import Event\n"
            "else:\n    from backend.inventory import models\n",
            1,
        ),
        ("backend.bookings.services.x", "from backend import tickets", 1),
        ("backend.tickets.api.links", "from ...checkin import api", 1),  # relative
        ("backend.core.health", "from backend.periodic import JOBS", 1),  # the project
        ("backend.inventory.services", "import consumers.topics", 1),  # consumers
        # downward, sideways within the app, the project wiring, consumers on top
        ("backend.payments.api.staff", "from backend.bookings.services import bookings", 0),
        ("backend.tickets.api.links", "from ..services import tickets", 0),
        ("backend.urls", "from backend.compat import urls\nimport consumers.routing", 1),
        ("backend.asgi", "import consumers.routing\nfrom backend.compat import urls", 0),
        ("consumers.registered", "from backend.checkin.selectors import x", 0),
    ],
)
def test_the_check_sees_each_kind_of_edge(module: str, source: str, expected: int) -> None:
    assert len(violations(source, module)) == expected
