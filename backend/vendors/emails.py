"""The e-mail an applicant gets when staff decide: approved (with the way to the portal),
rejected or revoked (with the reason), in the applicant's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils.html import escape

from backend.vendors.models import Vendor

S = Vendor.Status


def _texts(vendor: Vendor, language: str, link: str) -> tuple[str, list[str]]:
    event, reason, status = vendor.event.name, vendor.reason, S(vendor.status)
    if language == "ar":
        return {
            S.APPROVED: (
                f"تمت الموافقة على {vendor.name} في {event}",
                [f"تمت الموافقة على طلبك للمشاركة كبائع في {event}.",
                 "من بوابة البائعين تجد كشكك ورمز التجهيز لفريقك وبطاقات الطاقم:", link],
            ),
            S.REJECTED: (
                f"طلب {vendor.name} في {event}",
                [f"نأسف، لم تتم الموافقة على طلبك للمشاركة كبائع في {event}.",
                 f"السبب: {reason}", "يمكنك تعديل طلبك وإرساله مرة أخرى:", link],
            ),
            S.REVOKED: (
                f"أُلغيت مشاركة {vendor.name} في {event}",
                [f"أُلغيت مشاركتك كبائع في {event}، ولم يعد رمز التجهيز صالحاً.",
                 f"السبب: {reason}"],
            ),
        }[status]  # fmt: skip
    return {
        S.APPROVED: (
            f"{vendor.name} is approved for {event}",
            [f"Your application to sell at {event} is approved.",
             "Your booth, your crew's setup code and your crew passes are in the vendor portal:",
             link],
        ),
        S.REJECTED: (
            f"Your application for {event}",
            [f"We are sorry: your application to sell at {event} was not approved.",
             f"Reason: {reason}", "You can change your application and send it again:", link],
        ),
        S.REVOKED: (
            f"{vendor.name} no longer takes part in {event}",
            [f"Your place as a vendor at {event} was withdrawn; your setup code no longer works.",
             f"Reason: {reason}"],
        ),
    }[status]  # fmt: skip


def send_decision(vendor: Vendor) -> bool:
    """E-mail the applicant what staff decided; False when there is nothing to send."""
    if vendor.status == S.PENDING or not vendor.contact_email:
        return False
    language = vendor.user.language if vendor.user.language in ("ar", "en") else "en"
    link = f"{settings.FRONTEND_URL}/vendor/{vendor.event.slug}?lang={language}"
    subject, paragraphs = _texts(vendor, language, link)
    direction = "rtl" if language == "ar" else "ltr"
    html = "".join(
        f'<p><a href="{escape(p)}" dir="ltr">{escape(p)}</a></p>' if p == link
        else f"<p>{escape(p)}</p>"
        for p in paragraphs
    )  # fmt: skip
    email = EmailMultiAlternatives(subject, "\n\n".join(paragraphs), None, [vendor.contact_email])
    email.attach_alternative(f'<div dir="{direction}" lang="{language}">{html}</div>', "text/html")
    email.send()
    return True
