"""`python -m bot --check`: are the settings valid, does the Bot API accept the token
(getMe), can the session store be reached? Prints what it found; the exit code is 0 only
when nothing is wrong. Never prints the token or the webhook secret."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from telegram import Bot
from telegram.error import InvalidToken, TelegramError

from bot.settings import Settings
from bot.store import open_store, reach
from bot.transport import AiohttpRequest

TIMEOUT = 10.0


def _bot_path_hint(settings: Settings) -> str:
    """PTB appends the token to the base URL: without the final '/bot' every call misses."""
    if urlsplit(settings.telegram_api_base_url).path.rstrip("/").endswith("/bot"):
        return ""
    return (
        " — TELEGRAM_API_BASE_URL must end with /bot (the token is appended to it, as in "
        "https://api.telegram.org/bot)"
    )


def _sqlite_finding(path: Path) -> tuple[bool, str]:
    """Whether the SQLite store can be used, without creating or changing anything."""
    if not path.exists():
        folder = next(p for p in [path.parent, *path.parent.parents] if p.exists())
        if not folder.is_dir():
            return False, f"session store (sqlite) cannot be created: {folder} is not a folder"
        if os.access(folder, os.W_OK):
            return True, f"session store (sqlite) will be created at {path} on first start"
        return False, f"session store (sqlite) cannot be created: {folder} is not writable"
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            db.execute("SELECT count(*) FROM sessions").fetchone()
    except sqlite3.Error as error:
        return False, f"session store (sqlite) not usable: {error}"
    if not os.access(path, os.W_OK):
        return False, f"session store (sqlite) at {path} is read-only"
    return True, f"session store (sqlite) at {path} readable and writable"


async def check(settings: Settings, out: TextIO) -> int:
    problems = 0

    def say(ok: bool, what: str) -> None:
        nonlocal problems
        problems += 0 if ok else 1
        out.write(f"{'ok     ' if ok else 'PROBLEM'}  {what}\n")

    say(True, f"settings: mode {settings.mode}, log level {settings.log_level}")
    if settings.mode == "webhook":
        say(True, f"webhook: {settings.webhook_url} served on "
            f"{settings.webhook_listen}:{settings.webhook_port}")  # fmt: skip

    token = settings.telegram_bot_token
    host = urlsplit(settings.telegram_api_base_url).netloc
    if token is None:
        say(True, "no TELEGRAM_BOT_TOKEN: `python -m bot` talks in the terminal")
    else:
        # The bot's own transport: the same proxy and certificates as a running bot.
        bot = Bot(
            token.get_secret_value(),
            base_url=settings.telegram_api_base_url,
            request=AiohttpRequest(),
            get_updates_request=AiohttpRequest(1),
        )
        try:
            async with asyncio.timeout(TIMEOUT):
                await bot.initialize()  # getMe
            me = bot.bot
            say(True, f"Bot API at {host}: this is @{me.username} (id {me.id})")
        except InvalidToken:
            say(False, f"Bot API at {host} rejected the token (check it with @BotFather)")
        except (TelegramError, TimeoutError, OSError) as error:
            say(
                False,
                f"Bot API at {host} not reachable: {type(error).__name__}"
                + _bot_path_hint(settings),
            )
        finally:
            await bot.shutdown()

    scheme = settings.storage_url.split("://", 1)[0]
    days = settings.session_ttl_seconds / 86400
    if scheme == "sqlite":  # looked at, never created or changed by a check
        ok, what = _sqlite_finding(Path(settings.storage_url.removeprefix("sqlite:///")))
        say(ok, f"{what}; conversations kept {days:g} days untouched" if ok else what)
    else:
        try:
            store = open_store(settings.storage_url, settings.session_ttl_seconds)
            try:
                async with asyncio.timeout(TIMEOUT):
                    problem = await reach(store)
            finally:
                await store.close()
            if problem:
                out.write(f"WARNING  {problem}\n")
            say(
                True,
                f"session store ({scheme}) reachable; conversations kept {days:g} days untouched",
            )
        except Exception as error:  # any failure to reach the store is the finding
            say(False, f"session store ({scheme}) not usable: {type(error).__name__}: {error}")

    out.write("All good.\n" if problems == 0 else f"{problems} problem(s) found.\n")
    out.flush()
    return 0 if problems == 0 else 1
