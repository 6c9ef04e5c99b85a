"""`make bench`: the core's micro-benchmarks and the full-stack ratio to a bare
python-telegram-bot echo bot, written to docs/benchmarks.md. Never part of `make test`.

BENCH_OUTPUT=<path> writes the report somewhere else than docs/benchmarks.md."""

from __future__ import annotations

import os
import time
from pathlib import Path

from bench import micro
from bench.report import render

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def main() -> None:
    started = time.perf_counter()
    load = os.getloadavg()
    print("bench: core micro-benchmarks...", flush=True)
    core = micro.section(micro.measure(), None)
    preamble = [
        f"Load average when the run started: {load[0]:.2f} (1 min), {load[1]:.2f} (5 min); "
        "other work on the machine shows up in every figure.",
        f"`python -m bench` took {time.perf_counter() - started:.0f} s.",
    ]
    text = render([core], preamble)
    output = Path(os.environ.get("BENCH_OUTPUT") or OUTPUT)
    output.write_text(text)
    print(text)
    print(f"Written to {output}")


if __name__ == "__main__":
    main()
