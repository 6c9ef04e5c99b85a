"""Where everything on the timeline picture goes (issue 21), computed before any drawing.

The picture reads from today forward: an axis that starts at today and ends a little after
the last date to come; under it a row for the person (59½, with a dashed line down through
every plan) and a row per plan, each with its heading, a band split where the 10% tax stops
applying ("10% tax" / "no 10% tax"), the plan's marks on the band and their labels under it.
A date already past is a labelled marker at the left edge ("◀ Dec 2004 You left").

`layout` is pure: a `Timeline` and a way to measure text in, boxes out. Every label is
placed where its box overlaps no other (greedy lanes under each band), so the tests check
the picture's properties (type size on a phone, no overlaps, rows, axis) from the boxes;
bot/timeline_png.py only paints them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from bot import timeline_text
from dialogs.marks import PERSON_KINDS, Mark, MarkKind, PlanMarks, Timeline

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

# Telegram shows a photo at the width of the chat: about 360 px on a small phone. The
# picture is 960 px wide, so its smallest type (32 px) shows at 32 × 360 / 960 = 12 px.
WIDTH = 960
PHONE_WIDTH = 360
MIN_PHONE_PX = 12
MARGIN = 24
LINE = 44  # the height of one line of text
TRACK = 48  # the height of a row's band
ROOM_TRACK = 26  # the height of the mega backdoor room's bar
ICON = 28  # a mark's shape, on the band and in front of its label
GAP = 18  # the least space between two labels side by side

Role = Literal["title", "heading", "label", "date", "axis", "band"]
SIZES: dict[Role, int] = {
    "title": 40,
    "heading": 32,
    "label": 32,
    "date": 32,
    "axis": 32,
    "band": 32,
}
BOLD_ROLES = frozenset({"title", "heading", "date", "band"})

BACKGROUND = "#ffffff"
INK = "#1a1a1a"
GREY = "#5f5f5f"

BandKind = Literal["tax", "free", "window", "room", "plain"]


@dataclass(frozen=True)
class BandStyle:
    fill: str
    ink: str  # the colour of words on it
    hatched: bool = False  # diagonal stripes: "the 10% may still apply" without colour


# Dark vermillion against pale green: far apart in luminance (greyscale), and the words
# in the bands say it again; the 59½ window is hatched.
BANDS: dict[BandKind, BandStyle] = {
    "tax": BandStyle("#b8470b", "#ffffff"),
    "free": BandStyle("#bfe6d8", INK),
    "window": BandStyle("#e4e4e4", INK, hatched=True),
    "room": BandStyle("#e69f00", INK),  # a strip of its own under the 10% band
    "plain": BandStyle("#d0d0d0", INK),
}

Shape = Literal["circle", "square", "triangle", "diamond", "star", "bar", "past"]


@dataclass(frozen=True)
class Style:
    colour: str  # fill
    edge: str  # outline, darker
    shape: Shape


# Okabe-Ito colours (safe for colour-blind people); each kind its own shape, so the shape
# carries the meaning in greyscale. A white halo keeps a shape clear on either band.
STYLES: dict[MarkKind, Style] = {
    "today": Style("#000000", "#000000", "circle"),
    "leaving": Style("#0072B2", "#00304d", "square"),
    "rule_year": Style("#D55E00", "#5c2800", "triangle"),
    "penalty_free": Style("#009E73", "#003d2c", "diamond"),
    "age_59_half": Style("#CC79A7", "#5e2948", "star"),
    "tax_year": Style("#E69F00", "#6b4a00", "bar"),
}
PAST = Style("#5f5f5f", "#1a1a1a", "past")  # "◀": a date before today, at the left edge


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box, gap: float = 0) -> bool:
        return (
            self.left < other.right + gap
            and other.left < self.right + gap
            and self.top < other.bottom
            and other.top < self.bottom
        )


@dataclass(frozen=True)
class Run:
    """Text drawn with its left end at x and its line's middle at y."""

    text: str
    role: Role
    x: float
    y: float
    ink: str = INK


@dataclass(frozen=True)
class Icon:
    style: Style
    x: float
    y: float
    size: float = ICON


