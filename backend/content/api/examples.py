"""The content API's OpenAPI examples: Summer Fest's page, sponsors, schedule, its staff's
edits and the contact form."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, OpenApiResponse

from backend.core.api_examples import page_example

MULTIPART = "multipart/form-data"
IMAGE: dict[str, Any] = {
    "id": 4,
    "url": "/media/content/images/q3X9v1TnVb0aPz2L.jpg",
    "alt": "The main stage at sunset",
    "alt_ar": "المسرح الرئيسي عند الغروب",
}
FAQ: dict[str, Any] = {
    "id": 9,
    "question": "Can I leave and come back?",
    "question_ar": "هل يمكنني الخروج والعودة؟",
    "answer": "Yes: the North gate scans you out and back in.",
    "answer_ar": "نعم: البوابة الشمالية تسجل خروجك وعودتك.",
}
LINK: dict[str, Any] = {
    "id": 2,
    "label": "Getting there",
    "label_ar": "الوصول",
    "url": "https://maps.example.com/corniche-arena",
}
STAGE: dict[str, Any] = {"id": 1, "name": "Main Stage", "name_ar": "المسرح الرئيسي",
                         "x": 50.0, "y": 22.5}  # fmt: skip
BOOTH: dict[str, Any] = {
    "id": 12, "code": "F-03", "zone": "Food court", "size": "3x3",
    "x": 61.0, "y": 70.0, "w": 4.0, "h": 4.0,
    "vendor": {"id": 5, "name": "Shawarma House", "category": "food",
               "logo": "/media/vendors/logos/Jd8Qm1xYp0aS.png"},
}  # fmt: skip
CONTENT: Any = [
    OpenApiExample(
        "Summer Fest's page",
        value={
            "ok": True,
            "event": "summer-fest",
            "tagline": "Music from the afternoon to midnight",
            "tagline_ar": "موسيقى من العصر حتى منتصف الليل",
            "description": "Three stages on the Corniche, two days.",
            "description_ar": "ثلاثة مسارح على الكورنيش، يومان.",
            "images": [IMAGE],
            "faq": [FAQ],
            "links": [LINK],
            "map": {
                "image": "/media/content/maps/L0k2PqW8Zt1x.png",
                "stages": [STAGE],
                "booths": [BOOTH],
            },
        },
        response_only=True,
    ),
    OpenApiExample(
        "No such event",
        value={"ok": False, "error": {"code": "not_found", "message": "There is no event 'x'."}},
        response_only=True,
        status_codes=["404"],
    ),
]
SPONSOR: dict[str, Any] = {
    "id": 3, "name": "Red Sea Telecom", "tier": "title",
    "logo": "/media/content/sponsors/T9aB2mQ4LxZk.png", "url": "https://telecom.example.com",
}  # fmt: skip
SPONSORS = [
    OpenApiExample(
        "Sponsors",
        value=[SPONSOR, {"id": 8, "name": "Oasis Water", "tier": "gold", "logo": None, "url": ""}],
        response_only=True,
    )
]
ITEM: dict[str, Any] = {
    "id": 31,
    "title": "Desert Echoes",
    "title_ar": "أصداء الصحراء",
    "stage": {"id": 1, "name": "Main Stage", "name_ar": "المسرح الرئيسي"},
    "starts_at": "2026-12-21T15:00:00Z",
    "ends_at": "2026-12-21T15:45:00Z",
    "performers": ["Aziz", "Lina Haddad"],
    "status": "delayed",
    "note": "Running 15 minutes late",
    "note_ar": "متأخر 15 دقيقة",
}
STAFF_ITEM = {**ITEM, "updated_at": "2026-12-21T14:41:07Z"}
BAD_QUERY_RESPONSE = OpenApiResponse(description="A bad `day`, named in `fields`.")
SCHEDULE = [OpenApiExample("A schedule", value=[ITEM], response_only=True)]

CONTACT = [
    OpenApiExample(
        "A message",
        value={
            "name": "Sara",
            "email": "sara@example.com",
            "subject": "Wheelchair access",
            "message": "Is the grandstand reachable without stairs?",
            "website": "",
        },
        request_only=True,
    ),
    OpenApiExample(
        "Received",
        value={"ok": True, "id": 57, "received_at": "2026-12-01T09:30:12Z"},
        response_only=True,
        status_codes=["201"],
    ),
    OpenApiExample(
        "Spam",
        value={
            "ok": False,
            "error": {"code": "spam", "message": "This message looks like spam and was not sent."},
        },
        response_only=True,
        status_codes=["400"],
    ),
    OpenApiExample(
        "Too many",
        value={
            "ok": False,
            "error": {
                "code": "rate_limited",
                "message": "Too many messages; try again later.",
                "retry_after": 2400,
            },
            "retry_after": 2400,
        },
        response_only=True,
        status_codes=["429"],
    ),
]

STAFF_IMAGE_ITEM = {**IMAGE, "sort_order": 0}
STAFF_CONTENT_BODY: dict[str, Any] = {
    "ok": True,
    "event": "summer-fest",
    "tagline": "Music from the afternoon to midnight",
    "tagline_ar": "موسيقى من العصر حتى منتصف الليل",
    "description": "Three stages on the Corniche, two days.",
    "description_ar": "ثلاثة مسارح على الكورنيش، يومان.",
    "faq": [FAQ],
    "links": [LINK],
    "images": [STAFF_IMAGE_ITEM],
    "map_image": "/media/content/maps/L0k2PqW8Zt1x.png",
    "updated_at": "2026-12-01T08:00:00Z",
}
STAFF_CONTENT = [OpenApiExample("The page", value=STAFF_CONTENT_BODY, response_only=True)]
STAFF_CONTENT_PATCH = [
    OpenApiExample(
        "New tagline and FAQ",
        value={
            "tagline": "Two days, three stages",
            "faq": [{"question": "Is there parking?", "answer": "Yes, at the North gate."}],
        },
        request_only=True,
    ),
    STAFF_CONTENT[0],
]
STAFF_IMAGE = [
    OpenApiExample(
        "A picture (multipart/form-data)",
        value={
            "image": "(the file: a PNG, JPEG, WebP or GIF)",
            "alt": "The main stage at sunset",
            "alt_ar": "المسرح الرئيسي عند الغروب",
        },
        request_only=True,
        media_type=MULTIPART,
    ),
    OpenApiExample(
        "Added", value={"ok": True, **STAFF_IMAGE_ITEM}, response_only=True, status_codes=["201"]
    ),
    OpenApiExample(
        "Not an image",
        value={
            "ok": False,
            "error": {
                "code": "validation_error",
                "message": "Some fields are not valid.",
                "fields": {"image": ["Not an image we can read: upload a PNG, JPEG, WebP or GIF."]},
            },
        },
        response_only=True,
        status_codes=["400"],
    ),
]
DELETED = [OpenApiExample("Deleted", value={"ok": True, "id": 4}, response_only=True)]
STAFF_MAP = [
    OpenApiExample(
        "The map (multipart/form-data)",
        value={"image": "(the file: a PNG, JPEG, WebP or GIF)"},
        request_only=True,
        media_type=MULTIPART,
    ),
    OpenApiExample(
        "Set",
        value={"ok": True, "map_image": "/media/content/maps/L0k2PqW8Zt1x.png"},
        response_only=True,
    ),
]
STAFF_MAP_REMOVED = [
    OpenApiExample("Removed", value={"ok": True, "map_image": None}, response_only=True)
]
STAFF_STAGE = {**STAGE, "sort_order": 0}
STAFF_STAGES = [
    OpenApiExample("Stages", value={"ok": True, "stages": [STAFF_STAGE]}, response_only=True)
]
STAFF_STAGE_CREATE = [
    OpenApiExample(
        "A stage",
        value={"name": "Main Stage", "name_ar": "المسرح الرئيسي", "x": 50, "y": 22.5},
        request_only=True,
    ),
    OpenApiExample(
        "Added", value={"ok": True, **STAFF_STAGE}, response_only=True, status_codes=["201"]
    ),
]
STAFF_STAGE_UPDATE = [
    OpenApiExample("Moved on the map", value={"x": 48.5, "y": 25}, request_only=True),
    OpenApiExample("Changed", value={"ok": True, **STAFF_STAGE}, response_only=True),
]
STAFF_SPONSOR = {**SPONSOR, "sort_order": 0}
STAFF_SPONSORS = [
    OpenApiExample("Sponsors", value={"ok": True, "sponsors": [STAFF_SPONSOR]}, response_only=True)
]
STAFF_SPONSOR_CREATE = [
    OpenApiExample(
        "A sponsor without a logo",
        value={"name": "Red Sea Telecom", "tier": "title", "url": "https://telecom.example.com"},
        request_only=True,
    ),
    OpenApiExample(
        "A sponsor with its logo",
        value={
            "name": "Red Sea Telecom",
            "tier": "title",
            "url": "https://telecom.example.com",
            "sort_order": "0",
            "logo": "(the file: a PNG, JPEG, WebP or GIF)",
        },
        request_only=True,
        media_type=MULTIPART,
    ),
    OpenApiExample(
        "Added", value={"ok": True, **STAFF_SPONSOR}, response_only=True, status_codes=["201"]
    ),
]
STAFF_SPONSOR_UPDATE = [
    OpenApiExample(
        "A new logo",
        value={"logo": "(the file: a PNG, JPEG, WebP or GIF)"},
        request_only=True,
        media_type=MULTIPART,
    ),
    OpenApiExample("Up a tier, logo removed", value={"tier": "platinum", "logo": None},
                   request_only=True),
    OpenApiExample("Changed", value={"ok": True, **STAFF_SPONSOR}, response_only=True),
]  # fmt: skip
STAFF_SCHEDULE = [
    OpenApiExample("The schedule", value={"ok": True, "items": [STAFF_ITEM]}, response_only=True)
]
STAFF_PERFORMANCE_CREATE = [
    OpenApiExample(
        "A performance",
        value={
            "stage": 1,
            "title": "Desert Echoes",
            "title_ar": "أصداء الصحراء",
            "starts_at": "2026-12-21T18:00:00+03:00",
            "ends_at": "2026-12-21T18:45:00+03:00",
            "performers": ["Aziz", "Lina Haddad"],
        },
        request_only=True,
    ),
    OpenApiExample(
        "Added",
        value={"ok": True, **STAFF_ITEM, "status": "scheduled", "note": "", "note_ar": ""},
        response_only=True,
        status_codes=["201"],
    ),
]
STAFF_PERFORMANCE_UPDATE = [
    OpenApiExample(
        "Cancelled",
        value={"status": "cancelled", "note": "Cancelled: the band's flight was cancelled"},
        request_only=True,
    ),
    OpenApiExample("Swapped to another stage", value={"stage": 2}, request_only=True),
    OpenApiExample("Changed", value={"ok": True, **STAFF_ITEM}, response_only=True),
]
STAFF_DELAY = [
    OpenApiExample("15 minutes, and the rest of the day", value={"minutes": 15, "cascade": True},
                   request_only=True),
    OpenApiExample("Moved", value={"ok": True, "items": [STAFF_ITEM]}, response_only=True),
]  # fmt: skip
MESSAGE: dict[str, Any] = {
    "id": 57,
    "name": "Sara",
    "email": "sara@example.com",
    "subject": "Wheelchair access",
    "message": "Is the grandstand reachable without stairs?",
    "received_at": "2026-12-01T09:30:12Z",
    "handled_at": None,
}
STAFF_MESSAGES = [page_example(MESSAGE)]
STAFF_MESSAGE_HANDLED = [
    OpenApiExample(
        "Handled",
        value={"ok": True, **MESSAGE, "handled_at": "2026-12-01T11:02:40Z"},
        response_only=True,
    )
]
