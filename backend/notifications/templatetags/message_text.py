"""Template filters of the guest messages.

``iso``: a value inserted into a plain-text line (SMS, an e-mail's text part or subject) as
an isolated run in the language the message is rendered in (see :mod:`backend.core.bidi`).
HTML parts use ``<bdi>`` instead.
"""

from __future__ import annotations

from django import template
from django.utils import translation

from backend.core.bidi import isolate_in

register = template.Library()


@register.filter
def iso(value: object) -> str:
    return isolate_in(value, translation.get_language() or "en")
