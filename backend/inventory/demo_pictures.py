"""Demo pictures, amenities and stay times for the five businesses.

The pictures are drawn with Pillow when the demo loads (no binary files in the repository):
simple scenes (a beach, a jungle river, a bedroom, a meeting table, a stage, a workshop, a
gala hall) without words, so that they suit both languages; their alt text says what they
show in English and Arabic. Each is saved through the same upload check as the admin's and
resized into its renditions like an upload there. Re-running changes nothing already there.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import time
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from backend.core.images import checked_image
from backend.inventory.models import (
    Amenity,
    Event,
    EventImage,
    Picture,
    Resource,
    ResourceImage,
    VenueImage,
)
from backend.inventory.services.pictures import picture_renditions_make

RGB = tuple[int, int, int]
SIZE = (1280, 720)

# --- the vocabulary --------------------------------------------------------------------------

AMENITIES = [
    ("wifi", "wifi", "Free Wi-Fi", "واي فاي مجاني"),
    ("pool", "pool", "Swimming pool", "مسبح"),
    ("breakfast", "breakfast", "Breakfast included", "الإفطار مشمول"),
    ("parking", "parking", "Free parking", "موقف سيارات مجاني"),
    ("air", "air", "Air conditioning", "تكييف"),
    ("spa", "spa", "Spa", "منتجع صحي"),
    ("sea-view", "view", "Sea view", "إطلالة على البحر"),
    ("river-view", "view", "River view", "إطلالة على النهر"),
    ("king-bed", "bed", "King-size bed", "سرير كبير"),
    ("screen", "screen", "Screen and HDMI", "شاشة ووصلة HDMI"),
    ("coffee", "coffee", "Coffee and water", "قهوة وماء"),
    ("step-free", "accessible", "Step-free access", "دخول دون درج"),
    ("waiting-lounge", "coffee", "Waiting lounge", "صالة انتظار"),
    ("genuine-parts", "tools", "Genuine parts", "قطع غيار أصلية"),
]


def _amenities() -> dict[str, Amenity]:
    found = {}
    for order, (code, icon, label, label_ar) in enumerate(AMENITIES):
        amenity, _ = Amenity.objects.get_or_create(
            code=code,
            defaults={"icon": icon, "label": label, "label_ar": label_ar, "sort_order": order},
        )
        found[code] = amenity
    return found


# --- drawing ---------------------------------------------------------------------------------


def _gradient(top: RGB, bottom: RGB) -> Image.Image:
    width, height = SIZE
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / (height - 1)
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in
                                                   zip(top, bottom, strict=True)))  # fmt: skip
    return image


def beach() -> Image.Image:
    image = _gradient((120, 190, 235), (255, 214, 170))
    draw = ImageDraw.Draw(image)
    draw.ellipse((930, 90, 1090, 250), fill=(255, 226, 130))
    draw.rectangle((0, 400, 1280, 520), fill=(40, 130, 190))
    draw.polygon([(0, 520), (1280, 470), (1280, 720), (0, 720)], fill=(236, 206, 150))
    draw.line([(260, 700), (300, 380)], fill=(110, 80, 50), width=22)
    for dx, dy in ((-150, 40), (150, 30), (-90, -40), (110, -50), (0, -70)):
        draw.ellipse(
            (300 + dx - 90, 380 + dy - 25, 300 + dx + 90, 380 + dy + 25), fill=(40, 120, 60)
        )
    return image


def jungle() -> Image.Image:
    image = _gradient((170, 210, 190), (80, 130, 100))
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, 560), (1280, 480), (1280, 620), (0, 720)], fill=(70, 140, 170))
    for n in range(9):
        x = 40 + n * 145
        draw.polygon([(x, 520), (x + 70, 190 + (n % 3) * 40), (x + 140, 520)], fill=(30, 90, 50))
        draw.rectangle((x + 62, 520, x + 78, 560), fill=(80, 55, 35))
    return image


def bedroom(wall: RGB = (236, 226, 210), cover: RGB = (250, 250, 250)) -> Image.Image:
    image = _gradient(wall, tuple(max(0, c - 30) for c in wall))  # type: ignore[arg-type]
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 560, 1280, 720), fill=(150, 110, 80))
    draw.rectangle((820, 120, 1160, 380), fill=(150, 205, 235), outline=(255, 255, 255), width=14)
    draw.rounded_rectangle((200, 300, 760, 380), radius=20, fill=(120, 80, 60))
    draw.rounded_rectangle((180, 380, 780, 600), radius=24, fill=cover)
    draw.rounded_rectangle((240, 340, 420, 410), radius=30, fill=(255, 255, 255))
    draw.rounded_rectangle((540, 340, 720, 410), radius=30, fill=(255, 255, 255))
    return image


def tent() -> Image.Image:
    image = jungle()
    draw = ImageDraw.Draw(image)
    draw.polygon([(420, 600), (640, 300), (860, 600)], fill=(225, 200, 150))
    draw.polygon([(590, 600), (640, 420), (690, 600)], fill=(90, 70, 50))
    return image


def meeting(accent: RGB = (18, 53, 91)) -> Image.Image:
    image = _gradient((240, 243, 247), (205, 212, 222))
    draw = ImageDraw.Draw(image)
    draw.rectangle((420, 90, 860, 330), fill=(30, 40, 55))
    draw.rectangle((440, 110, 840, 310), fill=accent)
    draw.ellipse((240, 430, 1040, 600), fill=(140, 100, 70))
    for x in (260, 420, 580, 740, 900):
        draw.rounded_rectangle((x, 560, x + 110, 690), radius=18, fill=(60, 70, 85))
    return image


def stage() -> Image.Image:
    image = _gradient((40, 20, 70), (230, 90, 80))
    draw = ImageDraw.Draw(image)
    draw.rectangle((300, 330, 980, 420), fill=(20, 20, 30))
    for x, color in ((360, (255, 230, 120)), (640, (120, 220, 255)), (920, (255, 140, 200))):
        draw.polygon([(x, 0), (x - 140, 330), (x + 140, 330)], fill=color)
    for n in range(9):
        x = 20 + n * 145
        draw.ellipse((x, 520, x + 110, 630), fill=(20, 15, 30))
        draw.rectangle((x + 15, 610, x + 95, 720), fill=(20, 15, 30))
    return image


def workshop() -> Image.Image:
    image = _gradient((220, 225, 230), (160, 170, 180))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 560, 1280, 720), fill=(90, 95, 100))
    draw.rounded_rectangle((300, 380, 980, 520), radius=60, fill=(200, 40, 40))
    draw.polygon([(420, 380), (520, 290), (800, 290), (880, 380)], fill=(170, 30, 30))
    for x in (400, 820):
        draw.ellipse((x, 470, x + 120, 590), fill=(30, 30, 30))
        draw.ellipse((x + 35, 505, x + 85, 555), fill=(180, 180, 180))
    draw.rectangle((60, 140, 260, 520), fill=(60, 90, 140))
    return image


def gala() -> Image.Image:
    image = _gradient((25, 20, 45), (90, 60, 40))
    draw = ImageDraw.Draw(image)
    draw.line([(640, 0), (640, 120)], fill=(200, 170, 90), width=6)
    draw.ellipse((520, 110, 760, 210), fill=(240, 210, 120))
    for n in range(7):
        x = 160 + n * 160
        draw.ellipse((x, 470, x + 120, 520), fill=(245, 240, 230))
        draw.rectangle((x + 56, 520, x + 64, 640), fill=(200, 170, 90))
    return image


# --- what goes where -------------------------------------------------------------------------

Scene = Callable[[], Image.Image]
# slug: (pictures of the event [(scene, alt, alt_ar)], venue amenities, check-in, check-out)
EVENTS: dict[str, tuple[list[tuple[Scene, str, str]], list[str], time | None, time | None]] = {
    "goa-palm-grove": (
        [(beach, "Palm trees on the beach in front of the resort at sunset",
          "أشجار النخيل على الشاطئ أمام المنتجع عند الغروب"),
         (lambda: bedroom((230, 240, 245), (255, 255, 255)), "A sea view room with a king bed",
          "غرفة مطلة على البحر بسرير كبير")],
        ["wifi", "pool", "breakfast", "parking", "air", "spa"], time(14), time(11),
    ),
    "dandeli-river-lodge": (
        [(jungle, "The Kali river and the forest around the lodge",
          "نهر كالي والغابة المحيطة بالنُّزُل"),
         (tent, "A tent on its deck among the trees", "خيمة على منصتها بين الأشجار")],
        ["wifi", "breakfast", "parking", "river-view"], time(13), time(10),
    ),
    "meeting-rooms": (
        [(meeting, "A meeting room with a screen and a round table",
          "قاعة اجتماعات بشاشة وطاولة مستديرة")],
        ["wifi", "coffee", "step-free", "parking"], None, None,
    ),
    "summer-fest": (
        [(stage, "The main stage lit up at night, the crowd in front",
          "المسرح الرئيسي مضاءً ليلاً والجمهور أمامه")],
        ["parking", "step-free"], None, None,
    ),
    "repair-shop": (
        [(workshop, "A car on a service bay in the workshop", "سيارة في منصة الصيانة بالورشة")],
        ["waiting-lounge", "coffee", "wifi", "genuine-parts"], None, None,
    ),
    "vip-evening": (
        [(gala, "The hall set for the evening under the chandelier",
          "القاعة مهيأة للأمسية تحت الثريا")],
        ["parking", "step-free"], None, None,
    ),
}  # fmt: skip

# room type or name: (scene, alt, alt_ar, amenities)
RESOURCES: dict[str, tuple[Scene, str, str, list[str]]] = {
    "Sea View Deluxe": (lambda: bedroom((230, 240, 245)), "A bright room with a king bed and a "
                        "window on the sea", "غرفة مشرقة بسرير كبير ونافذة على البحر",
                        ["sea-view", "king-bed", "air", "wifi"]),
    "Garden Cottage": (lambda: bedroom((225, 235, 215), (245, 240, 225)), "A cottage bedroom "
                       "opening on the garden", "غرفة كوخ تطل على الحديقة", ["air", "wifi"]),
    "Family Suite": (lambda: bedroom((240, 228, 215), (250, 245, 235)), "A family suite with "
                     "two beds", "جناح عائلي بسريرين", ["king-bed", "air", "wifi"]),
    "Riverside Tent": (tent, "A tent by the river", "خيمة بجانب النهر", ["river-view"]),
    "Treehouse": (jungle, "The treehouse in the canopy", "بيت الشجرة بين الأغصان",
                  ["river-view", "king-bed"]),
    "Forest Villa": (lambda: bedroom((215, 225, 205), (240, 240, 235)), "A villa bedroom in "
                     "the forest", "غرفة فيلا في الغابة", ["king-bed", "air", "wifi"]),
    "Majlis Room": (lambda: meeting((120, 70, 40)), "The majlis room with low seating and a "
                    "screen", "غرفة المجلس بجلسات منخفضة وشاشة", ["screen", "coffee"]),
    "Focus Room": (lambda: meeting((40, 110, 80)), "A small room for four with a screen",
                   "غرفة صغيرة لأربعة أشخاص بشاشة", ["screen"]),
    "Board Room": (meeting, "The board room with a long table and a large screen",
                   "غرفة مجلس الإدارة بطاولة طويلة وشاشة كبيرة", ["screen", "coffee", "wifi"]),
}  # fmt: skip


def _jpeg(image: Image.Image) -> Any:
    """The drawing as an upload, through the same check as the admin's (a random name)."""
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    upload = SimpleUploadedFile("demo.jpg", buffer.getvalue(), "image/jpeg")
    return checked_image(upload, field="image")


