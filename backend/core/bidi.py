"""Bidirectional text in plain-text channels (SMS, e-mail text parts and subjects, wallet
passes): a name or value inserted into a sentence is isolated (Unicode FSI ... PDI, the
plain-text twin of HTML's ``<bdi>``) so that an English venue name inside an Arabic sentence,
or an Arabic name inside an English one, keeps its own order and does not drag the
punctuation around it ("North Corniche, Jeddah" read as "Jeddah ،Corniche").

In an Arabic message every inserted value is isolated; in an English one only a value with
right-to-left letters is (an English SMS then stays in the GSM alphabet: one FSI turns the
whole message into UCS-2, which halves the characters an SMS holds).
"""

from __future__ import annotations

import re

FSI, PDI = "\u2068", "\u2069"
RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def has_rtl(text: str) -> bool:
    return RTL.search(text) is not None


def isolate(text: object) -> str:
    """``text`` as one isolated run (empty stays empty)."""
    value = "" if text is None else str(text)
    return f"{FSI}{value}{PDI}" if value else value


def isolate_in(text: object, language: str) -> str:
    """``text`` isolated where it could be reordered in a message in ``language``."""
    value = "" if text is None else str(text)
    if language == "ar" or has_rtl(value):
        return isolate(value)
    return value
