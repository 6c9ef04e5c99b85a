"""A small fake Telegram Bot API server for tests, on 127.0.0.1 only.

It runs tornado in its own thread, so sync and async tests, in-process bots and bot
subprocesses can all use it. It speaks the Bot API's JSON shapes for the methods our bot
calls, checks what a real server checks (HTML parse mode, button data, message to edit,
callback query ids) and stores messages the way Telegram does: plain text plus entities.

The test-facing API:

- `FakeBotApi()` / `start()` / `stop()` (or `with FakeBotApi() as api:`); `base_url` is what
  goes into TELEGRAM_API_BASE_URL, `token` the token it accepts.
- `user(user_id)` gives a `FakeUser` who sends texts, commands, stickers, photos, presses
  buttons and asks inline queries; `group(chat_id)` a group chat a user writes in.
- `queue_update(update)` for anything else: delivered by long polling (getUpdates) or, once
  the bot called setWebhook, POSTed to its webhook with the secret header, retried until 2xx.
- `post_to_webhook(update, secret_token=...)`: one POST with any header, returns the status.
- Inspection: `calls(method)`, `chat_messages(chat_id)` (current state, edits applied),
  `sent_texts(chat_id)`, `callback_answers`, `inline_answers`, `commands`, `descriptions`,
  `acknowledged(update_id)`, `invalid_requests` (400s that mean a bug in the bot: bad HTML,
  bad buttons, a callback query answered twice; "message is not modified" is not one).
- Faults: `add_fault(method, status=500 | 429 (retry_after=...) | 400 (description=
  "Bad Request: message to edit not found") | ..., delay=..., drop=True,
  times=1)`; `block(chat_id)` answers 403 "bot was blocked by the user".
- Crashes at named points: `kill_at(method, nth, taken=..., kill=...)` runs `kill` (a
  SIGKILL of the bot process) while the bot waits for the answer to its nth call of
  `method`: before the server took the request, or after (the message is in the chat,
  the bot never hears so: the duplicate window). Until the next process says getMe, the
  dead one's requests still on the wire are dropped untaken, as they never reached
  Telegram. The kill happens at that point however busy the machine is.
- Waiting without fixed sleeps: `await wait_for(predicate, timeout)` / `wait_for_sync`."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import tornado.httpserver
import tornado.iostream
import tornado.web

from tests.telegram.telegram_html import (
    TelegramHTMLError,
    check_message_html,
    parse_html,
    utf16_length,
)

TOKEN = "123456789:AAFakeTokenForTestsOnly-abcdefghijk"
BOT_ID = 123456789
BOT_USERNAME = "retirement_check_test_bot"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

# Telegram's default when allowed_updates is not given.
DEFAULT_EXCLUDED_UPDATES = {"chat_member", "message_reaction", "message_reaction_count"}
# Form fields that are plain strings even when they look like JSON ("123", "true").
STRING_FIELDS = {
    "text", "caption", "query", "secret_token", "url", "description", "short_description",
    "callback_query_id", "inline_query_id", "action", "parse_mode", "next_offset",
    "language_code", "ip_address", "inline_message_id",
}  # fmt: skip
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
BUTTON_FIELDS = {
    "callback_data", "url", "switch_inline_query", "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat", "login_url", "web_app", "pay", "copy_text",
    "callback_game",
}  # fmt: skip


class ApiError(Exception):
    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]
    status: int = 200
    error: str | None = None
    at: float = field(default_factory=time.monotonic)
    multipart: bool = False  # sent as multipart/form-data (an upload)


@dataclass
class Fault:
    method: str  # a Bot API method name, or "*"
    status: int | None = 500
    description: str | None = None
    retry_after: int | None = None
    delay: float = 0.0  # seconds before answering (longer than the bot's timeout: a timeout)
    drop: bool = False  # close the connection without an answer
    times: int = 1


@dataclass
class KillPoint:
    method: str  # a Bot API method name
    nth: int  # the nth call of `method` after the point was armed
    taken: bool  # the server took the request (its effect is visible) before the kill
    kill: Callable[[], None]
    counts: Callable[[dict[str, Any]], bool] | None = None  # which calls count (by params)
    seen: int = 0
    fired: threading.Event = field(default_factory=threading.Event)


def _error_body(error: ApiError) -> dict[str, Any]:
    body: dict[str, Any] = {
        "ok": False,
        "error_code": error.code,
        "description": error.description,
    }
    if error.parameters:
        body["parameters"] = error.parameters
    return body


class FakeBotApi:
    def __init__(self, token: str = TOKEN, username: str = BOT_USERNAME) -> None:
        self.token = token
        self.username = username
        self._lock = threading.RLock()
        self._update_ids = itertools.count(1000)
        self._message_ids: dict[int, Iterator[int]] = {}
        self._query_ids = itertools.count(1)
        self._pending: list[dict[str, Any]] = []
        self._acknowledged: set[int] = set()
        self._faults: list[Fault] = []
        self._kill_points: list[KillPoint] = []
        self._bot_dead = False  # a kill point fired; cleared by the next process's getMe
        self._blocked: set[int] = set()
        self._chats: dict[int, dict[str, Any]] = {}
        self._messages: dict[int, dict[int, dict[str, Any]]] = {}
        self._open_callback_queries: set[str] = set()
        self._open_inline_queries: set[str] = set()
        # Photos are kept apart from `chat_messages` (which the tests read as texts).
        self.photos: dict[int, list[dict[str, Any]]] = {}
        self.uploads: dict[str, bytes] = {}  # file_id -> the bytes uploaded
        self.requests: list[ApiCall] = []
        self.invalid_requests: list[ApiCall] = []
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.inline_answers: dict[str, dict[str, Any]] = {}
        self.commands: list[dict[str, Any]] = []
        self.descriptions: dict[str, str] = {}
        self.webhook_url = ""
        self.webhook_secret: str | None = None
        self.webhook_deliveries: list[tuple[int, int]] = []  # (update_id, HTTP status)
        self.allowed_updates: list[str] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: tornado.httpserver.HTTPServer | None = None
        self._wake: asyncio.Event | None = None
        self._closing = False
        self.port = 0

    # ---- lifecycle -------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    def start(self) -> FakeBotApi:
        ready = threading.Event()
        listening = socket.socket()
        listening.bind(("127.0.0.1", 0))
        listening.listen(128)
        listening.setblocking(False)
        self.port = listening.getsockname()[1]

        def serve() -> None:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            self._loop = loop
            self._wake = asyncio.Event()
            app = tornado.web.Application(
                [(r"/bot([^/]+)/([A-Za-z]+)", _ApiHandler, {"api": self})],
                log_function=lambda handler: None,  # access logs would show the token
            )
            self._server = tornado.httpserver.HTTPServer(app)
            self._server.add_sockets([listening])
            delivery = loop.create_task(self._deliver_to_webhook())
            ready.set()
            loop.run_forever()
            delivery.cancel()
            with contextlib.suppress(BaseException):
                loop.run_until_complete(delivery)
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

        self._thread = threading.Thread(target=serve, name="fake-bot-api", daemon=True)
        self._thread.start()
        ready.wait(5)
        return self

    def stop(self) -> None:
        loop = self._loop
        if loop is None or self._thread is None:
            return

        async def shutdown() -> None:
            self._closing = True
            self._notify()
            if self._server is not None:
                self._server.stop()
                await self._server.close_all_connections()
            loop.stop()

        asyncio.run_coroutine_threadsafe(shutdown(), loop)
        self._thread.join(10)
        self._thread = None

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _notify(self) -> None:
        """Wake long polls and webhook delivery (runs in the server thread)."""
        if self._wake is not None:
            wake, self._wake = self._wake, asyncio.Event()
            wake.set()

    def _notify_threadsafe(self) -> None:
        if self._loop is not None and not self._loop.is_closed():
            with contextlib.suppress(RuntimeError):
                self._loop.call_soon_threadsafe(self._notify)

    # ---- what tests do ---------------------------------------------------------------

    def user(self, user_id: int, first_name: str = "Ada", language_code: str = "en") -> FakeUser:
        return FakeUser(self, user_id, first_name, language_code)

    def group(self, chat_id: int, title: str = "Family", supergroup: bool = False) -> FakeGroup:
        return FakeGroup(self, chat_id, title, "supergroup" if supergroup else "group")

    def next_update_id(self) -> int:
        return next(self._update_ids)

    def queue_update(self, update: dict[str, Any]) -> int:
        """Hand an update to the bot, the way Telegram does in the current mode."""
        with self._lock:
            update.setdefault("update_id", self.next_update_id())
            self._pending.append(update)
        self._notify_threadsafe()
        return int(update["update_id"])

    async def post_to_webhook(
        self, update: dict[str, Any], secret_token: str | None, url: str | None = None
    ) -> int:
        """POST one update to the bot's webhook with this secret header (None: no header)."""
        headers = {} if secret_token is None else {SECRET_HEADER: secret_token}
        async with httpx.AsyncClient(timeout=5) as client:
            response = await client.post(url or self.webhook_url, json=update, headers=headers)
        return response.status_code

    def add_fault(
        self,
        method: str,
        status: int | None = 500,
        *,
        description: str | None = None,
        retry_after: int | None = None,
        delay: float = 0.0,
        drop: bool = False,
        times: int = 1,
    ) -> Fault:
        fault = Fault(method, status, description, retry_after, delay, drop, times)
        with self._lock:
            self._faults.append(fault)
        return fault

    def kill_at(
        self,
        method: str,
        nth: int,
        *,
        taken: bool,
        kill: Callable[[], None],
        counts: Callable[[dict[str, Any]], bool] | None = None,
    ) -> KillPoint:
        """Crash the bot at its nth call of `method` (only calls whose parameters
        `counts` accepts are counted; see the module's docstring)."""
        point = KillPoint(method, nth, taken, kill, counts)
        with self._lock:
            self._kill_points.append(point)
        return point

    def _kill_point(self, method: str, params: dict[str, Any]) -> KillPoint | None:
        """The armed point this call reaches, if any (disarmed once reached)."""
        with self._lock:
            for point in self._kill_points:
                if point.method.lower() == method.lower() and (
                    point.counts is None or point.counts(params)
                ):
                    point.seen += 1
                    if point.seen == point.nth:
                        self._kill_points.remove(point)
                        return point
        return None

    def _crash(self, point: KillPoint) -> None:
        with self._lock:
            self._bot_dead = True
        point.kill()
        point.fired.set()

    def block(self, chat_id: int) -> None:
        with self._lock:
            self._blocked.add(chat_id)

    def acknowledged(self, update_id: int) -> bool:
        """True once the bot confirmed the update (getUpdates offset or webhook 2xx)."""
        with self._lock:
            return update_id in self._acknowledged

    def unanswered_callback_queries(self) -> set[str]:
        with self._lock:
            return set(self._open_callback_queries)

    def calls(self, method: str | None = None) -> list[ApiCall]:
        with self._lock:
            return [
                call
                for call in self.requests
                if method is None or call.method.lower() == method.lower()
            ]

    def chat_messages(self, chat_id: int) -> list[dict[str, Any]]:
        """The bot's messages in this chat as they are now (edits applied), oldest first."""
        with self._lock:
            return [dict(message) for _, message in sorted(self._messages.get(chat_id, {}).items())]

    def sent_texts(self, chat_id: int) -> list[str]:
        """Every HTML text the bot sent or edited into this chat, in order."""
        return [
            str(call.params.get("text"))
            for call in self.calls()
            if call.status == 200
            and call.method.lower() in ("sendmessage", "editmessagetext")
            and call.params.get("chat_id") == chat_id
        ]

    async def wait_for(
        self, predicate: Callable[[], object], timeout: float = 5.0, what: str = "condition"
    ) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout} s waiting for {what}")
            await asyncio.sleep(0.005)

    def wait_for_sync(
        self, predicate: Callable[[], object], timeout: float = 5.0, what: str = "condition"
    ) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout} s waiting for {what}")
            time.sleep(0.005)

    # ---- building updates --------------------------------------------------------------

    def remember_chat(self, chat: dict[str, Any]) -> None:
        with self._lock:
            self._chats[int(chat["id"])] = chat

    def new_callback_query_id(self) -> str:
        query_id = f"cq{next(self._query_ids)}"
        with self._lock:
            self._open_callback_queries.add(query_id)
        return query_id

    def new_inline_query_id(self) -> str:
        query_id = f"iq{next(self._query_ids)}"
        with self._lock:
            self._open_inline_queries.add(query_id)
        return query_id

    def bot_user(self) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Retirement check",
            "username": self.username,
        }

    # ---- the Bot API ---------------------------------------------------------------------

    def _take_fault(self, method: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.times > 0 and fault.method.lower() in (method.lower(), "*"):
                    fault.times -= 1
                    return fault
        return None

    async def handle(self, token: str, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if token != self.token:
            raise ApiError(401, "Unauthorized")
        name = method.lower()
        if name == "getupdates":
            return await self._get_updates(params)
        handler = getattr(self, f"_api_{name}", None)
        if handler is None:
            raise ApiError(404, "Not Found")
        with self._lock:
            result = handler(params)
        return {"ok": True, "result": result}

    async def _get_updates(self, params: dict[str, Any]) -> dict[str, Any]:
        if self.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        if "allowed_updates" in params:
            self.allowed_updates = params["allowed_updates"] or None
        deadline = time.monotonic() + timeout
        while True:
            assert self._wake is not None
            wake = self._wake
            with self._lock:
                if offset:
                    for update in self._pending:
                        if update["update_id"] < offset:
                            self._acknowledged.add(int(update["update_id"]))
                    self._pending = [u for u in self._pending if u["update_id"] >= offset]
                self._drop_unwanted()
                ready = self._pending[:limit]
            remaining = deadline - time.monotonic()
            if ready or remaining <= 0 or self._closing:
                return {"ok": True, "result": ready}
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), remaining)

    def _drop_unwanted(self) -> None:
        def wanted(update: dict[str, Any]) -> bool:
            kinds = set(update) - {"update_id"}
            if self.allowed_updates:
                return bool(kinds & set(self.allowed_updates))
            return not kinds <= DEFAULT_EXCLUDED_UPDATES

        for update in self._pending:
            if not wanted(update):
                self._acknowledged.add(int(update["update_id"]))
        self._pending = [update for update in self._pending if wanted(update)]

    async def _deliver_to_webhook(self) -> None:
        async with httpx.AsyncClient(timeout=10) as client:
            while True:
                assert self._wake is not None
                wake = self._wake
                with self._lock:
                    self._drop_unwanted()
                    update = self._pending[0] if self.webhook_url and self._pending else None
                    url, secret = self.webhook_url, self.webhook_secret
                if update is None:
                    await wake.wait()
                    continue
                headers = {SECRET_HEADER: secret} if secret else {}
                try:
                    response = await client.post(url, json=update, headers=headers)
                    status = response.status_code
                except httpx.HTTPError:
                    status = 0
                with self._lock:
                    self.webhook_deliveries.append((int(update["update_id"]), status))
                    if 200 <= status < 300 and self._pending and self._pending[0] is update:
                        self._pending.pop(0)
                        self._acknowledged.add(int(update["update_id"]))
                if not 200 <= status < 300:
                    await asyncio.sleep(0.05)

    def _api_getme(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            **self.bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    def _api_logout(self, params: dict[str, Any]) -> bool:
        return True

    _api_close = _api_logout

    def _api_deletewebhook(self, params: dict[str, Any]) -> bool:
        self.webhook_url, self.webhook_secret = "", None
        if params.get("drop_pending_updates"):
            self._acknowledged.update(int(u["update_id"]) for u in self._pending)
            self._pending.clear()
        return True

    def _api_setwebhook(self, params: dict[str, Any]) -> bool:
        url = str(params.get("url") or "")
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        if params.get("drop_pending_updates"):
            self._acknowledged.update(int(u["update_id"]) for u in self._pending)
            self._pending.clear()
        self.webhook_url, self.webhook_secret = url, (str(secret) if secret else None)
        self.allowed_updates = params.get("allowed_updates") or None
        self._notify_threadsafe()
        return True

    def _api_getwebhookinfo(self, params: dict[str, Any]) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }
        if self.allowed_updates:
            info["allowed_updates"] = self.allowed_updates
        return info

    def _api_setmycommands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(400, "Bad Request: commands not found")
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command", ""))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise ApiError(400, "Bad Request: command description is empty or too long")
        self.commands = commands
        return True

    def _api_getmycommands(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        return self.commands

    def _api_setmydescription(self, params: dict[str, Any]) -> bool:
        description = str(params.get("description") or "")
        if len(description) > 512:
            raise ApiError(400, "Bad Request: description is too long")
        self.descriptions["description"] = description
        return True

    def _api_setmyshortdescription(self, params: dict[str, Any]) -> bool:
        description = str(params.get("short_description") or "")
        if len(description) > 120:
            raise ApiError(400, "Bad Request: short description is too long")
        self.descriptions["short_description"] = description
        return True

    def _api_sendchataction(self, params: dict[str, Any]) -> bool:
        self._chat_for(params)
        return True

    def _chat_for(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int):
            raise ApiError(400, "Bad Request: chat not found")
        if chat_id in self._blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        chat = self._chats.get(chat_id)
        if chat is None:
            raise ApiError(400, "Bad Request: chat not found")
        return chat

    def _content(self, params: dict[str, Any]) -> dict[str, Any]:
        text = params.get("text")
        if not isinstance(text, str) or not text:
            raise ApiError(400, "Bad Request: message text is empty")
        content: dict[str, Any] = {"text": text}
        if str(params.get("parse_mode") or "").upper() == "HTML":
            try:
                parsed = check_message_html(text)
            except TelegramHTMLError as error:
                raise ApiError(400, f"Bad Request: can't parse entities: {error}") from None
            content = {"text": parsed.text}
            if parsed.entities:
                content["entities"] = parsed.entities
        elif utf16_length(text) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        markup = params.get("reply_markup")
        if markup is not None:
            content["reply_markup"] = _checked_markup(markup)
        return content

    def _api_sendmessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat_for(params)
        content = self._content(params)
        ids = self._message_ids.setdefault(chat["id"], itertools.count(1))
        message = {
            "message_id": next(ids),
            "date": int(time.time()),
            "chat": chat,
            "from": self.bot_user(),
            **content,
        }
        self._messages.setdefault(chat["id"], {})[message["message_id"]] = message
        return message

    def _stored_message(self, params: dict[str, Any]) -> dict[str, Any]:
        if params.get("inline_message_id"):
            raise ApiError(400, "Bad Request: message to edit not found")
        chat = self._chat_for(params)
        message = self._messages.get(chat["id"], {}).get(params.get("message_id"))  # type: ignore[arg-type]
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        return message

    def _api_editmessagetext(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._stored_message(params)
        content = self._content(params)
        if all(
            message.get(key) == content.get(key) for key in ("text", "entities", "reply_markup")
        ):
            raise ApiError(400, NOT_MODIFIED)
        for key in ("entities", "reply_markup"):
            message.pop(key, None)
        message.update(content, edit_date=int(time.time()))
        return dict(message)

    def _api_editmessagereplymarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._stored_message(params)
        markup = params.get("reply_markup")
        new = None if markup is None else _checked_markup(markup)
        if new == message.get("reply_markup"):
            raise ApiError(400, NOT_MODIFIED)
        message.pop("reply_markup", None)
        if new is not None:
            message["reply_markup"] = new
        return dict(message)

    def _api_deletemessage(self, params: dict[str, Any]) -> bool:
        chat = self._chat_for(params)
        if self._messages.get(chat["id"], {}).pop(params.get("message_id"), None) is None:  # type: ignore[arg-type]
            raise ApiError(400, "Bad Request: message to delete not found")
        return True

    def _api_answercallbackquery(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id"))
        if query_id not in self._open_callback_queries:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self._open_callback_queries.discard(query_id)
        self.callback_answers[query_id] = params
        return True

    def _api_sendphoto(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat_for(params)
        photo = params.get("photo")
        if isinstance(photo, dict) and isinstance(photo.get("upload"), bytes):
            data = photo["upload"]
            if not data.startswith(b"\x89PNG\r\n\x1a\n") and not data.startswith(b"\xff\xd8"):
                raise ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
            file_id = f"AgACAgFake{len(self.uploads) + 1:06d}"
            self.uploads[file_id] = data
        elif isinstance(photo, str) and photo in self.uploads:
            file_id, data = photo, self.uploads[photo]
        else:
            raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        width, height = int.from_bytes(data[16:20]), int.from_bytes(data[20:24])
        content: dict[str, Any] = {}
        caption = params.get("caption")
        if caption is not None:
            if str(params.get("parse_mode") or "").upper() == "HTML":
                try:
                    parsed = parse_html(str(caption))
                except TelegramHTMLError as error:
                    raise ApiError(400, f"Bad Request: can't parse entities: {error}") from None
                caption = parsed.text
            if utf16_length(str(caption)) > 1024:
                raise ApiError(400, "Bad Request: message caption is too long")
            content["caption"] = caption
        if params.get("reply_markup") is not None:
            content["reply_markup"] = _checked_markup(params["reply_markup"])
        ids = self._message_ids.setdefault(chat["id"], itertools.count(1))
        size = {"file_id": file_id, "file_unique_id": file_id[-8:], "width": width}
        message = {
            "message_id": next(ids),
            "date": int(time.time()),
            "chat": chat,
            "from": self.bot_user(),
            "photo": [{**size, "height": height, "file_size": len(data)}],
            **content,
        }
        self.photos.setdefault(chat["id"], []).append(message)
        return message

    def _api_answerinlinequery(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("inline_query_id"))
        if query_id not in self._open_inline_queries:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        results = params.get("results")
        if not isinstance(results, list) or len(results) > 50:
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        for result in results:
            if not 1 <= len(str(result.get("id", "")).encode()) <= 64:
                raise ApiError(400, "Bad Request: RESULT_ID_INVALID")
            if result.get("type") == "photo" and result.get("photo_file_id") not in self.uploads:
                raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
            content = result.get("input_message_content") or {}
            if str(content.get("parse_mode") or "").upper() == "HTML":
                try:
                    check_message_html(str(content.get("message_text", "")))
                except TelegramHTMLError as error:
                    raise ApiError(400, f"Bad Request: can't parse entities: {error}") from None
            if result.get("reply_markup") is not None:
                _checked_markup(result["reply_markup"])
        self._open_inline_queries.discard(query_id)
        self.inline_answers[query_id] = params
        return True


def _checked_markup(markup: Any) -> dict[str, Any]:
    if not isinstance(markup, dict) or not isinstance(markup.get("inline_keyboard"), list):
        raise ApiError(400, "Bad Request: reply markup is not an inline keyboard")
    for row in markup["inline_keyboard"]:
        for button in row:
            if not str(button.get("text", "")).strip():
                raise ApiError(400, "Bad Request: BUTTON_TEXT_INVALID")
            kinds = set(button) & BUTTON_FIELDS
            if len(kinds) != 1:
                raise ApiError(400, "Bad Request: BUTTON_TYPE_INVALID")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return markup


def _decode_form(arguments: dict[str, list[bytes]]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for key, values in arguments.items():
        raw = values[-1].decode()
        if key in STRING_FIELDS:
            params[key] = raw
            continue
        try:
            params[key] = json.loads(raw)
        except ValueError:
            params[key] = raw
    return params


class _ApiHandler(tornado.web.RequestHandler):
    def initialize(self, api: FakeBotApi) -> None:
        self.api = api

    def check_xsrf_cookie(self) -> None:
        pass

    async def get(self, token: str, method: str) -> None:
        await self.post(token, method)

    async def post(self, token: str, method: str) -> None:
        api = self.api
        content_type = self.request.headers.get("Content-Type", "")
        if content_type.startswith("application/json") and self.request.body:
            params = json.loads(self.request.body)
        else:
            params = _decode_form({**self.request.query_arguments, **self.request.body_arguments})
        multipart = content_type.startswith("multipart/form-data")
        for name, files in self.request.files.items():
            upload = files[-1]
            params[name] = {"upload": upload.body, "filename": upload.filename}
        call = ApiCall(method, params, multipart=multipart)
        with api._lock:
            api.requests.append(call)
            if method.lower() == "getme":
                api._bot_dead = False  # a new process
            dead = api._bot_dead
        point = None if dead else api._kill_point(method, params)
        if dead or (point is not None and not point.taken):
            # Never reached Telegram: the process that sent it is gone.
            call.status, call.error = 0, "the bot was killed before this was taken"
            if point is not None:
                api._crash(point)
            self.request.connection.stream.close()  # type: ignore[union-attr]
            return
        if point is not None:  # taken: Telegram acts on it, the bot dies before the answer
            try:
                await api.handle(token, method, params)
            except ApiError as error:
                call.status, call.error = error.code, error.description
            api._crash(point)
            self.request.connection.stream.close()  # type: ignore[union-attr]
            return
        fault = api._take_fault(method)
        try:
            if fault is not None:
                if fault.delay:
                    await asyncio.sleep(fault.delay)
                if fault.drop:
                    call.status, call.error = 0, "connection dropped"
                    self.request.connection.stream.close()  # type: ignore[union-attr]
                    return
                if fault.status is not None:
                    parameters = None
                    description = fault.description or f"Internal Server Error ({fault.status})"
                    if fault.retry_after is not None:
                        parameters = {"retry_after": fault.retry_after}
                        description = f"Too Many Requests: retry after {fault.retry_after}"
                    raise ApiError(fault.status, description, parameters)
            body = await api.handle(token, method, params)
        except ApiError as error:
            call.status, call.error = error.code, error.description
            if error.code == 400 and error.description != NOT_MODIFIED:
                with api._lock:
                    api.invalid_requests.append(call)
            self.set_status(error.code)
            body = _error_body(error)
        self.set_header("Content-Type", "application/json")
        with contextlib.suppress(tornado.iostream.StreamClosedError):
            self.finish(json.dumps(body))


class FakeUser:
    """A person in a private chat with the bot (chat id == user id)."""

    def __init__(self, api: FakeBotApi, user_id: int, first_name: str, language_code: str):
        self.api = api
        self.id = user_id
        self.first_name = first_name
        self.language_code = language_code
        self.chat = {"id": user_id, "type": "private", "first_name": first_name}
        api.remember_chat(self.chat)
        self._message_ids = itertools.count(1_000_000)

    def as_user(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": self.language_code,
        }

    def message(self, chat: dict[str, Any] | None = None, **content: Any) -> dict[str, Any]:
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat or self.chat,
            "from": self.as_user(),
            **content,
        }

    def say(
        self, text: str, chat: dict[str, Any] | None = None, update_id: int | None = None
    ) -> int:
        """Send a text; a leading /command gets its bot_command entity, as Telegram does.
        `update_id`: one taken from `api.next_update_id()` beforehand."""
        content: dict[str, Any] = {"text": text}
        command = re.match(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?", text)
        if command:
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_length(command.group(0))}
            ]
        update: dict[str, Any] = {"message": self.message(chat, **content)}
        if update_id is not None:
            update["update_id"] = update_id
        return self.api.queue_update(update)

    def send(self, **content: Any) -> int:
        """Any other message: send(sticker={...}), send(photo=[...]), send(location={...})."""
        return self.api.queue_update({"message": self.message(**content)})

    def send_sticker(self) -> int:
        return self.send(
            sticker={
                "file_id": "CAACAgIAAxkBAAE",
                "file_unique_id": "AgADsticker",
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "emoji": "👍",
            }
        )

    def edit(self, message: dict[str, Any], text: str) -> int:
        edited = {**message, "text": text, "edit_date": int(time.time())}
        return self.api.queue_update({"edited_message": edited})

    def bot_messages(self) -> list[dict[str, Any]]:
        return self.api.chat_messages(self.id)

    def last_bot_message(self) -> dict[str, Any]:
        messages = self.bot_messages()
        assert messages, "the bot has sent nothing to this chat"
        return messages[-1]

    def buttons(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        markup = message.get("reply_markup") or {}
        return [button for row in markup.get("inline_keyboard", []) for button in row]

    def find_button(self, label: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """The newest bot message with a button whose text is `label` (or starts with it)."""
        for message in reversed(self.bot_messages()):
            for button in self.buttons(message):
                if button["text"] == label or button["text"].startswith(label):
                    return message, button
        raise AssertionError(f"no button {label!r} in the chat")

    def tap(self, label: str) -> int:
        message, button = self.find_button(label)
        return self.press(message, str(button["callback_data"]))

    def press(self, message: dict[str, Any], data: str) -> int:
        """Press a callback button with this data on this message (as it is now)."""
        query = {
            "id": self.api.new_callback_query_id(),
            "from": self.as_user(),
            "message": message,
            "chat_instance": f"ci{self.id}",
            "data": data,
        }
        return self.api.queue_update({"callback_query": query})

    def ask_inline(self, query: str = "") -> tuple[int, str]:
        """Type `@bot <query>` in any chat. Returns the update id and the inline query id."""
        query_id = self.api.new_inline_query_id()
        inline = {
            "id": query_id,
            "from": self.as_user(),
            "query": query,
            "offset": "",
            "chat_type": "sender",
        }
        return self.api.queue_update({"inline_query": inline}), query_id


class FakeGroup:
    def __init__(self, api: FakeBotApi, chat_id: int, title: str, kind: str) -> None:
        self.api = api
        self.id = chat_id
        self.chat: dict[str, Any] = {"id": chat_id, "type": kind, "title": title}
        api.remember_chat(self.chat)

    def say(self, user: FakeUser, text: str) -> int:
        return user.say(text, chat=self.chat)

    def bot_messages(self) -> list[dict[str, Any]]:
        return self.api.chat_messages(self.id)
