"""Slips of the thumb: a typed word one or two letters away from a word the readers key on
("firefigher", "sherrif", "febuary", "retirment", "goverment") is read as that word.

The words are data (data/spelling.toml). A word is changed only when it is not English
itself (data/english_near.txt lists the English words near ours: "polite" stays "polite",
not "police"), has five letters or more, and is nearest to exactly one of ours (one slip
for words up to six letters, two for longer ones; between two as near, the one that ends
as the word does: "retird" is retired, not retire). A slip is a letter added, dropped,
changed, or two letters swapped (Damerau-Levenshtein distance, with rapidfuzz). Words of
four letters ("meag", "jnue") are read only when two neighbouring letters are swapped, and
only as a word of the `swapped_only` list."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import DamerauLevenshtein
from rapidfuzz.process import extract

from dialogs.reading.words import DATA, load, vocabulary

NEAR_FILE = str(DATA.joinpath("english_near.txt"))
MIN_LENGTH = 5

VOCABULARY: frozenset[str] = frozenset(
    word for words in vocabulary("spelling").values() for word in words
)
# Words of four letters: only two neighbouring letters swapped is read ("meag" is mega).
SWAPPED_ONLY: frozenset[str] = frozenset(load("spelling")["swapped_only"]["words"])
_CHOICES = sorted(VOCABULARY)
_ENGLISH: frozenset[str] = frozenset(DATA.joinpath("english_near.txt").read_text().split())
_WORD = re.compile(r"[a-z]+")


def max_slips(word: str) -> int:
    return 1 if len(word) <= 6 else 2


@lru_cache(maxsize=4096)
def corrected(word: str) -> str:
    """The word of ours this one is a slip of, or the word itself."""
    if word in VOCABULARY or word in _ENGLISH:
        return word
    if len(word) == 4 and word not in SWAPPED_ONLY:
        return _unswapped(word)
    if len(word) < MIN_LENGTH:
        return word
    slips = max_slips(word)
    near = extract(
        word, _CHOICES, scorer=DamerauLevenshtein.distance, score_cutoff=slips, limit=None
    )
    if not near:  # "jully", "junee": a short month name with a letter added
        months = [m for m in SHORT_MONTHS if DamerauLevenshtein.distance(word, m) <= 1]
        return months[0] if len(months) == 1 else word
    nearest = [str(choice) for choice, slips_away, _ in near if slips_away == near[0][1]]
    if len(nearest) > 1:  # as near to two words: the one that ends as the word does, if one
        nearest = [choice for choice in nearest if choice[-1] == word[-1]]
    return nearest[0] if len(nearest) == 1 else word


def swaps(word: str) -> set[str]:
    """The word with two neighbouring letters swapped, every way."""
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}


# Month names are distinct enough that a four-letter slip of one is still read ("aprl").
MONTHS: tuple[str, ...] = tuple(load("spelling")["months"])
SHORT_MONTHS = ("may", "june", "july")  # too short for the vocabulary's slips


def _unswapped(word: str) -> str:
    near = swaps(word) & SWAPPED_ONLY
    if len(near) == 1:
        return next(iter(near))
    months = [m for m in MONTHS if DamerauLevenshtein.distance(word, m, score_cutoff=1) <= 1]
    return months[0] if len(months) == 1 else word


# Slips onto another real word, read only inside their phrase ("laid of" is laid off).
PHRASES: dict[str, str] = load("spelling")["phrases"]
_PHRASE = re.compile(r"\b(?:" + "|".join(map(re.escape, PHRASES)) + r")\b")


def correct(text: str) -> str:
    """The text with each slip read as the word it slipped from (lower-case text in)."""
    text = _WORD.sub(lambda m: corrected(m[0]), text)
    return _PHRASE.sub(lambda m: PHRASES[m[0]], text)
