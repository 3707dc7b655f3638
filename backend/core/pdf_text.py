"""Text in reportlab PDFs (tickets, invoices): a font that has Arabic, and Arabic put the
way a PDF must draw it.

reportlab draws glyphs left to right as given, so an Arabic line is shaped first
(``arabic-reshaper``: the joined forms of its letters) and put in visual order
(``python-bidi``). DejaVu Sans has the Arabic glyphs; without it, Helvetica (no Arabic).
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path

import arabic_reshaper
from bidi import get_display
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

logger = logging.getLogger(__name__)

FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",  # Debian, Ubuntu
    "/usr/share/fonts/dejavu-sans-fonts",  # Fedora
    "/usr/share/fonts/dejavu",  # Alpine
    "/usr/share/fonts/TTF",  # Arch
    "/usr/local/share/fonts",
    "/Library/Fonts",
)
ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f]")


@functools.cache
def fonts() -> tuple[str, str]:
    """(regular, bold) font names: DejaVu Sans when installed, else Helvetica."""
    for folder in FONT_DIRS:
        regular, bold = Path(folder, "DejaVuSans.ttf"), Path(folder, "DejaVuSans-Bold.ttf")
        if regular.is_file() and bold.is_file():
            pdfmetrics.registerFont(TTFont("GatehouseSans", str(regular)))
            pdfmetrics.registerFont(TTFont("GatehouseSans-Bold", str(bold)))
            return "GatehouseSans", "GatehouseSans-Bold"
    logger.warning("DejaVu Sans is not installed: PDFs cannot show Arabic text")
    return "Helvetica", "Helvetica-Bold"


def has_arabic(text: str) -> bool:
    return ARABIC.search(text) is not None


def visual(text: str) -> str:
    """Text as a left-to-right PDF must draw it: Arabic letters joined and in visual order;
    text without Arabic as it is."""
    return get_display(arabic_reshaper.reshape(text)) if has_arabic(text) else text
