"""Registering with e-mail and password, without telling anyone which addresses have accounts.

A new address and a taken one get the same answer, after the same work: the password is
checked by Django's validators and hashed in both branches, and one e-mail is queued in
both (a verification link to a new account; to the owner of a taken address, a note that
someone tried, with a sign-in link and a way back in). Nothing about a taken address's
account changes. The limits per address and per client address count every attempt, new or
taken alike, so a 429 says nothing either.

A phone given here is stored unverified (it counts once proved with a code, see
:mod:`.phone_change`); a phone another account holds is quietly left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction

from backend.accounts.models import User, normalize_email
from backend.accounts.phones import InvalidPhone, normalize_mobile
from backend.core import ratelimit
from backend.core.errors import ValidationError
from backend.core.ratelimit import Limit, address_key
from backend.core.tasks import enqueue


@dataclass(frozen=True)
class Registration:
    email: str
    created: bool  # for logs and tests only: the API never says


def _limits(email: str, ip: str | None) -> list[tuple[Limit, str]]:
    window = settings.REGISTER_WINDOW_SECONDS
    return [
        (Limit("register-ip", settings.REGISTER_PER_IP, window), address_key(ip)),
        (Limit("register-email", settings.REGISTER_PER_EMAIL, window), email),
    ]


def _display_name(name: str, first_name: str, last_name: str) -> str:
    return (name or f"{first_name} {last_name}").strip()[:150]


def register(
    *,
    email: str,
    password: str,
    name: str = "",
    first_name: str = "",
    last_name: str = "",
    phone: str | None = None,
    language: str = User.Language.ENGLISH,
    ip: str | None = None,
) -> Registration:
    address = normalize_email(email) or ""
    decision, _ = ratelimit.hit(*_limits(address, ip))
    decision.raise_if_refused("Too many registrations; try again later.")
    e164 = None
    if phone:
        try:
            e164 = normalize_mobile(phone)
        except InvalidPhone as error:
            raise ValidationError(fields={"phone": [str(error)]}) from None
    display = _display_name(name, first_name, last_name)
    candidate = User(email=address, name=display, first_name=first_name, last_name=last_name)
    try:
        validate_password(password, candidate)
    except DjangoValidationError as error:
        raise ValidationError(fields={"password": list(error.messages)}) from None
    # The slow part, done once in either branch: the hash is kept only for a new account.
    hashed = make_password(password)

    user = None
    if not User.objects.filter(email=address).exists():
        user = _create(address, hashed, display, first_name, last_name, e164, language)
    if user is None:
        owner = User.objects.filter(email=address).values_list("pk", flat=True).first()
        enqueue("notifications.send_register_attempt", owner or 0, address)
        return Registration(address, created=False)
    enqueue("notifications.send_email_verification", user.pk, address)
    return Registration(address, created=True)


def _create(
    email: str,
    hashed: str,
    name: str,
    first_name: str,
    last_name: str,
    phone: str | None,
    language: str,
) -> User | None:
    """The new account, or None when the address was taken at the same instant."""
    if phone and User.objects.filter(phone=phone).exists():
        phone = None  # someone else's number: left out, silently
    user = User(
        email=email,
        password=hashed,
        name=name,
        first_name=first_name[:75],
        last_name=last_name[:75],
        phone=phone,
        language=language,
    )
    try:
        with transaction.atomic():
            user.save(force_insert=True)
    except IntegrityError:  # the address (or the phone) claimed a moment ago
        if User.objects.filter(email=email).exists():
            return None
        user.phone = None
        with transaction.atomic():
            user.save(force_insert=True)
    return user


def unproved_phone_claims_drop(*, phone: str) -> int:
    """Whoever proves ``phone`` with a sign-in code gets an account of their own: a number
    typed at registration and never proved is no way into the account that typed it (anyone
    can type anyone's number). Such a claim is dropped; returns how many were."""
    return (
        User.objects.filter(phone=phone, email__isnull=False)
        .exclude(verified_phone=phone)
        .exclude(password="")
        .exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)
        .update(phone=None)
    )
