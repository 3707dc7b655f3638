"""Accounts: profiles, staff sign-in with a password, password change and reset."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from backend.accounts.models import User, normalize_email
from backend.accounts.services.email_verification import email_verification_enqueue
from backend.accounts.services.sessions import sessions_revoke_all
from backend.core import ratelimit
from backend.core.errors import ApplicationError, ValidationError
from backend.core.ratelimit import Limit, address_key
from backend.core.tasks import enqueue

PROFILE_FIELDS = (
    "name", "first_name", "last_name", "email", "date_of_birth", "gender", "language",
)  # fmt: skip


def has_password(user: User) -> bool:
    """Whether the account can sign in with a password (one made by a phone code has an
    empty one, which Django would call usable)."""
    return bool(user.password) and user.has_usable_password()


class InvalidCredentials(ApplicationError):
    status, code, message = 401, "invalid_credentials", "Wrong e-mail or password."


def user_update_profile(*, user: User, data: dict[str, Any]) -> User:
    """Change the profile. A new e-mail address is unverified until its link is opened
    (a link is sent to it); the verified one keeps nothing of it."""
    email_before = user.email
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(user, field, data[field])
    if ("first_name" in data or "last_name" in data) and "name" not in data:
        user.name = f"{user.first_name} {user.last_name}".strip()[:150]
    user.email = normalize_email(user.email)
    if user.email and User.objects.filter(email=user.email).exclude(pk=user.pk).exists():
        raise ValidationError(fields={"email": ["Another account uses this e-mail."]})
    try:
        with transaction.atomic():
            changed = {f for f in PROFILE_FIELDS if f in data}
            if changed & {"first_name", "last_name"}:
                changed.add("name")
            user.save(update_fields=sorted(changed) or None)
    except IntegrityError:  # the same e-mail claimed at the same instant
        raise ValidationError(fields={"email": ["Another account uses this e-mail."]}) from None
    if "email" in data and user.email != email_before:
        email_verification_enqueue(user=user)
    return user


def _login_limits(account: str, ip: str | None) -> list[tuple[Limit, str]]:
    """Failed password attempts, counted per account and address, per account from every
    address together (more loosely: a stranger from one place cannot lock the owner out),
    and per address (guessing across many accounts)."""
    window, address = settings.LOGIN_WINDOW_SECONDS, address_key(ip)
    return [
        (Limit("login-failures", settings.LOGIN_FAILURES_PER_ACCOUNT, window),
         f"{account}:{address}"),
        (Limit("login-failures-total", settings.LOGIN_FAILURES_PER_ACCOUNT_TOTAL, window),
         account),
        (Limit("login-failures-ip", settings.LOGIN_FAILURES_PER_IP, window), address),
    ]  # fmt: skip


def account_key(user: User) -> str:
    """What failed password attempts on an account are counted under (its e-mail, the key
    sign-in uses, so that sign-in and password change share one allowance)."""
    return user.email or f"user:{user.pk}"


T = TypeVar("T")


def password_guarded(*, account: str, ip: str | None, attempt: Callable[[], T | None]) -> T:
    """Run a password check under the sign-in limits (failures only count): one refused
    raises RateLimited (429) before the password is even looked at, a failed one
    InvalidCredentials. A success clears the account's count from that address."""
    limits = _login_limits(account, ip)
    ratelimit.peek(*limits).raise_if_refused("Too many failed attempts; try again later.")
    result = attempt()
    if result is None:
        ratelimit.hit(*limits)
        raise InvalidCredentials()
    ratelimit.clear(limits[0])
    return result


def password_login(
    *, request: HttpRequest | None, email: str, password: str, ip: str | None
) -> User:
    """Staff sign-in (the API and the admin). Failures are limited per account and every
    attempt per IP."""
    email = normalize_email(email) or ""

    def attempt() -> User | None:
        user = authenticate(request, email=email, password=password)
        return user if user is not None and user.is_active else None

    return password_guarded(account=email, ip=ip, attempt=attempt)


def _validated_password(password: str, user: User, field: str) -> str:
    try:
        validate_password(password, user)
    except DjangoValidationError as error:
        raise ValidationError(fields={field: list(error.messages)}) from None
    return password


def password_change(
    *,
    user: User,
    old_password: str,
    new_password: str,
    keep_session: str | None,
    ip: str | None = None,
) -> int:
    """Set a new password and end every other session; returns how many ended. Wrong old
    passwords count as failed sign-ins of the account (the same limits)."""
    try:
        password_guarded(
            account=account_key(user),
            ip=ip,
            attempt=lambda: True if user.check_password(old_password) else None,
        )
    except InvalidCredentials:
        raise ValidationError(
            fields={"old_password": ["That is not your current password."]}
        ) from None
    user.set_password(_validated_password(new_password, user, "new_password"))
    user.save(update_fields=["password"])
    return sessions_revoke_all(user=user, keep=keep_session)


def password_reset_request(*, email: str, ip: str | None) -> None:
    """E-mail a reset link if such an account exists. The answer never says which."""
    email = normalize_email(email) or ""
    window = settings.LOGIN_WINDOW_SECONDS
    ratelimit.check((Limit("reset-ip", settings.PASSWORD_RESET_PER_IP, window), address_key(ip)))
    decision, _ = ratelimit.hit(
        (Limit("reset-email", settings.PASSWORD_RESET_PER_EMAIL, window), email)
    )
    if not decision.allowed:
        return  # silently: a 429 here would tell that the address was tried before
    user = User.objects.filter(email=email, is_active=True).first()
    if user is not None and user.has_usable_password():
        enqueue("notifications.send_password_reset", user.pk)


def password_reset_confirm(*, uid: str, token: str, new_password: str) -> User:
    invalid = ValidationError("This reset link is not valid or has expired; ask for a new one.")
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uid))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        raise invalid from None
    if not default_token_generator.check_token(user, token):
        raise invalid
    user.set_password(_validated_password(new_password, user, "new_password"))
    user.save(update_fields=["password"])
    sessions_revoke_all(user=user)
    return user


def password_reset_token(user: User) -> tuple[str, str]:
    """The ``uid`` and ``token`` of a link to set a new password (see
    :func:`password_reset_confirm`); the token stops working once the password changes."""
    return urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)
