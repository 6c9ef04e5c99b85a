"""Text helpers the engine shares: `normalise`, and "why do you ask?". Dates are read
by the grammar in dialogs/reading/dates.py alone. Nothing here raises on user input."""

from __future__ import annotations

import re


def normalise(text: str) -> str:
    text = text.strip().lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[!?.,;]+$", "", text)
    return re.sub(r"\s+", " ", text).strip()


# "Why do you ask?" and "what does this mean?": both get the question explained.
WHY = (
    r"(why|why do you (ask|need (that|this|it|to know))|why ask|what for|"
    r"why does (that|this|it) matter|what'?s (this|that) for|how come|"
    r"what does (this|that|it) mean|what do you mean( by (this|that))?|what'?s that mean|"
    r"what is (this|that)|what'?s (this|that)|what does that even mean|meaning|"
    r"i don'?t (understand|get it)|(i'?m )?confused|explain( (this|that|please))?|"
    r"(i'?m )?not sure what (that|this|it) (means|is)|i don'?t know what (that|this|it) (means|is)|"
    r"(can|could) you explain( (this|that|it))?|huh|(sorry,? )?what)\??"
)


def is_why(text: str) -> bool:
    return re.fullmatch(WHY, normalise(text)) is not None