@dataclass(frozen=True)
class Label:
    """A block of text: a mark's label (its shape, date and words), a heading, an axis
    year, a band's words. `box` holds all of it; `mark` is the mark it labels."""

    box: Box
    runs: tuple[Run, ...]
    purpose: Literal["title", "axis", "heading", "band", "mark", "legend"]
    icon: Icon | None = None
    mark: Mark | None = None
    row: int | None = None  # the row it belongs to: 0 the person, 1… the plans


@dataclass(frozen=True)
class Band:
    box: Box
    kind: BandKind
    row: int


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    colour: str
    width: int = 2
    dashed: bool = False


@dataclass(frozen=True)
class Row:
    """One row: the person (index 0) or a plan; its heading, band and label area."""

    index: int
    box: Box
    track: Box | None
    marks: tuple[Mark, ...]
    plan: PlanMarks | None = None
    room: Box | None = None  # the mega backdoor room's strip, under a 10% band


@dataclass(frozen=True)
class Axis:
    start: date  # today
    end: date
    left: float = MARGIN + ICON / 2
    right: float = WIDTH - MARGIN - ICON / 2

    def x(self, when: date) -> float:
        """A date's x; a date before today is at the left edge."""
        days = max((when - self.start).days, 0)
        span = (self.end - self.start).days
        return min(self.left + (self.right - self.left) * days / span, self.right)


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    axis: Axis
    axis_y: float
    labels: tuple[Label, ...]
    bands: tuple[Band, ...]
    icons: tuple[Icon, ...]  # the marks' shapes on the bands
    lines: tuple[Line, ...]  # the axis, ticks, leader lines and the 59½ line
    rows: tuple[Row, ...]
    roles: frozenset[Role] = field(default_factory=frozenset)  # the type sizes used


Measure = Callable[[str, Role], float]


# ---------------------------------------------------------------------------
# Fonts


FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu: fonts-dejavu-core
    Path("/usr/share/fonts/dejavu"),  # Fedora
    Path("/usr/share/fonts/TTF"),  # Arch
    Path("/Library/Fonts"),
)
REGULAR, BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"


@dataclass(frozen=True)
class Fonts:
    by_role: dict[Role, FreeTypeFont]
    full: bool  # has "½", "–", "≈"; otherwise texts are spelt in ASCII


@cache
def fonts() -> Fonts:
    """DejaVu Sans (it has "½" and "–"), else Pillow's bundled scalable font."""
    from PIL import ImageFont

    for folder in FONT_DIRS:
        regular, bold = folder / REGULAR, folder / BOLD
        if regular.is_file() and bold.is_file():
            return Fonts(
                by_role={
                    role: ImageFont.truetype(str(bold if role in BOLD_ROLES else regular), size)
                    for role, size in SIZES.items()
                },
                full=True,
            )
    return Fonts(
        by_role={
            role: ImageFont.load_default(size)  # type: ignore[misc]
            for role, size in SIZES.items()
        },
        full=False,
    )


def spell(text: str) -> str:
    """The text as the font can draw it."""
    if fonts().full:
        return text
    return text.replace("½", " 1/2").replace("–", "-").replace("—", "-").replace("≈", "~")


def pillow_measure(text: str, role: Role) -> float:
    return float(fonts().by_role[role].getlength(text))


# ---------------------------------------------------------------------------
# The layout


def axis_for(timeline: Timeline) -> Axis:
    """From today to a little after the last date to come (a year ahead if none)."""
    today = timeline.today
    coming = [m.until or m.when for p in timeline.plans for m in p.marks]
    last = max([d for d in coming if d > today], default=today + timedelta(days=365))
    span = (last - today).days
    return Axis(start=today, end=last + timedelta(days=max(45, round(span * 0.08))))


