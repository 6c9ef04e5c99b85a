"""Logging: one line per record, no token or webhook secret in any of them, and no
user's words above DEBUG (the shell logs kinds and ids only)."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


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
