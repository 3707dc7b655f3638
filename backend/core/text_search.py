# ruff: noqa: RUF001, RUF002, RUF003  (Arabic letters and digits on purpose)
"""Text as people type it, made comparable: case, accents and Arabic spelling variants.

``search_key`` folds what a search should not tell apart:

* case (``casefold``) and Latin accents ("Pondichéry" is "pondichery");
* Arabic tashkeel (the short-vowel marks, shadda, sukun, tanween), the tatweel (ـ), and the
  spelling variants people mix: the alef forms (أ إ آ ٱ → ا), taa marbuta (ة → ه) and alef
  maksura (ى → ي); Arabic-Indic digits become 0-9;
* runs of whitespace and punctuation become one space.

``word_starts`` gives the places a partial word may start: each word, and in Arabic each word
without its definite article (ال), so "كورنيش" finds "الكورنيش" as "corniche" finds "Corniche".
"""

from __future__ import annotations

import re
import unicodedata

_ARABIC = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ـ": None,
        **{chr(0x0660 + n): str(n) for n in range(10)},  # ٠-٩
        **{chr(0x06F0 + n): str(n) for n in range(10)},  # ۰-۹ (Persian forms)
    }
)
_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)
_ARTICLE = "ال"


def search_key(text: str) -> str:
    """``text`` folded for comparison; "" for nothing searchable."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # Combining marks: Latin accents and Arabic tashkeel alike (category Mn).
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    folded = unicodedata.normalize("NFC", bare).translate(_ARABIC)
    return " ".join(_SEPARATORS.sub(" ", folded).split())


def word_starts(key: str) -> list[str]:
    """The tails of ``key`` (already a ``search_key``) that begin at a word: the whole key,
    each later word onwards, and each Arabic word without its article."""
    words = key.split(" ")
    starts = []
    for n, word in enumerate(words):
        tail = " ".join(words[n:])
        starts.append(tail)
        if word.startswith(_ARTICLE) and len(word) > len(_ARTICLE):
            starts.append(tail[len(_ARTICLE) :])
    return starts


def matches_prefix(query: str, text: str) -> bool:
    """``text`` begins with ``query`` once both are folded (a city typed in part), in Arabic
    with or without the article: "مدينة" and "المدينة" both find "المدينة المنورة"."""
    q, t = search_key(query), search_key(text)
    if not q:
        return False
    return t.startswith(q) or (t.startswith(_ARTICLE) and t[len(_ARTICLE) :].startswith(q))


def matches_word(query: str, text: str) -> bool:
    """One of ``text``'s words (or the words after it) begins with ``query``, folded."""
    q = search_key(query)
    return bool(q) and any(start.startswith(q) for start in word_starts(search_key(text)))
