"""Staff decide on applications: approve (the user becomes a vendor of the event), reject
with a reason, or revoke an approved vendor (its setup code is void, its booth free). Each
decision is one audited transaction, and the applicant is e-mailed after it commits."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from backend.accounts.models import Role, RoleGrant
from backend.accounts.roles import may
from backend.accounts.services.grants import grants_changed, grants_of
from backend.core.audit import audit, snapshot
from backend.core.errors import Conflict, NotFound, ValidationError
from backend.core.tasks import enqueue
from backend.vendors.models import Vendor
from backend.vendors.selectors import booth_of
from backend.vendors.services.booths import booth_release

if TYPE_CHECKING:
    from backend.accounts.authentication import Principal

S = Vendor.Status
AUDITED = ("status", "reason", "code_version")
MAX_REASON = 500


class CannotDecide(Conflict):
    code = "invalid_transition"

    def __init__(self, vendor: Vendor, action: str) -> None:
        status = vendor.get_status_display().lower()
        super().__init__(
            f"A vendor that is {status} cannot be {action}.", vendor_status=vendor.status
        )


def _locked(vendor_id: int, actor: Principal | None) -> Vendor:
    vendor = (
        Vendor.objects.select_for_update(of=("self",))
        .select_related("event", "user")
        .filter(pk=vendor_id)
        .first()
    )
    if vendor is None or not may(actor, Role.STAFF, vendor.event):  # another event's: none
        raise NotFound("There is no such vendor.")
    return vendor


def _reason(reason: object) -> str:
    text = reason.strip() if isinstance(reason, str) else ""
    if not text:
        raise ValidationError(fields={"reason": ["Say why: the vendor receives it by e-mail."]})
    if len(text) > MAX_REASON:
        raise ValidationError(fields={"reason": [f"At most {MAX_REASON} characters."]})
    return text


def _decide(
    vendor: Vendor,
    actor: Principal | None,
    action: str,
    status: str,
    reason: str,
    now: datetime,
    notify: bool = True,
) -> Vendor:
    before = snapshot(vendor, AUDITED)
    vendor.status, vendor.reason, vendor.decided_at = status, reason, now
    if status == S.REVOKED:
        vendor.code_version += 1  # every setup code shown so far is void
    vendor.save(update_fields=["status", "reason", "decided_at", "code_version"])
    audit(
        actor=actor,
        action=f"vendor.{action}",
        obj=vendor,
        event=vendor.event,
        before=before,
        after=snapshot(vendor, AUDITED),
    )
    if notify:
        enqueue("notifications.send_vendor_decision", vendor.pk)
    return vendor


def _set_vendor_role(vendor: Vendor, actor: Principal | None, *, granted: bool) -> None:
    before = grants_of(vendor.user)
    grants = RoleGrant.objects.filter(user=vendor.user, role=Role.VENDOR, event=vendor.event)
    if granted:
        RoleGrant.objects.get_or_create(user=vendor.user, role=Role.VENDOR, event=vendor.event)
    else:
        grants.delete()
    grants_changed(actor=actor, user=vendor.user, before=before)


@transaction.atomic
def vendor_approve(
    *, vendor_id: int, actor: Principal | None, now: datetime | None = None, notify: bool = True
) -> Vendor:
    """Pending (or rejected, on second thoughts) → approved; the user gets the ``vendor``
    role on the event and is e-mailed (unless ``notify`` is off: the demo's made-up vendors).
    Approving an approved vendor changes nothing."""
    vendor = _locked(vendor_id, actor)
    if vendor.status == S.APPROVED:
        return vendor
    if vendor.status == S.REVOKED:
        raise CannotDecide(vendor, "approved again")
    _set_vendor_role(vendor, actor, granted=True)
    return _decide(vendor, actor, "approve", S.APPROVED, "", now or timezone.now(), notify)


@transaction.atomic
def vendor_reject(
    *, vendor_id: int, actor: Principal | None, reason: object, now: datetime | None = None
) -> Vendor:
    """Pending → rejected, with the reason the applicant is sent."""
    text = _reason(reason)
    vendor = _locked(vendor_id, actor)
    if vendor.status != S.PENDING:
        raise CannotDecide(vendor, "rejected")
    return _decide(vendor, actor, "reject", S.REJECTED, text, now or timezone.now())


@transaction.atomic
def vendor_revoke(
    *, vendor_id: int, actor: Principal | None, reason: object, now: datetime | None = None
) -> Vendor:
    """Approved → revoked: the setup code is void at once (scans refuse it), the booth is
    free again (an unpaid fee is cancelled) and the ``vendor`` role is withdrawn."""
    text = _reason(reason)
    vendor = _locked(vendor_id, actor)
    if vendor.status != S.APPROVED:
        raise CannotDecide(vendor, "revoked")
    booth = booth_of(vendor)
    if booth is not None:
        booth_release(booth=booth, actor=actor)
    _set_vendor_role(vendor, actor, granted=False)
    return _decide(vendor, actor, "revoke", S.REVOKED, text, now or timezone.now())
