"""`step(session, event, today) -> (session, replies)`: the whole conversation, pure.

The session holds the answers; the question on screen is the first relevant unanswered
one (dialogs/form.py). Every reply's words come from templates/ (dialogs/render.py);
this module only decides which reply to send."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from markupsafe import Markup

from dialogs import form, results
from dialogs.events import Choice, Command, Event, Option, Reply, Text
from dialogs.parsing import Problem, is_why, normalise, parse_date
from dialogs.render import label, macro, render
from dialogs.session import Session

# Action buttons: question ids that are not form questions.
EDIT = "edit"  # option = a question id to answer again, or "list" for the list of answers
MENU = results.MENU  # option = "sum" | "edit" | "restart"
WHATIF = results.WHATIF  # option = "2027-01" (try that month) or "u2027-01" (use it)
WHY = "why"  # the option id, on every form question, that asks "why do you ask?"

_TEXT_COMMANDS = {
    "back": "back",
    "go back": "back",
    "undo": "back",
    "help": "help",
    "restart": "restart",
    "start over": "restart",
    "summary": "summary",
    "privacy": "privacy",
}


_WHAT_IF = r"^(what if|what about|and if|if)( i)?( leave| left| retire| go)?( in| on)?\s*"


@dataclass
class _State:
    answers: dict[str, Any]
    history: list[str]
    asked: str | None
    today: date
    fresh: bool = False  # /forget: hand back a brand-new session
    replies: list[Reply] = field(default_factory=list)

    def say(self, text: str, **fields: Any) -> None:
        self.replies.append(Reply(text=text, **fields))


def step(session: Session, event: Event, today: date) -> tuple[Session, list[Reply]]:
    state = _State(dict(session.answers), list(session.history), session.asked, today)
    if isinstance(event, Command):
        _command(state, event.name.lower().lstrip("/"), event.argument.strip())
    elif isinstance(event, Choice):
        _choice(state, event)
    else:
        _text(state, event)
    version = session.version + 1
    if state.fresh:
        new = Session(version=version, forgotten=True)
    else:
        new = session.model_copy(
            update={
                "version": version,
                "answers": state.answers,
                "history": state.history,
                "asked": state.asked,
            }
        )
    return new, [reply.model_copy(update={"version": version}) for reply in state.replies]


def summary(session: Session, today: date) -> str | None:
    """The shareable summary (Telegram HTML), or None before there is anything to say."""
    return results.summary_text(session.answers, today)


# ---------------------------------------------------------------------------
# Events


def _command(state: _State, name: str, argument: str) -> None:
    if name == "start":
        _start(state, argument)
    elif name == "help":
        state.say(render("help.j2"))
        _show_current(state)
    elif name == "back":
        _back(state)
    elif name == "restart":
        state.answers, state.history, state.asked = {}, [], None
        state.say(render("restart.j2"))
        _advance(state)
    elif name == "summary":
        _summary(state)
    elif name == "privacy":
        state.say(render("privacy.j2"))
    elif name == "forget":
        state.fresh = True
        state.answers, state.history, state.asked = {}, [], None
        state.say(render("forget.j2"))
    else:
        state.say(render("unknown_command.j2", name=name[:40]))
        _show_current(state)


def _start(state: _State, payload: str) -> None:
    if not state.answers:
        topics = form.BY_ID["topics"]
        if payload.lower() in topics.options:
            state.say(render("deep_link.j2", topics=payload.lower()))
            _answer(state, "topics", payload.lower(), typed=False)
            return
        _advance(state)
        return
    state.say(render("welcome_back.j2", finished=_finished(state)))
    _show_current(state)


def _choice(state: _State, choice: Choice) -> None:
    qid, option = choice.question_id, choice.option_id
    if qid == EDIT:
        _edit(state, option)
    elif qid == MENU:
        _menu(state, option)
    elif qid == WHATIF:
        _what_if(state, option)
    elif qid in form.BY_ID:
        _form_choice(state, form.BY_ID[qid], option)
    else:
        _alert(state, "unknown_button")


def _form_choice(state: _State, question: form.Question, option: str) -> None:
    on_screen = question.id == state.asked
    answered = question.id in state.answers and form.is_relevant(
        question.id, state.answers, state.today
    )
    if option == WHY and (on_screen or answered):
        _why(state, question)
        return
    if not (on_screen or answered):
        _alert(state, "stale_button")
        return
    value = form.pick(question, option, _context(state))
    if value is None:
        _alert(state, "stale_button")
        return
    if isinstance(value, Problem):
        _reask(state, question, value)
        return
    if not on_screen and state.answers.get(question.id) == value:
        # A double tap, or the same press delivered twice: the answer stands as it is.
        _alert(state, "already_noted")
        return
    # A tap on an earlier question's button changes that answer, and says so.
    _answer(state, question.id, value, typed=not on_screen)


def _text(state: _State, event: Text) -> None:
    text = event.text.strip()[:500]
    clean = normalise(text)
    if clean in _TEXT_COMMANDS:
        _command(state, _TEXT_COMMANDS[clean], "")
        return
    question = _on_screen(state)
    if question is None:
        if not state.answers:
            topics = form.BY_ID["topics"].read(text, _context(state))
            if isinstance(topics, str):
                _answer(state, "topics", topics, typed=True)
                return
            _advance(state)
            return
        if _finished(state):
            _text_after_results(state, text)
            return
        _advance(state)
        return
    if is_why(clean):
        _why(state, question)
        return
    if not text:
        _reask(state, question, Problem("empty"))
        return
    value = question.read(text, _context(state))
    if isinstance(value, Problem):
        _reask(state, question, value)
        return
    _answer(state, question.id, value, typed=True)


def _text_after_results(state: _State, text: str) -> None:
    clean = normalise(text)
    if is_why(clean):
        state.say(render("help.j2"))
        return
    wished = re.sub(_WHAT_IF, "", clean)
    if wished != clean and _can_move_leaving_date(state):
        found = parse_date(wished, state.today, past=False)
        if found is not None and found.month is not None:
            _what_if(state, f"{found.year:04d}-{found.month:02d}")
            return
    state.say(render("finished.j2"), options=_menu_options(), question_id=MENU)


# ---------------------------------------------------------------------------
# Moving through the form


def _context(state: _State) -> form.Context:
    return form.Context(state.answers, state.today)


def _on_screen(state: _State) -> form.Question | None:
    if state.asked in form.BY_ID and form.is_relevant(state.asked, state.answers, state.today):
        return form.BY_ID[state.asked]
    return None


def _finished(state: _State) -> bool:
    return bool(state.answers) and form.next_question(state.answers, state.today) is None


def _answer(state: _State, qid: str, value: Any, typed: bool) -> None:
    state.answers[qid] = value
    state.history = [h for h in state.history if h != qid] + [qid]
    state.answers = form.prune(state.answers, state.today)
    state.history = [h for h in state.history if h in state.answers]
    if typed or qid == "bday_passed":
        _echo(state, qid)
    _advance(state)


def _echo(state: _State, qid: str) -> None:
    """The answer as we understood it, with a one-tap way to fix a misreading."""
    shown = qid
    if qid == "bday_passed":
        shown = "birth"
    if shown not in state.answers:
        return
    text = macro("answers.j2", "echo", shown, ctx=_answer_context(state))
    state.say(text, options=[Option(id=shown, label=label("change"))], question_id=EDIT)


def _answer_context(state: _State) -> dict[str, Any]:
    born = form.birth_year(state.answers, state.today)
    return {"a": state.answers, "today": state.today, "born": born}


def _advance(state: _State) -> None:
    question = form.next_question(state.answers, state.today)
    if question is None:
        state.asked = None
        results.show(state.replies, state.answers, state.today)
        return
    _ask(state, question)


def _ask(state: _State, question: form.Question, editing: bool = False, why: bool = True) -> None:
    state.asked = question.id
    current = (
        macro("answers.j2", "show", question.id, ctx=_answer_context(state))
        if editing and question.id in state.answers
        else None
    )
    text = render(
        f"questions/{question.id}.j2",
        **_answer_context(state),
        current=current,
        started=bool(state.history),
    )
    state.say(text, options=_options(question, why=why), question_id=question.id)


def _options(
    question: form.Question, why: bool = True, extra: list[Option] | None = None
) -> list[Option]:
    options = list(extra or [])
    options += [Option(id=o, label=label("option", q=question.id, o=o)) for o in question.options]
    if why:
        options.append(Option(id=WHY, label=label("why")))
    return options


def _show_current(state: _State) -> None:
    question = _on_screen(state)
    if question is not None:
        _ask(state, question)
    elif _finished(state):
        state.say(render("finished.j2"), options=_menu_options(), question_id=MENU)
    else:
        _advance(state)


def _why(state: _State, question: form.Question) -> None:
    state.say(render(f"questions/{question.id}.why.j2", **_answer_context(state)))
    if question.id == state.asked:
        _ask(state, question, why=False)


def _reask(state: _State, question: form.Question, problem: Problem) -> None:
    state.asked = question.id
    context = {**_answer_context(state), "p": problem.params, "q": question.id}
    text = macro("reask.j2", problem.code, ctx=context)
    extra: list[Option] = []
    if problem.code == "birth_age_or_year":
        number, year = problem.params["number"], problem.params["year"]
        extra = [
            Option(id=f"a{number}", label=label("age_choice", age=number)),
            Option(id=f"y{year}", label=label("year_choice", year=year)),
        ]
    state.say(text, options=_options(question, extra=extra), question_id=question.id)


def _back(state: _State) -> None:
    if not state.history:
        state.say(render("nothing_to_undo.j2"))
        _show_current(state)
        return
    last = state.history.pop()
    state.answers.pop(last, None)
    state.answers = form.prune(state.answers, state.today)
    state.history = [h for h in state.history if h in state.answers]
    question = form.next_question(state.answers, state.today)
    state.say(render("undone.j2"))
    if question is None:
        _advance(state)
    else:
        _ask(state, question)


def _alert(state: _State, code: str) -> None:
    state.say(macro("alerts.j2", code), alert=True)


# ---------------------------------------------------------------------------
# Action buttons


def _menu_options() -> list[Option]:
    return results.menu_options()


def _menu(state: _State, option: str) -> None:
    if option == "sum":
        _summary(state)
    elif option == "edit":
        _edit(state, "list")
    elif option == "restart":
        _command(state, "restart", "")
    else:
        _alert(state, "unknown_button")


def _summary(state: _State) -> None:
    text = results.summary_text(state.answers, state.today)
    if text is None:
        state.say(render("no_summary_yet.j2"))
        _show_current(state)
        return
    options = [Option(id="list", label=label("edit_list"))] if state.answers else []
    state.say(text, shareable=True, options=options, question_id=EDIT if options else None)


def _edit(state: _State, option: str) -> None:
    if option == "list":
        kept = form.prune(state.answers, state.today)
        choices = [
            Option(
                id=q.id,
                label=label(
                    "edit_item",
                    q=q.id,
                    value=Markup(macro("answers.j2", "show", q.id, ctx=_answer_context(state))),
                ),
            )
            for q in form.QUESTIONS
            if q.id in kept
        ]
        if not choices:
            state.say(render("no_summary_yet.j2"))
            _show_current(state)
            return
        state.say(render("edit_list.j2"), options=choices, question_id=EDIT)
        return
    question = form.BY_ID.get(option)
    if question is None or not form.is_relevant(option, state.answers, state.today):
        _alert(state, "no_longer_applies")
        return
    _ask(state, question, editing=True)


def _can_move_leaving_date(state: _State) -> bool:
    """A what-if needs a Rule of 55 answer whose leaving date is still to come."""
    return (
        form.wants_rule_of_55(state.answers)
        and state.answers.get("employment") in {"leaving", "staying"}
        and _finished(state)
    )


def _what_if(state: _State, option: str) -> None:
    use = option.startswith("u")
    match = re.fullmatch(r"u?(\d{4})-(\d{2})", option)
    if match is None or not _can_move_leaving_date(state):
        _alert(state, "stale_button")
        return
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12 or date(year, month, 1) < state.today.replace(day=1):
        _alert(state, "stale_button")
        return
    when = date(year, month, 1)
    if use:
        if state.answers.get("employment") == "staying":
            state.answers["employment"] = "leaving"  # trying a date means planning to leave
        _answer(state, "separation", when.isoformat(), typed=True)
        return
    results.show_what_if(state.replies, state.answers, state.today, when)
