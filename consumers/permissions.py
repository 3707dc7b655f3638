"""Who may watch which topic (checked at subscribe, and again when the identity changes)."""

from __future__ import annotations

from collections.abc import Mapping

from consumers.identity import Identity


def anyone(identity: Identity, params: Mapping[str, str]) -> bool:
    """Public topics: every connection, signed in or not."""
    return True


def owns_hold(identity: Identity, params: Mapping[str, str]) -> bool:
    """A hold's countdown is its owner's alone; any other caller gets ``forbidden``."""
    from backend.inventory.models import Hold

    if identity.user is None:
        return False
    return Hold.objects.filter(pk=params["hold_id"], user=identity.user).exists()
