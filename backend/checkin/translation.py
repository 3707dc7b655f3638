"""Gate names in English and Arabic (see ``backend/inventory/translation.py``)."""

from modeltranslation.translator import TranslationOptions, register

from backend.checkin.models import Gate


@register(Gate)
class GateTranslation(TranslationOptions):
    fields = ("name",)
