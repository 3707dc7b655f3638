"""Driving the admin like a person does: a signed-in superuser and the user change form."""

from __future__ import annotations

from typing import Any

from django.db.models.fields.files import FieldFile
from django.test import Client

from backend.accounts.models import RoleGrant, User


def admin_browser_for(email: str = "root@example.com") -> tuple[Client, User]:
    root = User.objects.create_superuser(email, "pw")
    browser = Client()
    browser.force_login(root)
    return browser, root


def user_change_form(
    browser: Client, user: User, grants: list[dict[str, Any]] | None = None, **fields: Any
) -> dict[str, Any]:
    """The POST data of ``user``'s change page as it stands, with ``fields`` changed and,
    when given, ``grants`` (``{"role", "event", "id"?, "DELETE"?}``) as the roles inline."""
    page = browser.get(f"/admin/accounts/user/{user.pk}/change/")
    form = page.context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None
        and key not in ("password", "date_joined", "last_login")
        and not (isinstance(value, FieldFile) and not value)  # no picture: nothing to post
    }
    data.update({"date_joined_0": "2026-01-01", "date_joined_1": "10:00:00"})
    data.update({key: "on" for key in ("is_active", "is_staff", "is_superuser") if data.get(key)})
    for key in ("is_active", "is_staff", "is_superuser"):
        if data.get(key) is False:
            data.pop(key)
    if grants is None:
        grants = [
            {"id": g.pk, "role": g.role, "event": g.event_id}
            for g in RoleGrant.objects.filter(user=user)
        ]
    initial = sum(1 for g in grants if "id" in g)
    data.update({
        "role_grants-TOTAL_FORMS": str(len(grants)), "role_grants-INITIAL_FORMS": str(initial),
        "role_grants-MIN_NUM_FORMS": "0", "role_grants-MAX_NUM_FORMS": "1000",
        "groups": [], "user_permissions": [],
    })  # fmt: skip
    for n, grant in enumerate(grants):
        prefix = f"role_grants-{n}-"
        data[prefix + "user"] = str(user.pk)
        data[prefix + "role"] = grant["role"]
        data[prefix + "event"] = str(grant["event"]) if grant.get("event") else ""
        if "id" in grant:
            data[prefix + "id"] = str(grant["id"])
        if grant.get("DELETE"):
            data[prefix + "DELETE"] = "on"
    for key, value in fields.items():
        if value is False:
            data.pop(key, None)
        else:
            data[key] = "on" if value is True else value
    return data
