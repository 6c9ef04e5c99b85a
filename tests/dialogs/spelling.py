"""The English words the typo correction never changes (dialogs/reading/data/english_near.txt):
every word of a general English word list (pyspellchecker's, a dev dependency) within two
slips of a word the readers key on. `python -m tests.dialogs.spelling --write` regenerates it;
tests/dialogs/test_typos.py checks it is up to date."""

from __future__ import annotations

import sys
from pathlib import Path

from rapidfuzz.distance import DamerauLevenshtein

from dialogs.reading.typos import MONTHS, NEAR_FILE, SWAPPED_ONLY, VOCABULARY, max_slips, swaps

MIN_FREQUENCY = 100  # rarer "words" in the list are mostly misspellings themselves


def english_near() -> list[str]:
    from spellchecker import SpellChecker

    known = SpellChecker(language="en").word_frequency.dictionary
    words = [w for w, n in known.items() if n >= MIN_FREQUENCY and w.isalpha() and len(w) >= 4]
    near = {
        word
        for word in words
        if word not in VOCABULARY
        and any(
            DamerauLevenshtein.distance(word, v, score_cutoff=max_slips(word)) <= max_slips(word)
            for v in VOCABULARY
        )
    }
    # four-letter English words one swap from a word read that way ("fier" is not one)
    near |= {word for word in words if len(word) == 4 and swaps(word) & SWAPPED_ONLY}
    near |= {
        word
        for word in words
        if len(word) == 4 and any(DamerauLevenshtein.distance(word, m) <= 1 for m in MONTHS)
    }
    return sorted(near - SWAPPED_ONLY)


def main() -> None:
    text = "\n".join(english_near()) + "\n"
    if "--write" in sys.argv:
        Path(NEAR_FILE).write_text(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
