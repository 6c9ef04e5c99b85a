"""The default store: one SQLite file, nothing to install.

WAL mode lets readers and the writer work at once; a busy timeout lets several
processes share the file. Each call is a single short statement, fast enough to run on
the event loop without a thread."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.store.documents import Outbox, decode, decode_outbox, encode, encode_outbox
from dialogs import Session

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    chat_id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL,
    document TEXT NOT NULL,
    updated_at TEXT NOT NULL DEFAULT (datetime('now')),
    outbox_id INTEGER,
    outbox TEXT
)
"""
# Files made before the outbox existed get its columns.
_ADDED_COLUMNS = {"outbox_id": "INTEGER", "outbox": "TEXT"}


class SqliteStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.execute(_SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(sessions)")}
        for name, kind in _ADDED_COLUMNS.items():
            if name not in columns:
                self._db.execute(f"ALTER TABLE sessions ADD COLUMN {name} {kind}")

    async def load(self, chat_id: int) -> Session | None:
        row = self._db.execute(
            "SELECT document FROM sessions WHERE chat_id = ?", (chat_id,)
        ).fetchone()
        return None if row is None else decode(row[0])

    async def save(
        self,
        chat_id: int,
        session: Session,
        expected_version: int | None,
        outbox: Outbox | None = None,
    ) -> bool:
        document = encode(session)
        outbox_id = None if outbox is None else outbox.update_id
        if expected_version is None:
            cursor = self._db.execute(
                "INSERT INTO sessions (chat_id, version, document, outbox_id, outbox) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id) DO NOTHING",
                (chat_id, session.version, document, outbox_id, encode_outbox(outbox)),
            )
        else:
            cursor = self._db.execute(
                "UPDATE sessions SET version = ?, document = ?, updated_at = datetime('now'), "
                "outbox_id = ?, outbox = ? WHERE chat_id = ? AND version = ?",
                (
                    session.version,
                    document,
                    outbox_id,
                    encode_outbox(outbox),
                    chat_id,
                    expected_version,
                ),
            )
        return cursor.rowcount == 1

    async def outbox(self, chat_id: int) -> Outbox | None:
        row = self._db.execute(
            "SELECT outbox FROM sessions WHERE chat_id = ?", (chat_id,)
        ).fetchone()
        return None if row is None else decode_outbox(row[0])

    async def delivered(self, chat_id: int, update_id: int, left: Outbox | None) -> None:
        self._db.execute(
            "UPDATE sessions SET outbox_id = ?, outbox = ? WHERE chat_id = ? AND outbox_id = ?",
            (None if left is None else update_id, encode_outbox(left), chat_id, update_id),
        )

    async def delete(self, chat_id: int) -> bool:
        cursor = self._db.execute("DELETE FROM sessions WHERE chat_id = ?", (chat_id,))
        return cursor.rowcount > 0

    async def count(self) -> int:
        row = self._db.execute("SELECT count(*) FROM sessions").fetchone()
        return int(row[0])

    async def close(self) -> None:
        self._db.close()
