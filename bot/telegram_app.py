"""Building and running the Telegram bot: `run(settings)` (blocking, what `make run` calls),
`build_application(settings, store)` (the PTB Application, used by `run` and by the tests),
`start_bot` / `RunningBot.stop` (start polling or the webhook server on an initialised
Application and stop it again).

The pieces: bot/shell.py (the update handler), bot/polling.py (getUpdates that confirms an
update only once handled and saved), bot/webhook.py (the same promise over HTTP),
bot/requests.py (pacing, retries), bot/transport.py (HTTP to the Bot API), bot/logs.py
(redaction).

PTB's `run_polling` / `run_webhook` are not used: both confirm an update to Telegram
before its handler ran (the Updater advances the offset on fetch; PTB's webhook server
answers 200 on receipt), which is the promise this bot keeps. PTB's own `initialize`,
`start`, `stop` and `shutdown` are, in that order; `run` adds the signal handling."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import tornado.httpserver
import tornado.netutil
import tornado.web
from telegram import (
    BotCommand,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError
from telegram.ext import ApplicationBuilder, Defaults, TypeHandler
from telegram.request import BaseRequest, HTTPXRequest

from bot import texts
from bot.conversation import Conversations
from bot.logs import configure_logging, quiet_http_logs
from bot.polling import Poller
from bot.reminders import ReminderClock, clock_of
from bot.requests import PatientRateLimiter
from bot.settings import Settings, SettingsError, bot_token
from bot.shell import ALLOWED_UPDATES, NO_PREVIEW, TelegramApp, TelegramShell, shell_of
from bot.store import SessionStore, open_store, reach
from bot.transport import (
    CONNECTION_POOL_SIZE,
    DEFAULT_TIMEOUT,
    AiohttpRequest,
    UpdatesRequest,
    timeouts,
)
from bot.webhook import start_metrics_server, start_webhook_server
from dialogs.render import set_operator_contact

log = logging.getLogger(__name__)


# ---- building and running ----------------------------------------------------------------


def build_application(
    settings: Settings,
    store: SessionStore,
    today: Callable[[], date] | None = None,
    *,
    request_timeout: float = DEFAULT_TIMEOUT,
    requests: tuple[BaseRequest, BaseRequest] | None = None,
) -> TelegramApp:
    """The PTB Application with our one handler, error handler, rate limiter and HTML
    defaults, talking to `settings.telegram_api_base_url` through bot/transport.py (or
    `requests`: the one for getUpdates, then the one for every other call). Not yet
    initialised."""
    quiet_http_logs()
    # The reminder clock follows a fixed "today" (tests, demos), else real time.
    real_time = today is None and settings.today is None
    if today is None:
        fixed = settings.today
        today = (lambda: fixed) if fixed is not None else date.today
    reminder_clock = ReminderClock(store, clock_of(None if real_time else today))
    set_operator_contact(settings.operator_contact)
    shell = TelegramShell(Conversations(store, today, settings.store_retry_seconds), today)
    get_updates, calls = requests or transports(settings, request_timeout)
    application: TelegramApp = (
        ApplicationBuilder()
        .token(bot_token(settings))
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_file_base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW))
        .rate_limiter(PatientRateLimiter(overall_max_rate=settings.telegram_rate_limit))
        .updater(None)  # bot.polling.Poller confirms an update only once it is handled
        .get_updates_request(get_updates)
        .request(calls)
        .job_queue(None)
        .build()
    )
    application.bot_data["shell"] = shell
    application.bot_data["reminders"] = reminder_clock
    application.add_handler(TypeHandler(Update, shell.on_update))
    application.add_error_handler(shell.on_error)
    return application


def transports(settings: Settings, timeout: float) -> tuple[BaseRequest, BaseRequest]:
    """The HTTP clients to the Bot API (one for getUpdates, one for every other call):
    ours over aiohttp (bot/transport.py; getUpdates parses only updates it has not seen),
    or python-telegram-bot's own HTTPXRequest with
    TELEGRAM_TRANSPORT=httpx."""
    if settings.telegram_transport == "httpx":
        return (_httpx(1, timeout), _httpx(CONNECTION_POOL_SIZE, timeout))
    return (
        UpdatesRequest(1, **timeouts(timeout)),
        AiohttpRequest(CONNECTION_POOL_SIZE, **timeouts(timeout)),
    )


def _httpx(pool: int, timeout: float) -> HTTPXRequest:
    return HTTPXRequest(
        connection_pool_size=pool,
        read_timeout=timeout,
        write_timeout=timeout,
        connect_timeout=timeout,
        pool_timeout=timeout,
    )


async def register_profile(bot: Any) -> None:
    """Commands menu and descriptions. Cosmetic: a failure is logged, not fatal."""
    try:
        await bot.set_my_commands([BotCommand(name, about) for name, about in texts.COMMANDS])
        await bot.set_my_short_description(texts.SHORT_DESCRIPTION)
        await bot.set_my_description(texts.DESCRIPTION)
    except TelegramError as error:
        log.warning("could not register the commands menu: %s", type(error).__name__)


@dataclass
class RunningBot:
    application: TelegramApp
    webhook_server: tornado.httpserver.HTTPServer | None = None
    webhook_port: int | None = None
    poller: Poller | None = None
    metrics_server: tornado.httpserver.HTTPServer | None = None
    metrics_port: int | None = None
    _stopped: bool = field(default=False, repr=False)

    @property
    def shell(self) -> TelegramShell:
        return shell_of(self.application)

    @property
    def reminders(self) -> ReminderClock:
        clock = self.application.bot_data["reminders"]
        assert isinstance(clock, ReminderClock)
        return clock

    async def stop(self) -> None:
        """Stop receiving, finish what is in hand, close connections. The webhook stays
        registered: other processes behind it keep serving."""
        if self._stopped:
            return
        self._stopped = True
        await self.reminders.stop()
        for server in (self.webhook_server, self.metrics_server):
            if server is not None:
                server.stop()
                await server.close_all_connections()
        if self.poller is not None:
            await self.poller.stop()
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()


async def _initialise(application: TelegramApp) -> None:
    """getMe until the Bot API answers: a network outage at start-up is waited out, a
    rejected token is not (InvalidToken)."""
    await _until_done(application.bot.initialize, "Bot API not reachable", NetworkError)
    await application.initialize()


async def _until_done(
    call: Callable[[], Awaitable[object]], failure: str, retried: type[TelegramError]
) -> None:
    """`call` again, waiting longer each time (up to 30 s), while it fails with `retried`;
    a bad request or a rejected token is raised at once."""
    delay = 0.5
    while True:
        try:
            await call()
            return
        except (BadRequest, InvalidToken):
            raise
        except retried as error:
            log.warning("%s (%s); retrying in %.0f s", failure, type(error).__name__, delay)
            await asyncio.sleep(delay)
            delay = min(30.0, delay * 2)


async def start_bot(application: TelegramApp, settings: Settings) -> RunningBot:
    """Initialise, register the profile, then poll or serve the webhook per settings."""
    try:
        await _initialise(application)
        await register_profile(application.bot)
        await application.start()
    except BaseException:
        # A rejected token or a stop request: close the connections opened so far.
        with contextlib.suppress(TelegramError, RuntimeError):
            await application.bot.shutdown()
        raise
    running = RunningBot(application)
    # First scan now: what came due while the bot was down goes out (saying it is late).
    running.reminders.start(application.bot)
    try:
        await _start_receiving(running, settings)
    except BaseException:
        await running.stop()
        raise
    return running


async def _start_receiving(running: RunningBot, settings: Settings) -> None:
    application = running.application
    if settings.mode == "webhook":
        running.webhook_server, running.webhook_port = start_webhook_server(application, settings)
        secret = settings.webhook_secret_token
        await application.bot.set_webhook(
            url=settings.webhook_url or "",
            secret_token=None if secret is None else secret.get_secret_value(),
            allowed_updates=ALLOWED_UPDATES,
        )
        log.info("Webhook mode: listening on %s:%s", settings.webhook_listen, running.webhook_port)
    else:
        await _delete_webhook(application)
        running.poller = Poller(application, ALLOWED_UPDATES)
        running.poller.start()
        log.info("Polling mode: @%s is answering", application.bot.username)
        if settings.metrics_port is not None:
            running.metrics_server, running.metrics_port = start_metrics_server(
                application, settings.webhook_listen, settings.metrics_port
            )
            log.info("Metrics and health on %s:%s", settings.webhook_listen, running.metrics_port)


async def _delete_webhook(application: TelegramApp) -> None:
    """getUpdates is refused while a webhook is set (a switch from webhook mode)."""
    await _until_done(
        lambda: application.bot.delete_webhook(drop_pending_updates=False),
        "deleteWebhook failed",
        TelegramError,
    )


class StoreStartError(RuntimeError):
    """The session store cannot be opened or reached at start-up."""


async def open_store_or_fail(settings: Settings) -> SessionStore:
    """The session store, opened and reached once: a store that cannot be used is a
    start-up error (one line, non-zero exit), not an apology to the first person."""
    scheme = settings.storage_url.split("://")[0]
    store: SessionStore | None = None
    try:
        store = open_store(settings.storage_url, settings.session_ttl_seconds)
        problem = await reach(store)
    except Exception as error:
        if store is not None:
            with contextlib.suppress(Exception):
                await store.close()
        raise StoreStartError(
            f"the session store ({scheme}) is not usable: {type(error).__name__}: {error}"
        ) from None
    if problem:
        log.warning("Redis: %s", problem)
    return store


async def serve(settings: Settings, stop: asyncio.Event) -> None:
    """Run the bot until `stop` is set."""
    store = await open_store_or_fail(settings)
    application = build_application(settings, store)
    try:
        # A stop request must work while start-up still waits for an unreachable Bot API.
        starting = asyncio.create_task(start_bot(application, settings))
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait({starting, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if not starting.done():
            starting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await starting
            await RunningBot(application).stop()
            with contextlib.suppress(TelegramError, RuntimeError):
                await application.bot.shutdown()
            return
        stopping.cancel()
        running = starting.result()
        try:
            await stop.wait()
        finally:
            await running.stop()
    finally:
        await store.close()


def run(settings: Settings) -> None:
    """Start the bot and block until SIGINT/SIGTERM. Configuration problems and a rejected
    token end the process with one line (SystemExit), not a traceback."""
    try:
        token = bot_token(settings)
    except SettingsError as error:
        raise SystemExit(str(error)) from None
    secret = settings.webhook_secret_token
    configure_logging(
        settings.log_level, token, None if secret is None else secret.get_secret_value()
    )

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(signum, stop.set)
        await serve(settings, stop)

    try:
        asyncio.run(main())
    except InvalidToken:
        # PTB's message quotes the token; ours does not.
        raise SystemExit(
            "Telegram rejected TELEGRAM_BOT_TOKEN. Check it with @BotFather (/token), "
            "then set it in the environment or .env."
        ) from None
    except (SettingsError, OSError, StoreStartError) as error:
        raise SystemExit(f"Cannot start the bot: {error}") from None
