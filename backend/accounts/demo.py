"""Demo accounts, loaded by ``manage.py demo``: a staff member of every event."""

from __future__ import annotations

import secrets

from backend.accounts.models import Role, RoleGrant, User

DEMO_STAFF_EMAIL = "staff@gatehouse.local"


def load_demo_staff() -> str:
    """A staff member of every event, to try the dashboards; its password is shown once."""
    user = User.objects.filter(email=DEMO_STAFF_EMAIL).first()
    if user is not None:
        RoleGrant.objects.get_or_create(user=user, role=Role.STAFF, event=None)
        return f"Staff sign-in: {DEMO_STAFF_EMAIL} (password shown when it was created)"
    password = secrets.token_urlsafe(12)
    user = User.objects.create_user(email=DEMO_STAFF_EMAIL, password=password, name="Demo Staff")
    RoleGrant.objects.create(user=user, role=Role.STAFF, event=None)
    return f"Staff sign-in, shown only now: {DEMO_STAFF_EMAIL} / {password} (every event)"


LOADERS = [load_demo_staff]
