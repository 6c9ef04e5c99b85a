"""The words around the timeline picture, from templates/timeline.toml: each mark's label,
the photo's caption, the text sent when the photo cannot be, the terminal's line. No
imaging library here (bot/timeline_png.py draws)."""

from __future__ import annotations

import html
import tomllib
from importlib.resources import files
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from dialogs.marks import Mark, Timeline
from dialogs.render import short_day, short_month

WORDS_FILE = files("dialogs.templates") / "timeline.toml"  # templates/, as package data
MAX_CAPTION = 1024  # Telegram's limit on a photo caption


class _Words(BaseModel):
    # A missing or misspelt key fails at import (and in the tests), not in a chat.
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    caption: str
    fallback_title: str
    fallback_line: str
    saved: str
    labels: dict[str, str]


WORDS = _Words.model_validate(tomllib.loads(WORDS_FILE.read_text(encoding="utf-8")))


def label(mark: Mark) -> str:
    """Plain text, e.g. "Leaving from here counts for the Rule of 55"."""
    return WORDS.labels[mark.label].format(**mark.params)


def when(mark: Mark) -> str:
    """E.g. 1 Jan 2027; Dec 2026 when only the month is known; 2026 for a whole year."""
    if mark.until is None or mark.until == mark.when:
        if mark.precision == "year":
            return str(mark.when.year)
        return short_month(mark.when) if mark.precision == "month" else short_day(mark.when)
    whole_year = (mark.when.month, mark.when.day, mark.until.month, mark.until.day) == (
        1,
        1,
        12,
        31,
    )
    if whole_year and mark.when.year == mark.until.year:
        return str(mark.when.year)
    return f"{short_day(mark.when)} – {short_day(mark.until)}"


def caption() -> str:
    text = WORDS.caption.strip()
    assert len(text) < MAX_CAPTION
    return text


def fallback_html(timeline: Timeline) -> str:
    """The dates as a list, for a chat where the photo did not go through."""
    lines = [WORDS.fallback_title]
    lines += [
        WORDS.fallback_line.format(date=html.escape(when(m)), label=html.escape(label(m)))
        for m in timeline.marks()
    ]
    return "\n".join(lines)


def saved(path: Path | str) -> str:
    return WORDS.saved.format(path=path)
