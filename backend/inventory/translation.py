"""Content fields in English and Arabic (django-modeltranslation).

Each field listed here gets a column per language (``name_en``, ``name_ar``); reading
``venue.name`` gives the active language's value, falling back to English when the Arabic
one is empty. The API activates the request's language (Accept-Language), documents and
messages ``translation.override`` the guest's. Seat places (section, row, number) are codes,
not words, and stay one value.
"""

from modeltranslation.translator import TranslationOptions, register

from backend.inventory.models import Event, Resource, Venue


@register(Venue)
class VenueTranslation(TranslationOptions):
    fields = ("name", "city", "address")


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Resource)
class ResourceTranslation(TranslationOptions):
    fields = ("name", "description")  # ticket types, rooms, spaces, bays
