"""Draw a `Timeline` as a PNG (issue 14), with Pillow.

A horizontal axis in years at the top; under it one row per mark, in date order, each
with its own shape, colour, label and date, tied to its place on the axis by a thin line.
Shape and words carry the meaning, colour only repeats it (Okabe-Ito colours, safe for
colour-blind people, distinct in greyscale). Sized for a phone: 1200 px wide, labels
34 px high, which Telegram shows at about 12 pt.

Pillow is imported on the first render, not at start-up (docs/timeline.md). Rendering
is CPU work: callers on the event loop go through `bot.photos.render` (a worker
thread)."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from bot import timeline_text
from dialogs.marks import Mark, MarkKind, Timeline

if TYPE_CHECKING:
    from PIL.ImageDraw import ImageDraw
    from PIL.ImageFont import FreeTypeFont

WIDTH = 1200
MARGIN = 48
TITLE_SIZE = 48
LABEL_SIZE = 34
DATE_SIZE = 34
YEAR_SIZE = 30
AXIS_Y = 190
FIRST_ROW_Y = 270
ROW_HEIGHT = 96
BOTTOM = 36
SYMBOL = 30  # the width of a mark's shape on the axis and in its row

BACKGROUND = "#ffffff"
INK = "#1a1a1a"
GREY = "#6b6b6b"

# Sans-serif fonts with "½" and "–"; Pillow's own font (load_default) lacks both.
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu: fonts-dejavu-core
    Path("/usr/share/fonts/dejavu"),  # Fedora
    Path("/usr/share/fonts/TTF"),  # Arch
    Path("/Library/Fonts"),
)
REGULAR, BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"


@dataclass(frozen=True)
class Style:
    colour: str  # fill
    edge: str  # outline, darker: the shape still reads in greyscale
    shape: str  # circle | square | triangle | diamond | star | bar


STYLES: dict[MarkKind, Style] = {
    "today": Style("#000000", "#000000", "circle"),
    "leaving": Style("#0072B2", "#004a75", "square"),
    "rule_year": Style("#D55E00", "#8a3d00", "triangle"),
    "penalty_free": Style("#009E73", "#00654a", "diamond"),
    "age_59_half": Style("#CC79A7", "#7d3f63", "star"),
    "tax_year": Style("#E69F00", "#8f6300", "bar"),
}


@dataclass(frozen=True)
class Fonts:
    title: FreeTypeFont
    label: FreeTypeFont
    date: FreeTypeFont
    year: FreeTypeFont
    full: bool  # has "½" and "–"; otherwise texts are spelt in ASCII


@cache
def fonts() -> Fonts:
    from PIL import ImageFont

    for folder in FONT_DIRS:
        regular, bold = folder / REGULAR, folder / BOLD
        if regular.is_file() and bold.is_file():
            return Fonts(
                title=ImageFont.truetype(str(bold), TITLE_SIZE),
                label=ImageFont.truetype(str(regular), LABEL_SIZE),
                date=ImageFont.truetype(str(bold), DATE_SIZE),
                year=ImageFont.truetype(str(regular), YEAR_SIZE),
                full=True,
            )
    # Pillow's bundled scalable font (FreeType is in every Pillow wheel): readable, but
    # without "½" or "–".
    return Fonts(
        title=ImageFont.load_default(TITLE_SIZE),  # type: ignore[arg-type]
        label=ImageFont.load_default(LABEL_SIZE),  # type: ignore[arg-type]
        date=ImageFont.load_default(DATE_SIZE),  # type: ignore[arg-type]
        year=ImageFont.load_default(YEAR_SIZE),  # type: ignore[arg-type]
        full=False,
    )


def _spell(text: str, font: Fonts) -> str:
    if font.full:
        return text
    return text.replace("½", " 1/2").replace("–", "-").replace("—", "-")


def size_for(timeline: Timeline) -> tuple[int, int]:
    """The picture's size: fixed width, one row per mark."""
    rows = len(timeline.marks())
    return WIDTH, FIRST_ROW_Y + rows * ROW_HEIGHT + BOTTOM - ROW_HEIGHT // 2


class _Axis:
    """Dates to x: whole years, with a few months of air either side of the marks."""

    def __init__(self, marks: list[Mark]) -> None:
        first = min(m.when for m in marks)
        last = max(m.until or m.when for m in marks)
        self.start = date(first.year, 1, 1) if first.month > 3 else date(first.year - 1, 7, 1)
        self.end = date(last.year + 1, 1, 1) if last.month < 10 else date(last.year + 1, 7, 1)
        self.left, self.right = MARGIN + SYMBOL, WIDTH - MARGIN - SYMBOL
        self.days = (self.end - self.start).days

    def x(self, when: date) -> float:
        return self.left + (self.right - self.left) * (when - self.start).days / self.days

    def at(self, mark: Mark) -> float:
        """Where a mark's row points: its day, or the middle of its span."""
        if mark.until is None:
            return self.x(mark.when)
        return (self.x(mark.when) + self.x(mark.until)) / 2

    def years(self) -> list[int]:
        return list(range(self.start.year + (self.start.month > 1), self.end.year + 1))


