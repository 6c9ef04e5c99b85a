"""The default store: one SQLite file, nothing to install.

WAL mode lets readers and the writer work at once; a busy timeout lets several
processes share the file. Every statement that may wait runs on a worker thread, never on
the event loop: while another process holds the file's write lock a statement may wait up
to the busy timeout, and the bot keeps answering other chats meanwhile. The exceptions are
the first tries of a "delivered" mark and of an answer's save, which run on the loop
but never wait (`delivered`, `save`).

Conversations untouched for `expire_seconds` are not loaded and are deleted (on opening,
then at most once an hour), as Redis expires its keys."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from bot.store.documents import Outbox, decode, decode_outbox, encode, encode_outbox
from dialogs import Session

T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    chat_id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL,
    document TEXT NOT NULL,
    updated_at TEXT NOT NULL DEFAULT (datetime('now')),
    outbox_id INTEGER,
    outbox TEXT,
    reminder_due REAL
)
"""
# Files made before the outbox (or reminders) existed get their columns.
_ADDED_COLUMNS = {"outbox_id": "INTEGER", "outbox": "TEXT", "reminder_due": "REAL"}
# The reminder scan reads only the due rows: an index of the sessions with a reminder.
_REMINDER_INDEX = (
    "CREATE INDEX IF NOT EXISTS sessions_by_reminder_due ON sessions (reminder_due) "
    "WHERE reminder_due IS NOT NULL"
)
# A session with a reminder to come is not expired (it is touched again when sent).
_UNEXPIRED = "(updated_at >= ? OR reminder_due IS NOT NULL)"
_EXPIRED = "updated_at < ? AND reminder_due IS NULL"
PURGE_EVERY_SECONDS = 3600.0


BUSY_TIMEOUT_MS = 5000  # how long one statement waits for another process's write lock