def _add(model: type[Picture], owner: dict[str, Any], scene: Scene, alt: str, alt_ar: str,
         order: int, drawn: dict[Scene, Image.Image]) -> bool:  # fmt: skip
    if model._default_manager.filter(**owner, alt=alt).exists():
        return False
    image = drawn.setdefault(scene, scene())
    row = model._default_manager.create(
        **owner, image=_jpeg(image), alt=alt, alt_ar=alt_ar, sort_order=order
    )
    picture_renditions_make(picture=row)
    return True


def load_pictures() -> str:
    """Pictures, amenities and stay times for every demo business."""
    amenities = _amenities()
    drawn: dict[Scene, Image.Image] = {}
    added = 0
    for event in Event.objects.filter(slug__in=EVENTS).select_related("venue"):
        pictures, venue_amenities, check_in, check_out = EVENTS[event.slug]
        venue = event.venue
        # A resort's pictures are of the place (stay search shows the venue's); other
        # businesses' are of the event.
        model, owner = (
            (VenueImage, {"venue": venue}) if event.kind == Event.Kind.STAYS
            else (EventImage, {"event": event})
        )  # fmt: skip
        for order, (scene, alt, alt_ar) in enumerate(pictures):
            added += _add(model, owner, scene, alt, alt_ar, order, drawn)
        if not venue.amenities.exists():
            venue.amenities.set([amenities[code] for code in venue_amenities])
        if check_in and venue.check_in_time is None:
            type(venue).objects.filter(pk=venue.pk).update(
                check_in_time=check_in, check_out_time=check_out
            )
        rooms = Resource.objects.filter(event=event, kind__in=[Resource.Kind.ROOM,
                                                               Resource.Kind.SPACE])  # fmt: skip
        for room in rooms:
            kind = room.attributes.get("room_type") if isinstance(room.attributes, dict) else None
            spec = RESOURCES.get(kind or room.name)
            if spec is None:
                continue
            scene, alt, alt_ar, codes = spec
            added += _add(ResourceImage, {"resource": room}, scene, alt, alt_ar, 0, drawn)
            if not room.amenities.exists():
                room.amenities.set([amenities[code] for code in codes])
    return (
        f"Pictures and amenities: {added} pictures added, {len(amenities)} amenities; "
        "check-in and check-out times for the resorts"
    )
