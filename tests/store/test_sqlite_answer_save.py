"""An answer's save in the SQLite store is first tried on the event loop (no thread to
wake), but it never waits there: with the file's write lock taken by another process it
waits on the store's thread, and the answer is kept either way, exactly once."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

from bot.store import SqliteStore
from bot.store.documents import Outbox
from dialogs import Reply, Session


def answered(version: int, birth_year: int) -> Session:
    return Session(version=version, answers={"birth_year": birth_year}, recent_update_ids=[7])


async def test_an_answer_saved_while_the_file_is_locked_waits_off_the_loop(
    tmp_path: Path,
) -> None:
    path = tmp_path / "sessions.sqlite3"
    store = SqliteStore(path)
    assert await store.save(1, answered(1, 1970), None)
    outbox = Outbox(update_id=8, replies=[Reply(text="next question")])
    assert await store.save(1, answered(2, 1971), 1, outbox)  # unlocked: at once
    other = sqlite3.connect(path, isolation_level=None)  # another process, as far as SQLite knows
    other.execute("BEGIN IMMEDIATE")  # holds the write lock
    saving = asyncio.create_task(store.save(1, answered(3, 1972), 2))
    started = time.perf_counter()
    await asyncio.sleep(0.05)
    assert time.perf_counter() - started < 0.5, "the loop ran while the save waited"
    assert not saving.done()
    other.execute("COMMIT")
    other.close()
    assert await saving
    assert not await store.save(1, answered(3, 1973), 2), "saved over the version it read"
    reopened = SqliteStore(path)
    kept = await reopened.load(1)
    assert kept is not None and kept.version == 3 and kept.answers["birth_year"] == 1972
    await reopened.close()
    await store.close()
