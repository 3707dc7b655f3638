"""The e-mails accounts sends, in the user's language (Arabic or English)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils.html import escape


@dataclass(frozen=True)
class Message:
    subject: str
    text: str


def _password_reset(language: str, link: str) -> Message:
    if language == "ar":
        return Message(
            "إعادة تعيين كلمة المرور في Gatehouse",
            "طلب أحدهم إعادة تعيين كلمة المرور لحسابك.\n"
            f"لاختيار كلمة مرور جديدة افتح هذا الرابط خلال ثلاثة أيام:\n{link}\n\n"
            "إن لم تطلب ذلك فتجاهل هذه الرسالة؛ تبقى كلمة مرورك كما هي.",
        )
    return Message(
        "Reset your Gatehouse password",
        "Someone asked to reset the password of your account.\n"
        f"To choose a new password, open this link within three days:\n{link}\n\n"
        "If it was not you, ignore this e-mail; your password stays as it is.",
    )


def send_password_reset(*, to: str, language: str, uid: str, token: str) -> None:
    # The web app's page (frontend/src/pages/links/ResetPasswordPage.tsx), in the user's language.
    link = f"{settings.FRONTEND_URL}/reset-password?lang={language}&uid={uid}&token={token}"
    message = _password_reset(language, link)
    direction = "rtl" if language == "ar" else "ltr"
    paragraphs = "".join(
        f'<p><a href="{escape(p)}" dir="ltr">{escape(p)}</a></p>'
        if p == link
        else f"<p>{escape(p)}</p>"
        for p in message.text.split("\n")
        if p
    )
    html = f'<div dir="{direction}" lang="{language}">{paragraphs}</div>'
    email = EmailMultiAlternatives(message.subject, message.text, None, [to])
    email.attach_alternative(html, "text/html")
    email.send()