def render_png(timeline: Timeline) -> bytes:
    """The picture, as PNG bytes. Pure CPU: some tens of milliseconds."""
    from PIL import Image, ImageDraw

    font = fonts()
    marks = timeline.marks()
    width, height = size_for(timeline)
    image = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    axis = _Axis(marks)

    draw.text((MARGIN, 36), _spell(timeline_text.WORDS.title, font), font=font.title, fill=INK)
    _draw_axis(draw, axis, font)
    rows = [FIRST_ROW_Y + index * ROW_HEIGHT for index in range(len(marks))]
    for mark, row_y in zip(marks, rows, strict=True):  # leader lines first: text covers them
        x = axis.at(mark)
        draw.line([(x, AXIS_Y + SYMBOL // 2), (x, row_y)], fill=STYLES[mark.kind].edge, width=2)
    for mark in sorted(marks, key=lambda m: m.until is None):  # spans under points
        _draw_on_axis(draw, axis, mark)
    for mark, row_y in zip(marks, rows, strict=True):
        _draw_row(draw, axis, mark, row_y, font)

    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def _draw_axis(draw: ImageDraw, axis: _Axis, font: Fonts) -> None:
    draw.line([(axis.left, AXIS_Y), (axis.right, AXIS_Y)], fill=GREY, width=4)
    years = axis.years()
    step = 1 if len(years) <= 10 else 2 if len(years) <= 20 else 5
    for year in years:
        x = axis.x(date(year, 1, 1))
        if axis.left <= x <= axis.right:
            draw.line([(x, AXIS_Y - 14), (x, AXIS_Y + 14)], fill=GREY, width=3)
        if year % step:
            continue
        # The year's number sits over its own stretch of the axis.
        middle = axis.x(date(year, 7, 2))
        if axis.left + 30 <= middle <= axis.right - 30:
            draw.text((middle, AXIS_Y - 24), str(year), font=font.year, fill=GREY, anchor="ms")


def _draw_on_axis(draw: ImageDraw, axis: _Axis, mark: Mark) -> None:
    style = STYLES[mark.kind]
    if mark.until is not None:
        left, right = axis.x(mark.when), axis.x(mark.until + timedelta(days=1))
        draw.rectangle(
            [(left, AXIS_Y - 9), (right, AXIS_Y + 9)],
            fill=style.colour,
            outline=style.edge,
            width=2,
        )
        return
    _shape(draw, style, axis.x(mark.when), AXIS_Y, SYMBOL)


def _draw_row(draw: ImageDraw, axis: _Axis, mark: Mark, row_y: int, font: Fonts) -> None:
    """The mark's shape at its x, then its date (bold) and label beside it: to the right
    when they fit, else to the left, else from the margin. A white box under the words
    keeps other marks' leader lines out of them."""
    style = STYLES[mark.kind]
    x = axis.at(mark)
    _shape(draw, style, x, row_y, SYMBOL)
    when = _spell(timeline_text.when(mark), font) + "  "
    words = _spell(timeline_text.label(mark), font)
    when_width = draw.textlength(when, font=font.date)
    text_width = when_width + draw.textlength(words, font=font.label)
    gap = SYMBOL // 2 + 12
    if x + gap + text_width <= WIDTH - MARGIN:
        start = x + gap
    elif x - gap - text_width >= MARGIN:
        start = x - gap - text_width
    else:  # too long for either side: the shape goes in front of the words
        start = max(MARGIN + SYMBOL + 12, WIDTH - MARGIN - text_width)
    top, bottom = row_y - LABEL_SIZE * 0.75, row_y + LABEL_SIZE * 0.6
    draw.rectangle([(start - 6, top), (start + text_width + 6, bottom)], fill=BACKGROUND)
    if start - 6 <= x <= start + text_width + 6:
        _shape(draw, style, start - gap, row_y, SYMBOL)
    draw.text((start, row_y), when, font=font.date, fill=INK, anchor="lm")
    draw.text((start + when_width, row_y), words, font=font.label, fill=INK, anchor="lm")


def _shape(draw: ImageDraw, style: Style, x: float, y: float, size: int) -> None:
    r = size / 2
    fill, edge = style.colour, style.edge
    match style.shape:
        case "circle":
            draw.ellipse([(x - r, y - r), (x + r, y + r)], fill=fill, outline=edge, width=2)
        case "square":
            s = r * 0.85
            draw.rectangle([(x - s, y - s), (x + s, y + s)], fill=fill, outline=edge, width=2)
        case "triangle":
            points = [(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)]
            draw.polygon(points, fill=fill, outline=edge, width=2)
        case "diamond":
            points = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
            draw.polygon(points, fill=fill, outline=edge, width=2)
        case "star":
            draw.polygon(_star(x, y, r * 1.1), fill=fill, outline=edge, width=2)
        case "bar":
            draw.rectangle(
                [(x - r, y - r * 0.45), (x + r, y + r * 0.45)], fill=fill, outline=edge, width=2
            )


def _star(x: float, y: float, r: float) -> list[tuple[float, float]]:
    points = []
    for index in range(10):
        radius = r if index % 2 == 0 else r * 0.45
        angle = -math.pi / 2 + index * math.pi / 5
        points.append((x + radius * math.cos(angle), y + radius * math.sin(angle)))
    return points


def write_png(timeline: Timeline, path: Path) -> Path:
    path.write_bytes(render_png(timeline))
    return path
