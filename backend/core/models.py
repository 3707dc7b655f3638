"""The audit log: one row per staff action, never edited."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class AuditEntry(models.Model):
    """Who did what to which object, with what it was before and after.

    The event is kept by id and slug rather than as a foreign key: the log outlives what it
    describes, and the core app sits below the apps whose objects it records.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(max_length=200, help_text="Who, as they were then.")
    action = models.CharField(max_length=64, db_index=True, help_text="e.g. booking.refund")
    object_type = models.CharField(max_length=64, help_text="e.g. bookings.booking")
    object_id = models.CharField(max_length=64)
    object_label = models.CharField(max_length=200, blank=True)
    event_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    event_slug = models.CharField(max_length=64, blank=True)
    before = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name_plural = "audit entries"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["event_id", "-at"], name="audit_event_recent")]

    def __str__(self) -> str:
        return f"{self.actor_label} {self.action} {self.object_type} {self.object_id}"
