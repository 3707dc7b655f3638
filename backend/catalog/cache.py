"""The catalog's server cache: one version for every event's catalog, bumped on commit of
any change to a catalog row or an event (its slug, status and currency shape the answers).

Saves and deletes (the admin's, cascades, ``QuerySet.delete``) bump through the model
signals; bulk writes, which send no signals, bump in their service (``price_list_import``).
A change in one event's catalog makes every event's answers be rebuilt once: catalogs
change rarely and are read often, and one version cannot miss a relation.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from backend.core.versioned_cache import VersionedCache

catalog_cache = VersionedCache("catalog", timeout=6 * 3600)


def catalog_changed(**kwargs: Any) -> None:
    catalog_cache.bump_on_commit()


def connect_signals() -> None:
    from backend.catalog.models import (
        Service,
        ServiceCategory,
        ServicePrice,
        VehicleBrand,
        VehicleModel,
        VehicleType,
    )
    from backend.inventory.models import Event

    senders = [VehicleType, VehicleBrand, VehicleModel, ServiceCategory, Service, ServicePrice]
    for sender in [*senders, Event]:
        for signal in (post_save, post_delete):
            signal.connect(catalog_changed, sender=sender, dispatch_uid=f"catalog-{sender}")
