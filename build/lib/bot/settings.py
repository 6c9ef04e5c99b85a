"""Configuration from the environment and `.env` (see `.env.example` for every setting).

`load_settings()` turns a bad configuration into one readable line (`SettingsError`);
`Settings()` on its own raises pydantic's full validation error."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal
from urllib.parse import urlsplit

from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

# What @BotFather hands out: the bot's numeric id, a colon, then 35 URL-safe characters.
TOKEN_PATTERN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{30,100}$")
# Telegram's rule for setWebhook's secret_token.
SECRET_TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")

GET_A_TOKEN = (
    "Talk to @BotFather in Telegram (/newbot), then put the token it gives you in "
    "TELEGRAM_BOT_TOKEN (environment or .env)."
)


DEFAULT_SESSION_TTL_SECONDS = 90 * 24 * 3600


class SettingsError(ValueError):
    """A configuration problem, explained in one line for the person starting the bot."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
        case_sensitive=False,
    )

    telegram_bot_token: SecretStr | None = None
    # In the form python-telegram-bot's `base_url` takes: the token is appended to it.
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    storage_url: str = "sqlite:///data/sessions.sqlite3"
    mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str | None = None  # the public https URL Telegram posts updates to
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_secret_token: SecretStr | None = None
    # Open connections the webhook server keeps at most (more are closed at once); None:
    # half this process's file limit, at most 1,000.
    webhook_max_connections: int | None = Field(default=None, ge=1)
    # Polling mode: serve /metrics (Prometheus) and /healthz on this port (on
    # WEBHOOK_LISTEN's address); None: not served. Webhook mode serves both on its port.
    metrics_port: int | None = Field(default=None, ge=0, le=65535)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    # Who runs this bot and how to reach them (an email, a web page): /privacy shows it.
    operator_contact: str | None = None
    # A conversation untouched this long is deleted, in every store (/privacy says so).
    session_ttl_seconds: int = Field(default=DEFAULT_SESSION_TTL_SECONDS, gt=0)
    # How long an answer is tried again while the session store is briefly unavailable
    # (SQLite locked by another process, Redis restarting) before the person is told.
    store_retry_seconds: float = Field(default=60, ge=0)
    # Requests per second to the Bot API across all chats (Telegram's flood limit is
    # about 30 messages a second); 0 switches pacing off (a 429's retry_after is still
    # honoured), e.g. for a self-hosted Bot API server or a test server.
    telegram_rate_limit: float = Field(default=30, ge=0)
    # The HTTP client to the Bot API: ours over aiohttp (the default; it costs less CPU,
    # docs/benchmarks.md), or python-telegram-bot's own over httpx.
    telegram_transport: Literal["aiohttp", "httpx"] = "aiohttp"
    # Pretend today is this date (demos and tests): env RETIREMENT_BOT_TODAY.
    today: date | None = Field(
        default=None, validation_alias=AliasChoices("RETIREMENT_BOT_TODAY", "today")
    )

    @field_validator("telegram_bot_token", "webhook_secret_token", "webhook_url", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value.strip() if isinstance(value, str) else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_case_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_looks_right(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not TOKEN_PATTERN.match(value.get_secret_value()):
            # Never echo the value: it may be a real token pasted with a typo.
            raise ValueError(
                "this is not a bot token (it looks like 123456789:AAE…, 46 characters)"
            )
        return value

    @field_validator("telegram_api_base_url")
    @classmethod
    def _base_url_is_http(cls, value: str) -> str:
        if urlsplit(value).scheme not in ("http", "https"):
            raise ValueError("TELEGRAM_API_BASE_URL must start with http:// or https://")
        return value

    @model_validator(mode="after")
    def _webhook_is_complete(self) -> Settings:
        if self.mode != "webhook":
            return self
        if self.webhook_url is None or urlsplit(self.webhook_url).scheme not in ("http", "https"):
            raise ValueError("MODE=webhook needs WEBHOOK_URL, the public https:// address")
        secret = self.webhook_secret_token
        if secret is None or not SECRET_TOKEN_PATTERN.match(secret.get_secret_value()):
            raise ValueError(
                "MODE=webhook needs WEBHOOK_SECRET_TOKEN: 1-256 characters of A-Z, a-z, 0-9, _ or -"
            )
        return self

    @property
    def telegram_file_base_url(self) -> str:
        """Where files are downloaded from: `.../bot` becomes `.../file/bot`, as on
        api.telegram.org and on a self-hosted Bot API server."""
        base = self.telegram_api_base_url
        if base.endswith("/bot"):
            return base[: -len("bot")] + "file/bot"
        return base.rstrip("/") + "/file/bot"

    @property
    def webhook_path(self) -> str:
        """The path the webhook server answers on: the path of WEBHOOK_URL."""
        path = urlsplit(self.webhook_url or "").path
        return path if path not in ("", "/") else "/telegram"


def load_settings() -> Settings:
    """Settings from the environment and `.env`, or a `SettingsError` of one line."""
    try:
        return Settings()
    except ValidationError as error:
        problems = []
        for detail in error.errors(include_input=False, include_url=False):
            field = ".".join(str(part) for part in detail["loc"]).upper()
            message = str(detail["msg"]).removeprefix("Value error, ")
            problems.append(f"{field}: {message}" if field else message)
        line = "; ".join(problems)
        if any("TELEGRAM_BOT_TOKEN" in problem for problem in problems):
            line = f"{line}. {GET_A_TOKEN}"
        raise SettingsError(f"Configuration error: {line}") from None


def bot_token(settings: Settings) -> str:
    """The token, or a `SettingsError` saying how to get one."""
    if settings.telegram_bot_token is None:
        raise SettingsError(f"TELEGRAM_BOT_TOKEN is not set. {GET_A_TOKEN}")
    return settings.telegram_bot_token.get_secret_value()
