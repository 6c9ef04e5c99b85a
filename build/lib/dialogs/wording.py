"""Every word of a question comes from its one file, templates/questions/<id>.j2: the
question, "why do you ask?", its buttons' labels and its answer read back three ways
(the macros are listed in templates/questions/_words.j2)."""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from markupsafe import Markup

from dialogs.render import block, macro, plain, render

ReadBack = Literal["show", "brief", "echo"]


def _file(question_id: str) -> str:
    return f"questions/{question_id}.j2"


def ask(question_id: str, ctx: dict[str, Any], current: str | None = None) -> str:
    """The question on screen, with the answer it has now when it is being changed."""
    question = Markup(block(_file(question_id), "ask", ctx))
    return render("questions/_current.j2", question=question, current=current)


def why(question_id: str, ctx: dict[str, Any]) -> str:
    return block(_file(question_id), "why", ctx)


def read_back(how: ReadBack, question_id: str, ctx: dict[str, Any]) -> str:
    """The answer to a question as `ctx["a"]` holds it, in words."""
    return macro(_file(question_id), how, ctx["a"][question_id], ctx)


@cache
def name(question_id: str) -> str:
    return plain(macro(_file(question_id), "name"))


@cache
def option(question_id: str, option_id: str) -> str:
    """A button's label: plain text, as Telegram shows it."""
    return plain(macro(_file(question_id), "option", option_id))


@cache
def example(question_id: str) -> Markup:
    """A typed answer the question takes, for re-asks; empty when it has none."""
    return Markup(macro(_file(question_id), "example"))
