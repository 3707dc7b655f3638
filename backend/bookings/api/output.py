"""A booking as JSON, for its guest and for staff (built directly, like a hold)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from backend.bookings.calendar import calendar_path
from backend.bookings.models import Booking, BookingLine
from backend.bookings.spans import booking_span
from backend.core.pagination import page_body


class BookingItemOutput(serializers.Serializer):
    slot = serializers.IntegerField()
    resource = serializers.IntegerField()
    resource_name = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    quantity = serializers.IntegerField()
    unit_price = serializers.DecimalField(max_digits=12, decimal_places=2)
    total = serializers.DecimalField(max_digits=14, decimal_places=2)


class BookingLineOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=BookingLine.Kind.choices)
    service = serializers.IntegerField(allow_null=True, help_text="The catalog service, if any.")
    name = serializers.CharField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)


class ContactOutput(serializers.Serializer):
    name = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()


class BookingOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    id = serializers.UUIDField()
    reference = serializers.CharField(help_text="A short code to read out at a desk.")
    event = serializers.SlugField()
    event_name = serializers.CharField()
    status = serializers.ChoiceField(choices=Booking.Status.choices)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()
    provider = serializers.CharField(
        help_text="How it was paid, once it is (`pay_at_venue` while it is due there)."
    )
    payment_status = serializers.ChoiceField(choices=Booking.PaymentStatus.choices)
    refunded_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    hold = serializers.UUIDField(allow_null=True)
    starts_at = serializers.DateTimeField(
        allow_null=True,
        help_text="The whole booking's start: its first slot's (a stay's first check-in); "
        "null for a booking without slots (a booth's fee).",
    )
    ends_at = serializers.DateTimeField(
        allow_null=True, help_text="Its last slot's end (a stay's check-out); null without slots."
    )
    nights = serializers.IntegerField(help_text="A stay's nights; 0 for anything else.")
    items = BookingItemOutput(many=True)
    lines = BookingLineOutput(
        many=True,
        help_text="A service booking's priced lines (its amount is their sum); empty otherwise.",
    )
    contact = ContactOutput()
    details = serializers.DictField()
    note = serializers.CharField()
    created_at = serializers.DateTimeField()
    confirmed_at = serializers.DateTimeField(allow_null=True)
    calendar_url = serializers.CharField(
        allow_null=True,
        help_text="The booking's .ics (GET, no sign-in needed: the link is signed); null for "
        "a booking without a time.",
    )


def booking_data(booking: Booking) -> dict[str, Any]:
    span = booking_span(booking)
    return {
        "ok": True,
        "id": str(booking.pk),
        "reference": booking.reference,
        "event": booking.event.slug,
        "event_name": booking.event.name,
        "status": booking.status,
        "amount": f"{booking.amount:.2f}",
        "currency": booking.currency,
        "provider": booking.provider,
        "payment_status": booking.payment_status,
        "refunded_amount": f"{booking.refunded_amount:.2f}",
        "hold": str(booking.hold_id) if booking.hold_id else None,
        "starts_at": span.starts_at if span else None,
        "ends_at": span.ends_at if span else None,
        "nights": span.nights if span else 0,
        "items": [
            {
                "slot": item.slot_id,
                "resource": item.slot.resource_id,
                "resource_name": str(item.slot.resource),
                "starts_at": item.slot.starts_at,
                "ends_at": item.slot.ends_at,
                "quantity": item.quantity,
                "unit_price": f"{item.unit_price:.2f}",
                "total": f"{item.total:.2f}",
            }
            for item in booking.items.all()
        ],
        "lines": [
            {
                "id": line.pk,
                "kind": line.kind,
                "service": line.service_id,
                "name": line.name,
                "amount": f"{line.amount:.2f}",
            }
            for line in booking.lines.all()
        ],
        "contact": {
            "name": booking.contact_name,
            "phone": booking.contact_phone,
            "email": booking.contact_email,
        },
        "details": booking.details,
        "note": booking.note,
        "created_at": booking.created_at,
        "confirmed_at": booking.confirmed_at,
        "calendar_url": calendar_path(booking) if span else None,
    }


def page_data(page: Any) -> dict[str, Any]:
    return page_body(page, booking_data)