def layout(timeline: Timeline, measure: Measure = pillow_measure) -> Layout:
    """Every box, band, shape and line of the picture."""
    axis = axis_for(timeline)
    labels: list[Label] = []
    bands: list[Band] = []
    icons: list[Icon] = []
    lines: list[Line] = []

    y = float(MARGIN)
    title = spell(timeline_text.title(timeline.today))
    labels.append(_block([Run(title, "title", MARGIN, y + 24)], measure, "title", height=52))
    y += 64
    axis_y = y + LINE + 14
    labels += _axis_labels(axis, y + LINE / 2, measure)
    lines += _axis_lines(axis, axis_y)
    y = axis_y + 26

    rows: list[Row] = []
    several = len(timeline.plans) > 1
    person = [m for p in timeline.plans for m in p.marks if m.kind in PERSON_KINDS]
    row_marks: list[tuple[PlanMarks | None, list[Mark]]] = []
    if person:
        row_marks.append((None, person))
    for one in timeline.plans:
        own = [m for m in one.marks if m.kind not in PERSON_KINDS]
        if own:
            row_marks.append((one, own))
    for index, (plan, marks) in enumerate(row_marks):
        heading = (
            timeline_text.WORDS.person_row
            if plan is None
            else timeline_text.plan_heading(plan, several)
        )
        row = _row(
            index, plan, marks, spell(heading), y, axis, timeline.today, measure, labels, person
        )
        rows.append(row)
        bands += _bands(row, axis, measure, labels)
        row_icons, leaders = _marks_on_track(row, axis, timeline.today, labels)
        icons += row_icons
        lines += leaders
        y = row.box.bottom + 14
    lines += _age_59_half_lines(rows, axis)
    shown = {b.kind for b in bands}
    if shown & {"tax", "free"}:  # (a room alone has its words in its band)
        legend, swatches = _legend(y, shown, measure)
        labels += legend
        bands += swatches
        y = max(label.box.bottom for label in legend)
    roles = frozenset(run.role for label in labels for run in label.runs)
    return Layout(
        width=WIDTH,
        height=round(y + MARGIN),
        axis=axis,
        axis_y=axis_y,
        labels=tuple(labels),
        bands=tuple(bands),
        icons=tuple(icons),
        lines=tuple(lines),
        rows=tuple(rows),
        roles=roles,
    )


def _block(
    runs: list[Run],
    measure: Measure,
    purpose: Literal["title", "axis", "heading", "band", "mark", "legend"],
    height: float = LINE,
    icon: Icon | None = None,
    mark: Mark | None = None,
    row: int | None = None,
) -> Label:
    left = min([r.x for r in runs] + ([icon.x - icon.size / 2] if icon else []))
    right = max(r.x + measure(r.text, r.role) for r in runs)
    top = min(r.y for r in runs) - height / 2
    bottom = max(r.y for r in runs) + height / 2
    return Label(Box(left, top, right, bottom), tuple(runs), purpose, icon, mark, row)


def _axis_labels(axis: Axis, y: float, measure: Measure) -> list[Label]:
    """ "Today" over the left end, then the years (or months, for a short axis) centred on
    their ticks, each left out where it would touch one already placed."""
    today = spell(timeline_text.WORDS.today)
    placed = [_block([Run(today, "axis", MARGIN, y, INK)], measure, "axis")]
    for when, text in _ticks(axis):
        width = measure(text, "axis")
        x = axis.x(when) - width / 2
        if x < MARGIN or x + width > WIDTH - MARGIN:
            continue
        candidate = _block([Run(text, "axis", x, y, GREY)], measure, "axis")
        if not any(candidate.box.overlaps(other.box, GAP) for other in placed):
            placed.append(candidate)
    return placed


