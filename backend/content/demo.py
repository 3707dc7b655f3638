"""Summer Fest's public pages (the ``summer-fest`` event inventory's demo loads): its text in
English and Arabic, pictures and a festival map drawn with Pillow at load time, an FAQ, links,
three stages placed on the map, a two-day schedule from the event's first day (eight sets a
stage a day, from 16:00 in the venue's time zone), a dozen sponsors across the tiers with
drawn logos, and two visitors' messages for the staff page.

Idempotent: rows are found by their natural keys before anything is made, and what staff may
have changed since (texts, times, a delay) is left as it is; only what is missing is added
(an image whose file left the storage is drawn again).
"""

from __future__ import annotations

import io
import zoneinfo
from datetime import datetime, time, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from PIL import Image, ImageDraw, ImageFont

from backend.content.models import (
    ContactMessage,
    ContentImage,
    ContentLink,
    EventContent,
    FaqEntry,
    Performance,
    Sponsor,
    Stage,
)
from backend.core.images import checked_image
from backend.inventory.models import Event

EVENT_SLUG = "summer-fest"

TAGLINE = ("Two days, three stages on the Corniche", "يومان وثلاثة مسارح على الكورنيش")
DESCRIPTION = (
    "Gatehouse Summer Fest brings the sea breeze and the city's best live music together: "
    "three stages from the late afternoon to midnight, food and craft vendors between them, "
    "and the Red Sea behind it all. Come for a set, stay for the night.",
    "يجمع مهرجان جيت هاوس الصيفي نسيم البحر وأفضل الموسيقى الحية في المدينة: ثلاثة مسارح من "
    "العصر حتى منتصف الليل، وبينها أكشاك الطعام والحرف اليدوية، والبحر الأحمر خلف كل ذلك. "
    "تعال من أجل عرض وابقَ طوال الليل.",
)
IMAGES = [
    ("The main stage at sunset", "المسرح الرئيسي عند الغروب", ((250, 120, 60), (90, 40, 120))),
    ("The crowd on the Corniche", "الجمهور على الكورنيش", ((30, 120, 180), (20, 40, 90))),
    ("Food trucks by the sea", "عربات الطعام بجانب البحر", ((240, 190, 70), (200, 80, 50))),
]
FAQ = [
    ("When do the gates open?", "متى تفتح البوابات؟",
     "At 15:30 on both days; the first sets start at 16:00.",
     "الساعة 15:30 في اليومين، وتبدأ أولى العروض الساعة 16:00."),
    ("Can I leave and come back?", "هل يمكنني الخروج والعودة؟",
     "Yes: the North gate scans you out and back in with the same ticket.",
     "نعم: البوابة الشمالية تسجل خروجك وعودتك بالتذكرة نفسها."),
    ("Is there parking?", "هل توجد مواقف للسيارات؟",
     "Yes, at the North Corniche lots, free after 16:00. Ride-hailing drop-off is at Gate B.",
     "نعم، في مواقف الكورنيش الشمالي، مجانًا بعد الساعة 16:00. "
     "نقطة إنزال سيارات الأجرة عند البوابة ب."),
    ("Are children welcome?", "هل يُسمح بدخول الأطفال؟",
     "Children under 12 enter free with an adult holding a ticket.",
     "يدخل الأطفال دون 12 عامًا مجانًا برفقة بالغ يحمل تذكرة."),
    ("Is the grandstand accessible?", "هل المدرج مهيأ لذوي الإعاقة؟",
     "Yes: ramps at both ends, and seats in row A are kept for wheelchair users and a companion.",
     "نعم: توجد منحدرات عند الطرفين، "
     "والمقاعد في الصف A مخصصة لمستخدمي الكراسي المتحركة ومرافقيهم."),
    ("What can I bring?", "ماذا يمكنني أن أحضر؟",
     "A small bag, sunscreen and an empty water bottle (refill stations are free). No glass.",
     "حقيبة صغيرة وواقي شمس وزجاجة ماء فارغة (محطات التعبئة مجانية). يُمنع الزجاج."),
]  # fmt: skip
LINKS = [
    ("Getting there", "الوصول", "https://www.openstreetmap.org/search?query=North%20Corniche%20Jeddah"),
    ("Festival rules", "قواعد المهرجان", "https://gatehouse.example.com/summer-fest/rules"),
    ("Lost and found", "المفقودات", "https://gatehouse.example.com/summer-fest/lost-and-found"),
]  # fmt: skip
# name, Arabic, x, y (percent of the map), minutes after the hour its sets start
STAGES = [
    ("Main Stage", "المسرح الرئيسي", 50.0, 16.0, 0),
    ("Palm Stage", "مسرح النخيل", 22.0, 38.0, 10),
    ("Sea Breeze Stage", "مسرح نسيم البحر", 78.0, 38.0, 20),
]
SETS_PER_DAY, FIRST_SET_HOUR, SET_MINUTES, DAYS = 8, 16, 45, 2
NOUNS = [("Echoes", "أصداء"), ("Nights", "ليالي"), ("Waves", "أمواج"), ("Lanterns", "فوانيس"),
         ("Dunes", "كثبان"), ("Stars", "نجوم"), ("Winds", "رياح"), ("Palms", "نخيل")]  # fmt: skip
