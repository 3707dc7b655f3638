"""The embedded default: codes and messages are "sent" by logging them, one line each."""

from __future__ import annotations

import logging

from backend.accounts.sms.base import CheckResult

logger = logging.getLogger("gatehouse.sms")


class ConsoleProvider:
    name = "console"
    generates_codes = False

    def start(self, *, phone: str, code: str | None, locale: str) -> str:
        logger.info("OTP %s %s", phone, code)
        return ""

    def check(self, *, phone: str, reference: str, code: str) -> CheckResult:
        raise NotImplementedError("console codes are checked against their hash")

    def send_message(self, *, phone: str, text: str) -> str:
        logger.info("SMS %s %s", phone, text)
        return ""