def _ticks(axis: Axis) -> list[tuple[date, str]]:
    """Years first (they matter most), then months on an axis shorter than two years."""
    years = [
        (date(year, 1, 1), str(year)) for year in range(axis.start.year + 1, axis.end.year + 1)
    ]
    if (axis.end - axis.start).days > 730:
        return years
    months = []
    when = date(axis.start.year, axis.start.month, 1)
    while when < axis.end:
        when = date(when.year + when.month // 12, when.month % 12 + 1, 1)
        if when.month != 1 and when < axis.end:
            months.append((when, when.strftime("%b")))
    return years + months


def _axis_lines(axis: Axis, y: float) -> list[Line]:
    lines = [Line(((axis.left, y), (axis.right, y)), GREY, width=4)]
    for when, _ in _ticks(axis):
        x = axis.x(when)
        if when.month == 1:
            lines.append(Line(((x, y - 14), (x, y + 14)), GREY, width=3))
        else:
            lines.append(Line(((x, y - 8), (x, y + 8)), GREY, width=2))
    lines.append(Line(((axis.left, y - 18), (axis.left, y + 18)), INK, width=5))  # today
    return lines


def _row(
    index: int,
    plan: PlanMarks | None,
    marks: list[Mark],
    heading: str,
    top: float,
    axis: Axis,
    today: date,
    measure: Measure,
    labels: list[Label],
    person: list[Mark],
) -> Row:
    """The heading, the band (and the room's bar), then the marks' labels in lanes; the
    person's row (no band, a date or two) has its labels beside the heading, over a thin
    line."""
    head = _block([Run(heading, "heading", MARGIN, top + LINE / 2)], measure, "heading", row=index)
    labels.append(head)
    beside = plan is None
    track = None
    if not beside:
        track = Box(axis.left, top + LINE + 4, axis.right, top + LINE + 4 + TRACK)
    room = None
    if track is not None and _has_band(marks) and any(m.kind == "tax_year" for m in marks):
        room = Box(axis.left, track.bottom + 6, axis.right, track.bottom + 6 + ROOM_TRACK)
    placed: list[Label] = [head]
    under = room or track
    lanes_top = under.bottom + 10 if under is not None else top
    for mark in sorted(marks, key=lambda m: (not timeline_text.is_past(m, today), _end(m))):
        if _drawn_by_band(mark, marks, today, person):
            continue
        placed.append(_place(_mark_label(mark, axis, today, measure, index), placed, lanes_top))
    labels += placed[1:]
    bottom = max(label.box.bottom for label in placed)
    if track is None:
        track = Box(axis.left, bottom + 4, axis.right, bottom + 4 + TRACK / 2)
        bottom = track.bottom
    return Row(index, Box(MARGIN, top, WIDTH - MARGIN, bottom), track, tuple(marks), plan, room)


def _has_band(marks: Iterable[Mark]) -> bool:
    """A row with a first day without the 10% has a "10% tax" / "no 10% tax" band."""
    return any(m.kind == "penalty_free" for m in marks)


def _drawn_by_band(mark: Mark, marks: list[Mark], today: date, person: list[Mark]) -> bool:
    """The first day without the 10% needs no label of its own where the band's edge says
    it: already past (the band is all "no 10% tax"), or the day of another mark of the
    row (leaving in the year of 55) or of 59½ (its dashed line runs through the band)."""
    if mark.kind != "penalty_free":
        return False
    if (mark.until or mark.when) <= today:
        return True
    return any(
        m is not mark and (m.when, m.until) == (mark.when, mark.until) for m in [*marks, *person]
    )


def _mark_label(mark: Mark, axis: Axis, today: date, measure: Measure, row: int) -> Label:
    """The shape, the date in bold and the words; the words under the date when the line
    would be wider than the picture, wrapped if need be."""
    past = timeline_text.is_past(mark, today)
    style = PAST if past else STYLES[mark.kind]
    x = axis.left if past else _x(mark, axis)
    when = spell(timeline_text.when(mark))
    words = spell(timeline_text.label(mark, today))
    usable = WIDTH - 2 * MARGIN - ICON - 10
    one_line = measure(when, "date") + measure("  ", "label") + measure(words, "label")
    lines = [when + "  " + words] if one_line <= usable else [when, *_wrap(words, usable, measure)]
    widest = _widest(when, lines, measure)
    left = max(min(x - ICON / 2, WIDTH - MARGIN - ICON - 10 - widest), MARGIN)
    text_x = left + ICON + 10
    runs: list[Run] = []
    for number, line in enumerate(lines):
        y = LINE / 2 + number * LINE  # relative to the block's top; moved by `_place`
        if number == 0:
            date_text = when
            runs.append(Run(date_text, "date", text_x, y))
            rest = line[len(date_text) :]
            if rest:
                runs.append(Run(rest, "label", text_x + measure(date_text, "date"), y))
        else:
            runs.append(Run(line, "label", text_x, y))
    icon = Icon(style, left + ICON / 2, LINE / 2)
    return _block(runs, measure, "mark", icon=icon, mark=mark, row=row)


def _widest(when: str, lines: list[str], measure: Measure) -> float:
    """The date in bold, the rest of its line and the lines under it in regular type."""
    first, *rest = lines
    width = measure(when, "date") + measure(first[len(when) :], "label")
    return max([width] + [measure(line, "label") for line in rest])


def _wrap(words: str, width: float, measure: Measure) -> list[str]:
    lines: list[str] = []
    for word in words.split():
        if lines and measure(f"{lines[-1]} {word}", "label") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _place(label: Label, placed: Iterable[Label], top: float) -> Label:
    """The label moved down to the first lane where it touches no label placed before."""
    lane = 0
    while True:
        moved = _shift(label, top + lane * LINE)
        if not any(moved.box.overlaps(other.box, GAP) for other in placed):
            return moved
        lane += 1


def _shift(label: Label, top: float) -> Label:
    dy = top - label.box.top
    box = Box(label.box.left, top, label.box.right, label.box.bottom + dy)
    runs = tuple(Run(r.text, r.role, r.x, r.y + dy, r.ink) for r in label.runs)
    icon = label.icon
    if icon is not None:
        icon = Icon(icon.style, icon.x, icon.y + dy, icon.size)
    return Label(box, runs, label.purpose, icon, label.mark, label.row)


def _end(mark: Mark) -> date:
    return mark.until or mark.when


def _x(mark: Mark, axis: Axis) -> float:
    """Where a mark points: its day; a span's end (the room's deadline, a window's last
    day)."""
    return axis.x(mark.until or mark.when)


def _bands(row: Row, axis: Axis, measure: Measure, labels: list[Label]) -> list[Band]:
    """A plan's band: "10% tax" until the first day without it (hatched through a 59½
    window), then "no 10% tax"; a grey line where the row has no such day; the room's bar
    from today to its last day."""
    assert row.track is not None
    track = row.track
    today = axis.start
    free = next((m for m in row.marks if m.kind == "penalty_free"), None)
    window = next((m for m in row.marks if m.kind == "age_59_half" and m.until), None)
    bands: list[Band] = []
    if free is not None:
        ends = free.when, (free.until + timedelta(days=1)) if free.until else free.when
        pieces: list[tuple[BandKind, float, float]] = [
            ("tax", axis.left, axis.x(ends[0])),
            ("window", axis.x(ends[0]), axis.x(ends[1])),
            ("free", axis.x(ends[1]), axis.right),
        ]
        for kind, left, right in pieces:
            if right - left >= 1:
                bands.append(Band(Box(left, track.top, right, track.bottom), kind, row.index))
    else:
        middle = (track.top + track.bottom) / 2
        bands.append(Band(Box(axis.left, middle - 3, axis.right, middle + 3), "plain", row.index))
        if window is not None and window.until is not None:
            left, right = axis.x(window.when), axis.x(window.until + timedelta(days=1))
            bands.append(
                Band(Box(left, track.top + 8, right, track.bottom - 8), "window", row.index)
            )
    for mark in row.marks:
        if mark.kind == "tax_year" and mark.until is not None and mark.until >= today:
            left, right = axis.x(mark.when), axis.x(mark.until + timedelta(days=1))
            strip = row.room or track
            bands.append(Band(Box(left, strip.top, right, strip.bottom), "room", row.index))
    words = {
        "tax": timeline_text.WORDS.tax_band,
        "free": timeline_text.WORDS.free_band,
        "window": timeline_text.WORDS.window_band,
        "room": timeline_text.WORDS.room_band,
    }
    for band in bands:
        if band.kind not in words or band.box.bottom - band.box.top < LINE - 8:
            continue
        text = spell(words[band.kind])
        width = measure(text, "band")
        if band.box.right - band.box.left < width + 2 * ICON + 24:
            continue  # too narrow for its words: the legend says it
        # The words sit away from the marks' shapes on the band.
        x = _free_spot(band, width, row, axis)
        if x is None:
            continue
        middle = (band.box.top + band.box.bottom) / 2
        ink = BANDS[band.kind].ink
        run = Run(text, "band", x, middle, ink)
        labels.append(_block([run], measure, "band", height=TRACK - 4, row=row.index))
    return bands


def _free_spot(band: Band, width: float, row: Row, axis: Axis) -> float | None:
    """A left x for words in the band clear of every mark's shape, near its middle."""
    taken = [_x(m, axis) for m in row.marks if m.until is None or m.kind == "tax_year"]
    centre = (band.box.left + band.box.right - width) / 2
    step = 8
    for offset in range(0, int(band.box.right - band.box.left), step):
        for x in (centre - offset, centre + offset):
            if x < band.box.left + 12 or x + width > band.box.right - 12:
                continue
            if all(t < x - ICON or t > x + width + ICON for t in taken):
                return x
    return None


def _marks_on_track(
    row: Row, axis: Axis, today: date, labels: list[Label]
) -> tuple[list[Icon], list[Line]]:
    """Each mark's shape on the band, tied to its label by a thin line where no other
    label is in the way; one "◀" at the left edge for what is past. Shapes a few days
    apart are set side by side, not on top of each other (their labels give the dates)."""
    assert row.track is not None
    middle = (row.track.top + row.track.bottom) / 2
    own = [label for label in labels if label.row == row.index and label.mark is not None]
    past = any(label.mark and timeline_text.is_past(label.mark, today) for label in own)
    placed: list[tuple[Label, Mark, float, float]] = []
    last: dict[float, float] = {middle: axis.left if past else -ICON}
    for label in sorted(own, key=lambda label: _x(label.mark, axis) if label.mark else 0):
        mark = label.mark
        if mark is None or timeline_text.is_past(mark, today):
            continue
        on = middle
        if mark.kind == "tax_year" and row.room is not None:  # on its own strip
            on = (row.room.top + row.room.bottom) / 2
        x = max(_x(mark, axis), last.get(on, -ICON) + ICON + 6)
        last[on] = x
        placed.append((label, mark, x, on))
    icons = [Icon(PAST, axis.left, middle)] if past else []
    lines: list[Line] = []
    for label, mark, x, on in placed:
        style = STYLES[mark.kind]
        icons.append(Icon(style, x, on))
        end = label.box.bottom - 4 if label.box.bottom <= row.track.top else label.box.top + 4
        span = Box(x - 1, min(on, end), x + 1, max(on, end))
        clear = not any(other is not label and other.box.overlaps(span) for other in labels)
        if clear and label.box.left <= x <= label.box.right:
            lines.append(Line(((x, on), (x, end)), style.edge, width=2))
    return icons, lines


def _age_59_half_lines(rows: list[Row], axis: Axis) -> list[Line]:
    """59½ is the person's: a dashed line from the person's row down through every plan's
    band (both ends of a window)."""
    if len(rows) < 2 or rows[0].plan is not None:
        return []
    bottom = rows[-1].track.bottom if rows[-1].track else rows[-1].box.bottom
    top = rows[0].track.top if rows[0].track else rows[0].box.top
    lines = []
    for mark in rows[0].marks:
        if mark.kind != "age_59_half" or (mark.until or mark.when) <= axis.start:
            continue
        ends = [mark.when, mark.until + timedelta(days=1)] if mark.until else [mark.when]
        for when in ends:
            x = axis.x(when)
            colour = STYLES["age_59_half"].edge
            lines.append(Line(((x, top), (x, bottom)), colour, width=3, dashed=True))
    return lines


def _legend(top: float, shown: set[BandKind], measure: Measure) -> tuple[list[Label], list[Band]]:
    """What the band colours shown mean, under the rows."""
    y = top + LINE / 2
    x = float(MARGIN)
    labels: list[Label] = []
    bands: list[Band] = []
    swatch = 44
    legend: list[tuple[BandKind, str]] = [
        ("tax", timeline_text.WORDS.legend_tax),
        ("free", timeline_text.WORDS.legend_free),
        ("room", timeline_text.WORDS.legend_room),
    ]
    for kind, words in legend:
        if kind not in shown:
            continue
        text = spell(words)
        width = swatch + 12 + measure(text, "label")
        if x + width > WIDTH - MARGIN:
            x, y = float(MARGIN), y + LINE
        bands.append(Band(Box(x, y - 14, x + swatch, y + 14), kind, -1))
        labels.append(_block([Run(text, "label", x + swatch + 12, y)], measure, "legend"))
        x += width + 36
    return labels, bands


def phone_px(role: Role, width: int = WIDTH) -> float:
    """The size a role's type shows at on a 360 px wide phone screen."""
    return SIZES[role] * PHONE_WIDTH / width
