"""Whatever people type becomes one E.164 number, or a clear validation error."""

from __future__ import annotations

import pytest

from backend.accounts.phones import InvalidPhone, is_mobile, normalize_mobile, normalize_phone


@pytest.mark.parametrize(
    "raw",
    [
        "0512345678",
        "512345678",
        "966512345678",
        "+966512345678",
        "00966512345678",
        "051 234 5678",
        "051-234-5678",
        "+966 51 234 5678",
        "  0512345678 ",
        "٠٥١٢٣٤٥٦٧٨",
        "۰۵۱۲۳۴۵۶۷۸",
        "+٩٦٦٥١٢٣٤٥٦٧٨",
    ],
)
def test_saudi_formats_normalize_to_one_number(raw: str) -> None:
    assert normalize_phone(raw, region="SA") == "+966512345678"


def test_indian_number_with_region_in() -> None:
    assert normalize_phone("9999988888", region="IN") == "+919999988888"


def test_the_default_region_comes_from_settings(settings: object) -> None:
    settings.PHONE_DEFAULT_REGION = "IN"
    assert normalize_phone("9999988888") == "+919999988888"


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("", "Enter a phone number"),
        ("   ", "Enter a phone number"),
        (None, "Enter a phone number"),
        (512345678, "Enter a phone number"),
        ("abc", "not a phone number"),
        ("12345", "does not exist"),
        ("+966 5 1234 5678 9", "does not exist"),
        ("+15555550100", "does not exist"),
        ("0" * 40, "too long"),
    ],
)
def test_invalid_or_impossible_numbers_are_refused(raw: object, why: str) -> None:
    with pytest.raises(InvalidPhone, match=why):
        normalize_phone(raw, region="SA")


def test_only_mobiles_may_receive_a_code() -> None:
    landline = normalize_phone("0112345678", region="SA")  # Riyadh fixed line

    assert not is_mobile(landline)
    assert is_mobile("+966512345678")
    with pytest.raises(InvalidPhone, match="not a mobile"):
        normalize_mobile("0112345678", region="SA")
