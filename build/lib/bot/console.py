"""The terminal shell: the same dialogue as Telegram, one line in, plain text out.

Options of the latest message are numbered ("1) Rule of 55") and a number picks one;
what Telegram folds away (the details under a verdict) is printed when "more" is typed;
options of an earlier message in the same batch (a "Change" under an echoed answer)
get letters. Anything else is free text, or a /command. The session lives in memory.
Works with piped stdin and ends cleanly (exit code 0) on EOF or Ctrl-C.
The timeline picture is written as a PNG (to PICTURE_DIR, else the system's temporary
directory) and its path printed."""

from __future__ import annotations

import html
import os
import re
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TextIO

from bot import timeline_text
from dialogs import Choice, Command, Event, Reply, Session, Text, step
from dialogs.marks import Timeline
from dialogs.results import FOLD

_LINK = re.compile(r'<a\s+href="([^"]*)"\s*>(.*?)</a>', re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?(b|i|u|s|code|pre|blockquote|a|tg-spoiler|span)(\s[^>]*)?>", re.IGNORECASE)
_QUIT = {"/quit", "/exit", "quit", "exit"}
MORE = "more"


def to_plain(text: str) -> str:
    """Telegram HTML to terminal text: tags dropped, links as "text (url)"."""

    def link(match: re.Match[str]) -> str:
        url, label = html.unescape(match[1]), match[2]
        return label if label == url else f"{label} ({url})"

    return html.unescape(_TAG.sub("", _LINK.sub(link, text)))


class _Screen:
    """What the person can pick by typing: numbers for the latest options, letters
    for options shown earlier in the same batch."""

    def __init__(self, pictures: Path | None = None) -> None:
        self.picks: dict[str, Choice] = {}
        self.pictures = pictures
        self.details: list[str] = []  # the folded parts of the latest replies ("more")

    def show(self, replies: list[Reply], out: TextIO) -> None:
        self.picks, self.details = {}, []
        with_options = [r for r in replies if r.options and r.question_id]
        latest = with_options[-1] if with_options else None
        letter = iter("abcdefghijklmnopqrstuvwxyz")
        for reply in replies:
            prefix = "(!) " if reply.alert else ""
            # As in Telegram: what is folded there shows here only when asked for.
            in_view, fold, folded = reply.text.partition(FOLD)
            out.write(prefix + to_plain(in_view).rstrip() + "\n")
            if fold:
                self.details.append(to_plain(folded).strip())
                out.write(f'  (type "{MORE}" for the details)\n')
            if reply.timeline is not None:
                out.write(self.picture(reply.timeline) + "\n")
            if not reply.question_id:
                out.write("\n")
                continue
            number = 0
            for option in reply.options:
                # A "Change" under an echoed answer belongs to another question: a letter.
                own = option.question_id in (None, reply.question_id)
                if own and reply is latest:
                    number += 1
                    key = str(number)
                else:
                    key = next(letter, "")
                if not key:
                    continue
                self.picks[key] = Choice(
                    question_id=option.question_id or reply.question_id, option_id=option.id
                )
                out.write(f"  {key}) {option.label}\n")
            out.write("\n")
        out.flush()

    def picture(self, timeline: Timeline) -> str:
        """Write the PNG and say where; the dates as text if it cannot be written."""
        from bot import photos, timeline_png  # Pillow only once there is a picture

        folder = self.pictures or Path(os.environ.get("PICTURE_DIR") or tempfile.gettempdir())
        path = folder / f"key-dates-{photos.picture_key(timeline)[:12]}.png"
        try:
            timeline_png.write_png(timeline, path)
        except Exception:  # a picture is a bonus: the dates themselves still show
            return to_plain(timeline_text.fallback_html(timeline))
        return timeline_text.saved(path)


def _event(line: str, screen: _Screen) -> Event:
    if line.lower() in screen.picks:
        return screen.picks[line.lower()]
    if line.startswith("/"):
        name, _, argument = line[1:].partition(" ")
        return Command(name=name.lower(), argument=argument.strip())
    return Text(text=line)


def run_console(
    input_stream: TextIO,
    output_stream: TextIO,
    today: Callable[[], date],
    *,
    pictures: Path | None = None,
) -> int:
    """Run the dialogue until EOF, Ctrl-C or /quit; the exit code is 0."""
    interactive = input_stream.isatty()
    session = Session()
    screen = _Screen(pictures)
    output_stream.write(
        "Retirement plan check (terminal). Type /help for commands, /quit to leave.\n\n"
    )
    session, replies = step(session, Command(name="start"), today())
    screen.show(replies, output_stream)
    try:
        while True:
            if interactive:
                output_stream.write("> ")
                output_stream.flush()
            line = input_stream.readline()
            if not line:
                break
            line = line.strip()
            if not line:
                continue
            if not interactive:
                output_stream.write(f"> {line}\n")
            if line.lower() in _QUIT:
                break
            if line.lower() == MORE and screen.details:
                output_stream.write("\n\n".join(screen.details) + "\n\n")
                continue
            session, replies = step(session, _event(line, screen), today())
            if session.forgotten:
                session = Session()
            screen.show(replies, output_stream)
    except KeyboardInterrupt:
        pass
    output_stream.write("\nBye!\n")
    output_stream.flush()
    return 0


def _today() -> date:
    pinned = os.environ.get("RETIREMENT_BOT_TODAY")
    return date.fromisoformat(pinned) if pinned else date.today()


if __name__ == "__main__":
    sys.exit(run_console(sys.stdin, sys.stdout, _today))
