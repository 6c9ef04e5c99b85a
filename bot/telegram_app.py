"""The Telegram shell: python-telegram-bot in, `dialogs` events out, replies back as messages.

Entry points: `run(settings)` (blocking, what `make run` calls), `build_application(settings,
store)` (the PTB Application, used by `run` and by the tests), `start_bot` / `RunningBot.stop`
(start polling or the webhook server on an initialised Application and stop it again).

What the shell does, and why:
- One handler for every update. Private messages, commands and button presses go through
  `Conversations` (one session per private chat, each update applied once); replies become
  HTML messages with inline keyboards.
- After a press the question is edited to end with "→ <answer>" and loses its keyboard,
  so the chat reads like a transcript; every callback query is answered.
- Inline queries answer with the asker's own summary (`is_personal`, tiny cache): the Share
  button on the summary opens inline mode in any chat.
- Groups never collect answers: one deep link to a private chat per group.
- 429s wait for retry_after (AIORateLimiter); 5xx and dropped connections are retried a few
  times; the polling loop retries getUpdates forever.
- Nothing personal is logged above DEBUG; the token never is (httpx logs URLs, so it is
  kept at WARNING and a filter redacts the token from every record)."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import html
import json
import logging
import re
import signal
import traceback
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import tornado.httpserver
import tornado.netutil
import tornado.web
from telegram import (
    BotCommand,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, Defaults, TypeHandler

from bot import keyboards, texts
from bot.conversation import ChatLocks, Conversations
from bot.keyboards import keyboard
from bot.polling import Poller
from bot.settings import Settings, SettingsError, bot_token
from bot.store import SessionStore, open_store
from dialogs import Command, Event, Reply, Text, summary

log = logging.getLogger(__name__)

TelegramApp = Application[Any, Any, Any, Any, Any, Any]
Context = Any  # PTB's CallbackContext, whose generics add nothing here

ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "inline_query"]
MAX_TEXT_LENGTH = 1000  # longer than any answer we ask for; protects the parser and the logs
MAX_MESSAGE_LENGTH = 4096
MAX_ALERT_LENGTH = 200
INLINE_CACHE_SECONDS = 0  # with is_personal, so no one is ever served another's summary
# Requests in flight at once: the pacing lets a burst of about 30 messages through, plus
# the unpaced press answers. PTB's default pool is 256, and httpcore scans every pooled
# connection on each request, idle ones included (docs/benchmarks.md).
CONNECTION_POOL_SIZE = 32
TYPING_AFTER = 1.0  # seconds without a reply before "typing…" is shown
SEND_ATTEMPTS = 3  # a Bot API request that failed on the way (5xx, dropped) is tried again
REMEMBERED_CHATS = 100_000
REMEMBERED_UPDATES = 5_000
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_WEBHOOK_BODY = 1 << 20
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
_COMMAND = re.compile(r"^/([A-Za-z0-9_]{1,64})(?:@([A-Za-z0-9_]+))?(?:\s+(.*))?$", re.DOTALL)
_TAG = re.compile(
    r"</?(?:b|strong|i|em|u|ins|s|strike|del|a|code|pre|blockquote|tg-spoiler|span|tg-emoji)"
    r"(?:\s[^<>]*)?>"
)


# ---- requests to the Bot API -------------------------------------------------------------


# Calls Telegram counts against its ~30 messages a second: the ones that put a message on
# someone's screen or change one. Answering a press, "typing…", inline answers, getUpdates
# and the profile calls are not messages and are never held back by the pacing.
PACED_ENDPOINTS = frozenset(
    {
        "sendMessage",
        "editMessageText",
        "editMessageReplyMarkup",
        "copyMessage",
        "forwardMessage",
        "sendPhoto",
        "sendDocument",
    }
)


class PatientRateLimiter(AIORateLimiter):
    """PTB's AIORateLimiter (Telegram's flood limits, 429 retry_after honoured) for the
    calls Telegram counts as messages (`PACED_ENDPOINTS`), which also retries a request
    that failed on the way: a 5xx or a dropped connection. A timed-out send is retried
    too; a rare duplicate message is better than a silent bot."""

    def __init__(
        self, overall_max_rate: float = 30, max_retries: int = 5, attempts: int = SEND_ATTEMPTS
    ) -> None:
        super().__init__(overall_max_rate=overall_max_rate, max_retries=max_retries)
        self._attempts = attempts

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        for attempt in range(1, self._attempts + 1):
            try:
                if endpoint not in PACED_ENDPOINTS:
                    return await callback(*args, **kwargs)
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except BadRequest:
                raise
            except NetworkError as error:
                if attempt == self._attempts:
                    raise
                log.warning(
                    "Bot API %s failed (%s), attempt %d of %d",
                    endpoint,
                    type(error).__name__,
                    attempt,
                    self._attempts,
                )
                await asyncio.sleep(0.1 * 2**attempt)
        raise AssertionError("unreachable")


# ---- the shell ---------------------------------------------------------------------------


@dataclass
class Pressed:
    """A button press being handled: the query and the message that carried the button."""

    query: CallbackQuery
    message: Message | None


def plain_text(text_html: str) -> str:
    """Telegram HTML as plain text (for alerts and the last-resort unformatted send)."""
    return html.unescape(_TAG.sub("", text_html))


def split_html(text_html: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Messages of at most `limit` characters. Replies are far shorter; should one not be,
    split between paragraphs (tags never span a blank line in our templates), and as a
    last resort cut a paragraph as escaped plain text."""
    if len(text_html) <= limit:
        return [text_html]
    chunks: list[str] = []
    current = ""
    for paragraph in text_html.split("\n\n"):
        pieces = [paragraph]
        if len(paragraph) > limit:
            flat = plain_text(paragraph)
            pieces = [
                html.escape(flat[i : i + limit // 2]) for i in range(0, len(flat), limit // 2)
            ]
        for piece in pieces:
            candidate = f"{current}\n\n{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                if current:
                    chunks.append(current)
                current = piece
    if current:
        chunks.append(current)
    return chunks


def event_from_text(text: str) -> Event:
    """A /command (with its deep-link payload or argument) or free text."""
    match = _COMMAND.match(text.strip())
    if match:
        return Command(name=match.group(1).lower(), argument=(match.group(3) or "").strip())
    return Text(text=text)


class _Bounded(OrderedDict[int | str, Any]):
    """A dict that forgets its oldest entries, for per-chat memory kept in this process."""

    def __init__(self, limit: int = REMEMBERED_CHATS) -> None:
        super().__init__()
        self.limit = limit

    def remember(self, key: int | str, value: Any) -> None:
        self[key] = value
        self.move_to_end(key)
        while len(self) > self.limit:
            self.popitem(last=False)


class TelegramShell:
    def __init__(self, conversations: Conversations, today: Callable[[], date]) -> None:
        self.conversations = conversations
        self.today = today
        self._invited_groups = _Bounded()
        # One chat's updates in order, replies included (Conversations locks only the step).
        self._chat_locks = ChatLocks()
        # Only recent updates and presses matter here (the session store keeps the record
        # that counts), so these stay small: the soak saw them grow memory steadily.
        self._handled = _Bounded(REMEMBERED_UPDATES)
        self._answered_queries = _Bounded(REMEMBERED_UPDATES)
        self._handled_event = asyncio.Event()
        self.handled_count = 0
        self.error_count = 0
        self._tasks: set[asyncio.Task[None]] = set()

    def _background(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._tasks.add(task)  # the loop keeps only weak references to tasks
        task.add_done_callback(self._tasks.discard)

    # -- bookkeeping the tests (and a health check) can watch

    def _mark_handled(self, update: object) -> None:
        if isinstance(update, Update):
            self._handled.remember(update.update_id, True)
        self.handled_count += 1
        event, self._handled_event = self._handled_event, asyncio.Event()
        event.set()

    async def wait_handled(self, update_id: int, timeout: float = 5.0) -> None:
        """Until this update went through the handler (successfully or not)."""
        async with asyncio.timeout(timeout):
            while update_id not in self._handled:
                await self._handled_event.wait()

    # -- the one update handler

    async def on_update(self, update: Update, context: Context) -> None:
        bot = context.bot
        if update.inline_query is not None:
            await self._inline_query(update.inline_query, bot)
        elif update.callback_query is not None:
            await self._callback_query(update, update.callback_query, bot)
        elif update.edited_message is not None:
            if update.edited_message.chat.type == ChatType.PRIVATE:
                await self._send_text(bot, update.edited_message.chat.id, texts.EDITED)
        elif update.message is not None:
            await self._message(update, update.message, bot)
        self._mark_handled(update)

    async def _message(self, update: Update, message: Message, bot: Any) -> None:
        chat = message.chat
        if chat.type in (ChatType.GROUP, ChatType.SUPERGROUP):
            await self._invite_group(chat.id, bot)
            return
        if chat.type != ChatType.PRIVATE or message.from_user is None or message.from_user.is_bot:
            return
        if message.from_user.id != chat.id:
            return  # a private chat's messages come from its one person: anything else is forged
        if message.via_bot is not None and message.via_bot.id == bot.id:
            return  # the person shared their summary into this very chat: not an answer
        if message.text is None:
            await self._send_text(bot, chat.id, texts.NOT_TEXT)
            return
        if len(message.text) > MAX_TEXT_LENGTH:
            await self._send_text(bot, chat.id, texts.TOO_LONG.format(limit=MAX_TEXT_LENGTH))
            return
        event = event_from_text(message.text)
        async with self._chat_locks.hold(chat.id):
            await self._converse(bot, chat.id, event, update.update_id, None)

    async def _callback_query(self, update: Update, query: CallbackQuery, bot: Any) -> None:
        message = query.message
        user_id = query.from_user.id
        # A press only ever reaches the session of the person pressing, in their own chat.
        if message is None or message.chat.type != ChatType.PRIVATE or message.chat.id != user_id:
            await self._answer(query)
            return
        choice = keyboards.decode(query.data or "")
        if choice is None:
            await self._answer(query, texts.BUTTON_OUTDATED)
            return
        pressed = Pressed(query, message if isinstance(message, Message) else None)
        async with self._chat_locks.hold(user_id):
            await self._converse(bot, user_id, choice, update.update_id, pressed)

    async def _converse(
        self, bot: Any, chat_id: int, event: Event, update_id: int, pressed: Pressed | None
    ) -> None:
        # "typing…" only when an answer is slow to come: it costs a paced request.
        typing = asyncio.get_running_loop().call_later(
            TYPING_AFTER, lambda: self._background(self._typing(bot, chat_id))
        )
        try:
            replies = await self.conversations.handle(chat_id, event, update_id)
        finally:
            typing.cancel()
        await self._deliver(bot, chat_id, replies, pressed, update_id)

    async def _deliver(
        self,
        bot: Any,
        chat_id: int,
        replies: list[Reply],
        pressed: Pressed | None,
        update_id: int,
    ) -> None:
        """Send the replies, one message each. A press costs at most one edit (the pressed
        question marked with its answer) besides them. After each message the store learns
        what is left, so a process killed half-way sends only the rest when Telegram
        delivers the update again."""
        left = list(replies)
        if pressed is not None:
            # One pop-up per press at most; a notice too long for one is sent as a message.
            alert = next((r for r in replies if r.alert), None)
            alert_text = None if alert is None else plain_text(alert.text).strip()
            if alert is not None and alert_text and len(alert_text) <= MAX_ALERT_LENGTH:
                left.remove(alert)
                await self._answer(pressed.query, alert_text)
            else:
                await self._answer(pressed.query)
            # Only notices (an outdated press) or nothing (a redelivery): the question
            # keeps its keyboard, as nothing was answered.
            if not all(r.alert for r in replies):
                await self._mark_choice(bot, pressed)
        if replies and not left:  # the pop-up was all there was to say
            await self.conversations.delivered(chat_id, update_id, [])
        while left:
            await self._send(bot, chat_id, left.pop(0))
            await self.conversations.delivered(chat_id, update_id, left)

    async def _answer(self, query: CallbackQuery, alert: str | None = None) -> None:
        """Answer a button press, once (Telegram refuses a second answer)."""
        self._answered_queries.remember(query.id, True)
        try:
            if alert is None:
                await query.answer()
            else:
                await query.answer(alert, show_alert=True)
        except BadRequest as error:
            # Telegram takes one answer per press. A redelivered update whose first delivery
            # (maybe in another process) answered already, or a press answered too late, is
            # refused: the person saw the first answer, so this is no error for them.
            log.debug("callback query not answered again: %s", error.message)

    async def _mark_choice(self, bot: Any, pressed: Pressed) -> None:
        """Edit the pressed question to end with "→ <label>" and drop its keyboard."""
        message = pressed.message
        if message is None or message.text is None:
            return
        label = None
        if message.reply_markup is not None:
            for row in message.reply_markup.inline_keyboard:
                for button in row:
                    if button.callback_data == pressed.query.data:
                        label = button.text
        try:
            if label is not None:
                text = message.text_html + texts.CHOSEN_ANSWER.format(label=html.escape(label))
                if len(text) <= MAX_MESSAGE_LENGTH:
                    await bot.edit_message_text(
                        text, chat_id=message.chat.id, message_id=message.message_id
                    )
                    return
            if message.reply_markup is not None:
                await bot.edit_message_reply_markup(
                    chat_id=message.chat.id, message_id=message.message_id, reply_markup=None
                )
        except BadRequest as error:
            # Not modified, too old to edit, deleted: the answer itself went through.
            log.debug("could not mark the pressed question: %s", error)

    async def _send(self, bot: Any, chat_id: int, reply: Reply) -> int | None:
        chunks = split_html(reply.text)
        message_id = None
        for index, chunk in enumerate(chunks):
            markup = keyboard(reply) if index == len(chunks) - 1 else None
            message_id = await self._send_html(bot, chat_id, chunk, markup)
        return message_id

    async def _send_html(
        self, bot: Any, chat_id: int, text: str, markup: InlineKeyboardMarkup | None
    ) -> int:
        try:
            message = await bot.send_message(chat_id, text, reply_markup=markup)
        except BadRequest as error:
            if "parse entities" not in str(error):
                raise
            # A template bug must not silence the bot: send the words without formatting.
            log.error("Telegram rejected a reply's HTML (%s); sending it as plain text", error)
            message = await bot.send_message(
                chat_id, plain_text(text), parse_mode=None, reply_markup=markup
            )
        return int(message.message_id)

    async def _send_text(self, bot: Any, chat_id: int, text: str) -> None:
        await bot.send_message(chat_id, text)

    async def _typing(self, bot: Any, chat_id: int) -> None:
        try:
            await bot.send_chat_action(chat_id, ChatAction.TYPING)
        except TelegramError as error:  # cosmetic: never worth failing the answer for
            log.debug("typing action failed: %s", type(error).__name__)

    async def _invite_group(self, chat_id: int, bot: Any) -> None:
        if chat_id in self._invited_groups:
            return
        self._invited_groups.remember(chat_id, True)
        link = deep_link(bot, "from_group")
        await bot.send_message(
            chat_id,
            texts.GROUP_INVITE.format(link=html.escape(link)),
            reply_markup=InlineKeyboardMarkup(
                [[InlineKeyboardButton(texts.OPEN_PRIVATE_CHAT, url=link)]]
            ),
        )

    async def _inline_query(self, query: InlineQuery, bot: Any) -> None:
        # Only the asker's own session: inline queries carry the sender, never a chat.
        session = await self.conversations.session(query.from_user.id)
        text = None if session is None else summary(session, self.today())
        if not text:
            await query.answer(
                [],
                cache_time=INLINE_CACHE_SECONDS,
                is_personal=True,
                button=InlineQueryResultsButton(texts.NOTHING_TO_SHARE, start_parameter="share"),
            )
            return
        text = split_html(text)[0]
        lines = [line for line in plain_text(text).splitlines() if line.strip()]
        article = InlineQueryResultArticle(
            id=hashlib.sha256(text.encode()).hexdigest()[:32],
            title=texts.SHARE_TITLE,
            description=lines[0][:100] if lines else None,
            input_message_content=InputTextMessageContent(
                text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
            ),
            reply_markup=InlineKeyboardMarkup(
                [[InlineKeyboardButton(texts.CHECK_YOUR_OWN, url=deep_link(bot, "shared"))]]
            ),
        )
        await query.answer([article], cache_time=INLINE_CACHE_SECONDS, is_personal=True)

    # -- errors

    async def on_error(self, update: object, context: Context) -> None:
        """Log what failed (no message texts or answers above DEBUG) and tell the person."""
        error = context.error
        try:
            self.error_count += 1
            kind = "no update"
            if isinstance(update, Update):
                kinds = [k for k in ALLOWED_UPDATES if getattr(update, k, None) is not None]
                kind = f"update {update.update_id} ({', '.join(kinds) or 'other'})"
            if isinstance(error, Forbidden):
                # Blocked by the user, or removed from a group: routine, nothing to fix.
                log.info("Telegram refused %s: %s", kind, error)
                return
            if error is not None:
                frames = "".join(traceback.format_tb(error.__traceback__))
                log.error("%s while handling %s\n%s", type(error).__name__, kind, frames.rstrip())
                log.debug("details", exc_info=error)
            if isinstance(update, Update):
                await self._apologise(update, context.bot)
        except Exception as failure:  # the error handler must never raise
            log.warning("error handler failed: %s", type(failure).__name__)
        finally:
            if isinstance(update, Update):
                self._mark_handled(update)

    async def _apologise(self, update: Update, bot: Any) -> None:
        query = update.callback_query
        if query is not None and query.id not in self._answered_queries:
            with contextlib.suppress(TelegramError):
                await self._answer(query)
        chat = update.effective_chat
        if chat is None or chat.type != ChatType.PRIVATE:
            return
        try:
            await bot.send_message(chat.id, texts.ERROR)
        except TelegramError as error:
            log.warning("could not tell the user about the error: %s", type(error).__name__)


def deep_link(bot: Any, payload: str) -> str:
    return f"https://t.me/{bot.username}?start={payload}"


# ---- building and running ----------------------------------------------------------------


def build_application(
    settings: Settings,
    store: SessionStore,
    today: Callable[[], date] | None = None,
    *,
    request_timeout: float = 15.0,
) -> TelegramApp:
    """The PTB Application with our one handler, error handler, rate limiter and HTML
    defaults, talking to `settings.telegram_api_base_url`. Not yet initialised."""
    quiet_http_logs()
    if today is None:
        fixed = settings.today
        today = (lambda: fixed) if fixed is not None else date.today
    shell = TelegramShell(Conversations(store, today), today)
    application: TelegramApp = (
        ApplicationBuilder()
        .token(bot_token(settings))
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_file_base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW))
        .rate_limiter(PatientRateLimiter(overall_max_rate=settings.telegram_rate_limit))
        .updater(None)  # bot.polling.Poller confirms an update only once it is handled
        .connection_pool_size(CONNECTION_POOL_SIZE)
        .job_queue(None)
        .connect_timeout(request_timeout)
        .read_timeout(request_timeout)
        .write_timeout(request_timeout)
        .pool_timeout(request_timeout)
        .build()
    )
    application.bot_data["shell"] = shell
    application.add_handler(TypeHandler(Update, shell.on_update))
    application.add_error_handler(shell.on_error)
    return application


def shell_of(application: TelegramApp) -> TelegramShell:
    shell = application.bot_data["shell"]
    assert isinstance(shell, TelegramShell)
    return shell


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
    _stopped: bool = field(default=False, repr=False)

    @property
    def shell(self) -> TelegramShell:
        return shell_of(self.application)

    async def stop(self) -> None:
        """Stop receiving, finish what is in hand, close connections. The webhook stays
        registered: other processes behind it keep serving."""
        if self._stopped:
            return
        self._stopped = True
        if self.webhook_server is not None:
            self.webhook_server.stop()
            await self.webhook_server.close_all_connections()
        if self.poller is not None:
            await self.poller.stop()
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()


async def _initialise(application: TelegramApp) -> None:
    """getMe until the Bot API answers: a network outage at start-up is waited out, a
    rejected token is not (InvalidToken)."""
    delay = 0.5
    while True:
        try:
            await application.bot.initialize()
            break
        except (BadRequest, InvalidToken):
            raise
        except NetworkError as error:
            log.warning(
                "Bot API not reachable (%s); retrying in %.0f s", type(error).__name__, delay
            )
            await asyncio.sleep(delay)
            delay = min(30.0, delay * 2)
    await application.initialize()


async def start_bot(application: TelegramApp, settings: Settings) -> RunningBot:
    """Initialise, register the profile, then poll or serve the webhook per settings."""
    await _initialise(application)
    await register_profile(application.bot)
    await application.start()
    running = RunningBot(application)
    try:
        await _start_receiving(running, settings)
    except BaseException:
        await running.stop()
        raise
    return running


async def _start_receiving(running: RunningBot, settings: Settings) -> None:
    application = running.application
    if settings.mode == "webhook":
        running.webhook_server, running.webhook_port = _start_webhook_server(application, settings)
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


async def _delete_webhook(application: TelegramApp) -> None:
    """getUpdates is refused while a webhook is set (a switch from webhook mode)."""
    delay = 0.5
    while True:
        try:
            await application.bot.delete_webhook(drop_pending_updates=False)
            return
        except (BadRequest, InvalidToken):
            raise
        except TelegramError as error:
            log.warning("deleteWebhook failed (%s); retrying", type(error).__name__)
            await asyncio.sleep(delay)
            delay = min(30.0, delay * 2)


class _WebhookHandler(tornado.web.RequestHandler):
    def initialize(self, bot_application: TelegramApp, secret: str) -> None:
        self.bot_application = bot_application
        self.secret = secret

    def check_xsrf_cookie(self) -> None:
        pass

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            self.send_error(403)
            return
        try:
            data = json.loads(self.request.body)
            update = Update.de_json(data, self.bot_application.bot)
        except (ValueError, TypeError, KeyError, AttributeError):
            log.warning("webhook: not a Telegram update")
            self.send_error(400)
            return
        # Acknowledge only once the update is handled and its answers saved: if this
        # process dies first, Telegram delivers it again (to this or another process),
        # and the session's record of applied updates keeps a repeat from counting twice.
        await self.bot_application.process_update(update)
        self.set_status(200)
        self.finish()

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.finish(f"{status_code}\n")


class _HealthHandler(tornado.web.RequestHandler):
    def initialize(self, bot_application: TelegramApp) -> None:
        self.bot_application = bot_application

    def get(self) -> None:
        if self.bot_application.running:
            self.finish(
                {"status": "ok", "handled_updates": shell_of(self.bot_application).handled_count}
            )
        else:
            self.set_status(503)
            self.finish({"status": "stopping"})


def _start_webhook_server(
    application: TelegramApp, settings: Settings
) -> tuple[tornado.httpserver.HTTPServer, int]:
    secret = settings.webhook_secret_token
    if secret is None:
        raise SettingsError("MODE=webhook needs WEBHOOK_SECRET_TOKEN")
    app = tornado.web.Application(
        [
            (
                re.escape(settings.webhook_path),
                _WebhookHandler,
                {"bot_application": application, "secret": secret.get_secret_value()},
            ),
            (r"/healthz", _HealthHandler, {"bot_application": application}),
        ]
    )
    server = tornado.httpserver.HTTPServer(app, max_body_size=MAX_WEBHOOK_BODY, xheaders=True)
    sockets = tornado.netutil.bind_sockets(settings.webhook_port, settings.webhook_listen)
    server.add_sockets(sockets)
    return server, int(sockets[0].getsockname()[1])


class RedactToken(logging.Filter):
    """Belt and braces: no log record may carry the bot token, whatever logged it; nor the
    webhook secret (PTB logs every request's parameters at DEBUG, setWebhook's included)."""

    def __init__(self, token: str, webhook_secret: str | None = None) -> None:
        super().__init__()
        self.secrets = [
            (secret, label)
            for secret, label in ((token, "<token>"), (webhook_secret, "<webhook secret>"))
            if secret
        ]

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secrets:
            message = redacted = record.getMessage()
            for secret, label in self.secrets:
                redacted = redacted.replace(secret, label)
            if redacted != message:
                record.msg = redacted
                record.args = None
        return True


def configure_logging(level: str, token: str, webhook_secret: str | None = None) -> None:
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True
    )
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactToken(token, webhook_secret))
    quiet_http_logs()


def quiet_http_logs() -> None:
    # httpx logs every request URL, and so the token, at INFO (httpcore at DEBUG).
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


async def serve(settings: Settings, stop: asyncio.Event) -> None:
    """Run the bot until `stop` is set."""
    store = open_store(settings.storage_url, settings.session_ttl_seconds)
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
    except (SettingsError, OSError) as error:
        raise SystemExit(f"Cannot start the bot: {error}") from None
