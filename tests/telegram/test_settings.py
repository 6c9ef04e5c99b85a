"""Configuration: a person starting the bot gets one clear line, never a traceback."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError, bot_token, load_settings

GOOD_TOKEN = "123456789:AAFakeTokenForTestsOnly-abcdefghijk"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no developer's .env
    for name in (
        "TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "STORAGE_URL", "MODE", "WEBHOOK_URL",
        "WEBHOOK_SECRET_TOKEN", "WEBHOOK_PORT", "LOG_LEVEL", "RETIREMENT_BOT_TODAY",
    ):  # fmt: skip
        monkeypatch.delenv(name, raising=False)


def test_defaults() -> None:
    settings = load_settings()
    assert settings.telegram_api_base_url == "https://api.telegram.org/bot"
    assert settings.telegram_file_base_url == "https://api.telegram.org/file/bot"
    assert settings.storage_url == "sqlite:///data/sessions.sqlite3"
    assert settings.mode == "polling"
    assert settings.webhook_listen == "127.0.0.1"
    assert settings.session_ttl_seconds == 90 * 24 * 3600
    assert settings.today is None


def test_missing_token_says_how_to_get_one() -> None:
    with pytest.raises(SettingsError) as caught:
        bot_token(load_settings())
    message = str(caught.value)
    assert "@BotFather" in message
    assert "\n" not in message


def test_malformed_token_is_one_line_and_not_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "12345:tooshort-SECRETISH")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert "@BotFather" in message and "TELEGRAM_BOT_TOKEN" in message
    assert "SECRETISH" not in message
    assert "\n" not in message


def test_environment_and_dotenv(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        f"TELEGRAM_BOT_TOKEN={GOOD_TOKEN}\nRETIREMENT_BOT_TODAY=2026-11-28\nLOG_LEVEL=debug\n"
        "SESSION_TTL_SECONDS=\n"
    )
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081/bot")
    settings = load_settings()
    assert bot_token(settings) == GOOD_TOKEN
    assert GOOD_TOKEN not in repr(settings)
    assert settings.today == date(2026, 11, 28)
    assert settings.log_level == "DEBUG"
    assert settings.telegram_file_base_url == "http://127.0.0.1:8081/file/bot"


def test_webhook_mode_needs_url_and_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODE", "webhook")
    with pytest.raises(SettingsError, match="WEBHOOK_URL"):
        load_settings()
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org/tg/hook")
    with pytest.raises(SettingsError, match="WEBHOOK_SECRET_TOKEN"):
        load_settings()
    monkeypatch.setenv("WEBHOOK_SECRET_TOKEN", "not allowed spaces")
    with pytest.raises(SettingsError, match="WEBHOOK_SECRET_TOKEN"):
        load_settings()
    monkeypatch.setenv("WEBHOOK_SECRET_TOKEN", "fine_secret-1")
    settings = load_settings()
    assert settings.webhook_path == "/tg/hook"


def test_env_example_documents_every_setting() -> None:
    example = (Path(__file__).parents[2] / ".env.example").read_text()
    for name in Settings.model_fields:
        env_name = "RETIREMENT_BOT_TODAY" if name == "today" else name.upper()
        assert f"\n{env_name}=" in example, env_name
