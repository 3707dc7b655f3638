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
FSI, PDI = "\u2068", "\u2069"  # first-strong isolate, pop directional isolate
CONTROLS = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u200e\u200f"))


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


def isolate(text: str) -> str:
    """A name or value set inside a line of the other direction, as its own run (FSI ... PDI):
    an English venue name in an Arabic line keeps its word order, and its comma stays its own."""
    return f"{FSI}{text}{PDI}" if text else text


def visual(text: str, *, rtl: bool | None = None) -> str:
    """Text as a left-to-right PDF must draw it: Arabic letters joined and in visual order,
    its isolated runs (:func:`isolate`) kept whole; text without Arabic as it is. ``rtl``
    gives the line's direction (a right-to-left document's lines read right to left even
    when they start with a Latin name); None takes it from the first strong letter. The
    invisible direction marks are dropped (the fonts have no glyphs for them)."""
    if not has_arabic(text):
        return text.translate(CONTROLS)
    base = None if rtl is None else ("R" if rtl else "L")
    shaped = arabic_reshaper.reshape(text)
    shown = get_display(shaped, base_dir=base) if base else get_display(shaped)
    return shown.translate(CONTROLS)
