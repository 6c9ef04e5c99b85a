"""`python -m bot` (what `make run` starts): the bot on Telegram when a token is
configured, otherwise the same conversation in this terminal. `--help` for the rest."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from datetime import date
from importlib.resources import files

from bot.console import run_console
from bot.settings import Settings, SettingsError, load_settings
from dialogs.render import set_operator_contact

DESCRIPTION = """\
A Telegram assistant that checks the Rule of 55 and the mega backdoor Roth.

Modes:
  (default)   with TELEGRAM_BOT_TOKEN set: answer on Telegram, by long polling
              (MODE=polling) or behind a webhook (MODE=webhook); without a token:
              the same conversation in this terminal
  --console   the terminal conversation even when a token is set
  --check     check the settings, reach the Bot API (getMe) and the session store,
              print what was found, and exit (non-zero on a problem)
"""

SETTINGS_HELP = """\
Settings come from the environment or a .env file in the current folder (see
.env.example for each one):
  TELEGRAM_BOT_TOKEN     from @BotFather; unset: terminal mode
  MODE                   polling (default) or webhook
  WEBHOOK_URL            public https:// address Telegram posts to (webhook mode)
  WEBHOOK_LISTEN / WEBHOOK_PORT   where the webhook server listens (127.0.0.1:8443)
  WEBHOOK_SECRET_TOKEN   required in webhook mode; requests without it get 403
  STORAGE_URL            sqlite:///data/sessions.sqlite3 (default), redis://host:6379/0,
                         or memory://
  SESSION_TTL_SECONDS    delete a conversation untouched this long (default 90 days)
  TELEGRAM_RATE_LIMIT    messages per second to Telegram (30; 0 switches pacing off)
  TELEGRAM_API_BASE_URL  a self-hosted Bot API server (default api.telegram.org)
  LOG_LEVEL              INFO (default); DEBUG logs more, never the token
  RETIREMENT_BOT_TODAY   pretend today is this date (demos, tests)
"""


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description=DESCRIPTION,
        epilog=SETTINGS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--console", action="store_true", help="talk in this terminal, even with a token set"
    )
    mode.add_argument(
        "--check",
        action="store_true",
        help="check the settings, the Bot API and the store, then exit",
    )
    mode.add_argument(
        "--env-example",
        action="store_true",
        help="print an example .env with every setting explained, then exit",
    )
    return parser.parse_args(argv)


def env_example() -> str:
    """The example .env shipped with the package (the checkout's .env.example links to it)."""
    return files("bot").joinpath("env.example").read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    if arguments.env_example:
        sys.stdout.write(env_example())
        return 0
    try:
        settings = load_settings()
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    if arguments.check:
        from bot.check import check  # python-telegram-bot loads only when needed

        return asyncio.run(check(settings, sys.stdout))
    set_operator_contact(settings.operator_contact)
    pinned = settings.today
    today: Callable[[], date] = (lambda: pinned) if pinned is not None else date.today
    if arguments.console or settings.telegram_bot_token is None:
        if sys.stdin.isatty() and not arguments.console:
            print(
                "No TELEGRAM_BOT_TOKEN set (see .env.example): talking here in the terminal.\n",
                file=sys.stderr,
            )
        return run_console(sys.stdin, sys.stdout, today)
    return _telegram(settings)


def _telegram(settings: Settings) -> int:
    from bot.telegram_app import run  # python-telegram-bot loads only when needed

    run(settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
