"""Tasks are enqueued by their registered name: every name a service enqueues is a task the
Celery app knows, and ``enqueue`` refuses a name no task has."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings

from backend.celery import app
from backend.core.tasks import enqueue, task_named

BACKEND = Path(settings.BASE_DIR) / "backend"


def enqueued_names() -> list[tuple[str, str]]:
    found = []
    for path in sorted(BACKEND.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "enqueue"
            ):
                first = node.args[0]
                assert isinstance(first, ast.Constant), f"{path}:{node.lineno}: a literal name"
                found.append((f"{path.relative_to(BACKEND)}:{node.lineno}", first.value))
    return found


def test_every_enqueued_name_is_a_registered_task() -> None:
    app.loader.import_default_modules()
    names = enqueued_names()
    assert len(names) >= 6
    assert [(where, name) for where, name in names if name not in app.tasks] == []


def test_services_never_import_tasks() -> None:
    importers = []
    for path in sorted(BACKEND.rglob("*.py")):
        if path.name == "tasks.py" or "management" in path.parts or path.name == "periodic.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            if module and module.endswith(".tasks") and module != "backend.core.tasks":
                importers.append(f"{path.relative_to(BACKEND)}:{node.lineno} {module}")
    assert importers == []


def test_a_name_no_task_has_is_refused() -> None:
    assert task_named("tickets.end_amendments").name == "tickets.end_amendments"
    with pytest.raises(KeyError):
        enqueue("tickets.no_such_task", 1)
