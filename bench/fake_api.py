"""The tests' fake Bot API server with a stopwatch on the way in: when the bot last replied
to each chat, so the benchmark times replies without scanning the call log. Nothing in
the server's behaviour changes; only `handle` is wrapped."""

from __future__ import annotations

import re
import threading
import time
from typing import Any

from tests.telegram.fake_bot_api import FakeBotApi, FakeUser

TOKEN = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11"  # of BotFather's shape
# Bot API methods that a person sees as the bot answering.
REPLY_METHODS = {"sendmessage", "editmessagetext", "editmessagereplymarkup", "answercallbackquery"}


class BenchBotApi(FakeBotApi):
    def __init__(self) -> None:
        super().__init__(token=TOKEN)
        self._watch = threading.Lock()
        self.last_reply_ns: dict[int, int] = {}  # chat id -> monotonic_ns
        self._query_chat: dict[str, int] = {}  # callback query id -> chat id

    def __enter__(self) -> BenchBotApi:
        self.start()
        return self

    async def handle(self, token: str, method: str, params: dict[str, Any]) -> dict[str, Any]:
        now = time.monotonic_ns()
        if method.lower() in REPLY_METHODS:
            with self._watch:
                chat = params.get("chat_id")
                if chat is None:
                    chat = self._query_chat.pop(str(params.get("callback_query_id")), None)
                if isinstance(chat, int):
                    self.last_reply_ns[chat] = now
        return await super().handle(token, method, params)

    def text_update(self, user: FakeUser, text: str) -> dict[str, Any]:
        """A text message (a leading /command gets its entity, as FakeUser.say does)."""
        content: dict[str, Any] = {"text": text}
        if command := re.match(r"/[A-Za-z0-9_]+", text):
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": command.end()}]
        return {"update_id": self.next_update_id(), "message": user.message(**content)}

    def press_update(self, user: FakeUser, message: dict[str, Any], data: str) -> dict[str, Any]:
        """A button press on `message` (as FakeUser.press does), noting the query's chat."""
        query_id = self.new_callback_query_id()
        with self._watch:
            self._query_chat[query_id] = user.id
        query = {"id": query_id, "from": user.as_user(), "message": message, "data": data}
        query["chat_instance"] = f"ci{user.id}"
        return {"update_id": self.next_update_id(), "callback_query": query}
