"""Gates, what they admit, and every scan made at them."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property

from backend.accounts.models import ScannerDevice
from backend.inventory.models import Event, Resource
from backend.tickets.models import Ticket


class Gate(models.Model):
    class Mode(models.TextChoices):
        SINGLE = "single", "Single entry"
        REENTRY = "reentry", "Entry and exit, re-entry allowed"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="gates")
    name = models.CharField(max_length=100)
    mode = models.CharField(max_length=8, choices=Mode.choices, default=Mode.SINGLE)
    resources = models.ManyToManyField(
        Resource, blank=True, related_name="gates", help_text="Empty: every ticket of the event."
    )
    devices = models.ManyToManyField(ScannerDevice, blank=True, related_name="gates")
    load_in = models.BooleanField(
        default=False,
        help_text="A load-in gate: it admits vendors' crews with their setup codes, in the "
        "event's setup window, instead of tickets.",
    )
    # Kept in step with the scan log in the transaction that writes each scan, so a scan
    # publishes its gate's figures without counting the gate's whole history.
    admitted_count = models.PositiveIntegerField(default=0, editable=False)
    rejected_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["event", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.event})"

    @cached_property
    def admitted_resource_ids(self) -> frozenset[int]:
        """The resources this gate admits; empty: all of the event's."""
        return frozenset(resource.pk for resource in self.resources.all())


class GateCountShard(models.Model):
    """A share of a gate's counters. Scans on PostgreSQL (``checkin_scan``) count here, on
    the shard of their station, instead of on the gate row: stations scanning at once do not
    queue on one row's lock (held until each commit's flush). A gate's figures are its own
    counters plus the sum of its shards, exact at every commit (``selectors.gate_counts``)."""

    SHARDS = 16

    gate = models.ForeignKey(Gate, on_delete=models.CASCADE, related_name="count_shards")
    shard = models.PositiveSmallIntegerField()
    admitted = models.IntegerField(default=0)
    rejected = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["gate", "shard"], name="gate_count_shard_once")
        ]

    def __str__(self) -> str:
        return f"{self.gate} shard {self.shard}: {self.admitted} in, {self.rejected} refused"


class Scan(models.Model):
    """One attempt at a gate, whatever its result; the answer is kept for retries."""

    class Status(models.TextChoices):
        ADMITTED = "admitted", "Admitted"
        EXITED = "exited", "Exited"
        ALREADY_USED = "already_used", "Already used"
        INVALID = "invalid", "Invalid"
        VOID = "void", "Void"
        UNPAID = "unpaid", "Not paid"
        WRONG_GATE = "wrong_gate", "Wrong gate"
        WRONG_EVENT = "wrong_event", "Wrong event"
        OUTSIDE_SETUP = "outside_setup", "Outside the setup window"
        CREW_FULL = "crew_full", "Crew all in"

    class Kind(models.TextChoices):
        TICKET = "ticket", "Ticket"
        SETUP = "setup", "Vendor setup code"

    gate = models.ForeignKey(Gate, on_delete=models.CASCADE, related_name="scans")
    ticket = models.ForeignKey(
        Ticket, on_delete=models.SET_NULL, null=True, blank=True, related_name="scans"
    )
    device = models.ForeignKey(
        ScannerDevice, on_delete=models.SET_NULL, null=True, blank=True, related_name="scans"
    )
    status = models.CharField(max_length=16, choices=Status.choices)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.TICKET)
    # A setup code's vendor (by id: the vendors app sits above this one and reads it back).
    vendor_id = models.PositiveIntegerField(null=True, blank=True, editable=False)
    request_id = models.CharField(max_length=64, blank=True)
    answer = models.JSONField(default=dict)
    scanned_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-scanned_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["device", "request_id"],
                condition=~models.Q(request_id=""),
                name="scan_request_once_per_device",
            )
        ]
        indexes = [
            models.Index(fields=["gate", "status"], name="scan_gate_status"),
            models.Index(
                fields=["vendor_id", "-scanned_at"],
                condition=models.Q(vendor_id__isnull=False),
                name="scan_vendor_recent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.status} at {self.gate} {self.scanned_at:%H:%M:%S}"
