"""`make bench`: every performance figure the project reports, written to
docs/benchmarks.md. Never part of `make test`.

BENCH_CHATS=<n> sets how many people the full-stack run simulates (a quick run: 50);
BENCH_OUTPUT=<path> writes the report somewhere else than docs/benchmarks.md."""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import (
    core_bench,
    full_stack,
    many_sessions,
    pacing,
    profiling,
    startup,
    store_bench,
)
from bench.report import Section, Target, render
from tests.servers import running_redis

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
BUDGET_SECONDS = 300
PROFILED_CHATS = 20


def _step(
    name: str, run: Callable[[], tuple[list[Section], list[Target]]]
) -> tuple[list[Section], list[Target]]:
    print(f"bench: {name}...", flush=True)
    started = time.perf_counter()
    result = run()
    print(f"bench: {name} done in {time.perf_counter() - started:.0f} s", flush=True)
    return result


def main() -> None:
    started = time.perf_counter()
    load = os.getloadavg()
    chats = full_stack.chats_from_env()
    sections: list[Section] = []
    targets: list[Target] = []

    core_sections, core_targets, _ = core_bench.measure()
    sections += core_sections
    targets += core_targets
    for name, run in (
        ("start-up", startup.measure),
        ("10,000 stored sessions", many_sessions.measure),
    ):
        more, met = _step(name, run)
        sections += more
        targets += met

    paced_sections, paced_targets = _step("issue 12: pacing and typed answers", pacing.measure)

    with tempfile.TemporaryDirectory() as tmp:
        profile_path = Path(tmp) / "bot.prof"
        stack, stack_targets = _step(
            f"full stack, {chats:,} people",
            lambda: full_stack.measure(chats, profile_path, PROFILED_CHATS),
        )
        profiles = [profiling.core_profile()]
        if profile_path.exists():
            profiles.append(profiling.full_stack_profile(profile_path, PROFILED_CHATS))

    with tempfile.TemporaryDirectory() as tmp, running_redis(Path(tmp)) as redis:
        stores = asyncio.run(store_bench.run(redis.url))

    elapsed = time.perf_counter() - started
    targets = [*paced_targets, *stack_targets, *targets]
    targets.append(
        Target(
            f"`make bench` < {BUDGET_SECONDS // 60} minutes",
            f"{elapsed:.0f} s for `python -m bench` with {chats:,} people",
            elapsed < BUDGET_SECONDS,
        )
    )
    preamble = (
        f"- Load average when the run started: {load[0]:.2f} (1 min), {load[1]:.2f} (5 min); "
        "other work on the machine shows up in every figure.\n"
        f"- Full stack: {chats:,} simulated people (BENCH_CHATS; default "
        f"{full_stack.DEFAULT_CHATS}), so that `make bench` keeps to its "
        f"{BUDGET_SECONDS // 60}-minute budget on a small machine. Throughput is the same "
        "from 64 people up (PTB's "
        "concurrent_updates); only the queueing part of the burst latency grows with the "
        "number of people. `BENCH_CHATS=1000 make bench` runs the full burst.\n"
        "- Our bot polls with bot/polling.py (an update is confirmed only once handled and "
        "saved), not PTB's Updater; the echo bots use PTB's Updater."
    )
    text = render([*paced_sections, *stack, *sections, *stores, *profiles], targets, preamble)
    output = Path(os.environ.get("BENCH_OUTPUT") or OUTPUT)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text + "\n")
    print(text)
    print(f"\nWritten to {output} in {elapsed:.0f} s")


if __name__ == "__main__":
    main()
