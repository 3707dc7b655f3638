"""Deleting an account, a session or a station ends its live websockets at once, however it
is deleted (the admin, a cascade, a shell): the database row was what proved them."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete
from django.dispatch import receiver

from backend.accounts.models import AuthSession, ScannerDevice, User
from backend.realtime import identity_ended


@receiver(post_delete, sender=User, dispatch_uid="accounts.user-deleted")
def user_deleted(sender: type[User], instance: User, **kwargs: Any) -> None:
    identity_ended("user", instance.pk)


@receiver(post_delete, sender=AuthSession, dispatch_uid="accounts.session-deleted")
def session_deleted(sender: type[AuthSession], instance: AuthSession, **kwargs: Any) -> None:
    identity_ended("session", instance.pk)


@receiver(post_delete, sender=ScannerDevice, dispatch_uid="accounts.device-deleted")
def device_deleted(sender: type[ScannerDevice], instance: ScannerDevice, **kwargs: Any) -> None:
    identity_ended("device", instance.pk)
