"""Reading the sign-in codes the console SMS provider logs (``OTP <phone> <code>``)."""

from __future__ import annotations

import pytest


def codes_sent(caplog: pytest.LogCaptureFixture, phone: str) -> list[str]:
    lines = [r.getMessage() for r in caplog.records if r.name == "gatehouse.sms"]
    return [m.split()[2] for m in lines if m.startswith(f"OTP {phone} ")]


def last_code(caplog: pytest.LogCaptureFixture, phone: str) -> str:
    codes = codes_sent(caplog, phone)
    assert codes, "no code was logged"
    return codes[-1]
