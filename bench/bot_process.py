"""A bot under test, in its own process so its CPU time is its own.

`python -m bench.bot_process ours|echo` with, in the environment: BENCH_API_URL and
BENCH_TOKEN (the fake Bot API), BENCH_DB (SQLite file for our sessions) and
BENCH_NOTIFY_FD (a pipe to the driver).

- ours: `bot.telegram_app.build_application` with a SqliteStore, started by `start_bot`
  in polling mode, as `python -m bot` runs it, with the flood limiter's 30 messages/s cap
  lifted (with it on, the benchmark would only measure that cap).
- echo: a bare PTB Application with PTB's defaults: a MessageHandler that replies with the
  same text and a CallbackQueryHandler that answers the query; concurrent_updates(64), as
  ours.

Both get one more handler, in a later group, that writes the update id to the pipe once
the bot's own handler has finished (every reply sent): that is how the driver knows a
person may act again. The process writes "ready" once polling, and stops on SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from pathlib import Path

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bench.script import TODAY

KINDS = ("ours", "echo")


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text:
        await message.reply_text(message.text)


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()


def notifier(notify_fd: int) -> TypeHandler[Update, ContextTypes.DEFAULT_TYPE, None]:
    async def handled(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        os.write(notify_fd, f"{update.update_id}\n".encode())

    return TypeHandler(Update, handled)


async def until_sigterm() -> None:
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()


async def serve_ours(notify_fd: int) -> int:
    """Our bot until SIGTERM; the number of errors its shell logged."""
    from bot.settings import Settings
    from bot.shell import shell_of
    from bot.store import SqliteStore
    from bot.telegram_app import build_application, start_bot

    settings = Settings(
        _env_file=None,
        telegram_bot_token=os.environ["BENCH_TOKEN"],
        telegram_api_base_url=os.environ["BENCH_API_URL"],
        storage_url=f"sqlite:///{os.environ['BENCH_DB']}",
        mode="polling",
        today=TODAY,
        log_level="WARNING",
        telegram_rate_limit=0,
    )
    store = SqliteStore(Path(os.environ["BENCH_DB"]))
    application = build_application(settings, store)
    application.add_handler(notifier(notify_fd), group=1)
    running = await start_bot(application, settings)
    os.write(notify_fd, b"ready\n")
    await until_sigterm()
    await running.stop()
    await store.close()
    return shell_of(application).error_count


def echo_application(notify_fd: int) -> Application:  # type: ignore[type-arg]
    builder = ApplicationBuilder().token(os.environ["BENCH_TOKEN"])
    application = builder.base_url(os.environ["BENCH_API_URL"]).concurrent_updates(64).build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.add_handler(CallbackQueryHandler(answer))
    application.add_handler(notifier(notify_fd), group=1)
    return application


async def serve_echo(notify_fd: int) -> int:
    """The bare echo bot until SIGTERM; it counts no errors."""
    application = echo_application(notify_fd)
    assert application.updater is not None
    async with application:
        await application.start()
        await application.updater.start_polling()
        os.write(notify_fd, b"ready\n")
        await until_sigterm()
        await application.updater.stop()
        await application.stop()
    return 0


def main() -> int:
    if len(sys.argv) != 2 or sys.argv[1] not in KINDS:
        raise SystemExit("usage: python -m bench.bot_process ours|echo")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    notify_fd = int(os.environ["BENCH_NOTIFY_FD"])
    serve = serve_ours if sys.argv[1] == "ours" else serve_echo
    errors = asyncio.run(serve(notify_fd))
    os.write(notify_fd, f"errors {errors}\n".encode())
    os.close(notify_fd)
    return 0


if __name__ == "__main__":
    sys.exit(main())
