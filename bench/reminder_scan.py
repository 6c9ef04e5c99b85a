"""The due-reminder scan (bot/reminders.py) on a SQLite store of many sessions: what one
scan costs, and that SQLite answers it from the index of due times (reading only the due
rows), so the cost follows the number due, not the number stored.

`python -m bench.reminder_scan` prints the table alone; `make bench` includes it."""

from __future__ import annotations

import asyncio
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from bench.report import Section, fmt_us
from bot.store import SqliteStore
from dialogs import Session

SIZES = (10_000, 100_000)  # sessions stored
DUE = 20  # of them due at the scan
SCANS = 200
LIMIT = 200  # bot/reminders.py SCAN_LIMIT
NOW = 1_800_000_000.0


def _fill(path: Path, sessions: int) -> None:
    """`sessions` rows as the store writes them: most with a reminder in the coming years,
    a tenth with none, DUE of them due now."""
    store = SqliteStore(path)
    asyncio.run(store.close())  # the schema and its index, as the bot makes them
    document = Session(version=1).model_dump_json()
    rows = []
    for chat_id in range(1, sessions + 1):
        if chat_id <= DUE:
            due: float | None = NOW - chat_id
        elif chat_id % 10 == 0:
            due = None
        else:
            due = NOW + 3600 * (chat_id % 20_000)
        rows.append((chat_id, 1, document, due))
    with sqlite3.connect(path) as db:
        db.executemany(
            "INSERT INTO sessions (chat_id, version, document, reminder_due) VALUES (?, ?, ?, ?)",
            rows,
        )


def _plan(path: Path) -> str:
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "EXPLAIN QUERY PLAN SELECT chat_id FROM sessions WHERE reminder_due <= ? "
            "ORDER BY reminder_due LIMIT ?",
            (NOW, LIMIT),
        ).fetchall()
    return "; ".join(str(row[-1]) for row in rows)


async def _scan_times(path: Path) -> list[float]:
    store = SqliteStore(path)
    try:
        found = await store.due(NOW, LIMIT)
        assert len(found) == DUE, found
        times = []
        for _ in range(SCANS):
            started = time.perf_counter()
            await store.due(NOW, LIMIT)
            times.append(time.perf_counter() - started)
        return times
    finally:
        await store.close()


def measure() -> list[tuple[int, float, float, str]]:
    """(sessions, median seconds, p99 seconds, SQLite's query plan) per size."""
    results = []
    for sessions in SIZES:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "sessions.sqlite3"
            _fill(path, sessions)
            times = sorted(asyncio.run(_scan_times(path)))
            p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
            results.append((sessions, statistics.median(times), p99, _plan(path)))
    return results


def section(results: list[tuple[int, float, float, str]]) -> Section:
    rows = [
        (f"{sessions:,}", f"{fmt_us(median * 1e6)} / {fmt_us(p99 * 1e6)}", plan)
        for sessions, median, p99, plan in results
    ]
    return Section(
        title="Reminders: the due-reminder scan",
        header=("sessions stored", "one scan, median / p99", "SQLite's plan"),
        rows=rows,
        note=(
            f"`SqliteStore.due` as the reminder clock calls it once a minute, {DUE} reminders "
            f"due, {SCANS} scans, including the hop to the store's worker thread. The "
            "target: at most 1 ms per 10,000 stored sessions."
        ),
    )


if __name__ == "__main__":
    print("\n".join(section(measure()).markdown()))
