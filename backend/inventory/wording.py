"""The words each kind of business uses for what a guest holds, in English and Arabic.

One source for the backend: the tickets PDF, the wallet passes and the e-mail and SMS
templates all take their nouns from :func:`words_for`. A festival sells *tickets* shown at
the gate; a resort takes *reservations* shown at reception; the meeting rooms take *room
bookings*; the repair shop gives *appointments* at the shop; the VIP evening sends an
invitation *pass* shown at the entrance. The web app keeps the same words in
``frontend/src/shared/lib/wording.ts`` and its messages (``wording.*``).

Keys of :class:`Words`:

- ``document``: what one printed page or wallet pass is ("ticket", "reservation").
- ``documents``: the same as a title for one or more ("Tickets", "Reservation").
- ``booking``: what the booking as a whole is called in subjects ("Booking", "Reservation").
- ``show``: where to show it ("Show it at the gate.").
- ``holder``, ``admits``: the labels of the holder's name and of what it admits.
- ``file``: the start of downloaded file names (``tickets-<reference>.pdf``).
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.inventory.models import Event

LANGUAGES = ("en", "ar")


@dataclass(frozen=True)
class Words:
    document: str
    documents: str
    booking: str
    show: str
    holder: str
    admits: str
    file: str
    event: str
    yours: str
    show_reference: str
    reference: str
    when: str
    void: str
    venue: str
    address: str
    transferred: str

    @property
    def title(self) -> str:
        """``document`` as a heading: "Ticket", "Room booking"."""
        return self.document[:1].upper() + self.document[1:]


_COMMON = {
    "en": {
        "reference": "Reference",
        "when": "When",
        "void": "VOID: this no longer admits anyone",
        "venue": "Venue",
        "address": "Address",
        "transferred": "Transferred or void",
    },
    "ar": {
        "reference": "المرجع",
        "when": "الموعد",
        "void": "ملغاة: لم تعد صالحة للدخول",
        "venue": "المكان",
        "address": "العنوان",
        "transferred": "نُقلت أو أُلغيت",
    },
}

_KINDS: dict[str, dict[str, dict[str, str]]] = {
    Event.Kind.FESTIVAL: {
        "en": {"document": "ticket", "documents": "Tickets", "booking": "Booking",
               "show": "Show it at the gate.", "holder": "Holder", "admits": "Admits",
               "file": "tickets",
               "event": "Event", "yours": "Your tickets",
               "show_reference": "Show your tickets (attached) or the reference at the gate."},
        "ar": {"document": "تذكرة", "documents": "التذاكر", "booking": "الحجز",
               "show": "أظهرها عند البوابة.", "holder": "حامل التذكرة", "admits": "تسمح بدخول",
               "file": "tickets",
               "event": "الفعالية", "yours": "تذاكرك",
               "show_reference": "أظهر تذاكرك (مرفقة) أو المرجع عند البوابة."},
    },
    Event.Kind.STAYS: {
        "en": {"document": "reservation", "documents": "Reservation", "booking": "Reservation",
               "show": "Show it at reception.", "holder": "Guest", "admits": "Room",
               "file": "reservation",
               "event": "Resort", "yours": "Your reservation",
               "show_reference": "Show your reservation (attached) or its reference at reception."},
        "ar": {"document": "حجز إقامة", "documents": "حجز الإقامة", "booking": "حجز الإقامة",
               "show": "أظهره في الاستقبال.", "holder": "الضيف", "admits": "الغرفة",
               "file": "reservation",
               "event": "المنتجع", "yours": "حجز إقامتك",
               "show_reference": "أظهر حجز الإقامة (مرفق) أو مرجعه في الاستقبال."},
    },
    Event.Kind.ROOMS: {
        "en": {"document": "room booking", "documents": "Room booking", "booking": "Room booking",
               "show": "Show it at the front desk.", "holder": "Booked by", "admits": "Room",
               "file": "room-booking",
               "event": "Workspace", "yours": "Your room booking",
               "show_reference":
                   "Show your room booking (attached) or its reference at the front desk."},
        "ar": {"document": "حجز قاعة", "documents": "حجز القاعة", "booking": "حجز القاعة",
               "show": "أظهره في مكتب الاستقبال.", "holder": "باسم", "admits": "القاعة",
               "file": "room-booking",
               "event": "مساحة العمل", "yours": "حجز قاعتك",
               "show_reference": "أظهر حجز القاعة (مرفق) أو مرجعه في مكتب الاستقبال."},
    },
    Event.Kind.SERVICE: {
        "en": {"document": "appointment", "documents": "Appointment", "booking": "Appointment",
               "show": "Show it at the shop.", "holder": "Customer", "admits": "Appointment",
               "file": "appointment",
               "event": "Shop", "yours": "Your appointment",
               "show_reference": "Show your appointment (attached) or its reference at the shop."},
        "ar": {"document": "موعد", "documents": "الموعد", "booking": "الموعد",
               "show": "أظهره في الورشة.", "holder": "العميل", "admits": "الموعد",
               "file": "appointment",
               "event": "الورشة", "yours": "موعدك",
               "show_reference": "أظهر الموعد (مرفق) أو مرجعه في الورشة."},
    },
    Event.Kind.VIP: {
        "en": {"document": "pass", "documents": "Invitation pass", "booking": "Invitation",
               "show": "Show it at the entrance.", "holder": "Guest", "admits": "Admits",
               "file": "pass",
               "event": "Evening", "yours": "Your pass",
               "show_reference": "Show your invitation pass (attached) at the entrance."},
        "ar": {"document": "بطاقة دعوة", "documents": "بطاقة الدعوة", "booking": "الدعوة",
               "show": "أظهرها عند المدخل.", "holder": "الضيف", "admits": "تسمح بدخول",
               "file": "pass",
               "event": "الأمسية", "yours": "بطاقة دعوتك",
               "show_reference": "أظهر بطاقة الدعوة (مرفقة) عند المدخل."},
    },
}  # fmt: skip


def words_for(kind: str, language: str) -> Words:
    """The words of an event ``kind`` in ``language`` (English for any other language; a
    festival's words for an unknown kind)."""
    language = language if language in LANGUAGES else "en"
    per_kind = _KINDS.get(kind, _KINDS[Event.Kind.FESTIVAL])
    return Words(**per_kind[language], **_COMMON[language])


def file_name(*, kind: str, reference: str, extension: str) -> str:
    """A download's name after its reference: ``reservation-9B2F4C1E.pdf``."""
    return f"{words_for(kind, 'en').file}-{reference}.{extension}"