PLACES = [("the Desert", "الصحراء"), ("the Sea", "البحر"), ("the Corniche", "الكورنيش"),
          ("the City", "المدينة"), ("Hejaz", "الحجاز"), ("the Moon", "القمر")]  # fmt: skip
PERFORMERS = [
    "Aziz", "Lina Haddad", "Omar Said", "Noura", "Faisal Band", "Reem Al-Harbi", "The Tide",
    "Yousef Qasim", "Salma", "Desert Rose Trio", "Hadi", "Maha & Sami", "Jude", "Tariq Oud",
]  # fmt: skip
SPONSORS = [
    ("Red Sea Telecom", Sponsor.Tier.TITLE, (200, 30, 50)),
    ("Corniche Bank", Sponsor.Tier.PLATINUM, (40, 60, 120)),
    ("Oasis Airlines", Sponsor.Tier.PLATINUM, (20, 130, 140)),
    ("Palm Motors", Sponsor.Tier.GOLD, (60, 60, 60)),
    ("Hejaz Energy", Sponsor.Tier.GOLD, (230, 140, 20)),
    ("Dune Coffee", Sponsor.Tier.GOLD, (110, 70, 40)),
    ("Oasis Water", Sponsor.Tier.SILVER, (30, 150, 210)),
    ("Lighthouse Radio", Sponsor.Tier.SILVER, (150, 40, 150)),
    ("Souq Market", Sponsor.Tier.SILVER, (90, 140, 40)),
    ("Coral Hotels", Sponsor.Tier.BRONZE, (240, 110, 110)),
    ("Falcon Print", Sponsor.Tier.BRONZE, (70, 90, 110)),
    ("Jeddah Arts Council", Sponsor.Tier.PARTNER, (120, 30, 90)),
]
MESSAGES = [
    ("Sara", "sara@example.com", "Wheelchair access",
     "Is the grandstand reachable without stairs? My father uses a wheelchair."),
    ("خالد", "khalid@example.com", "تذاكر جماعية",
     "هل توجد أسعار خاصة لمجموعة من عشرين شخصًا؟"),
]  # fmt: skip


# --- drawing ---------------------------------------------------------------------------------


def _font(size: int) -> Any:
    return ImageFont.load_default(size=size)


