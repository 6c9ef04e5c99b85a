"""`python -m bot`'s command line: --help explains, --console talks in the terminal even
with a token, --check reports the settings, the Bot API and the store and fails loudly."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.check import check
from tests.conftest import TODAY
from tests.telegram.conftest import settings_for
from tests.telegram.fake_bot_api import BOT_USERNAME, TOKEN, FakeBotApi


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


def run_bot(
    args: list[str], cwd: Path, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "STORAGE_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=clean | {"RETIREMENT_BOT_TODAY": TODAY.isoformat()} | env,
        cwd=cwd,
        timeout=60,
        check=False,
    )


def test_help_explains_the_modes_and_settings(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    for words in ("--console", "--check", "TELEGRAM_BOT_TOKEN", "STORAGE_URL", "MODE"):
        assert words in text


def test_unknown_arguments_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--nonsense"])
    assert exit_.value.code == 2


def test_console_even_with_a_token_set(tmp_path: Path) -> None:
    result = run_bot(["--console"], tmp_path, "3\n", TELEGRAM_BOT_TOKEN=TOKEN)
    assert result.returncode == 0, result.stderr
    assert "Rule of 55" in result.stdout and "Bye!" in result.stdout


async def test_check_finds_the_bot_and_the_store(api: FakeBotApi) -> None:
    out = io.StringIO()
    assert await check(settings_for(api), out) == 0
    text = out.getvalue()
    assert f"@{BOT_USERNAME}" in text and "store (memory) reachable" in text
    assert TOKEN not in text


async def test_check_fails_on_an_unreachable_api_and_store(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")  # so the SQLite folder cannot be made
    result = run_bot(
        ["--check"],
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL="http://127.0.0.1:9/bot",
        STORAGE_URL=f"sqlite:///{tmp_path}/a-file/sessions.sqlite3",
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "PROBLEM  Bot API" in result.stdout and "PROBLEM  session store" in result.stdout
    assert TOKEN not in result.stdout + result.stderr


def test_check_refuses_bad_settings(tmp_path: Path) -> None:
    result = run_bot(["--check"], tmp_path, TELEGRAM_BOT_TOKEN="not-a-token")
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN" in result.stderr


def test_check_explains_a_base_url_without_bot_and_creates_nothing(tmp_path: Path) -> None:
    """The token is appended to TELEGRAM_API_BASE_URL: without '/bot' every call misses,
    and --check says why. It looks at the SQLite store without creating ./data/."""
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "TELEGRAM_BOT_TOKEN": "123456789:AAFakeTokenForTestsOnly-abcdefghijk",
        "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/",
        "STORAGE_URL": "sqlite:///data/sessions.sqlite3",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "--check"],
        env=environment,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "must end with /bot" in done.stdout
    assert "will be created at data/sessions.sqlite3" in done.stdout
    assert not (tmp_path / "data").exists()
