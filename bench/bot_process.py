"""A bot under test, in its own process so its CPU time and peak RSS are its own.

`python -m bench.bot_process ours|echo|same-calls` with, in the environment:
  BENCH_API_URL   the fake Bot API's base_url        BENCH_TOKEN  the token it accepts
  BENCH_DB        SQLite file for our sessions        BENCH_NOTIFY_FD  pipe to the driver
  BENCH_UNLIMITED "1": lift the 30 messages/s flood limiter (see full_stack.py)
  BENCH_PROFILE   a path: profile with cProfile from SIGUSR1 on, dump the stats there
  BENCH_TRANSPORT "httpx": PTB's default transport (httpx, 256 connections), for ours too;
                  "aiohttp": bot/transport.py, for the echo bots too. Each bot's own by default.

- ours: `bot.telegram_app.build_application` with a SqliteStore, started by `start_bot` in
  polling mode: exactly what `python -m bot` runs.
- echo: a bare PTB Application, one MessageHandler that replies with the same text and
  one CallbackQueryHandler that answers the query; same concurrency (64) as ours.
- same-calls: bare PTB making the Bot API calls ours makes for each update (typing; for
  text the answer echoed and the next question; for a press: answer, edit the pressed
  message, next question), in HTML with a keyboard, but no dialog, store or limiter.

Both get one extra handler in a later group that writes the update id to the pipe once
the bot's own handler has finished (every reply sent): that is how the driver knows a
person may act again. The process prints "ready" on the pipe once polling, and stops on
SIGTERM (or after BENCH_MAX_SECONDS)."""

from __future__ import annotations

import asyncio
import contextlib
import cProfile
import html
import logging
import os
import signal
import sys
from pathlib import Path
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, ParseMode
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bench.script import TODAY

MAX_SECONDS = float(os.environ.get("BENCH_MAX_SECONDS", "900"))


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text:
        await message.reply_text(message.text)


async def _answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()


QUESTION = (
    "<b>When do you plan to leave your job?</b>\n\nA month and year is enough, like "
    "<i>March 2027</i> or <i>next June</i>."
)
BUTTONS = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton(label, callback_data=f"q:{label.lower()}:1")]
        for label in ("Yes", "No", "Not sure")
    ]
)


async def _same_calls_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What our bot does for a typed answer: typing, the answer echoed, the next question."""
    message = update.effective_message
    if message is None or not message.text:
        return
    await context.bot.send_chat_action(message.chat_id, ChatAction.TYPING)
    await message.reply_text(f"<b>{html.escape(message.text)}</b> ✔︎")
    await message.reply_text(QUESTION, reply_markup=BUTTONS)


async def _same_calls_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What our bot does for a press: typing, answer the query, mark the pressed question,
    the next question."""
    query = update.callback_query
    if query is None or not isinstance(query.message, Message):
        return
    await context.bot.send_chat_action(query.message.chat_id, ChatAction.TYPING)
    await query.answer()
    await query.edit_message_text(f"{query.message.text_html}\n\n→ Yes")
    await context.bot.send_message(query.message.chat_id, QUESTION, reply_markup=BUTTONS)


async def _until_stopped(stop: asyncio.Event, profiler: cProfile.Profile | None) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), MAX_SECONDS)
    if profiler is not None:
        profiler.disable()


async def _serve(kind: str, notify_fd: int, profiler: cProfile.Profile | None) -> dict[str, Any]:
    base_url = os.environ["BENCH_API_URL"]
    token = os.environ["BENCH_TOKEN"]

    async def handled(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if isinstance(update, Update):
            os.write(notify_fd, f"{update.update_id}\n".encode())

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    if profiler is not None:  # the driver starts the profile after its warm-up
        loop.add_signal_handler(signal.SIGUSR1, profiler.enable)
    stats: dict[str, Any] = {}
    transport = os.environ.get("BENCH_TRANSPORT")
    if kind == "ours":
        from bot.settings import Settings
        from bot.shell import shell_of
        from bot.store import SqliteStore
        from bot.telegram_app import build_application, start_bot

        settings = Settings(
            _env_file=None,
            telegram_bot_token=token,
            telegram_api_base_url=base_url,
            storage_url=f"sqlite:///{os.environ['BENCH_DB']}",
            mode="polling",
            today=TODAY,
            log_level="WARNING",
            # The flood limit holds requests to 30 a second: right against Telegram, but
            # it would make this a benchmark of that limit.
            telegram_rate_limit=0 if os.environ.get("BENCH_UNLIMITED") == "1" else 30,
        )
        store = SqliteStore(Path(os.environ["BENCH_DB"]))
        requests = None
        if transport == "httpx":
            requests = (HTTPXRequest(), HTTPXRequest(connection_pool_size=256))
        application = build_application(settings, store, requests=requests)
        application.add_handler(TypeHandler(Update, handled), group=1)
        running = await start_bot(application, settings)
        os.write(notify_fd, b"ready\n")
        await _until_stopped(stop, profiler)
        await running.stop()
        await store.close()
        stats["errors"] = shell_of(application).error_count
    else:
        builder = ApplicationBuilder().token(token).base_url(base_url).concurrent_updates(64)
        if transport == "aiohttp":
            from bot.transport import AiohttpRequest

            builder = builder.request(AiohttpRequest()).get_updates_request(AiohttpRequest(1))
        if kind == "echo":
            echo = builder.build()
            echo.add_handler(MessageHandler(filters.TEXT, _echo))
            echo.add_handler(CallbackQueryHandler(_answer))
        else:
            echo = builder.defaults(Defaults(parse_mode=ParseMode.HTML)).build()
            echo.add_handler(MessageHandler(filters.TEXT, _same_calls_text))
            echo.add_handler(CallbackQueryHandler(_same_calls_press))
        echo.add_handler(TypeHandler(Update, handled), group=1)
        await echo.initialize()
        await echo.start()
        assert echo.updater is not None
        await echo.updater.start_polling()
        os.write(notify_fd, b"ready\n")
        await _until_stopped(stop, profiler)
        await echo.updater.stop()
        await echo.stop()
        await echo.shutdown()
        stats["errors"] = 0
    return stats


def main() -> int:
    kind = sys.argv[1]
    if kind not in ("ours", "echo", "same-calls"):
        raise SystemExit("usage: python -m bench.bot_process ours|echo|same-calls")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    notify_fd = int(os.environ["BENCH_NOTIFY_FD"])
    profile_path = os.environ.get("BENCH_PROFILE")
    profiler = cProfile.Profile() if profile_path else None
    stats = asyncio.run(_serve(kind, notify_fd, profiler))
    if profiler is not None and profile_path:
        profiler.dump_stats(profile_path)
    os.write(notify_fd, f"errors {stats['errors']}\n".encode())
    os.close(notify_fd)
    return 0


if __name__ == "__main__":
    sys.exit(main())
