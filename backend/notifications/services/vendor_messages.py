"""The e-mail an applicant gets when staff decide: approved (with the way to the portal),
rejected or revoked (with the reason), in the applicant's language. Queued by the vendors app
(``notifications.send_vendor_decision``) after the decision commits."""

from __future__ import annotations

from django.conf import settings

from backend.notifications.services.outbox import About, email_send, language_of
from backend.vendors.models import Vendor

TEMPLATES = {
    Vendor.Status.APPROVED: "vendor_approved",
    Vendor.Status.REJECTED: "vendor_rejected",
    Vendor.Status.REVOKED: "vendor_revoked",
}


def vendor_decision_send(*, vendor_id: int) -> bool:
    """E-mail the applicant what staff decided; False when there is nothing to send (the
    application is gone, pending again, or has no address)."""
    vendor = Vendor.objects.select_related("event__venue", "user").filter(pk=vendor_id).first()
    if vendor is None or vendor.status not in TEMPLATES or not vendor.contact_email:
        return False
    language = language_of(vendor.user.language)
    link = f"{settings.FRONTEND_URL}/vendor/{vendor.event.slug}?lang={language}"
    email_send(
        template=TEMPLATES[Vendor.Status(vendor.status)],
        language=language,
        to=vendor.contact_email,
        context={"vendor": vendor, "event": vendor.event,
                 "link": "" if vendor.status == Vendor.Status.REVOKED else link},
        about=About(user=vendor.user, event=vendor.event),
    )  # fmt: skip
    return True
