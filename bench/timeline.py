"""The timeline picture (issue 14): how long a picture takes to draw, and what the feature
costs the bot when no picture has been drawn yet (start-up time, idle memory).

`python -m bench.timeline` prints this section alone (about 30 s); `make bench` includes it.

- Render: `bot.timeline_png.render_png` on the example conversation's timeline, in this
  process after one warm-up; and the first picture of a fresh process (Pillow's import
  and the fonts included), in a subprocess.
- Start-up and idle memory, with and without: `python -m bot` against the fake Bot API,
  launched through runpy either as it is ("with") or with `bot.photos` and
  `bot.timeline_text` replaced by empty modules before anything imports them
  ("without"). Launch → first getUpdates, and VmRSS one second after it (idle).
- Memory once a picture was drawn: a process that imported the bot shell, before and
  after its first picture (Pillow and the fonts loaded)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.fake_api import BenchBotApi
from bench.proc import child_env, memory_kib
from bench.report import Section, Target, fmt_ms, percentile, render
from bench.startup import launch
from dialogs.marks import Timeline

RENDERS = 60
START_UPS = 5
TIMEOUT = 30.0
IDLE_SECONDS = 1.0
TARGET_RENDER_MS = 150.0
# "Unchanged": within what repeated runs of the same code differ by on this machine.
TARGET_STARTUP_DELTA_MS = 50.0
TARGET_IDLE_DELTA_MIB = 1.0

WITH = "import runpy; runpy.run_module('bot', run_name='__main__', alter_sys=True)"
WITHOUT = (
    "import sys, types; "
    "photos = types.ModuleType('bot.photos'); photos.Photos = lambda: None; "
    "sys.modules['bot.photos'] = photos; "
    "sys.modules['bot.timeline_text'] = types.ModuleType('bot.timeline_text'); " + WITH
)
FIRST_PICTURE = """
import json, os, sys, time
from datetime import date
started = time.perf_counter()
import bot.telegram_app, bot.console
imported = time.perf_counter()
pil_at_start = 'PIL' in sys.modules
from bench.proc import memory_kib
from bench.timeline import example
def rss():
    return memory_kib(os.getpid())["VmRSS"]
timeline = example()
before = rss()
t = time.perf_counter()
from bot.timeline_png import render_png
png = render_png(timeline)
first = time.perf_counter() - t
print(json.dumps({"import_ms": (imported - started) * 1e3, "first_ms": first * 1e3,
                  "rss_before": before, "rss_after": rss(), "pil_at_start": pil_at_start}))
"""


def example() -> Timeline:
    """The example conversation's timeline (CONVERSATION.md: both topics, leaving in
    December 2026), as the dialog makes it."""
    from dialogs.timeline import timeline_of_answers
    from tests.dialogs.person import Person
    from tests.dialogs.test_journeys import DESIGN

    person = Person(date(2026, 11, 28), **DESIGN).converse()
    timeline = timeline_of_answers(person.answers, person.today)
    assert timeline is not None
    return timeline


def _renders(timeline: Timeline) -> list[float]:
    from bot.timeline_png import render_png

    render_png(timeline)
    times = []
    for _ in range(RENDERS):
        started = time.perf_counter()
        render_png(timeline)
        times.append((time.perf_counter() - started) * 1e3)
    return sorted(times)


def _first_picture() -> dict[str, float]:
    import json

    done = subprocess.run(
        [sys.executable, "-c", FIRST_PICTURE],
        env=child_env(),
        capture_output=True,
        text=True,
        check=True,
        timeout=TIMEOUT,
    )
    return dict(json.loads(done.stdout))


def _start_up(api: BenchBotApi, workdir: Path, launcher: str) -> tuple[float, int]:
    """(ms from launch to the first getUpdates, idle VmRSS in KiB)."""

    def idle_rss(pid: int) -> int:
        time.sleep(IDLE_SECONDS)
        return memory_kib(pid)["VmRSS"]

    first_calls, rss = launch(api, workdir, [sys.executable, "-c", launcher], idle_rss)
    return first_calls["getupdates"], rss


def measure() -> tuple[list[Section], list[Target]]:
    timeline = example()
    renders = _renders(timeline)
    first = _first_picture()
    runs: dict[str, list[tuple[float, int]]] = {"with": [], "without": []}
    with tempfile.TemporaryDirectory() as tmp, BenchBotApi() as api:
        for _ in range(START_UPS):  # interleaved, so drift on the machine hits both alike
            runs["without"].append(_start_up(api, Path(tmp), WITHOUT))
            runs["with"].append(_start_up(api, Path(tmp), WITH))
    start = {k: statistics.median(ms for ms, _ in v) for k, v in runs.items()}
    idle = {k: statistics.median(rss for _, rss in v) / 1024 for k, v in runs.items()}
    median, p95 = statistics.median(renders), percentile(renders, 95)
    grown = (first["rss_after"] - first["rss_before"]) / 1024
    section = Section(
        title="Timeline picture",
        rows=[
            (f"render, median of {RENDERS} (warm)", fmt_ms(median)),
            ("render, p95", fmt_ms(p95)),
            (
                "first picture of a process (Pillow import + fonts + render)",
                fmt_ms(first["first_ms"]),
            ),
            ("Pillow imported by the bot at start-up", "yes" if first["pil_at_start"] else "no"),
            ("start-up to first getUpdates, with the feature (median)", fmt_ms(start["with"])),
            ("start-up to first getUpdates, without it (median)", fmt_ms(start["without"])),
            ("idle RSS with the feature (median)", f"{idle['with']:.1f} MiB"),
            ("idle RSS without it (median)", f"{idle['without']:.1f} MiB"),
            ("RSS added by the first picture (Pillow, fonts)", f"{grown:.1f} MiB"),
        ],
        note=(
            f"The example conversation's picture ({_size(timeline)}). Start-up "
            f"and idle memory: {START_UPS} launches each of `python -m bot` as it is and with "
            "the picture modules replaced by empty ones, interleaved; idle RSS "
            f"{IDLE_SECONDS:.0f} s after the first getUpdates. Pillow loads with the first "
            "picture, in the worker thread that draws it."
        ),
    )
    delta_start = start["with"] - start["without"]
    delta_idle = idle["with"] - idle["without"]
    targets = [
        Target(
            f"Timeline render median < {TARGET_RENDER_MS:.0f} ms",
            f"{fmt_ms(median)} (p95 {fmt_ms(p95)})",
            median < TARGET_RENDER_MS,
        ),
        Target(
            "Start-up unchanged by the timeline feature",
            f"{delta_start:+.0f} ms ({fmt_ms(start['with'])} vs {fmt_ms(start['without'])})",
            delta_start < TARGET_STARTUP_DELTA_MS and not first["pil_at_start"],
        ),
        Target(
            "Idle memory unchanged by the timeline feature",
            f"{delta_idle:+.2f} MiB ({idle['with']:.1f} vs {idle['without']:.1f} MiB)",
            delta_idle < TARGET_IDLE_DELTA_MIB,
        ),
    ]
    return [section], targets


def _size(timeline: Timeline) -> str:
    from bot.timeline_png import size_for

    width, height = size_for(timeline)
    return f"{len(timeline.marks())} marks, {width}×{height} px"


def main() -> None:
    sections, targets = measure()
    print(render(sections, targets))


if __name__ == "__main__":
    main()
