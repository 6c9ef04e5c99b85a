"""`make bench`: the core's micro-benchmarks, the full-stack ratio to a bare
python-telegram-bot echo bot and the due-reminder scan, written to docs/benchmarks.md.
Never part of `make test`.

BENCH_CHATS=<n> sets how many people talk to each bot at once in the full-stack run
(default 150); BENCH_OUTPUT=<path> writes the report somewhere else than
docs/benchmarks.md."""

from __future__ import annotations

import os
import time
from pathlib import Path

from bench import full_stack, micro, reminder_scan
from bench.report import render

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def main() -> None:
    started = time.perf_counter()
    load = os.getloadavg()
    chats = max(1, int(os.environ.get("BENCH_CHATS", full_stack.DEFAULT_CHATS)))
    print("bench: core micro-benchmarks...", flush=True)
    timings = micro.measure()
    print(f"bench: full stack, {chats:,} people at once...", flush=True)
    runs = full_stack.measure(chats)
    echo_cpu_us = full_stack.CPU_PER_UPDATE(*runs["echo"]) * 1e3
    print("bench: the due-reminder scan...", flush=True)
    scans = reminder_scan.measure()
    sections = [
        full_stack.section(runs, chats),
        micro.section(timings, echo_cpu_us),
        reminder_scan.section(scans),
    ]
    preamble = [
        f"Load average when the run started: {load[0]:.2f} (1 min), {load[1]:.2f} (5 min); "
        "other work on the machine shows up in every figure.",
        f"Full stack: {chats:,} people at once (BENCH_CHATS; default {full_stack.DEFAULT_CHATS}).",
        f"`python -m bench` took {time.perf_counter() - started:.0f} s.",
    ]
    text = render(sections, preamble)
    output = Path(os.environ.get("BENCH_OUTPUT") or OUTPUT)
    output.write_text(text)
    print(text)
    print(f"Written to {output}")


if __name__ == "__main__":
    main()
