"""The tests' fake Bot API server, with a stopwatch on the way in: when the last reply to
each chat's update in flight arrived, so the benchmark can time replies without scanning
the call log.

Nothing in the server's behaviour changes; only `handle` is wrapped."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from typing import Any

from tests.telegram.fake_bot_api import FakeBotApi, FakeUser

# A token of BotFather's shape, accepted by this server only.
TOKEN = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11"
# Bot API methods that a person sees as the bot answering.
REPLY_METHODS = {"sendmessage", "editmessagetext", "editmessagereplymarkup", "answercallbackquery"}


@dataclass
class Waiting:
    """One chat's update on its way: queued at, and its last reply seen at (ns)."""

    queued_ns: int
    last_reply_ns: int = 0


class BenchBotApi(FakeBotApi):
    def __init__(self) -> None:
        super().__init__(token=TOKEN)
        self._watch = threading.Lock()
        self.waiting: dict[int, Waiting] = {}  # chat id -> its update in flight
        self._query_chat: dict[str, int] = {}  # callback query id -> chat id

    def __enter__(self) -> BenchBotApi:
        self.start()
        return self

    def expect(self, chat_id: int, queued_ns: int) -> None:
        with self._watch:
            self.waiting[chat_id] = Waiting(queued_ns)

    def done(self, chat_id: int) -> Waiting | None:
        with self._watch:
            return self.waiting.pop(chat_id, None)

    def query_of(self, query_id: str, chat_id: int) -> None:
        with self._watch:
            self._query_chat[query_id] = chat_id

    async def handle(self, token: str, method: str, params: dict[str, Any]) -> dict[str, Any]:
        now = time.monotonic_ns()
        if method.lower() in REPLY_METHODS:
            with self._watch:
                chat = params.get("chat_id")
                if chat is None:
                    chat = self._query_chat.pop(str(params.get("callback_query_id")), None)
                waiting = self.waiting.get(chat) if isinstance(chat, int) else None
                if waiting is not None:
                    waiting.last_reply_ns = now
        return await super().handle(token, method, params)


def text_update(api: BenchBotApi, user: FakeUser, text: str) -> dict[str, Any]:
    """A text message (a leading /command gets its entity, as FakeUser.say does)."""
    content: dict[str, Any] = {"text": text}
    command = re.match(r"/[A-Za-z0-9_]+", text)
    if command:
        content["entities"] = [{"type": "bot_command", "offset": 0, "length": command.end()}]
    return {"update_id": api.next_update_id(), "message": user.message(**content)}


def press_update(
    api: BenchBotApi, user: FakeUser, message: dict[str, Any], data: str
) -> dict[str, Any]:
    """A button press on `message` (as FakeUser.press does), noting the query's chat."""
    query_id = api.new_callback_query_id()
    api.query_of(query_id, user.id)
    query = {
        "id": query_id,
        "from": user.as_user(),
        "message": message,
        "chat_instance": f"ci{user.id}",
        "data": data,
    }
    return {"update_id": api.next_update_id(), "callback_query": query}
