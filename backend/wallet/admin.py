"""Wallet passes in the admin, to look at: passes are made by their holders, registrations
by their phones."""

from __future__ import annotations

from django.contrib import admin

from backend.core.admin import LookOnlyAdmin
from backend.wallet.models import AppleDevice, AppleRegistration, WalletPass


class _LookOnly(LookOnlyAdmin):
    deletable = True


@admin.register(WalletPass)
class WalletPassAdmin(_LookOnly):
    list_display = ["serial_number", "ticket", "holder", "version", "updated_at"]
    list_select_related = ["ticket", "holder"]
    search_fields = ["serial_number", "ticket__id"]


@admin.register(AppleDevice)
class AppleDeviceAdmin(_LookOnly):
    list_display = ["library_id", "created_at"]


@admin.register(AppleRegistration)
class AppleRegistrationAdmin(_LookOnly):
    list_display = ["device", "wallet_pass", "created_at"]
    list_select_related = ["device", "wallet_pass"]
