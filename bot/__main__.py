"""`python -m bot` (what `make run` starts): the bot on Telegram when a token is
configured, otherwise the same conversation in this terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date

from bot.console import run_console
from bot.settings import SettingsError, load_settings


def main() -> int:
    try:
        settings = load_settings()
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    pinned = settings.today
    today: Callable[[], date] = (lambda: pinned) if pinned is not None else date.today
    if settings.telegram_bot_token is None:
        if sys.stdin.isatty():
            print(
                "No TELEGRAM_BOT_TOKEN set (see .env.example): talking here in the terminal.\n",
                file=sys.stderr,
            )
        return run_console(sys.stdin, sys.stdout, today)

    from bot.telegram_app import run  # python-telegram-bot loads only when needed

    run(settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
