"""Micro-benchmarks of the pure core: `dialogs.engine.step` (a button press, a typed
answer), `rules.assess`, and the `dialogs.reading` readers on the typed answers of the
benchmark conversation (bench/script.py). Each timing is one call (perf_counter_ns), after
a warm-up, with the garbage collector on as in the bot; of PASSES passes the one with the
lowest median is kept, since other work on the machine only ever adds time."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from bench.report import Section, fmt_us, percentile
from bench.script import TODAY, VARIANTS, Moment, Say, Tap, play
from dialogs import Session, engine
from dialogs.form import BY_ID, birth_year, facts_from, left_or_leaving
from dialogs.reading import READERS, ReadContext, read_many
from rules import assess

WARM_UP = 30
ROUNDS = 200  # timings of each input per pass; the inputs take turns
PASSES = 3
Call = Callable[[], object]


@dataclass
class Timing:
    name: str
    median_us: float
    p99_us: float


def one_pass(calls: list[Call], rounds: int) -> list[int]:
    clock = time.perf_counter_ns
    samples: list[int] = []
    for _ in range(rounds):
        for call in calls:
            started = clock()
            call()
            samples.append(clock() - started)
    return samples


def time_calls(name: str, calls: list[Call], rounds: int = ROUNDS) -> Timing:
    one_pass(calls, WARM_UP)
    best = min((one_pass(calls, rounds) for _ in range(PASSES)), key=statistics.median)
    return Timing(name, statistics.median(best) / 1000, percentile(best, 99) / 1000)


def stepping(moment: Moment) -> Call:
    return lambda: engine.step(moment.session, moment.event, TODAY)


def read_context(moment: Moment) -> ReadContext:
    """The context the engine passes its readers at this moment of the conversation."""
    answers = moment.session.answers
    pay = answers.get("pay")
    return ReadContext(
        today=TODAY,
        birth_year=birth_year(answers, TODAY),
        left=left_or_leaving(answers),
        pay=pay if isinstance(pay, int) else None,
    )


def reading(moment: Moment) -> Call:
    """The reader of the question asked, on the typed answer."""
    assert isinstance(moment.action, Say) and moment.session.asked is not None
    reader, text = READERS[BY_ID[moment.session.asked].reads], moment.action.text
    context = read_context(moment)
    return lambda: reader(text, context)


def reading_everything(moment: Moment) -> Call:
    """`read_many`: every answer the message holds, which the engine also looks for."""
    assert isinstance(moment.action, Say)
    text, context = moment.action.text, read_context(moment)
    return lambda: read_many(text, context)


def assessing(session: Session) -> Call:
    facts = facts_from(session.answers, TODAY)
    return lambda: assess(facts, TODAY)


def measure() -> list[Timing]:
    """Button step first: the other rows are given as multiples of it."""
    played = [play(variant) for variant in range(VARIANTS)]
    moments = [moment for variant_moments, _ in played for moment in variant_moments]
    taps = [m for m in moments if isinstance(m.action, Tap) and m.session.asked in BY_ID]
    typed = [m for m in moments if isinstance(m.action, Say) and m.session.asked in BY_ID]
    return [
        time_calls("`dialogs.engine.step`, a button press", [stepping(m) for m in taps]),
        time_calls("`dialogs.engine.step`, a typed answer", [stepping(m) for m in typed]),
        time_calls("`READERS[kind]`, a typed answer", [reading(m) for m in typed]),
        time_calls("`read_many`, a typed answer", [reading_everything(m) for m in typed]),
        time_calls("`rules.assess`", [assessing(session) for _, session in played]),
    ]


def section(timings: list[Timing], echo_cpu_per_update_us: float) -> Section:
    """Per-call times, as multiples of a button step and as a share of the CPU the bare
    echo bot spends on one update in the full-stack run."""
    unit = timings[0].median_us
    rows = [
        (
            t.name,
            f"{fmt_us(t.median_us)} / {fmt_us(t.p99_us)}",
            f"{t.median_us / unit:.2f}×",
            f"{t.median_us / echo_cpu_per_update_us:.1%}",
        )
        for t in timings
    ]
    return Section(
        title="Core: dialogs.engine.step, rules.assess, the readers",
        header=("call", "median / p99", "× a button step", "of the echo bot's CPU per update"),
        rows=rows,
        note=(
            "Per call, in-process, no I/O, on the sessions of the benchmark conversation "
            f"({VARIANTS} variants): every button press on a form question (the last one "
            "assesses and renders the results) and every typed answer to one (dates, plan "
            "type, money); the two `dialogs.reading` readers the engine runs on a typed "
            "answer; `rules.assess` on each finished form. "
            f"{WARM_UP} warm-up rounds, then {ROUNDS} rounds per pass, best of {PASSES} passes "
            "by median. The last column divides by the bare PTB echo bot's CPU per update in "
            "the full-stack run above."
        ),
    )
