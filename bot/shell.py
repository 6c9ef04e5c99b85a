"""The Telegram shell's update handler: python-telegram-bot in, `dialogs` events out,
replies back as messages. Building and running it: bot/telegram_app.py.

What the shell does, and why:
- One handler for every update. Private messages, commands and button presses go through
  `Conversations` (one session per private chat, each update applied once); replies become
  HTML messages with inline keyboards.
- One message per reply. After a press the question is edited to end with "→ <answer>"
  and loses its keyboard, so the chat reads like a transcript; every callback query is
  answered. "typing…" only when a reply takes over a second.
- Replies are saved with the session before they are sent (an outbox), and the store
  learns after each message what is left: a redelivered update sends only that.
- Inline queries answer with the asker's own summary (`is_personal`, tiny cache): the Share
  button on the summary opens inline mode in any chat.
- Groups never collect answers: one deep link to a private chat per group.
- Pacing, retries: bot/requests.py. Nothing personal is logged above DEBUG (bot/logs.py)."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import hashlib
import html
import logging
import re
import sqlite3
import time
import traceback
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import date
from typing import Any

from telegram import (
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
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application

from bot import metrics, sending, texts
from bot.bounded import Bounded
from bot.conversation import ChatLocks, Conversations
from bot.keyboards import Keyboard, keyboard
from bot.photos import Photos
from dialogs import Command, Event, Reply, Text, summary
from dialogs.actions import choice_of

log = logging.getLogger(__name__)

TelegramApp = Application[Any, Any, Any, Any, Any, Any]
Context = Any  # PTB's CallbackContext, whose generics add nothing here

ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "inline_query"]
MAX_TEXT_LENGTH = 1000  # longer than any answer we ask for; protects the parser and the logs
MAX_MESSAGE_LENGTH = 4096
MAX_ALERT_LENGTH = 200
INLINE_CACHE_SECONDS = 0  # with is_personal, so no one is ever served another's summary
TYPING_AFTER = 1.0  # seconds without a reply before "typing…" is shown
REMEMBERED_CHATS = 100_000
REMEMBERED_UPDATES = 5_000
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
_COMMAND = re.compile(r"^/([A-Za-z0-9_]{1,64})(?:@([A-Za-z0-9_]+))?(?:\s+(.*))?$", re.DOTALL)
_TAG = re.compile(
    r"</?(?:b|strong|i|em|u|ins|s|strike|del|a|code|pre|blockquote|tg-spoiler|span|tg-emoji)"
    r"(?:\s[^<>]*)?>"
)


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


class TelegramShell:
    def __init__(self, conversations: Conversations, today: Callable[[], date]) -> None:
        self.conversations = conversations
        self.today = today
        self.photos = Photos()  # the timeline picture and its Telegram file ids
        self._invited_groups: Bounded[int, bool] = Bounded(REMEMBERED_CHATS)
        # One chat's updates in order, replies included (Conversations locks only the step).
        self._chat_locks = ChatLocks()
        # Only recent updates and presses matter here (the session store keeps the record
        # that counts), so these stay small: the soak saw them grow memory steadily.
        self._answered_queries: Bounded[str, bool] = Bounded(REMEMBERED_UPDATES)
        self.handled_count = 0  # for /healthz
        self.error_count = 0
        self._disk_full_log = OncePerMinute("disk full: cannot save sessions")
        self._tasks: set[asyncio.Task[None]] = set()

    def _background(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._tasks.add(task)  # the loop keeps only weak references to tasks
        task.add_done_callback(self._tasks.discard)

    def _mark_handled(self, update: object) -> None:
        self.handled_count += 1

    # -- the one update handler

    async def on_update(self, update: Update, context: Context) -> None:
        """One INFO line per update for the operator: its id, kind, outcome and time; no
        chat id, no text, no answer."""
        started = time.perf_counter()
        outcome = "error"
        try:
            await self._dispatch(update, context)
            outcome = "ok"
        finally:
            kinds = [k for k in ALLOWED_UPDATES if getattr(update, k, None) is not None]
            kind, seconds = (kinds[0] if kinds else "other"), time.perf_counter() - started
            log.info("update %s %s %s %.1f ms", update.update_id, kind, outcome, seconds * 1000)
            metrics.UPDATES.labels(kind, outcome).inc()
            metrics.HANDLING_SECONDS.observe(seconds)

    async def _dispatch(self, update: Update, context: Context) -> None:
        bot = context.bot
        message = update.message or update.edited_message
        if message is not None and getattr(message, "chat", None) is None:
            # Telegram always sends a chat; a forged or broken update is not an error of ours.
            log.warning("update %s: a message without a chat, ignored", update.update_id)
        elif update.inline_query is not None:
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
        choice = choice_of(query.data or "")
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
            replies = await self.conversations.handle(
                chat_id,
                event,
                update_id,
                waiting=lambda: self._send_text(bot, chat_id, texts.ONE_MOMENT),
            )
        finally:
            typing.cancel()
        await self._deliver(bot, chat_id, replies, pressed, update_id)

    def _one_moment(self, bot: Any, chat_id: int) -> Callable[[], Awaitable[None]]:
        """What to say once while the store is tried again."""
        return lambda: self._send_text(bot, chat_id, texts.ONE_MOMENT)

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
        metrics.OUTBOX.inc(len(replies))  # in flight: saved with the session, not yet sent
        try:
            await self._send_all(bot, chat_id, replies, left, pressed, update_id)
        finally:
            metrics.OUTBOX.dec(len(replies))

    async def _send_all(
        self,
        bot: Any,
        chat_id: int,
        replies: list[Reply],
        left: list[Reply],
        pressed: Pressed | None,
        update_id: int,
    ) -> None:
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
            await self._delivered(chat_id, update_id, [])
        while left:
            reply = left.pop(0)
            if reply.text:  # empty: only the picture of a reply whose message went out
                await self._send(bot, chat_id, reply)
            if reply.timeline is not None:  # the picture right after its message
                # The message is struck off before the upload: a kill during the upload
                # repeats at most the picture, never the message before it.
                picture_only = reply.model_copy(update={"text": "", "options": []})
                await self._delivered(chat_id, update_id, [picture_only, *left])
                await self.photos.send(bot, chat_id, reply.timeline, reply.caption)
            await self._delivered(chat_id, update_id, left)

    async def _delivered(self, chat_id: int, update_id: int, left: list[Reply]) -> None:
        """Record what went out. The person already has the reply: a store that fails
        here is logged, never answered with an apology after it (a redelivery of this
        update may then repeat the reply; nothing is lost)."""
        try:
            await self.conversations.delivered(chat_id, update_id, left)
        except Exception as error:
            if disk_full(error):
                metrics.STORE_ERRORS.labels("disk_full").inc()
                self._disk_full_log.note()
            else:
                metrics.STORE_ERRORS.labels("other").inc()
                log.warning("could not record a delivered reply: %s", type(error).__name__)

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
                    await sending.edit_message_text(bot, message.chat.id, message.message_id, text)
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

    async def _send_html(self, bot: Any, chat_id: int, text: str, markup: Keyboard | None) -> int:
        try:
            return await sending.send_message(bot, chat_id, text, markup)
        except BadRequest as error:
            if "parse entities" not in str(error):
                raise
            # A template bug must not silence the bot: send the words without formatting.
            log.error("Telegram rejected a reply's HTML (%s); sending it as plain text", error)
            return await sending.send_message(
                bot, chat_id, plain_text(text), markup, parse_mode=None
            )

    async def _send_text(self, bot: Any, chat_id: int, text: str) -> None:
        await sending.send_message(bot, chat_id, text)

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
        assert session is not None
        shared = self.photos.shared(session, self.today(), text)  # the picture too, if sent
        await query.answer([article, *shared], cache_time=INLINE_CACHE_SECONDS, is_personal=True)

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
            if error is not None and disk_full(error):
                metrics.STORE_ERRORS.labels("disk_full").inc()
                self._disk_full_log.note()
                if isinstance(update, Update):
                    await self._apologise(update, context.bot, texts.DISK_FULL)
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

    async def _apologise(self, update: Update, bot: Any, text: str = texts.ERROR) -> None:
        query = update.callback_query
        if query is not None and query.id not in self._answered_queries:
            with contextlib.suppress(TelegramError):
                await self._answer(query)
        chat = update.effective_chat
        if chat is None or chat.type != ChatType.PRIVATE:
            return
        try:
            await bot.send_message(chat.id, text)
        except TelegramError as error:
            log.warning("could not tell the user about the error: %s", type(error).__name__)


def disk_full(error: BaseException) -> bool:
    """The store's disk (or SQLite's file) is full: nothing can be saved until space
    returns, and the next save after that works again without a restart."""
    if isinstance(error, sqlite3.OperationalError):
        return "full" in str(error)
    return isinstance(error, OSError) and error.errno == errno.ENOSPC


class OncePerMinute:
    """One log line for a repeated error: the first at once, then at most one a minute,
    with how many happened since the last line."""

    def __init__(self, message: str, seconds: float = 60.0) -> None:
        self.message, self.seconds = message, seconds
        self._last: float | None = None
        self._since = 0

    def note(self) -> None:
        self._since += 1
        now = time.monotonic()
        if self._last is None or now - self._last >= self.seconds:
            log.error("%s (%d time(s) since the last report)", self.message, self._since)
            self._last, self._since = now, 0


def deep_link(bot: Any, payload: str) -> str:
    return f"https://t.me/{bot.username}?start={payload}"


def shell_of(application: TelegramApp) -> TelegramShell:
    shell = application.bot_data["shell"]
    assert isinstance(shell, TelegramShell)
    return shell
