"""THROWAWAY: stands in for dialogs.engine until the real one lands. Delete then."""

from __future__ import annotations

import html
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dialogs.events import Event, Reply
    from dialogs.session import Session


def step(session: Session, event: Event, today: date) -> tuple[Session, list[Reply]]:
    from dialogs.events import Choice, Command, Option, Reply, Text
    from dialogs.session import Session

    version = session.version + 1
    s = session.model_copy(update={"version": version})
    if isinstance(event, Command):
        if event.name in ("start", "restart"):
            s = Session(version=version, asked="topic")
            return s, [
                Reply(
                    text="<b>Hi!</b> What shall we check?",
                    options=[
                        Option(id="r55", label="Rule of 55"),
                        Option(id="mbr", label="Mega backdoor Roth"),
                        Option(id="both", label="Both"),
                    ],
                    question_id="topic",
                    version=version,
                )
            ]
        if event.name == "forget":
            return Session(), [Reply(text="Forgotten.")]
        return s, [Reply(text=f"Command {html.escape(event.name)}")]
    if isinstance(event, Choice):
        if event.question_id != s.asked or event.version != session.version:
            return session, [Reply(text="That question is outdated.", alert=True)]
        s.answers[event.question_id] = event.option_id
        s.asked = "born"
        return s, [Reply(text="When were you born? e.g. <i>February 1972</i>")]
    assert isinstance(event, Text)
    if s.asked == "born":
        s.answers["born"] = event.text
        s.asked = None
        return s, [
            Reply(text=f"<b>{html.escape(event.text)}</b> ✔︎"),
            Reply(text=summary(s, today) or "", shareable=True),
        ]
    return s, [Reply(text="Please use the buttons.")]


def summary(session: Session, today: date) -> str | None:
    if "born" not in session.answers:
        return None
    born = html.escape(str(session.answers["born"]))
    return f"📋 <b>Retirement plan check</b> — {today:%d %b %Y}\nborn {born}"
