"""Text helpers the engine shares: `normalise`, and "why do you ask?". Dates are read
by the grammar in dialogs/reading/dates.py alone. Nothing here raises on user input."""

from __future__ import annotations

import re


def normalise(text: str) -> str:
    text = text.strip().lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[!?.,;]+$", "", text)
    return re.sub(r"\s+", " ", text).strip()


def is_why(text: str) -> bool:
    clean = normalise(text)
    return bool(
        re.fullmatch(
            r"(why|why\?|why do you (ask|need (that|this|it|to know))|why ask|what for|"
            r"why does (that|this|it) matter|what'?s (this|that) for|how come)\??",
            clean,
        )
    )
