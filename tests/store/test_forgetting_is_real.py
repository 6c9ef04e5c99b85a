"""/forget and the retention purge leave no copy of a person's answers in SQLite's files
(the database, its write-ahead log and its index), and the files are the bot's alone."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from bot.store import SqliteStore
from bot.store.documents import Outbox
from dialogs import Reply, Session

# Answers nobody else would type: if they are anywhere in the files, they were kept.
FORGOTTEN = {"pay": 987_654_321, "plan_name": "Zyxwvut Holdings 401k"}
KEPT = {"pay": 123_454_321, "plan_name": "Qqqxxq Mills 403b"}


def session(answers: dict[str, object], version: int) -> Session:
    return Session(
        version=version, answers={"pay": answers["pay"]}, plan_name=str(answers["plan_name"])
    )


def files_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


async def saved_several_times(store: SqliteStore, chat_id: int, answers: dict[str, object]) -> None:
    stored = None
    for version in range(1, 6):  # each save leaves an old copy of the page behind
        new = session(answers, version)
        outbox = Outbox(update_id=version, replies=[Reply(text=str(answers["plan_name"]))])
        assert await store.save(chat_id, new, stored, outbox)
        stored = version


async def test_forget_leaves_no_copy_in_the_database_files(tmp_path: Path) -> None:
    path = tmp_path / "data" / "sessions.sqlite3"
    store = SqliteStore(path)
    try:
        await saved_several_times(store, 1, FORGOTTEN)
        await saved_several_times(store, 2, KEPT)
        assert b"Zyxwvut Holdings" in files_bytes(path)  # the check can see what is there
        assert await store.delete(1)
        everything = files_bytes(path)
        assert b"Zyxwvut Holdings" not in everything
        assert b"987654321" not in everything
        assert b"Qqqxxq Mills" in everything  # only the forgotten person's data went
        assert (await store.load(2)) is not None
    finally:
        await store.close()


async def test_the_retention_purge_leaves_no_copy_either(tmp_path: Path) -> None:
    path = tmp_path / "data" / "sessions.sqlite3"
    store = SqliteStore(path)
    try:
        await saved_several_times(store, 1, FORGOTTEN)
    finally:
        await store.close()
    with sqlite3.connect(path) as db:  # a day passes
        db.execute("UPDATE sessions SET updated_at = datetime('now', '-1 day')")
    expired = SqliteStore(path, expire_seconds=3600)  # purges what is older on opening
    try:
        assert b"Zyxwvut Holdings" not in files_bytes(path)
    finally:
        await expired.close()


async def test_the_data_folder_and_files_are_the_bots_alone(tmp_path: Path) -> None:
    path = tmp_path / "data" / "sessions.sqlite3"
    store = SqliteStore(path)
    try:
        await saved_several_times(store, 1, KEPT)
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        for file in path.parent.iterdir():
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name
    finally:
        await store.close()
