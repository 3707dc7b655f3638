"""Phone numbers: whatever people type, normalized to E.164 with the phonenumbers library.

``0512345678``, ``512345678``, ``966512345678``, ``+966512345678``, ``00966512345678``,
with spaces or dashes, or in Arabic-Indic digits, are all ``+966512345678`` for region SA.
A number typed without a country code is read in a region: the venue's country when the
request names an event (:func:`region_of`), else ``PHONE_DEFAULT_REGION``; ``09876543210``
at an Indian venue is ``+919876543210``.
"""

from __future__ import annotations

from typing import Any

import phonenumbers
from django.conf import settings
from phonenumbers import PhoneNumberType

# Types that can receive an SMS. Some countries (the US among them) do not tell mobile and
# fixed-line numbers apart; those may receive one too.
_SMS_CAPABLE = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
MAX_INPUT_LENGTH = 32


class InvalidPhone(ValueError):
    """Not a phone number we can use; the message says why, in words a person understands."""


def region_of(event: Any) -> str | None:
    """Where a number typed without a country code for ``event`` is read: its venue's
    country (``Venue.phone_region``); None without an event (``PHONE_DEFAULT_REGION``)."""
    venue = getattr(event, "venue", None)
    return getattr(venue, "phone_region", None) or None


def normalize_phone(raw: object, *, region: str | None = None) -> str:
    """The E.164 form of ``raw`` (``+966512345678``), or :class:`InvalidPhone`."""
    if not isinstance(raw, str) or not raw.strip():
        raise InvalidPhone("Enter a phone number.")
    if len(raw) > MAX_INPUT_LENGTH:
        raise InvalidPhone("That is too long to be a phone number.")
    try:
        number = phonenumbers.parse(raw.strip(), region or settings.PHONE_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise InvalidPhone("That is not a phone number.") from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone("That phone number does not exist; check the digits.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_mobile(e164: str) -> bool:
    """Whether a normalized number can receive an SMS."""
    return phonenumbers.number_type(phonenumbers.parse(e164)) in _SMS_CAPABLE


def normalize_mobile(raw: object, *, region: str | None = None) -> str:
    e164 = normalize_phone(raw, region=region)
    if not is_mobile(e164):
        raise InvalidPhone("That is not a mobile number; we can only send codes to mobiles.")
    return e164


def phone_masked(e164: str, *, mark: str = "•") -> str:
    """A number shown to someone it does not belong to: its country code and last three
    digits (``+966 ••• 678``), enough to recognise a sender, not enough to call them."""
    try:
        number = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return mark * 3
    national = str(number.national_number)
    return f"+{number.country_code} {mark * 3} {national[-3:]}" if len(national) > 5 else mark * 3


def person_shown(name: str, phone: str, *, mark: str = "•") -> str:
    """Who someone is to another guest: their name, else their masked phone."""
    return name or (phone_masked(phone, mark=mark) if phone else "")
