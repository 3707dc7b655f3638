"""Invoices and credit notes: documents issued once and never edited.

An invoice is issued in the transaction that confirms a paid booking (or, for a booking paid
at the venue, when staff mark it paid); a refund or a cancellation after payment issues a
credit note that cites it, with negative amounts. Numbers run without gaps per series
(prefix and year: ``GH-2026-000123``), invoices and credit notes alike.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from backend.bookings.models import Booking


def money_field() -> models.DecimalField:
    return models.DecimalField(max_digits=12, decimal_places=2)


class SellerSettings(models.Model):
    """Who sells (one row, edited in the admin): printed on every invoice as it was then."""

    legal_name = models.CharField(max_length=200, default="Gatehouse")
    legal_name_ar = models.CharField("legal name (Arabic)", max_length=200, blank=True)
    address = models.TextField(blank=True)
    tax_number = models.CharField(max_length=64, blank=True)
    invoice_prefix = models.CharField(
        max_length=12,
        default="GH",
        help_text="Starts every number (GH-2026-000123); a new prefix starts a new series.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "seller settings"

    def __str__(self) -> str:
        return self.legal_name

    @classmethod
    def current(cls) -> SellerSettings:
        found = cls.objects.order_by("pk").first()
        return found if found is not None else cls()


class InvoiceSeries(models.Model):
    """The next number of one series (prefix and year), taken under a row lock."""

    prefix = models.CharField(max_length=12)
    year = models.PositiveSmallIntegerField()
    next_number = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "invoice series"
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="invoice_series_unique")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}"


class Invoice(models.Model):
    class Kind(models.TextChoices):
        INVOICE = "invoice", "Invoice"
        CREDIT_NOTE = "credit_note", "Credit note"

    number = models.CharField(max_length=32, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.INVOICE)
    booking = models.ForeignKey(Booking, on_delete=models.PROTECT, related_name="invoices")
    cites = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
        help_text="The invoice this credit note cancels (in part or in full).",
    )
    issued_at = models.DateTimeField(default=timezone.now)
    currency = models.CharField(max_length=3)
    net = money_field()
    tax = money_field()
    total = money_field()
    seller = models.JSONField(default=dict, help_text="The seller as it was at issue.")
    buyer = models.JSONField(default=dict, help_text="The buyer as it was at issue.")
    language = models.CharField(max_length=2, default="en")

    class Meta:
        ordering = ["issued_at", "pk"]
        indexes = [models.Index(fields=["booking", "issued_at"])]

    def __str__(self) -> str:
        return self.number


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    source = models.CharField(
        max_length=32, help_text="What it bills: item:<id> or line:<id> of the booking."
    )
    description = models.CharField(max_length=200)
    quantity = models.PositiveIntegerField(default=1)
    unit_amount = money_field()
    net = money_field()
    tax_rate = models.DecimalField(max_digits=5, decimal_places=2)
    tax = money_field()
    total = money_field()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.description}: {self.total}"
