"""Linking a phone-only account into the signed-in one, once the person proved both.

A phone-only account (made by signing in with a code: no password, no e-mail, no OpenID
Connect identity) is folded into the account that proves its phone: every row that points
at it moves to the signed-in account, its sessions end, and it is switched off. The rows are
found through ``User._meta`` (every relation, hidden ones included), so a relation added
later moves too unless it is listed in :data:`KEPT`. A row whose move would break a unique
constraint (a role the account already has, a second wallet pass for the same ticket) is a
duplicate: it is dropped, or left with the switched-off account where it cannot be dropped
(:data:`LEFT_ON_DUPLICATE`). Everything happens in the caller's transaction, with both
accounts' rows locked, and is audited (``account.link``).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, models, transaction

from backend.accounts.models import User
from backend.accounts.services.sessions import sessions_revoke_all
from backend.accounts.services.users import has_password
from backend.core.audit import audit

# Relations that stay where they are: history of who did what (the audit log, the admin's
# log), and the accounts' own sign-in records (sessions end instead; a phone-only account
# has no external identity by definition).
KEPT = {
    ("core.auditentry", "actor"),
    ("admin.logentry", "user"),
    ("accounts.authsession", "user"),
    ("accounts.externalidentity", "user"),
}
# Rows that are not dropped when the signed-in account already has their like: they stay
# with the switched-off account (staff can sort them out in the admin).
LEFT_ON_DUPLICATE = {("vendors.vendor", "user")}


def is_phone_only(user: User) -> bool:
    """Made by a phone code alone: nothing but the phone proves who it is."""
    return (
        user.is_active
        and not user.email
        and not has_password(user)
        and not user.is_staff
        and not user.is_superuser
        and not user.identities.exists()
    )


def _relations() -> list[tuple[type[models.Model], str, str]]:
    found = []
    for relation in User._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete):
            continue
        model = relation.related_model
        field = relation.field.name  # type: ignore[union-attr]
        label = model._meta.label_lower  # type: ignore[union-attr]
        if (label, field) not in KEPT:
            found.append((model, label, field))
    return found  # type: ignore[return-value]


def _move(
    model: type[models.Model], label: str, field: str, source: User, target: User
) -> Counter[str]:
    counts: Counter[str] = Counter()
    rows = model._default_manager.filter(**{field: source})
    try:
        with transaction.atomic():
            counts["moved"] += rows.update(**{field: target})
        return counts
    except IntegrityError:
        pass  # some would be duplicates: one by one
    for pk in list(rows.values_list("pk", flat=True)):
        one = model._default_manager.filter(pk=pk)
        try:
            with transaction.atomic():
                counts["moved"] += one.update(**{field: target})
        except IntegrityError:
            if (label, field) in LEFT_ON_DUPLICATE:
                counts["left"] += 1
            else:
                one.delete()
                counts["dropped"] += 1
    return counts


def account_link(*, target: User, source: User) -> dict[str, Any]:
    """Fold the phone-only ``source`` into ``target`` (both rows locked by the caller, in a
    transaction). Returns what moved, per relation; ``source`` ends switched off, without a
    phone and unable to sign in."""
    assert transaction.get_connection().in_atomic_block
    before = {"phone": source.phone, "is_active": source.is_active}
    moved: dict[str, Any] = {}
    for model, label, field in _relations():
        counts = _move(model, label, field, source, target)
        if any(counts.values()):
            moved[f"{label}.{field}"] = dict(counts)
    sessions_ended = sessions_revoke_all(user=source)
    # Still an account (the log and history point at it) but nobody's: no phone, an
    # address that can receive nothing (RFC 2606), no password.
    source.phone = None
    source.verified_phone = ""
    source.email = f"linked-{source.pk}-into-{target.pk}@accounts.invalid"
    source.verified_email = ""
    source.password = make_password(None)
    source.is_active = False
    source.save(
        update_fields=["phone", "verified_phone", "email", "verified_email", "password",
                       "is_active"]
    )  # fmt: skip
    audit(
        actor=target,
        action="account.link",
        obj=source,
        before=before,
        after={"linked_into": target.pk, "moved": moved, "sessions_ended": sessions_ended},
    )
    return moved
