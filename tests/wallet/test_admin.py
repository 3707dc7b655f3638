"""The wallet's admin pages list passes and devices, and add or change nothing."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from backend.tickets.models import Ticket
from backend.wallet.models import WalletPass
from tests.support.admin import admin_browser_for
from tests.wallet.conftest import Pki

pytestmark = pytest.mark.django_db


def test_passes_are_listed_and_never_added_by_hand(
    apple_wallet: Pki, ticket: Ticket, guest_api: APIClient
) -> None:
    guest_api.get(f"/api/tickets/{ticket.pk}/wallet/apple.pkpass")
    serial = WalletPass.objects.get().serial_number
    browser, _ = admin_browser_for()

    listing = browser.get("/admin/wallet/walletpass/")

    assert listing.status_code == 200
    assert serial in listing.content.decode()
    assert browser.get("/admin/wallet/walletpass/add/").status_code == 403
    assert browser.get("/admin/wallet/appledevice/").status_code == 200
    assert browser.get("/admin/wallet/appleregistration/").status_code == 200
