"""Accounts: phone-first users.

Guests are known by their phone (E.164) and sign in with a one-time code; staff sign in
with e-mail and password, which is why e-mail is the ``USERNAME_FIELD`` (the admin's login).
Every account has a phone, an e-mail, or both.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import ManyRelatedManager

    from backend.checkin.models import Gate


def normalize_email(email: str | None) -> str | None:
    email = (email or "").strip()
    return email.lower() or None


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(
        self,
        email: str | None = None,
        password: str | None = None,
        *,
        phone: str | None = None,
        **extra: Any,
    ) -> User:
        user = self.model(email=normalize_email(email), phone=phone or None, **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        extra.setdefault("verified_email", normalize_email(email) or "")  # the operator typed it
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email=normalize_email(username))


class User(AbstractBaseUser, PermissionsMixin):
    class Gender(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"
        OTHER = "other", "Other"

    class Language(models.TextChoices):
        ARABIC = "ar", "العربية"
        ENGLISH = "en", "English"

    phone = models.CharField(
        max_length=16, unique=True, null=True, blank=True, help_text="E.164, e.g. +966512345678"
    )
    verified_phone = models.CharField(
        max_length=16,
        blank=True,
        help_text="The number last proved with a code: the phone counts as verified only "
        "while it is this one.",
    )
    email = models.EmailField(unique=True, null=True, blank=True)
    verified_email = models.EmailField(
        blank=True,
        help_text="The address last proved by its link: the e-mail counts as verified (used "
        "for messages and account recovery) only while it is this one.",
    )
    name = models.CharField(max_length=150, blank=True, help_text="As shown: first and last.")
    first_name = models.CharField(max_length=75, blank=True)
    last_name = models.CharField(max_length=75, blank=True)
    picture = models.ImageField(upload_to="profiles/", blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=16, choices=Gender.choices, blank=True)
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.ENGLISH)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text="May sign in to the admin site (Django's staff flag)."
    )
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(phone__isnull=False) | Q(email__isnull=False),
                name="user_has_phone_or_email",
            )
        ]

    def __str__(self) -> str:
        return self.name or self.email or self.phone or f"user {self.pk}"

    @property
    def email_verified(self) -> bool:
        return bool(self.email) and self.email == self.verified_email

    @property
    def phone_verified(self) -> bool:
        return bool(self.phone) and self.phone == self.verified_phone

    def clean(self) -> None:
        super().clean()
        self.email = normalize_email(self.email)
        self.phone = self.phone or None


class Role(models.TextChoices):
    GUEST = "guest", "Guest"
    VENDOR = "vendor", "Vendor"
    SCANNER = "scanner", "Scanner"
    STAFF = "staff", "Staff"
    ADMIN = "admin", "Admin"


class RoleGrant(models.Model):
    """A role given to a user, for every event (``event`` empty) or for one event.

    Every signed-in user is a guest without a grant; a Django superuser has every role.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=16, choices=Role.choices)
    event = models.ForeignKey(
        "inventory.Event",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_grants",
        help_text="Empty: every event.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "event"], name="role_grant_once_per_event"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(event__isnull=True),
                name="role_grant_once_for_all_events",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} is {self.role} of {self.event or 'every event'}"


