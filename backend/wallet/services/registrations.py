"""Devices registering for a pass's updates (Apple's PassKit web service), and leaving."""

from __future__ import annotations

from django.db import transaction

from backend.wallet.models import AppleDevice, AppleRegistration, WalletPass


def device_register(*, library_id: str, push_token: str, wallet_pass: WalletPass) -> bool:
    """Register the device for the pass (its push token updated); True when it was not yet."""
    with transaction.atomic():
        device, _ = AppleDevice.objects.select_for_update().get_or_create(
            library_id=library_id, defaults={"push_token": push_token}
        )
        if device.push_token != push_token:
            device.push_token = push_token
            device.save(update_fields=["push_token"])
        _, created = AppleRegistration.objects.get_or_create(device=device, wallet_pass=wallet_pass)
    return created


def device_unregister(*, library_id: str, wallet_pass: WalletPass) -> bool:
    """The device stops following the pass (and is forgotten once it follows none)."""
    with transaction.atomic():
        deleted, _ = AppleRegistration.objects.filter(
            device__library_id=library_id, wallet_pass=wallet_pass
        ).delete()
        AppleDevice.objects.filter(library_id=library_id, registrations__isnull=True).delete()
    return deleted > 0
