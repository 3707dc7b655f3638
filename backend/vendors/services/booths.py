"""Staff put vendors in booths: one vendor per booth and one booth per vendor.

Assigning is one conditional UPDATE (``WHERE vendor_id IS NULL``): of two staff assigning
the same booth at the same instant, PostgreSQL makes the second wait for the first and then
finds the booth taken, so exactly one wins and the other gets 409 ``booth_taken``. The
database's unique vendor column settles the other race (one vendor put in two booths).
A booth with a price gets a fee booking for its vendor, paid like any booking.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from backend.accounts.models import Role
from backend.accounts.roles import may
from backend.bookings.models import Booking
from backend.bookings.services.bookings import booking_cancel
from backend.bookings.services.fees import fee_booking_create
from backend.core.audit import audit
from backend.core.errors import Conflict, NotFound, ValidationError
from backend.vendors.models import Booth, Vendor

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal


class BoothTaken(Conflict):
    code, message = "booth_taken", "Another vendor has just been put in this booth."


class VendorHasBooth(Conflict):
    code, message = "vendor_has_booth", "This vendor already has a booth; unassign it first."


class VendorNotApproved(Conflict):
    code, message = "vendor_not_approved", "Only an approved vendor can be given a booth."


def _state(booth: Booth) -> dict[str, Any]:
    return {
        "vendor": booth.vendor_id,
        "fee_booking": booth.fee_booking_id and str(booth.fee_booking_id),
    }


def _staff_booth(booth_id: int, actor: Principal | None, *, lock: bool = False) -> Booth:
    booths = Booth.objects.select_related("event", "vendor")
    if lock:
        booths = booths.select_for_update(of=("self",))
    booth = booths.filter(pk=booth_id).first()
    if booth is None or not may(actor, Role.STAFF, booth.event):  # another event's: none
        raise NotFound("There is no such booth.")
    return booth


def _assignable(booth: Booth, vendor_id: object) -> Vendor:
    vendor = None
    if isinstance(vendor_id, int) and not isinstance(vendor_id, bool):
        vendor = (
            Vendor.objects.select_related("user").filter(pk=vendor_id, event=booth.event).first()
        )
    if vendor is None:
        raise ValidationError(fields={"vendor": ["No such vendor at this event."]})
    if vendor.status != Vendor.Status.APPROVED:
        raise VendorNotApproved()
    return vendor


def _fee_booking(booth: Booth, vendor: Vendor) -> Booking | None:
    if booth.price <= 0:
        return None
    return fee_booking_create(
        event=booth.event,
        user=vendor.user,
        name=f"Booth {booth.code} ({booth.zone})",
        amount=booth.price,
        fee={"kind": "booth", "id": booth.pk},
        contact_name=vendor.name,
        contact_email=vendor.contact_email,
        contact_phone=vendor.contact_phone,
    )


@transaction.atomic
def booth_assign(
    *, booth_id: int, vendor_id: object, actor: Principal | None, now: datetime | None = None
) -> Booth:
    """Put an approved vendor in a free booth (its fee booking made when it has a price).
    The same assignment again changes nothing."""
    now = now or timezone.now()
    booth = _staff_booth(booth_id, actor)
    vendor = _assignable(booth, vendor_id)
    if booth.vendor_id == vendor.pk:
        return booth
    before = _state(booth)
    try:
        with transaction.atomic():
            taken = Booth.objects.filter(pk=booth.pk, vendor__isnull=True).update(
                vendor=vendor, assigned_at=now
            )
    except IntegrityError:  # the vendor is in another booth (maybe since this instant)
        raise VendorHasBooth() from None
    booth.refresh_from_db()
    if not taken:
        if booth.vendor_id == vendor.pk:  # the same assignment, made at the same instant
            return booth
        holder = booth.vendor
        raise BoothTaken(vendor={"id": holder.pk, "name": holder.name} if holder else None)
    booth.fee_booking = _fee_booking(booth, vendor)
    booth.save(update_fields=["fee_booking"])
    audit(actor=actor, action="booth.assign", obj=booth, event=booth.event, before=before,
          after=_state(booth))  # fmt: skip
    return booth


def booth_release(*, booth: Booth, actor: Principal | None) -> Booth:
    """Empty the booth (call in a transaction). A fee still unpaid is cancelled; a paid one
    stays as it is, for staff to refund from the bookings desk if they choose."""
    before = _state(booth)
    fee = booth.fee_booking
    if fee is not None and fee.status == Booking.Status.PENDING_PAYMENT:
        booking_cancel(booking=fee, note="The booth was unassigned.", unpaid_only=True,
                       actor=actor)  # fmt: skip
    booth.vendor, booth.assigned_at, booth.fee_booking = None, None, None
    booth.save(update_fields=["vendor", "assigned_at", "fee_booking"])
    audit(actor=actor, action="booth.unassign", obj=booth, event=booth.event, before=before,
          after=_state(booth))  # fmt: skip
    return booth


@transaction.atomic
def booth_unassign(*, booth_id: int, actor: Principal | None) -> Booth:
    """Staff empty a booth; an empty booth stays as it is."""
    booth = _staff_booth(booth_id, actor, lock=True)
    if booth.vendor_id is None:
        return booth
    return booth_release(booth=booth, actor=actor)