class OtpRequest(models.Model):
    """One code sent (or refused) to one phone. Its id is the ``request_id`` clients see.

    The code itself is never stored: only a keyed hash of it, or nothing at all when the SMS
    provider generates and checks codes itself (Twilio Verify, Unifonic Authenticate).
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the code"
        VERIFIED = "verified", "Used"
        SUPERSEDED = "superseded", "Replaced by a newer code"
        EXHAUSTED = "exhausted", "Too many wrong codes"
        EXPIRED = "expired", "Expired"
        FAILED = "failed", "The SMS could not be sent"
        REFUSED = "refused", "Not eligible (nothing was sent)"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    phone = models.CharField(max_length=16)
    event = models.ForeignKey(
        "inventory.Event", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    provider = models.CharField(max_length=16)
    code_hash = models.CharField(max_length=64, blank=True)
    provider_ref = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    verified_at = models.DateTimeField(null=True, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["phone", "-created_at"], name="otp_phone_recent")]

    def __str__(self) -> str:
        return f"OTP {self.phone} ({self.status})"


class AuthSession(models.Model):
    """A signed-in device: one refresh-token family. Its id is the tokens' ``sid`` claim."""

    class Method(models.TextChoices):
        OTP = "otp", "Phone code"
        PASSWORD = "password", "E-mail and password"
        OIDC = "oidc", "OpenID Connect provider"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="auth_sessions")
    method = models.CharField(max_length=16, choices=Method.choices)
    user_agent = models.CharField(max_length=300, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    refresh_hash = models.CharField(
        max_length=64, help_text="SHA-256 of the newest refresh token's id (never the token)."
    )
    previous_refresh_hash = models.CharField(
        max_length=64, blank=True, help_text="SHA-256 of the id of the token it replaced."
    )
    rotated_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user} via {self.method} since {self.created_at:%Y-%m-%d}"


class ScannerDevice(models.Model):
    """A scanning station. It signs in with a long random token shown once at creation."""

    # Gate.devices' reverse accessor, named for the type checker: the django-stubs plugin cannot
    # see it once django-modeltranslation has swapped Gate's manager (see pyproject.toml).
    gates: ManyRelatedManager[Gate, Any]

    label = models.CharField(max_length=100)
    event = models.ForeignKey(
        "inventory.Event",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="scanner_devices",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_hint = models.CharField(
        max_length=8, editable=False, help_text="The token's first characters, to recognise it."
    )
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.label} ({self.token_hint}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class AllowlistEntry(models.Model):
    """A phone invited to an allowlist-only event, and when and how it booked (once)."""

    class Via(models.TextChoices):
        SITE = "site", "Booked here"
        CALENDLY = "calendly", "Booked on Calendly"
        TRANSFER = "transfer", "Received a transferred pass"

    event = models.ForeignKey("inventory.Event", on_delete=models.CASCADE, related_name="allowlist")
    phone = models.CharField(max_length=16)
    name = models.CharField(max_length=150, blank=True)
    booked_at = models.DateTimeField(null=True, blank=True)
    booked_via = models.CharField(max_length=16, choices=Via.choices, blank=True)
    calendly_nonce = models.CharField(
        max_length=32,
        blank=True,
        editable=False,
        help_text="The newest Calendly link's one-time value (the link is signed with it).",
    )
    calendly_invitee = models.CharField(
        max_length=300,
        blank=True,
        editable=False,
        help_text="The Calendly invitee who booked with it (its URI).",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "allowlist entries"
        constraints = [
            models.UniqueConstraint(fields=["event", "phone"], name="allowlist_phone_once")
        ]

    def __str__(self) -> str:
        return f"{self.phone} on {self.event}"


class ExternalIdentity(models.Model):
    """An account at an OpenID Connect provider (its ``sub``) that signs in as this user."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="identities")
    provider = models.CharField(max_length=32, help_text="A name of OIDC_PROVIDERS.")
    subject = models.CharField(max_length=255, help_text="The provider's `sub` claim.")
    email = models.EmailField(blank=True, help_text="As the provider last said.")
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "external identities"
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="identity_once")
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.subject}"


class StaffApiKey(models.Model):
    """A key a staff member's program uses instead of signing in (the repair shop's
    ``X-API-Key``): it acts as its owner, on one event only, while the owner is staff there.

    The key is shown once, when made; stored are its public prefix (to find it with one
    indexed lookup) and the SHA-256 of the whole key (256 random bits: a slow password hash
    would add nothing but time). Each key has its own rate limit, and every use is audited.
    """

    label = models.CharField(max_length=100)
    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="api_keys",
        help_text="The staff member the key acts as; it works while they are staff of its event.",
    )
    event = models.ForeignKey(
        "inventory.Event",
        on_delete=models.CASCADE,
        related_name="staff_api_keys",
        help_text="The one event the key reaches.",
    )
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    requests_per_minute = models.PositiveIntegerField(
        default=60, help_text="Requests the key may make per minute (429 beyond)."
    )
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "staff API key"

    def __str__(self) -> str:
        return f"{self.label} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
