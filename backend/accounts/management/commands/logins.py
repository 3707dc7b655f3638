"""``manage.py logins``: the box `make run` prints on every start, with the logins of this
checkout (the admin, the demo staff member, the demo scanning station) kept in var/.

A login is shown only while it still works (a changed password or a revoked station is not
shown again); otherwise the box says how to set a new one.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from backend.accounts.demo import DEMO_GUEST_PHONE, DEMO_STAFF_EMAIL
from backend.accounts.models import ScannerDevice, User
from backend.accounts.services.devices import hash_device_token
from backend.core.logins import box, logins_read

ADMIN_EMAIL = "admin@gatehouse.local"


def _python() -> str:
    """How to call this Python from the current directory (``.venv/bin/python``)."""
    relative = os.path.relpath(sys.executable)
    return relative if not relative.startswith("..") else sys.executable


def _password_lines(user: User | None, kept: dict[str, str], email: str) -> list[str]:
    if user is None:
        return [f"  (no account {email}: python manage.py ensure_admin / demo makes it)"]
    password = kept.get("password", "")
    lines = [f"  e-mail:    {user.email}"]
    if password and kept.get("email") == user.email and user.check_password(password):
        lines.append(f"  password:  {password}")
    else:
        lines.append(
            f"  password:  not kept; set one: {_python()} manage.py changepassword {email}"
        )
    return lines


def _station_lines(kept: dict[str, str], url: str) -> list[str]:
    token = kept.get("token", "")
    device = (
        ScannerDevice.objects.filter(
            token_hash=hash_device_token(token), revoked_at__isnull=True
        ).first()
        if token
        else None
    )
    if device is None:
        return [f"  token:     not kept; make one in the staff desk: {url}/staff/devices"]
    return [f"  token:     {token}", f"  ({device.label})"]


def login_box(url: str) -> str:
    """The box: where to go and with which login, from what var/logins.json kept."""
    url = url.rstrip("/")
    kept = logins_read()
    admin_email = kept.get("admin", {}).get("email", ADMIN_EMAIL)
    admin = User.objects.filter(email=admin_email, is_superuser=True).first() or (
        User.objects.filter(is_superuser=True).order_by("pk").first()
    )
    staff = User.objects.filter(email=DEMO_STAFF_EMAIL).first()
    lines = [
        f"Gatehouse is serving on {url}/",
        "",
        f"Guests:        {url}/  (demo guest: {DEMO_GUEST_PHONE}, code on this console)",
        f"Admin:         {url}/admin/",
        *_password_lines(
            admin, kept.get("admin", {}), (admin.email if admin else "") or admin_email
        ),
    ]
    if staff is not None:
        lines += [
            f"Staff desk:    {url}/staff",
            *_password_lines(staff, kept.get("staff", {}), DEMO_STAFF_EMAIL),
        ]
    if "station" in kept or ScannerDevice.objects.exists():
        lines += [f"Scan station:  {url}/scan", *_station_lines(kept.get("station", {}), url)]
    lines += [
        "",
        f"API docs:      {url}/api/docs/",
        f"These logins are kept in {_relative_var()}logins.json; Ctrl-C stops the server.",
    ]
    return box(lines)


def _relative_var() -> str:
    from django.conf import settings

    path = os.path.relpath(settings.VAR_DIR)
    shown = settings.VAR_DIR if path.startswith("..") else path
    return f"{shown}{os.sep}"


class Command(BaseCommand):
    help = "Print the admin, staff and scanning-station logins of this checkout in a box."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="Where it serves.")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write("\n" + login_box(options["url"]) + "\n")
