"""`make run` for real: `python -m bot` in a subprocess with a fake token, talking to the
fake Bot API through TELEGRAM_API_BASE_URL, stopped with SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.servers import free_port
from tests.telegram.conftest import check_everything_sent
from tests.telegram.fake_bot_api import FakeBotApi

ROOT = Path(__file__).parents[2]
OTHER_TOKEN = "987654321:AAAnotherWellFormedTokenThatIsWrong12"


def bot_environment(api: FakeBotApi, tmp_path: Path, **extra: str) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "WEBHOOK_", "STORAGE_", "MODE", "LOG_LEVEL"))
    }
    environment.update(
        PYTHONPATH=str(ROOT),
        TELEGRAM_API_BASE_URL=api.base_url,
        TELEGRAM_BOT_TOKEN=api.token,
        STORAGE_URL=f"sqlite:///{tmp_path}/sessions.sqlite3",
        LOG_LEVEL="DEBUG",
        RETIREMENT_BOT_TODAY="2026-11-28",
    )
    environment.update(extra)
    return environment


@pytest.fixture
def fake_api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as api:
        yield api


def start_bot_process(environment: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot"],
        env=environment,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_make_run_starts_answers_and_stops_cleanly(fake_api: FakeBotApi, tmp_path: Path) -> None:
    process = start_bot_process(bot_environment(fake_api, tmp_path), tmp_path)
    try:
        fake_api.wait_for_sync(lambda: fake_api.calls("getUpdates"), 20, "the bot to poll")
        user = fake_api.user(4001)
        user.say("/start")
        fake_api.wait_for_sync(
            lambda: user.bot_messages() and user.buttons(user.last_bot_message()),
            10,
            "the first question",
        )
        assert fake_api.commands, "commands menu registered"
        check_everything_sent(fake_api)
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    logs = out + err
    assert fake_api.token not in logs
    assert fake_api.token.split(":")[1] not in logs
    assert "Polling mode" in logs
    assert (tmp_path / "sessions.sqlite3").exists(), "the default SQLite store was used"


def test_a_rejected_token_is_one_line_without_the_token(
    fake_api: FakeBotApi, tmp_path: Path
) -> None:
    environment = bot_environment(fake_api, tmp_path, TELEGRAM_BOT_TOKEN=OTHER_TOKEN)
    process = start_bot_process(environment, tmp_path)
    out, err = process.communicate(timeout=30)
    assert process.returncode != 0
    last_line = err.strip().splitlines()[-1]
    assert "@BotFather" in last_line
    assert OTHER_TOKEN not in out + err
    assert OTHER_TOKEN.split(":")[1] not in out + err
    assert "Traceback" not in err


def test_a_malformed_token_is_one_line(fake_api: FakeBotApi, tmp_path: Path) -> None:
    environment = bot_environment(fake_api, tmp_path, TELEGRAM_BOT_TOKEN="not-a-token")
    process = start_bot_process(environment, tmp_path)
    _, err = process.communicate(timeout=30)
    assert process.returncode != 0
    assert len(err.strip().splitlines()) == 1 and "@BotFather" in err
    assert "not-a-token" not in err
    assert not fake_api.calls(), "never reached Telegram"


def test_stops_on_sigterm_while_telegram_is_unreachable(tmp_path: Path) -> None:
    with FakeBotApi() as api:
        environment = bot_environment(api, tmp_path, LOG_LEVEL="INFO")
    environment["TELEGRAM_API_BASE_URL"] = api.base_url  # nothing listens there any more
    log_file = tmp_path / "bot.log"
    with log_file.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot"],
            env=environment,
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
        )
        try:
            api.wait_for_sync(
                lambda: "not reachable" in log_file.read_text(), 20, "a retry at start-up"
            )
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)
    assert process.returncode == 0, log_file.read_text()
    assert api.token not in log_file.read_text()


def test_make_run_in_webhook_mode(fake_api: FakeBotApi, tmp_path: Path) -> None:
    port = free_port()
    environment = bot_environment(
        fake_api,
        tmp_path,
        MODE="webhook",
        WEBHOOK_URL=f"http://127.0.0.1:{port}/hook",
        WEBHOOK_PORT=str(port),
        WEBHOOK_SECRET_TOKEN="run-secret_1",
    )
    process = start_bot_process(environment, tmp_path)
    try:
        fake_api.wait_for_sync(lambda: fake_api.calls("setWebhook"), 20, "setWebhook")
        assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200
        user = fake_api.user(4002)
        user.say("/start")
        fake_api.wait_for_sync(lambda: user.bot_messages(), 10, "a reply through the webhook")
        assert not fake_api.calls("getUpdates")
        check_everything_sent(fake_api)
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert fake_api.token not in out + err


@pytest.mark.parametrize(
    ("storage_url", "said"),
    [
        ("redis://127.0.0.1:1/0", "the session store (redis) is not usable"),
        ("postgres://127.0.0.1/bot", "the session store (postgres) is not usable"),
    ],
)
def test_a_store_that_cannot_be_used_stops_start_up_with_one_line(
    fake_api: FakeBotApi, tmp_path: Path, storage_url: str, said: str
) -> None:
    """Redis unreachable, or a URL no store knows: one line and a non-zero exit at start,
    not a traceback, and not an apology to the first person who writes."""
    environment = bot_environment(fake_api, tmp_path, STORAGE_URL=storage_url)
    done = subprocess.run(
        [sys.executable, "-m", "bot"],
        env=environment,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("Cannot start the bot: ") and said in last, done.stderr
    assert "Traceback" not in done.stderr
