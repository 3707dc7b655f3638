"""The logins `make run` made (the admin, the demo staff member, the demo scanning station),
kept in ``var/logins.json`` (readable by this user only) so that every start can show them
again in one box (``manage.py logins``).

Only what this checkout generated is kept here: a password someone changed afterwards no
longer matches and is then not shown (the box prints the command that sets a new one).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from django.conf import settings

FILE_NAME = "logins.json"


def logins_path() -> Path:
    return Path(settings.VAR_DIR) / FILE_NAME


def logins_read() -> dict[str, dict[str, str]]:
    """What was remembered, by kind (``admin``, ``staff``, ``station``); {} when nothing."""
    try:
        data: Any = json.loads(logins_path().read_text())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        kind: {key: str(value) for key, value in entry.items()}
        for kind, entry in data.items()
        if isinstance(entry, dict)
    }


def login_remember(kind: str, **values: str) -> None:
    """Keep one generated login (``kind`` replaces what was kept under it)."""
    data = logins_read()
    data[kind] = dict(values)
    path = logins_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        json.dump(data, file, indent=2)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


def box(lines: list[str]) -> str:
    """``lines`` framed in a box (an empty string is a blank line inside it)."""
    width = max((len(line) for line in lines), default=0)
    top = "┌" + "─" * (width + 2) + "┐"
    bottom = "└" + "─" * (width + 2) + "┘"
    middle = [f"│ {line.ljust(width)} │" for line in lines]
    return "\n".join([top, *middle, bottom])
