"""Spanish words for the facts asked, put in English before a reader reads (words in
data/spanish.toml): many of the people we serve write English mixed with Spanish."""

from __future__ import annotations

import re

from dialogs.reading.words import load

_DATA = load("spanish")


def _compiled(pairs: list[list[str]]) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(rf"(?<![\w']){pattern}(?![\w'])"), english) for pattern, english in pairs]


PHRASES = _compiled(_DATA["phrases"])
BESIDE_SPANISH = _compiled(_DATA["beside_spanish"])
# Any of the phrases, or Spanish letters: most messages have none, and are left as they are
# after one search instead of one per phrase.
SPANISH_LETTERS = "[ñáéíóú¿¡]"
ANY_SPANISH = re.compile(
    rf"{SPANISH_LETTERS}|\b(?:"
    + "|".join(f"(?:{pattern})" for pattern, _ in _DATA["phrases"])
    + r")\b"
)


def in_english(text: str) -> str:
    """`text` (cleaned, lower case) with the Spanish words of data/spanish.toml in English;
    "en", "si" and "mil" only when other Spanish words (or its letters) are there."""
    if not ANY_SPANISH.search(text):
        return text
    found = bool(re.search(SPANISH_LETTERS, text))
    for pattern, english in PHRASES:
        text, n = pattern.subn(english, text)
        found = found or n > 0
    if found:
        for pattern, english in BESIDE_SPANISH:
            text = pattern.sub(english, text)
    return text
