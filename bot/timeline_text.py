"""The words around the timeline picture, from templates/timeline.toml: each mark's label,
the picture's headings and band words, the photo's caption, the text sent when the photo
cannot be, the terminal's line. No imaging library here (bot/timeline_png.py draws)."""

from __future__ import annotations

import html
import tomllib
from datetime import date
from importlib.resources import files
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from dialogs.marks import Mark, PlanMarks, Timeline
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
    fallback_plan: str
    saved: str
    today: str
    person_row: str
    plan_row: str
    numbered_plan_row: str
    tax_band: str
    free_band: str
    window_band: str
    room_band: str
    legend_tax: str
    legend_free: str
    legend_room: str
    plans: dict[str, str]
    labels: dict[str, str]


WORDS = _Words.model_validate(tomllib.loads(WORDS_FILE.read_text(encoding="utf-8")))


def is_past(mark: Mark, today: date) -> bool:
    """Today or before (a span: its last day): drawn at the picture's left edge."""
    return (mark.until or mark.when) <= today


def label(mark: Mark, today: date | None = None) -> str:
    """Plain text, e.g. "You leave"; in the past tense when `today` is past it and the
    words have a past form ("You turned 59½")."""
    key = mark.label
    if today is not None and is_past(mark, today) and f"{key}_past" in WORDS.labels:
        key = f"{key}_past"
    return WORDS.labels[key].format(**mark.params)


def _one(when: date, precision: str) -> str:
    if precision == "year":
        return str(when.year)
    return short_month(when) if precision == "month" else short_day(when)


def when(mark: Mark) -> str:
    """E.g. 1 Jan 2027; Dec 2026 when only the month is known; 2026 for a whole year; a
    window as precise as it is known ("Mar 2031 – Feb 2032")."""
    if mark.until is None or mark.until == mark.when:
        return _one(mark.when, mark.precision)
    start, end = mark.when, mark.until
    if mark.kind == "tax_year":  # the room's deadline: the year's last paycheck
        return short_month(end)
    whole_year = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    if whole_year and start.year == end.year:
        return str(start.year)
    return f"{_one(start, mark.precision)} – {_one(end, mark.precision)}"


def plan_heading(plan: PlanMarks, several: bool) -> str:
    """The heading of a plan's row: "Your 401(k)", or "Plan 2: 401(k)" among several."""
    kind = WORDS.plans.get(str(plan.plan), WORDS.plans["other"]) if plan.plan else "plan"
    if several and plan.number is not None:
        return WORDS.numbered_plan_row.format(number=plan.number, plan=kind)
    return WORDS.plan_row.format(plan=kind)


def title(today: date) -> str:
    """ "Your key dates from 28 Nov 2026": a shared picture still says when it starts."""
    return WORDS.title.format(today=short_day(today))


def caption() -> str:
    text = WORDS.caption.strip()
    assert len(text) < MAX_CAPTION
    return text


def fallback_html(timeline: Timeline) -> str:
    """The dates as a list, for a chat where the photo did not go through."""
    several = len(timeline.plans) > 1
    lines = [WORDS.fallback_title]
    today = Mark(kind="today", when=timeline.today, label="today")
    rows: list[tuple[Mark, int | None]] = [(today, None)]
    rows += sorted(
        ((m, p.number if several else None) for p in timeline.plans for m in p.marks),
        key=lambda row: row[0].when,
    )
    for mark, number in rows:
        words = label(mark, timeline.today)
        if number is not None and mark.kind != "age_59_half":
            words = WORDS.fallback_plan.format(plan=number, label=words)
        lines.append(
            WORDS.fallback_line.format(date=html.escape(when(mark)), label=html.escape(words))
        )
    return "\n".join(lines)


def saved(path: Path | str) -> str:
    return WORDS.saved.format(path=path)
