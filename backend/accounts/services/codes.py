"""One-time codes: made with a CSPRNG, kept only as a keyed hash, compared in constant time,
and sealed (encrypted) for the short trip through the task queue to the SMS provider."""

from __future__ import annotations

import base64
import secrets

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

_ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def generate_code(length: int | None = None) -> str:
    length = length or settings.OTP_LENGTH
    return f"{secrets.randbelow(10**length):0{length}d}"


def hash_code(request_id: str, code: str) -> str:
    """Keyed with SECRET_KEY and bound to its request: a database dump reveals nothing."""
    return salted_hmac("gatehouse.otp", f"{request_id}:{code}", algorithm="sha256").hexdigest()


def code_matches(request_id: str, code: str, stored_hash: str) -> bool:
    return bool(stored_hash) and constant_time_compare(hash_code(request_id, code), stored_hash)


def normalize_code(raw: object) -> str | None:
    """Digits only (Arabic-Indic digits become ASCII, spaces go); None if not a code."""
    if not isinstance(raw, str | int) or isinstance(raw, bool):
        return None
    code = str(raw).translate(_ARABIC_INDIC).replace(" ", "").replace("-", "")
    return code if code.isascii() and code.isdigit() and 4 <= len(code) <= 10 else None


def _fernet() -> Fernet:
    key = salted_hmac("gatehouse.otp.seal", "fernet", algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(key))


def seal_code(code: str) -> str:
    return _fernet().encrypt(code.encode()).decode()


def unseal_code(sealed: str) -> str | None:
    try:
        return _fernet().decrypt(sealed.encode(), ttl=settings.OTP_TTL_SECONDS).decode()
    except InvalidToken:
        return None
