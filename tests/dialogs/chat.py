"""A scripted person for dialog tests: sends events through `step` and checks the
contract on every step (version +1, stamped replies, valid HTML, short ids)."""

from __future__ import annotations

import html
import re
from datetime import date

from dialogs import Choice, Command, Event, Reply, Session, Text, step, summary
from tests.conftest import TODAY

ALLOWED_TAGS = {"b", "i", "u", "s", "a", "code", "pre", "blockquote"}
_TAG = re.compile(r"<(/?)([a-zA-Z-]+)([^>]*)>")


def check_html(text: str) -> None:
    """Telegram's HTML subset: allowed tags only, balanced and properly nested, no bare
    < > &, under 4096 characters."""
    assert text.strip(), "empty message"
    assert len(text) < 4096, f"message too long ({len(text)})"
    stack: list[str] = []
    for match in _TAG.finditer(text):
        closing, name, attributes = match[1], match[2].lower(), match[3]
        assert name in ALLOWED_TAGS, f"tag <{name}> not allowed in {text!r}"
        if closing:
            assert stack and stack[-1] == name, f"unbalanced </{name}> in {text!r}"
            stack.pop()
        else:
            allowed = name == "a" or (name == "blockquote" and attributes.strip() == "expandable")
            assert allowed or not attributes.strip(), f"attributes on <{name}>"
            stack.append(name)
    assert not stack, f"unclosed tags {stack} in {text!r}"
    outside = _TAG.sub("", text)
    assert "<" not in outside and ">" not in outside, f"bare < or > in {text!r}"
    assert not re.search(r"&(?!(lt|gt|amp|quot|#\d+);)", outside), f"bare & in {text!r}"


def plain(text: str) -> str:
    return html.unescape(_TAG.sub("", text))


def check_reply(reply: Reply, version: int) -> None:
    if reply.timeline is not None and not reply.text:  # a picture alone, with its caption
        assert reply.caption is None or len(reply.caption) <= 1024
    else:
        check_html(reply.text)
    if reply.options:
        assert reply.question_id, "options without a question id"
    if reply.question_id is not None:
        assert ":" not in reply.question_id and len(reply.question_id) <= 16
    for option in reply.options:
        # an option is a word `actions.decode` reads back ("457b_governmental": 17)
        assert ":" not in option.id and len(option.id) <= 30, option.id
        assert option.id.isascii()
        assert option.label and "<" not in option.label
        question = option.question_id or reply.question_id
        assert question is not None and ":" not in question and len(question) <= 16
        callback = f"{question}:{option.id}:{version}"
        assert len(callback.encode()) <= 64


class Chat:
    def __init__(self, today: date = TODAY) -> None:
        self.today = today
        self.session = Session()
        self.replies: list[Reply] = []

    def send(self, event: Event) -> list[Reply]:
        before = self.session
        snapshot = before.model_dump()
        self.session, self.replies = step(before, event, self.today)
        assert before.model_dump() == snapshot, "step changed the session it was given"
        assert self.session.version == before.version + 1
        assert self.session.recent_update_ids == before.recent_update_ids
        assert self.replies, f"no reply to {event!r}"
        for reply in self.replies:
            check_reply(reply, self.session.version)
        # Typed answers become JSON at the store and come back as they were.
        stored = self.session.model_dump_json()
        assert Session.model_validate_json(stored) == self.session.model_copy(
            update={"forgotten": False}
        )
        return self.replies

    # --- what the person does

    def start(self, payload: str = "") -> list[Reply]:
        return self.send(Command(name="start", argument=payload))

    def command(self, name: str, argument: str = "") -> list[Reply]:
        return self.send(Command(name=name, argument=argument))

    def say(self, text: str) -> list[Reply]:
        return self.send(Text(text=text))

    def tap(self, option_id: str, question_id: str | None = None) -> list[Reply]:
        """Tap a button shown in the latest replies (the last one that has it)."""
        for reply in reversed(self.replies):
            for option in reply.options:
                question = option.question_id or reply.question_id
                if option.id == option_id and question_id in (None, question):
                    assert question is not None
                    return self.send(Choice(question_id=question, option_id=option.id))
        shown = [(r.question_id, [o.id for o in r.options]) for r in self.replies]
        raise AssertionError(f"no button {question_id}:{option_id} on screen: {shown}")

    def script(self, *lines: str) -> list[Reply]:
        """Each line: "tap <option>" / "tap <question>:<option>", "/command arg", or text."""
        for line in lines:
            if line.startswith("tap "):
                target = line[4:]
                question, _, option = target.rpartition(":")
                self.tap(option, question or None)
            elif line.startswith("/"):
                name, _, argument = line[1:].partition(" ")
                self.command(name, argument)
            else:
                self.say(line)
        return self.replies

    # --- what the test looks at

    @property
    def text(self) -> str:
        """The latest replies as plain text, joined."""
        return "\n".join(plain(r.text) for r in self.replies)

    @property
    def asked(self) -> str | None:
        return self.session.asked

    @property
    def answers(self) -> dict[str, object]:
        """The answers as the store keeps them (JSON)."""
        answers: dict[str, object] = self.session.model_dump(mode="json")["answers"]
        return answers

    def buttons(self) -> dict[str, list[str]]:
        shown: dict[str, list[str]] = {}
        for reply in self.replies:
            for option in reply.options:
                question = option.question_id or reply.question_id
                if question:
                    shown.setdefault(question, []).append(option.id)
        return shown

    def labels(self) -> list[str]:
        return [o.label for r in self.replies for o in r.options]

    def summary(self) -> str | None:
        return summary(self.session, self.today)
