"""Saves per second and save latency of the SQLite and Redis stores on this machine."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bench.report import Section
from bot.store import RedisStore, SessionStore, SqliteStore
from dialogs import Session

SAVES = 5_000


def _typical_session(version: int) -> Session:
    # About the size of a finished conversation.
    answers = {
        "topics": "both",
        "birth": {"year": 1971, "month": 9},
        "employment": "planning_to_leave",
        "separation": "2026-12-01",
        "plan_type": "401k",
        "rolled_to_ira": "none",
        "partial_withdrawals": None,
        "after_tax": True,
        "roth_conversion": True,
        "compensation": 180_000,
        "deferrals": 32_500,
        "employer": 7_200,
    }
    return Session(version=version, answers=answers, history=list(answers))


async def _measure(store: SessionStore, name: str) -> Section:
    latencies: list[float] = []
    chats = 500
    versions = dict.fromkeys(range(chats), 0)
    started = time.perf_counter()
    for n in range(SAVES):
        chat = n % chats
        expected = versions[chat] or None
        session = _typical_session(versions[chat] + 1)
        t0 = time.perf_counter()
        ok = await store.save(chat, session, expected)
        latencies.append(time.perf_counter() - t0)
        if not ok:
            raise RuntimeError(f"{name}: an uncontended save was refused")
        versions[chat] += 1
    elapsed = time.perf_counter() - started
    latencies.sort()
    await store.close()
    return Section(
        title=f"Session store: {name}",
        rows=[
            ("saves per second", f"{SAVES / elapsed:,.0f}"),
            ("save latency p50", f"{statistics.median(latencies) * 1e6:,.0f} µs"),
            ("save latency p99", f"{latencies[int(len(latencies) * 0.99)] * 1e6:,.0f} µs"),
        ],
        note=f"{SAVES:,} compare-and-set saves of a finished conversation over {chats} chats, "
        "one writer.",
    )


async def run(redis_url: str) -> list[Section]:
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = await _measure(SqliteStore(Path(tmp) / "bench.sqlite3"), "SQLite (WAL)")
    redis = await _measure(RedisStore(redis_url), "Redis (Lua compare-and-set)")
    return [sqlite, redis]
