"""The pure core, timed per call: `dialogs.step` by kind of event, `rules.assess`, and the
summary. Inputs are the moments of the benchmark conversation (bench/script.py); each
timing is one call, time.perf_counter_ns, after a warm-up, GC left on as in the bot."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bench.proc import child_env
from bench.report import Section, Target, fmt_us, percentile
from bench.script import TODAY, VARIANTS, Moment, Say, Tap, play
from dialogs import Session, Text, step, summary
from dialogs.form import facts_from
from rules import assess

WARM_UP = 30
ROUNDS = 100  # timings per input and pass; inputs are interleaved round-robin
PASSES = 3  # the pass with the lowest median is kept: other work on the machine only adds
BUTTON_TARGET_US = 200
DATE_TARGET_US = 3_000
ASSESS_TARGET_US = 200

# Free-text dates, as people type them: for the birth question (past) and for the leaving
# date (future). Fast-path forms first, then the ones only dateparser reads.
BIRTH_DATES = ("March 1971", "03/1971", "1971-03", "1971", "feb 72", "3/15/1971")
LEAVING_DATES = ("next March", "end of december", "in 6 months", "2 weeks from now", "May 1st")


@dataclass
class Timing:
    name: str
    samples_ns: list[int]

    @property
    def median_us(self) -> float:
        return statistics.median(self.samples_ns) / 1000

    @property
    def p99_us(self) -> float:
        return percentile(sorted(self.samples_ns), 99) / 1000


def _time(calls: list[Callable[[], object]], rounds: int = ROUNDS) -> list[int]:
    """Each call `rounds` times, interleaved; per-call nanoseconds of the best of
    PASSES passes (by median)."""
    for _ in range(WARM_UP):
        for call in calls:
            call()
    clock = time.perf_counter_ns
    passes: list[list[int]] = []
    for _ in range(PASSES):
        samples: list[int] = []
        for _ in range(rounds):
            for call in calls:
                t0 = clock()
                call()
                samples.append(clock() - t0)
        passes.append(samples)
    return min(passes, key=statistics.median)


def _stepper(session: Session, event: object, today: date) -> Callable[[], object]:
    return lambda: step(session, event, today)  # type: ignore[arg-type]


FIRST_DATEPARSER = (
    "import sys, time; from datetime import date; from dialogs.parsing import parse_date; "
    "assert 'dateparser' not in sys.modules; t = time.perf_counter(); "
    "parse_date('in 6 months', date(2026, 11, 28), False); print(time.perf_counter() - t)"
)


def _first_dateparser_us() -> float:
    """The first date only dateparser reads, in a fresh process: its lazy import."""
    done = subprocess.run(
        [sys.executable, "-c", FIRST_DATEPARSER],
        env=child_env(),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return float(done.stdout) * 1e6


def _moments() -> tuple[list[Moment], list[Session]]:
    moments: list[Moment] = []
    finished: list[Session] = []
    for variant in range(VARIANTS):
        played, session = play(variant)
        moments += played
        finished.append(session)
    return moments, finished


def _asked(moments: list[Moment], question: str) -> Session:
    return next(m.session for m in moments if m.session.asked == question)


def measure() -> tuple[list[Section], list[Target], list[Timing]]:
    moments, finished = _moments()
    last = len(moments) // VARIANTS - 2  # the press that completes the form (results)
    per_variant = len(moments) // VARIANTS
    buttons, results, summary_press, texts = [], [], [], []
    for index, moment in enumerate(moments):
        position = index % per_variant
        call = _stepper(moment.session, moment.event, TODAY)
        if isinstance(moment.action, Tap):
            if position == last:
                results.append(call)
            elif position == last + 1:
                summary_press.append(call)
            else:
                buttons.append(call)
        elif isinstance(moment.action, Say) and moment.session.asked not in (
            None,
            "birth",
            "separation",
        ):
            texts.append(call)
    birth, leaving = _asked(moments, "birth"), _asked(moments, "separation")
    date_inputs = [(birth, text) for text in BIRTH_DATES] + [
        (leaving, text) for text in LEAVING_DATES
    ]
    per_date = [
        Timing(f"`{text}`", _time([_stepper(session, Text(text=text), TODAY)], rounds=40))
        for session, text in date_inputs
    ]
    dates = Timing("free-text date", [ns for t in per_date for ns in t.samples_ns])
    facts = [facts_from(session.answers, TODAY) for session in finished]
    timings = [
        Timing("button answer → next question", _time(buttons)),
        Timing("free-text answer (not a date) → next question", _time(texts)),
        dates,
        Timing("last button → results (assess + render)", _time(results, rounds=60)),
        Timing("summary button → summary message", _time(summary_press, rounds=60)),
        Timing("rules.assess", _time([_assess(f) for f in facts], rounds=400)),
        Timing("dialogs.summary (render)", _time([_summary(s) for s in finished], rounds=100)),
    ]
    rows = [(t.name, f"{fmt_us(t.median_us)} / {fmt_us(t.p99_us)}") for t in timings]
    first = statistics.median(_first_dateparser_us() for _ in range(3))
    rows.append(
        ("first date only dateparser reads, in a fresh process (its import)", fmt_us(first))
    )
    section = Section(
        title="Core: dialogs.step, rules.assess, summary",
        rows=rows,
        header=("call", "median / p99"),
        note=(
            "Per call, in-process, no I/O: `dialogs.step` on the sessions of the benchmark "
            f"conversation ({VARIANTS} variants), timed one call at a time after "
            f"{WARM_UP} warm-up rounds, best of {PASSES} passes by median. Dates: "
            f"{len(BIRTH_DATES)} birth dates and {len(LEAVING_DATES)} leaving dates, as typed:"
        ),
        extra=[
            "| date typed | median / p99 |",
            "|---|---|",
            *(f"| {t.name} | {fmt_us(t.median_us)} / {fmt_us(t.p99_us)} |" for t in per_date),
        ],
    )
    by_name = {t.name: t for t in timings}
    button = by_name["button answer → next question"]
    assessed = by_name["rules.assess"]
    targets = [
        Target(
            f"`dialogs.step` button answer median < {BUTTON_TARGET_US} µs",
            fmt_us(button.median_us),
            button.median_us < BUTTON_TARGET_US,
        ),
        Target(
            "`dialogs.step` free-text date answer median < 3 ms",
            fmt_us(dates.median_us),
            dates.median_us < DATE_TARGET_US,
        ),
        Target(
            f"`rules.assess` median < {ASSESS_TARGET_US} µs",
            fmt_us(assessed.median_us),
            assessed.median_us < ASSESS_TARGET_US,
        ),
    ]
    return [section], targets, per_date


def _assess(facts: object) -> Callable[[], object]:
    return lambda: assess(facts, TODAY)  # type: ignore[arg-type]


def _summary(session: Session) -> Callable[[], object]:
    return lambda: summary(session, TODAY)