def _connect(path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    # Deleted and replaced content is overwritten with zeros, not left in free space.
    db.execute("PRAGMA secure_delete=ON")
    return db


def _private_file(path: Path) -> None:
    """The data folder (when this store makes it) is the bot's alone (0700), and so is the
    database file (0600); SQLite gives its -wal and -shm files the database's mode."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.parent.chmod(0o700)
    if not path.exists():
        path.touch(mode=0o600)
    path.chmod(0o600)


def _would_wait(error: sqlite3.OperationalError) -> bool:
    """The statement found the file's write lock taken (and its connection never waits)."""
    return "locked" in str(error) or "busy" in str(error)


class SqliteStore:
    def __init__(
        self,
        path: Path,
        expire_seconds: int | None = None,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    ) -> None:
        _private_file(path)
        self.path = path
        self.expire_seconds = expire_seconds
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite")
        self._db = _connect(path, busy_timeout_ms)
        self._db.execute(_SCHEMA)
        # A write now, so a read-only file is a start-up error, not a failed first answer.
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        self._db.execute(f"PRAGMA user_version = {version}")
        # "Delivered" marks have their own connection and thread: a mark never waits in
        # line behind other chats' loads and saves, as every millisecond it waits is a
        # millisecond in which a kill sends that message twice.
        self._marker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite-marks")
        self._marks_db = _connect(path)
        # A mark is first tried right on the event loop, on a connection that never waits
        # for the file's write lock (busy timeout 0): no hand-over to a thread the machine
        # must first schedule. Only when the lock is taken does it go to the marks thread.
        self._quick_marks_db = _connect(path, busy_timeout_ms=0)
        # The same for an answer's save (`save`), on its own connection.
        self._quick_db = _connect(path, busy_timeout_ms=0)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(sessions)")}
        for name, kind in _ADDED_COLUMNS.items():
            if name not in columns:
                self._db.execute(f"ALTER TABLE sessions ADD COLUMN {name} {kind}")
        self._db.execute(_REMINDER_INDEX)
        self._purged_at = 0.0
        self._purge()

    async def _run(self, work: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._worker, work)

    def _cutoff(self) -> str:
        """`updated_at` older than this has expired ('' = nothing expires)."""
        if self.expire_seconds is None:
            return ""
        # SQLite's datetime('now') format, in UTC as it is.
        cutoff = datetime.now(UTC) - timedelta(seconds=self.expire_seconds)
        return cutoff.strftime("%Y-%m-%d %H:%M:%S")

    def _purge(self) -> None:
        self._purged_at = time.monotonic()
        cutoff = self._cutoff()
        if cutoff:
            cursor = self._db.execute(f"DELETE FROM sessions WHERE {_EXPIRED}", (cutoff,))
            if cursor.rowcount > 0:
                self._forget_old_pages()

    def _forget_old_pages(self) -> None:
        """After a deletion, no copy of what was deleted stays in the write-ahead log:
        its pages go back into the database (where secure_delete zeroed the content) and
        the log is truncated. Another process reading at that moment can keep the log
        from being truncated; the next deletion tries again."""
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    async def load(self, chat_id: int) -> Session | None:
        def load() -> str | None:
            row = self._db.execute(
                f"SELECT document FROM sessions WHERE chat_id = ? AND {_UNEXPIRED}",
                (chat_id, self._cutoff()),
            ).fetchone()
            return None if row is None else str(row[0])

        document = await self._run(load)
        return None if document is None else decode(document)

    async def save(
        self,
        chat_id: int,
        session: Session,
        expected_version: int | None,
        outbox: Outbox | None = None,
        reminder_due: float | None = None,
    ) -> bool:
        document = encode(session)
        outbox_id = None if outbox is None else outbox.update_id
        stored_outbox = encode_outbox(outbox)

        def save() -> bool:
            if self._purge_due():
                self._purge()
            if expected_version is None:
                # An expired row nobody purged yet counts as nothing stored.
                self._db.execute(
                    f"DELETE FROM sessions WHERE chat_id = ? AND {_EXPIRED}",
                    (chat_id, self._cutoff()),
                )
                cursor = self._db.execute(
                    "INSERT INTO sessions (chat_id, version, document, outbox_id, outbox, "
                    "reminder_due) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id) DO NOTHING",
                    (chat_id, session.version, document, outbox_id, stored_outbox, reminder_due),
                )
            else:
                cursor = self._db.execute(*update)
            return cursor.rowcount == 1

        update = (
            "UPDATE sessions SET version = ?, document = ?, "
            "updated_at = datetime('now'), outbox_id = ?, outbox = ?, reminder_due = ? "
            "WHERE chat_id = ? AND version = ?",
            (
                session.version,
                document,
                outbox_id,
                stored_outbox,
                reminder_due,
                chat_id,
                expected_version,
            ),
        )
        if expected_version is not None and not self._purge_due():
            # An answer's save, first tried right on the event loop, never waiting for the
            # file's write lock: one hand-over to a thread less per update (py-spy put
            # ~10% of the bot's samples in waking the store's threads on the benchmark).
            try:
                return self._quick_db.execute(*update).rowcount == 1
            except sqlite3.OperationalError as error:
                if not _would_wait(error):
                    raise
        return await self._run(save)

    def _purge_due(self) -> bool:
        return time.monotonic() - self._purged_at > PURGE_EVERY_SECONDS

    async def outbox(self, chat_id: int) -> Outbox | None:
        def outbox() -> str | None:
            row = self._db.execute(
                "SELECT outbox FROM sessions WHERE chat_id = ?", (chat_id,)
            ).fetchone()
            return None if row is None or row[0] is None else str(row[0])

        return decode_outbox(await self._run(outbox))

    async def delivered(self, chat_id: int, update_id: int, left: Outbox | None) -> None:
        mark = (
            "UPDATE sessions SET outbox_id = ?, outbox = ? WHERE chat_id = ? AND outbox_id = ?",
            (None if left is None else update_id, encode_outbox(left), chat_id, update_id),
        )
        try:
            self._quick_marks_db.execute(*mark)
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
        await asyncio.get_running_loop().run_in_executor(
            self._marker, lambda: self._marks_db.execute(*mark)
        )

    async def due(self, now: float, limit: int) -> list[int]:
        def due() -> list[int]:
            rows = self._db.execute(
                "SELECT chat_id FROM sessions WHERE reminder_due <= ? "
                "ORDER BY reminder_due LIMIT ?",
                (now, limit),
            ).fetchall()
            return [int(row[0]) for row in rows]

        return await self._run(due)

    async def unschedule(self, chat_id: int) -> None:
        def unschedule() -> None:
            self._db.execute(
                "UPDATE sessions SET reminder_due = NULL WHERE chat_id = ?", (chat_id,)
            )

        await self._run(unschedule)

    async def delete(self, chat_id: int) -> bool:
        def delete() -> bool:
            cursor = self._db.execute("DELETE FROM sessions WHERE chat_id = ?", (chat_id,))
            self._forget_old_pages()
            return cursor.rowcount > 0

        return await self._run(delete)

    async def count(self) -> int:
        def count() -> int:
            return int(self._db.execute("SELECT count(*) FROM sessions").fetchone()[0])

        return await self._run(count)

    async def close(self) -> None:
        self._quick_marks_db.close()
        self._quick_db.close()
        await asyncio.get_running_loop().run_in_executor(self._marker, self._marks_db.close)
        self._marker.shutdown()
        await self._run(self._db.close)
        self._worker.shutdown()
