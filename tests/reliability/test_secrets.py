"""Secrets stay secret: the bot token (and the webhook secret) never appear in anything
`python -m bot` writes, at DEBUG, through a whole conversation with Telegram failing in
every way the bot logs about (retries, a reply lost after every retry and its traceback,
a blocked user); and `.env`, where the token lives, is never committed.

Already covered elsewhere, not repeated: in-process DEBUG logs of a whole conversation
(tests/telegram/test_conversation.py), `make run` start-up and a rejected or malformed
token (tests/telegram/test_run.py), a webhook request without the right secret is
refused with 403 and changes nothing (tests/telegram/test_webhook.py)."""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import texts
from tests.bot_process import BotProcess
from tests.telegram.conftest import check_everything_sent
from tests.telegram.fake_bot_api import FakeBotApi, FakeUser
from tests.telegram.journeys import BOTH_TOPICS

ROOT = Path(__file__).resolve().parents[2]
WHY = "Why do you ask?"  # on every question
WEBHOOK_SECRET = "Webhook-secret_for-the-log-test-42"


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


def tap(user: FakeUser, label: str) -> None:
    """Press the newest button labelled exactly so ("No" is not "Not sure")."""
    for message in reversed(user.bot_messages()):
        for button in user.buttons(message):
            if button["text"] == label:
                user.press(message, str(button["callback_data"]))
                return
    raise AssertionError(f"no button {label!r}")


async def play(
    api: FakeBotApi,
    user: FakeUser,
    steps: list[tuple[str, str]],
    then: tuple[str, str] | None = None,
) -> None:
    """The steps as a person would: each once the bot's answer to the one before is on
    screen: the newest message offers the button to tap next, or is a question to type
    an answer to. `then` is the step after these."""
    for position, (how, what) in enumerate(steps):
        following = steps[position + 1] if position + 1 < len(steps) else then
        before = len(user.bot_messages())
        user.say(what) if how == "say" else tap(user, what)

        def answered(following: tuple[str, str] | None = following, before: int = before) -> bool:
            messages = user.bot_messages()
            if len(messages) <= before:
                return False
            labels = [b["text"] for b in user.buttons(messages[-1])]
            if following is None:
                return True
            return following[1] in labels if following[0] == "tap" else WHY in labels

        try:
            await api.wait_for(answered, 15, f"the answer to {what!r}")
        except AssertionError:
            transcript = "\n---\n".join(m["text"][-200:] for m in user.bot_messages()[-6:])
            raise AssertionError(f"no answer to {what!r} after:\n{transcript}") from None


def leaks(log: str, api: FakeBotApi, *secrets: str) -> list[str]:
    token_secret_part = api.token.split(":", 1)[1]
    return [s for s in (api.token, token_secret_part, *secrets) if s in log]


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_no_secret_in_a_debug_log_of_a_whole_run(
    api: FakeBotApi, tmp_path: Path, mode: str
) -> None:
    secret = WEBHOOK_SECRET if mode == "webhook" else None
    bot = BotProcess(
        api,
        f"sqlite:///{tmp_path}/sessions.sqlite3",
        tmp_path,
        webhook_secret=secret,
        log_level="DEBUG",
    )
    await bot.start()
    user, blocker = api.user(8001), api.user(8002)
    try:
        # Telegram failing along the way: each is logged (with the request that failed).
        api.add_fault("sendMessage", 500)
        api.add_fault("editMessageText", None, drop=True)
        api.add_fault("answerCallbackQuery", 429, retry_after=1)
        await play(api, user, BOTH_TOPICS[:6], then=BOTH_TOPICS[6])
        api.add_fault("sendMessage", 502, description="Bad Gateway", times=3)  # every retry
        await play(api, user, BOTH_TOPICS[6:7])
        await api.wait_for(lambda: texts.ERROR in api.sent_texts(user.id), 15, "the apology")
        await play(api, user, [("say", "/start"), *BOTH_TOPICS[7:]])
        update_id, _ = user.ask_inline("")
        await api.wait_for(lambda: api.acknowledged(update_id) or api.inline_answers, 15)
        api.block(blocker.id)
        blocker.say("/start")
        await api.wait_for(lambda: api.calls("sendMessage")[-1].status == 403, 15, "a 403")
        await asyncio.sleep(0.3)
    finally:
        bot.stop()
    log = bot.log()
    assert " DEBUG " in log, "the log is at DEBUG"
    assert " ERROR " in log, "the lost reply was logged as an error"
    assert "Retirement plan check" in "\n".join(api.sent_texts(user.id)), "it ran to the end"
    assert not leaks(log, api, *([secret] if secret else [])), "a secret reached the log"
    check_everything_sent(api)


def test_dotenv_is_never_committed() -> None:
    ignored = subprocess.run(
        ["git", "check-ignore", "--quiet", ".env"], cwd=ROOT, check=False
    ).returncode
    assert ignored == 0, ".env must be listed in .gitignore"
    tracked = subprocess.run(
        ["git", "ls-files", "--", ".env", "*/.env"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert tracked == "", f".env is tracked by git: {tracked}"