def _png(image: Image.Image, name: str) -> Any:
    """The picture as an upload, through the same check as the API's (a random name)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return checked_image(
        SimpleUploadedFile(f"{name}.png", buffer.getvalue(), "image/png"), field="image"
    )


RGB = tuple[int, int, int]


def _gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / max(1, height - 1)
        color = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=color)
    return image


def draw_picture(caption: str, colors: tuple[tuple[int, int, int], ...]) -> Image.Image:
    image = _gradient((1200, 675), colors[0], colors[1])
    draw = ImageDraw.Draw(image)
    draw.ellipse((820, 120, 1020, 320), fill=(255, 220, 120))  # the sun
    for n in range(7):  # the crowd's silhouette
        x = 60 + n * 170
        draw.ellipse((x, 470, x + 120, 590), fill=(25, 20, 35))
        draw.rectangle((x + 20, 560, x + 100, 675), fill=(25, 20, 35))
    draw.text((60, 60), "Summer Fest", font=_font(72), fill=(255, 255, 255))
    draw.text((60, 150), caption, font=_font(36), fill=(255, 255, 255))
    return image


def draw_map(stages: list[Stage]) -> Image.Image:
    """The festival ground: sand, the sea along the left, the promenades, the market square
    where the vendors' booths stand and the ground of each stage (the web app draws the booths
    and the stages' markers over it), and the gate."""
    width, height = 1200, 800
    image = Image.new("RGB", (width, height), (236, 214, 170))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 60, height), fill=(70, 150, 200))  # the Red Sea
    draw.rectangle((72, 504, 1128, 648), fill=(222, 200, 160))  # the market square (64-81 %)
    draw.text((84, 612), "Market square", font=_font(24), fill=(120, 95, 60))
    path = (210, 185, 140)
    draw.line([(600, 0), (600, 504)], fill=path, width=36)  # the promenades
    draw.line([(600, 648), (600, height)], fill=path, width=36)
    draw.line([(150, 460), (1050, 460)], fill=path, width=36)
    draw.rectangle((520, 740, 680, 800), fill=(110, 110, 110))  # the main gate
    _centred(draw, (600, 770), "Gate A", 28)
    for stage in stages:
        x, y = stage.x / 100 * width, stage.y / 100 * height
        # The stage's ground only: the web app puts its marker and name on it.
        draw.rounded_rectangle((x - 120, y - 45, x + 120, y + 45), radius=16, fill=(214, 188, 150))
    draw.text((84, 20), "Summer Fest: festival map", font=_font(32), fill=(60, 40, 20))
    return image


def _centred(draw: ImageDraw.ImageDraw, at: tuple[float, float], text: str, size: int) -> None:
    draw.text(at, text, font=_font(size), fill=(255, 255, 255), anchor="mm")


