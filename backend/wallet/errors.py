"""The wallet app's errors."""

from __future__ import annotations

from backend.core.errors import ApplicationError


class WalletNotConfigured(ApplicationError):
    status, code, message = 404, "wallet_not_configured", "Wallet passes are not offered here."


class PassNotAuthorized(ApplicationError):
    status, code, message = 401, "not_authenticated", "The pass's authentication token is wrong."
