"""Paint a `Timeline` as a PNG (issues 14 and 21), with Pillow.

Where everything goes is decided first, without drawing (bot/timeline_layout.py); this
module only paints those boxes: bands, lines, shapes, then words on white so that no line
runs through them. Pillow is imported on the first render, not at start-up
(docs/timeline.md). Rendering is CPU work: callers on the event loop go through
`bot.photos.render` (a worker thread)."""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import TYPE_CHECKING

from bot.timeline_layout import (
    BACKGROUND,
    BANDS,
    Band,
    Icon,
    Layout,
    Line,
    fonts,
    layout,
)
from dialogs.marks import Timeline

if TYPE_CHECKING:
    from PIL.ImageDraw import ImageDraw


def size_for(timeline: Timeline) -> tuple[int, int]:
    """The picture's size: fixed width, as tall as its rows."""
    found = layout(timeline)
    return found.width, found.height


def render_png(timeline: Timeline) -> bytes:
    """The picture, as PNG bytes. Pure CPU: some tens of milliseconds."""
    return paint(layout(timeline))


def paint(found: Layout) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (found.width, found.height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    for band in found.bands:
        _band(draw, band)
    for line in found.lines:
        _line(draw, line)
    for icon in found.icons:
        _shape(draw, icon)
    by_role = fonts().by_role
    for label in found.labels:
        if label.purpose == "mark":  # words on white: leader lines stop at them
            box = label.box
            draw.rectangle(
                [(box.left - 4, box.top + 2), (box.right + 4, box.bottom - 2)], BACKGROUND
            )
        if label.icon is not None:
            _shape(draw, label.icon)
        for run in label.runs:
            draw.text((run.x, run.y), run.text, font=by_role[run.role], fill=run.ink, anchor="lm")
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def _band(draw: ImageDraw, band: Band) -> None:
    style = BANDS[band.kind]
    box = band.box
    draw.rectangle([(box.left, box.top), (box.right, box.bottom)], fill=style.fill)
    if style.hatched:  # diagonal stripes, clipped to the band
        stripe = BANDS["tax"].fill
        height = box.bottom - box.top
        x = box.left - height
        while x < box.right:
            start, end = (x, box.bottom), (x + height, box.top)
            clipped = _clip(start, end, box.left, box.right)
            if clipped is not None:
                draw.line(clipped, fill=stripe, width=4)
            x += 16


def _clip(
    start: tuple[float, float], end: tuple[float, float], left: float, right: float
) -> list[tuple[float, float]] | None:
    (x0, y0), (x1, y1) = start, end
    if x1 < left or x0 > right:
        return None
    slope = (y1 - y0) / (x1 - x0)
    if x0 < left:
        x0, y0 = left, y0 + slope * (left - x0)
    if x1 > right:
        x1, y1 = right, y0 + slope * (right - x0)
    return [(x0, y0), (x1, y1)]


def _line(draw: ImageDraw, line: Line) -> None:
    if not line.dashed:
        draw.line(list(line.points), fill=line.colour, width=line.width)
        return
    (x0, y0), (x1, y1) = line.points[0], line.points[-1]
    length = math.hypot(x1 - x0, y1 - y0)
    step, dash = 18.0, 10.0
    at = 0.0
    while at < length:
        a, b = at / length, min(at + dash, length) / length
        draw.line(
            [(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a), (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b)],
            fill=line.colour,
            width=line.width,
        )
        at += step


def _shape(draw: ImageDraw, icon: Icon) -> None:
    """The mark's shape with a white halo, so it reads on either band."""
    for halo, fill, edge in (
        (True, BACKGROUND, BACKGROUND),
        (False, icon.style.colour, icon.style.edge),
    ):
        r = icon.size / 2 + (4 if halo else 0)
        width = 2
        x, y = icon.x, icon.y
        match icon.style.shape:
            case "circle":
                draw.ellipse([(x - r, y - r), (x + r, y + r)], fill=fill, outline=edge, width=width)
            case "square":
                s = r * 0.85
                draw.rectangle(
                    [(x - s, y - s), (x + s, y + s)], fill=fill, outline=edge, width=width
                )
            case "triangle":
                points = [(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)]
                draw.polygon(points, fill=fill, outline=edge, width=width)
            case "diamond":
                points = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
                draw.polygon(points, fill=fill, outline=edge, width=width)
            case "star":
                draw.polygon(_star(x, y, r * 1.1), fill=fill, outline=edge, width=width)
            case "bar":
                draw.rectangle(
                    [(x - r, y - r * 0.45), (x + r, y + r * 0.45)],
                    fill=fill,
                    outline=edge,
                    width=width,
                )
            case "past":  # ◀
                points = [(x - r, y), (x + r * 0.8, y - r), (x + r * 0.8, y + r)]
                draw.polygon(points, fill=fill, outline=edge, width=width)


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
