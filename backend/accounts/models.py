"""Accounts: phone-first users.

Guests are known by their phone (E.164) and sign in with a one-time code; staff sign in
with e-mail and password, which is why e-mail is the ``USERNAME_FIELD`` (the admin's login).
Every account has a phone, an e-mail, or both.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone


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
    email = models.EmailField(unique=True, null=True, blank=True)
    name = models.CharField(max_length=150, blank=True)
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
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(phone__isnull=False) | Q(email__isnull=False),
                name="user_has_phone_or_email",
            )
        ]

    def __str__(self) -> str:
        return self.name or self.email or self.phone or f"user {self.pk}"

    def clean(self) -> None:
        super().clean()
        self.email = normalize_email(self.email)
        self.phone = self.phone or None
