"""An answer's save in the SQLite store is first tried on the event loop (no thread to
wake), but it never waits there: with the file's write lock taken by another process it
waits on the store's thread, and the answer is kept either way, exactly once."""

from __future__ import annotations

from pathlib import Path

from bot.store import SqliteStore
from bot.store.documents import Outbox
from dialogs import Reply, Session
from tests.store.faults import under_a_write_lock


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
    assert await under_a_write_lock(path, store.save(1, answered(3, 1972), 2))
    assert not await store.save(1, answered(3, 1973), 2), "saved over the version it read"
    reopened = SqliteStore(path)
    kept = await reopened.load(1)
    assert kept is not None and kept.version == 3 and kept.answers["birth_year"] == 1972
    await reopened.close()
    await store.close()
