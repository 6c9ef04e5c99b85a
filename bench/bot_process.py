"""A bot under test, in its own process so that its CPU time is its own:
`python -m bench.bot_process ours|echo`, configured by BENCH_API_URL and BENCH_TOKEN (the
fake Bot API), BENCH_DB (our SQLite file) and BENCH_NOTIFY_FD (a pipe to the driver).

- ours: `build_application` with a SqliteStore, started by `start_bot` in polling mode as
  `python -m bot` runs it, with the 30 messages/s flood limit lifted (else the benchmark
  would measure that limit);
- echo: a bare PTB Application, PTB's defaults, concurrent_updates(64) as ours: text is
  replied to with the same text, a button press is answered.

Both write each update's id to the pipe once their own handler has finished (every reply
sent), so the driver knows a person may act again; "ready" once polling. They stop on
SIGTERM, with exit status 1 if any update failed."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from pathlib import Path

from telegram import Update
from telegram.ext import (
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
    """A button press answered; text replied to with the same text."""
    message = update.effective_message
    if update.callback_query is not None:
        await update.callback_query.answer()
    elif message is not None and message.text:
        await message.reply_text(message.text)


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


async def serve_echo(notify_fd: int) -> int:
    """The bare echo bot until SIGTERM; it counts no errors."""
    builder = ApplicationBuilder().token(os.environ["BENCH_TOKEN"]).concurrent_updates(64)
    application = builder.base_url(os.environ["BENCH_API_URL"]).build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.add_handler(CallbackQueryHandler(echo))
    application.add_handler(notifier(notify_fd), group=1)
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
    if errors:
        logging.error("%s: %d errors in handling updates", sys.argv[1], errors)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
