"""How much the typo correction (dialogs/reading/typos.py) buys: every tuned-corpus line
with a word the readers key on gets one slip of the thumb in that word (a letter dropped,
doubled, swapped with the next, or replaced by a neighbour on the keyboard; seeded), and is
read with and without the correction. `python -m tests.dialogs.typo_score` prints both."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from dialogs.reading import RAW_READERS, typos
from tests.dialogs.heldout_score import DATA, rows, score_lines
from tests.dialogs.test_phrasings import READER_FOR

CORPUS = [DATA / "phrasings.tsv", DATA / "phrasings_more.tsv"]
# Each letter and the key to its right on a QWERTY keyboard (the row's last: to its left).
NEIGHBOURS = {
    row[i]: row[i + 1] if i + 1 < len(row) else row[i - 1]
    for row in ("qwertyuiop", "asdfghjkl", "zxcvbnm")
    for i in range(len(row))
}


def slip(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)  # people rarely miss the first letter
    match rng.choice(["drop", "double", "swap", "neighbour"]):
        case "drop":
            return word[:i] + word[i + 1 :]
        case "double":
            return word[:i] + word[i] + word[i:]
        case "swap":
            return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        case _:
            return word[:i] + NEIGHBOURS.get(word[i], word[i]) + word[i + 1 :]


def slipped_corpus(seed: int = 55) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    lines = []
    for path in CORPUS:
        for row in rows(path):
            if READER_FOR.get(row["question"], row["question"]) not in RAW_READERS:
                continue  # "multi" lines: several answers, scored by test_phrasings
            words = [
                m
                for m in re.finditer(r"[a-z]+", row["message"].lower())
                if m[0] in typos.VOCABULARY and len(m[0]) >= typos.MIN_LENGTH
            ]
            if not words:
                continue
            word = rng.choice(words)
            typed = slip(word[0], rng)
            if typed in typos.VOCABULARY:
                continue
            message = row["message"][: word.start()] + typed + row["message"][word.end() :]
            lines.append((row["question"], message, row["expected"]))
    return lines


@contextmanager
def no_correction() -> Iterator[None]:
    # prepare() corrects every reader's text; the money readers correct spoken figures
    # ("sixxty two five") before prepare() turns words into digits
    with (
        mock.patch("dialogs.reading.base.correct", lambda text: text),
        mock.patch("dialogs.reading.money.correct", lambda text: text),
    ):
        yield


def main() -> None:
    lines = slipped_corpus()
    with no_correction():
        before = score_lines(lines)
    after = score_lines(lines)
    print(f"corpus lines with one slip in a word the readers key on: {len(lines)}")
    print(f"  without correction: {before.line().split('; ', 1)[1]}")
    print(f"  with correction:    {after.line().split('; ', 1)[1]}")
    for question, message, expected, got in after.wrong:
        print(f"  wrong: {question}: {message!r} -> {got} (expected {expected})")


if __name__ == "__main__":
    main()
