"""What RepairMyBike's views share: the shop's event, the old system's error shapes (those
of Django REST framework: ``{"detail"}``, or field → messages for bad input) and the
booking as its clients read it."""

from __future__ import annotations

import logging
import zoneinfo
from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.bookings.models import Booking
from backend.catalog.selectors import catalog_event
from backend.core.errors import ApplicationError, NotFound, ValidationError, as_application_error
from backend.inventory.models import Event

logger = logging.getLogger(__name__)

# Gatehouse's booking statuses → the five the old shop knew.
STATUS_NAMES: dict[str, str] = {
    Booking.Status.PENDING_PAYMENT: "pending",
    Booking.Status.CONFIRMED: "confirmed",
    Booking.Status.IN_PROGRESS: "in_progress",
    Booking.Status.COMPLETED: "completed",
    Booking.Status.CANCELLED: "cancelled",
    Booking.Status.EXPIRED: "cancelled",
    Booking.Status.REFUNDED: "cancelled",
    Booking.Status.NO_SHOW: "cancelled",
}
# The native fields of a service appointment's details → the old request's names.
FIELD_NAMES = {
    "customer_name": "customer_name",
    "phone": "customer_phone",
    "email": "customer_email",
    "location": "service_location",
    "address": "address",
    "city": "city",
    "postcode": "postcode",
    "notes": "notes",
    "vehicle_model": "vehicle_model_id",
    "services": "service_ids",
    "hold": "appointment_time",
    "items": "appointment_time",
}


def shop_event() -> Event:
    """The repair shop's service event (``REPAIRMYBIKE_EVENT``)."""
    event = catalog_event(slug=settings.REPAIRMYBIKE_EVENT)
    if event is None:
        raise NotFound("The shop is not open for bookings.")
    return event


def _fields_body(fields: dict[str, Any]) -> dict[str, Any]:
    """Native field errors (appointment details nested under ``details``) under the old
    request's field names."""
    body: dict[str, Any] = {}
    for name, messages in fields.items():
        if name == "details" and isinstance(messages, dict):
            body.update(_fields_body(messages))
            continue
        body[FIELD_NAMES.get(name, name)] = messages
    return body


def error_response(error: ApplicationError) -> Response:
    if error.status == 400 and error.fields:
        return Response(_fields_body(error.fields), status=400)
    response = Response({"detail": error.message}, status=error.status)
    if "retry_after" in error.extra:
        response["Retry-After"] = str(error.extra["retry_after"])
        response.data = {
            "detail": f"Request was throttled. Expected available in "
            f"{error.extra['retry_after']} seconds."
        }
    return response


@extend_schema(exclude=True)  # the old system's contract, documented in docs/compat.md
class RepairApi(APIView):
    """No session authentication (so no CSRF); errors in the old system's shapes."""

    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    def handle_exception(self, exc: Exception) -> Response:
        error = as_application_error(exc)
        if error is None:
            logger.exception("Unhandled error in %s", type(self).__name__)
            return Response({"detail": "Something went wrong."}, status=500)
        response = error_response(error)
        auth_header = getattr(exc, "auth_header", None) or (
            self.get_authenticate_header(self.request) if error.status == 401 else None
        )
        if error.status == 401 and auth_header:
            response["WWW-Authenticate"] = auth_header
        return response


def query_id(request: Request, name: str) -> int | None:
    """An optional id in the query string; a bad one is a 400 naming it."""
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    if not raw.isdigit() or len(raw) > 18:
        raise ValidationError(fields={name: ["A valid integer is required."]})
    return int(raw)


def booking_body(booking: Booking) -> dict[str, Any]:
    """A booking as the old clients read it (built from the native booking)."""
    details = booking.details or {}
    vehicle = details.get("vehicle") or {}
    items = sorted(booking.items.all(), key=lambda item: item.slot.starts_at)
    starts = items[0].slot.starts_at if items else None
    if starts is not None:
        starts = starts.astimezone(zoneinfo.ZoneInfo(booking.event.venue.time_zone))
    services = [
        {"id": line.service_id, "name": line.name, "price": f"{line.amount:.2f}"}
        for line in booking.lines.all()
        if line.service_id is not None
    ]
    return {
        "id": str(booking.pk),
        "booking_number": booking.reference,
        "customer_name": booking.contact_name,
        "customer_phone": booking.contact_phone,
        "customer_email": booking.contact_email,
        "vehicle_model_id": details.get("vehicle_model"),
        "vehicle": vehicle,
        "service_ids": [s["id"] for s in services],
        "services": services,
        "service_location": details.get("location", "shop"),
        "address": details.get("address", ""),
        "appointment_date": starts.date().isoformat() if starts else None,
        "appointment_time": starts.time().isoformat() if starts else None,
        "payment_method": "cash" if booking.provider in ("pay_at_venue", "cash") else "razorpay"
        if booking.provider == "razorpay"
        else booking.provider or "cash",
        "payment_status": "paid" if booking.payment_status == Booking.PaymentStatus.PAID
        else "pending" if booking.payment_status in (Booking.PaymentStatus.DUE,
                                                    Booking.PaymentStatus.UNPAID)
        else booking.payment_status,
        "status": STATUS_NAMES.get(booking.status, booking.status),
        "total_amount": f"{booking.amount:.2f}",
        "currency": booking.currency,
        "notes": details.get("notes", ""),
        "created_at": booking.created_at.isoformat(),
    }  # fmt: skip