def draw_logo(name: str, color: tuple[int, int, int]) -> Image.Image:
    image = Image.new("RGB", (480, 240), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((16, 16, 464, 224), radius=32, fill=color)
    initials = "".join(word[0] for word in name.split()[:3]).upper()
    draw.text((48, 52), initials, font=_font(96), fill=(255, 255, 255))
    draw.text((48, 170), name, font=_font(28), fill=(255, 255, 255))
    return image


def _missing(file: FieldFile) -> bool:
    return not file or not file.storage.exists(file.name or "")


# --- loading ---------------------------------------------------------------------------------


def _page(event: Event) -> EventContent:
    content, _ = EventContent.objects.get_or_create(
        event=event,
        defaults={
            "tagline": TAGLINE[0],
            "tagline_ar": TAGLINE[1],
            "description": DESCRIPTION[0],
            "description_ar": DESCRIPTION[1],
        },
    )
    for order, (alt, alt_ar, colors) in enumerate(IMAGES):
        image = ContentImage.objects.filter(content=content, alt=alt).first()
        if image is None:
            image = ContentImage(content=content, alt=alt, alt_ar=alt_ar, sort_order=order)
        if _missing(image.image):
            image.image = _png(draw_picture(alt, colors), "picture")
            image.save()
    if not content.faq.exists():  # staff's own FAQ stays as they wrote it
        FaqEntry.objects.bulk_create(
            FaqEntry(content=content, question=q, question_ar=q_ar, answer=a, answer_ar=a_ar,
                     sort_order=order)
            for order, (q, q_ar, a, a_ar) in enumerate(FAQ)
        )  # fmt: skip
    if not content.links.exists():
        ContentLink.objects.bulk_create(
            ContentLink(content=content, label=label, label_ar=label_ar, url=url, sort_order=n)
            for n, (label, label_ar, url) in enumerate(LINKS)
        )
    return content


def _stages(event: Event) -> list[Stage]:
    stages = []
    for order, (name, name_ar, x, y, _) in enumerate(STAGES):
        stage, _ = Stage.objects.get_or_create(
            event=event, name=name,
            defaults={"name_ar": name_ar, "x": x, "y": y, "sort_order": order},
        )  # fmt: skip
        stages.append(stage)
    return stages


def _title(n: int) -> tuple[str, str]:
    noun, noun_ar = NOUNS[n % len(NOUNS)]
    place, place_ar = PLACES[n // len(NOUNS) % len(PLACES)]
    return f"{noun} of {place}", f"{noun_ar} {place_ar}"


def _schedule(event: Event, stages: list[Stage]) -> int:
    """Eight sets a stage a day over two days from the event's first day (venue time)."""
    zone = zoneinfo.ZoneInfo(event.venue.time_zone)
    first_day = event.starts_at.astimezone(zone).date()
    n = 0
    for day in range(DAYS):
        date = first_day + timedelta(days=day)
        for stage, (*_, offset) in zip(stages, STAGES, strict=True):
            for number in range(SETS_PER_DAY):
                title, title_ar = _title(n)
                starts_at = datetime.combine(date, time(FIRST_SET_HOUR), zone) + timedelta(
                    hours=number, minutes=offset
                )
                performers = [PERFORMERS[n % len(PERFORMERS)]]
                if n % 3 == 0:
                    performers.append(PERFORMERS[(n + 5) % len(PERFORMERS)])
                Performance.objects.get_or_create(
                    stage=stage,
                    title=title,
                    defaults={
                        "title_ar": title_ar,
                        "starts_at": starts_at,
                        "ends_at": starts_at + timedelta(minutes=SET_MINUTES),
                        "performers": performers,
                    },
                )
                n += 1
    return Performance.objects.filter(stage__event=event).count()


def _sponsors(event: Event) -> int:
    for order, (name, tier, color) in enumerate(SPONSORS):
        sponsor, _ = Sponsor.objects.get_or_create(
            event=event,
            name=name,
            defaults={"tier": tier, "sort_order": order,
                      "url": f"https://{name.lower().replace(' ', '-')}.example.com"},
        )  # fmt: skip
        if _missing(sponsor.logo):
            sponsor.logo = _png(draw_logo(name, color), "logo")
            sponsor.save()
    return Sponsor.objects.filter(event=event).count()


def load_festival_pages() -> str:
    event = Event.objects.select_related("venue").filter(slug=EVENT_SLUG).first()
    if event is None:
        return f"Festival pages: no event {EVENT_SLUG!r}, nothing loaded"
    content = _page(event)
    stages = _stages(event)
    if _missing(content.map_image):
        content.map_image = _png(draw_map(stages), "map")
        content.save()
    performances = _schedule(event, stages)
    sponsors = _sponsors(event)
    for name, email, subject, message in MESSAGES:
        ContactMessage.objects.get_or_create(
            event=event, email=email, subject=subject, defaults={"name": name, "message": message}
        )
    return (
        f"Festival pages /api/events/{EVENT_SLUG}/content/: {content.images.count()} pictures, "
        f"a map with {len(stages)} stages, {content.faq.count()} FAQ entries, "
        f"{performances} performances over {DAYS} days, {sponsors} sponsors"
    )


LOADERS = [load_festival_pages]
