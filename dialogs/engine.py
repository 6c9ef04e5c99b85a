"""`step(session, event, today) -> (session, replies)`: the whole conversation, pure.

The session holds the answers; the question on screen is the first one whose answer
would still change the result (dialogs/form.py). Every reply's words come from
templates/ (dialogs/render.py); this module only decides which reply to send."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from markupsafe import Markup

from dialogs import actions, form, reminders, results, timeline, wording
from dialogs.answers import UNSURE, Ask, BirthDate, Day, Reject, usable
from dialogs.events import Choice, Command, Event, Option, Reply, Text
from dialogs.marks import Timeline
from dialogs.parsing import is_why, normalise
from dialogs.reading import READERS, ReadContext, read_many
from dialogs.reading.base import MONTH_NAMES
from dialogs.reading.dates import M
from dialogs.reading.swapped import swap
from dialogs.reading.text import PUTS_RIGHT, clauses
from dialogs.render import label, macro, render
from dialogs.session import ReminderOptIn, Session

MAX_PLANS = 6  # plans in one conversation (each has its buttons in the overview)
MAX_UNDO = 20  # changes /back can undo, newest first
SKIP_AFTER = 2  # misses of one question: the first re-ask offers "Not sure", a second moves on
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
    misreads: int = 0
    reasked: str | None = None  # the re-ask on screen
    partial: dict[str, Any] = field(default_factory=dict)  # settled so far, kept if given up
    offered: list[dict[str, Any]] = field(default_factory=list)
    said: dict[str, Any] = field(default_factory=dict)  # answers ahead of their question
    plans: list[dict[str, Any]] = field(default_factory=list)  # the person's other plans
    # What the answers were before each change, newest last: /back restores the last one.
    undo: list[dict[str, Any]] = field(default_factory=list)
    plan_name: str | None = None  # the person's name for the plan being checked
    reminders: ReminderOptIn | None = None  # "🔔 Remind me" (dialogs/reminders.py)
    fresh: bool = False  # /forget: hand back a brand-new session
    echoed: list[str] = field(default_factory=list)  # answers to confirm with the next reply
    replies: list[Reply] = field(default_factory=list)
    # The answers' words and dollar figures (results.answers_context) and the answers they
    # were made from: the rules' assessment in them costs about what reading a typed answer
    # does, and a question with its echo asked for them twice.
    context: tuple[dict[str, Any], dict[str, Any]] | None = None

    def new_question(self) -> None:
        """No misreads, offers or re-ask carried over to the next question."""
        self.misreads, self.offered, self.reasked, self.partial = 0, [], None, {}

    def say(self, text: str, **fields: Any) -> None:
        self.replies.append(Reply(text=text, **fields))


def step(session: Session, event: Event, today: date) -> tuple[Session, list[Reply]]:
    state = _State(
        dict(session.answers),
        list(session.history),
        session.asked,
        today,
        misreads=session.misreads,
        reasked=session.reasked,
        partial=dict(session.partial),
        offered=list(session.offered),
        said=dict(session.said),
        plans=[dict(plan) for plan in session.plans],
        plan_name=session.plan_name,
        undo=list(session.undo),
        reminders=session.reminders,
    )
    if isinstance(event, Command):
        _command(state, event.name.lower().lstrip("/"), event.argument.strip())
    elif isinstance(event, Choice):
        _choice(state, event)
    else:
        _text(state, event)
    _flush_echo(state)
    version = session.version + 1
    if state.fresh:
        new = Session(version=version, forgotten=True)
    else:
        kept = dict(
            version=version,
            answers=state.answers,
            history=state.history,
            asked=state.asked,
            misreads=state.misreads,
            reasked=state.reasked,
            partial=state.partial,
            offered=state.offered,
            said=state.said,
            plans=state.plans,
            plan_name=state.plan_name,
            undo=state.undo[-MAX_UNDO:],
            reminders=state.reminders,
        )
        new = session.model_copy(update=kept)
    return new, state.replies


def summary(session: Session, today: date) -> str | None:
    """The shareable summary (Telegram HTML), or None before there is anything to say."""
    return results.summary_text(session.answers, today, session.plans, session.plan_name)


def picture(session: Session, today: date) -> Timeline | None:
    """The dates the summary's picture shows, or None when there is no picture to draw."""
    return timeline.timeline_of_answers(session.answers, today, session.plans)


# ---------------------------------------------------------------------------
# Events


def _command(state: _State, name: str, argument: str) -> None:
    handler = _COMMANDS.get(name)
    if handler is None:
        state.say(render("unknown_command.j2", name=name[:40]))
        _show_current(state)
        return
    handler(state, argument)


def _help(state: _State, argument: str) -> None:
    state.say(render("help.j2"))
    _show_current(state)


def _restart(state: _State, argument: str = "") -> None:
    state.answers, state.history, state.asked, state.said = {}, [], None, {}
    state.plans, state.plan_name, state.undo = [], None, []
    state.say(render("restart.j2"))
    _advance(state)


def _forget(state: _State, argument: str) -> None:
    state.fresh = True
    state.answers, state.history, state.asked = {}, [], None
    state.say(render("forget.j2"))


def _start(state: _State, payload: str) -> None:
    if not state.answers:
        first = form.QUESTIONS[0]  # a deep link (t.me/bot?start=r55) answers it
        if payload.lower() in first.options:
            state.say(render("deep_link.j2", topics=payload.lower()))
            _answer(state, {first.id: payload.lower()}, echo=False)
            return
        _advance(state)
        return
    state.say(render("welcome_back.j2", finished=_finished(state)))
    _show_current(state)


def _choice(state: _State, choice: Choice) -> None:
    action = actions.decode(choice.question_id, choice.option_id)
    if action is None:
        _alert(state, "unknown_button")
        return
    _ON_ACTION[type(action)](state, action)


def _question_of(state: _State, question_id: str) -> form.Question | None:
    """The question a button belongs to, if it is on screen or answered (and still makes
    sense); None, with a pop-up saying why, for a button that no longer fits."""
    question = form.BY_ID.get(question_id)
    if question is None:
        _alert(state, "unknown_button")
        return None
    on_screen = question.id == state.asked
    answered = question.id in state.answers and form.applies(question.id, state.answers)
    if not on_screen and not answered:
        _alert(state, "stale_button")
        return None
    return question


def _on_why(state: _State, action: actions.Why) -> None:
    question = _question_of(state, action.question)
    if question is not None:
        _why(state, question)


def _on_offered(state: _State, action: actions.Offered) -> None:
    """One of the readings offered for an ambiguous answer: only while it is on screen."""
    question = _question_of(state, action.question)
    if question is None:
        return
    if question.id != state.asked or action.index >= len(state.offered):
        _alert(state, "stale_button")
        return
    _answer(state, state.offered[action.index], echo=question.echoed_as is not None)


def _on_answer(state: _State, action: actions.Answer) -> None:
    question = _question_of(state, action.question)
    if question is None:
        return
    found = _found(state, question, action.option)
    if found is None:
        return
    if question.id == state.asked:
        _answer(state, _with_settled(state, question, found), echo=question.echoed_as is not None)
    elif not _changes(state, found):
        # A double tap, or the same press delivered twice: the answer stands as it is.
        _alert(state, "already_noted")
    else:
        # A button of an earlier question, still on the person's screen: changing that
        # answer can wipe later ones, so it is asked, never done on a stray tap.
        now = _answer_context(state)
        new = results.answers_context({**state.answers, **found}, state.today)
        state.say(
            render(
                "confirm_change.j2",
                name=wording.name(question.id),
                now=Markup(wording.read_back("brief", question.id, now)),
                new=Markup(wording.read_back("brief", question.id, new)),
            ),
            options=[
                actions.button(actions.ChangeTo(question.id, action.option), label("change_it")),
                actions.button(actions.Keep(question.id), label("keep_it")),
            ],
            question_id=actions.CHANGE_TO,
        )


def _found(state: _State, question: form.Question, option: str) -> dict[str, Any] | None:
    """The answer a question's option stands for ("Not sure" is an answer to every
    question); None, with a pop-up, for an option the question no longer has."""
    if option == UNSURE:
        return {question.id: question.given_up_as}
    value = form.pick(question, option)
    if value is None:
        _alert(state, "stale_button")
        return None
    return {question.id: value}


def _on_change_to(state: _State, action: actions.ChangeTo) -> None:
    """The change asked for from an earlier question's button, confirmed: made, said back
    with its ✏️ button, and undone by /back like any other."""
    question = _question_of(state, action.question)
    found = None if question is None else _found(state, question, action.option)
    if found is None:
        return
    if not _changes(state, found):
        _alert(state, "already_noted")
        return
    _answer(state, found, echo=True)


def _on_keep(state: _State, action: actions.Keep) -> None:
    state.say(render("kept.j2"))
    _show_current(state)


def _text(state: _State, event: Text) -> None:
    text = event.text.strip()[:500]
    clean = normalise(text)
    if clean in _TEXT_COMMANDS:
        _command(state, _TEXT_COMMANDS[clean], "")
        return
    if state.asked == actions.NAMING and text:
        _name_plan(state, text)
        return
    if _never_started(state) and not _says_something(state, text):
        _start(state, "")  # "hi" before /start: the conversation starts, with its buttons
        return
    question = _on_screen(state)
    if question is None:
        question = form.next_question(state.answers, state.today)
        if question is None:  # every question answered (with none, topics comes first)
            _text_after_results(state, text)
            return
        state.asked = question.id
    if re.fullmatch(GREETING, clean):  # "hi" while a question waits: no miss, the question
        _reask(state, question, Ask(code="greeting"), counts=False)
        return
    if is_why(clean):
        _why(state, question)
        return
    if not text:
        _reask(state, question, Ask(code="empty"))
        return
    context = _read_context(state)
    reading = READERS[question.reads](text, context)
    said = read_many(text, context)
    # a question that starts as one ("should I roll it into an IRA?") says no facts; one
    # that only ends with "?" may ("I'm 58, the rule of 55?")
    starts_as_question = bool(re.search(_QUESTION_WORDS, clean))
    if (
        _asks_something(text)
        and not usable(reading)
        and (starts_as_question or not _heard(said, skip=""))
    ):
        # "should I roll it into an IRA?" while a question waits: a pointer, then the
        # same question again — a question of theirs is no miss of ours
        state.say(render("question_in_the_form.j2", rolling=bool(re.search(_ROLLING, clean))))
        _reask(state, question, Ask(code="question_asked"), counts=False)
        return
    other = form.named_instead(question, clean) if question.reads in form.SHORT_ANSWERS else None
    if other is not None:
        _about_another_question(state, question, other, text, context)
        return
    if len(said) > 1 and usable(said.get(question.reads)):
        reading = said[question.reads]  # a message that answers it among other things
    others = _also_said(state, question, said)
    if isinstance(reading, Ask | Reject):
        if not others and (put_right := _put_right(state, question, text, said)):
            # "actually it was may not march" under another question: the answer that said
            # march is changed and said back; this question is asked again (unless the change
            # settles it or leaves it moot), and it was no miss
            others = put_right
        if others:
            _answer(state, others, echo=True, advance=False)
            if not form.applies(question.id, state.answers) or question.id in state.answers:
                _advance(state)
                return
            if not _names_this_question(question, reading, said):
                # "still working, retiring in june" under the plan question: those answers
                # are taken and said back; this question is asked again, and it was no miss
                _reask(state, question, Ask(code="others_taken"), counts=False)
                return
        # "still working there" under the plan question: about another question, no miss
        elsewhere = [
            qid
            for kind, r in said.items()
            if kind != question.reads
            and isinstance(r, Ask)
            and r.partial is not None
            and (qid := form.HEARD.get(kind)) is not None
            and qid not in state.answers  # answered already: this question's words
        ]
        if elsewhere:
            other_name = wording.name(elsewhere[0])
            reading = Ask(code="about_another_question", params={"other": other_name})
        _reask(state, question, reading, counts=not elsewhere)
        return
    found = {**others, **form.expand(question.id, reading)}
    _answer(state, _with_settled(state, question, found), echo=True)


def _with_settled(state: _State, question: form.Question, found: dict[str, Any]) -> dict[str, Any]:
    """The answer to a question asked again, with what the first try settled besides it
    ("I retired but they hired me back": the rehire is kept whatever the leaving plans)."""
    if state.asked != question.id:
        return found
    return {**{q: a for q, a in state.partial.items() if q != question.id}, **found}


def _names_this_question(
    question: form.Question, reading: Ask | Reject, said: dict[str, Any]
) -> bool:
    """Whether a message that answered other questions also tried to answer this one: a
    reading of its kind among the message's facts, or one that offers readings."""
    return question.reads in said or (isinstance(reading, Ask) and bool(reading.candidates))


def _about_another_question(
    state: _State, question: form.Question, other: form.Question, text: str, context: ReadContext
) -> None:
    """A message about another question than the one on screen ("nah, never rolled
    anything" under the after-tax question): its clauses about the other question answer
    that one (said back; a change if it was answered); a clause before them without
    another topic ("no, no roth conversions either") still answers the one on screen."""
    parts = clauses(normalise(text))
    theirs = ", ".join(p for p in parts if form.names_topic(other.id, p))
    mine = ", ".join(p for p in parts if not form.names_topic(other.id, p))
    found: dict[str, Any] = {}
    for asked, words in ((other, theirs), (question, mine)):
        reading = READERS[asked.reads](words, context) if words else None
        if usable(reading):
            found.update(form.expand(asked.id, reading))
    changed = _changes(state, found)
    if changed:
        _answer(state, changed, echo=True)
        return
    _reask(state, question, Ask(code="another_question", params={"other": wording.name(other.id)}))


def _never_started(state: _State) -> bool:
    return state.asked is None and not state.answers and not state.plans and not state.said


def _says_something(state: _State, text: str) -> bool:
    """Whether a first message answers anything (a topic, an age, a plan...)."""
    context = _read_context(state)
    first = form.QUESTIONS[0]
    return usable(READERS[first.reads](text, context)) or any(
        usable(reading) for reading in read_many(text, context).values()
    )


def _also_said(state: _State, question: form.Question, said: dict[str, Any]) -> dict[str, Any]:
    """Other answers the same message clearly gives, for questions not answered yet or
    left as not known ("actually i left in may", after the leaving date was given up)."""
    heard = _heard(said, skip=question.reads)
    for kind, reading in said.items():
        # what a reading asked back settled of facts never asked ("retired, but they hired
        # me back": the rehire, while the leaving plans are asked when their turn comes)
        qid = form.HEARD.get(kind)
        if kind != question.reads and qid and isinstance(reading, Ask) and reading.partial:
            settled = form.expand(qid, reading.partial).items()
            heard.update({q: a for q, a in settled if not form.BY_ID[q].asked})
    return {
        qid: answer
        for qid, answer in heard.items()
        if state.answers.get(qid, UNSURE) == UNSURE and qid != question.id
    }


def _heard(readings: dict[str, Any], skip: str) -> dict[str, Any]:
    """The answers, by question id, that readings of one message give (a reading of kind
    `skip` left out)."""
    found: dict[str, Any] = {}
    for kind, reading in readings.items():
        qid = form.HEARD.get(kind)
        if qid is not None and kind != skip and usable(reading):
            found.update(form.expand(qid, reading))
    return found


def _read_context(state: _State) -> ReadContext:
    return ReadContext(
        today=state.today,
        birth_year=form.birth_year(state.answers, state.today),
        left=form.left_or_leaving(state.answers),
        pay=form.pay(state.answers),
        on_screen=state.reasked if state.misreads else None,
        offer=(question := _on_screen(state)) is not None and UNSURE not in question.options,
    )


def _text_after_results(state: _State, text: str) -> None:
    clean = normalise(text)
    if is_why(clean):
        state.say(render("help.j2"))
        return
    wished = re.sub(_WHAT_IF, "", clean)
    if wished != clean and _can_move_leaving_date(state):
        context = dataclasses.replace(_read_context(state), left=False)
        found = READERS[form.LEAVING_DATE.reads](wished, context)
        if isinstance(found, Day) and found.month is not None:
            _on_what_if(state, actions.WhatIf(date(found.year, found.month, 1)))
            return
    if _asks_something(text):  # "should I roll it into the 457?": a pointer, never an answer
        state.say(
            render("after_results.j2", rolling=bool(re.search(_ROLLING, clean))),
            options=results.menu_options(state.answers),
            question_id=actions.MENU,
        )
        return
    zone = reminders.read_zone(text) if state.reminders is not None else None
    if zone is not None:  # "pacific", "I'm in Denver": the reminders' time zone
        _on_remind(state, actions.Remind(zone))
        return
    put_right = _date_put_right(state, text)
    if put_right:  # "actually it was may not march": the answer that said march
        _answer(state, put_right, echo=True)
        return
    said = read_many(text, _read_context(state))
    # Answers given again, differently (a bare yes or no says nothing about which answer
    # it changes).
    corrected = _changes(state, _heard(said, skip="yes_no"))
    if corrected:  # "actually I left in May, not March": changed, said back, results again
        _answer(state, corrected, echo=True)
        return
    if re.search(r"\d", text) or said or swap(text):
        # an answer of some kind, but not one we can tell: never "that's everything"
        state.say(
            render("after_results_unclear.j2"),
            options=results.menu_options(state.answers),
            question_id=actions.MENU,
        )
        return
    _say_finished(state)


def _say_finished(state: _State) -> None:
    """Every question answered: the menu of what to do next."""
    state.say(
        render("finished.j2"), options=results.menu_options(state.answers), question_id=actions.MENU
    )


GREETING = (
    r"(?:hi+|hello+|hey+|hiya|howdy|yo|good (?:morning|afternoon|evening)|greetings|hi there"
    r"|hello there|hey there)(?: there)?(?:,? (?:bot|there|friend))?[!.]*"
)
_QUESTION_WORDS = r"^(?:should|can|could|would|will|what|whats|what's|why|how|is|are|do|does|am)\b"
_ROLLING = r"\broll(?:ed|ing|over)?\b|\bmove (?:it|my|the)\b|\btransfer\b"


def _asks_something(text: str) -> bool:
    return text.strip().endswith("?") or bool(re.search(_QUESTION_WORDS, normalise(text)))


def _put_right(
    state: _State, question: form.Question, text: str, said: dict[str, Any]
) -> dict[str, Any]:
    """Answers given before that a message typed under another question puts right: a month
    or year swapped ("it was may not march"), a month for a year-only leaving date, or, when
    the message says it corrects something ("actually I leave in march, not june", "oh wait,
    it's a 403b"), whatever it says differently from the answers given."""
    found = _date_put_right(state, text) or _month_of(state, text)
    if found or not PUTS_RIGHT.search(normalise(text)):
        return found
    found = _date_put_right(state, text, within=True)
    if not found:
        heard = _heard(said, skip="yes_no")  # a bare yes or no names no answer to change
        found = {qid: a for qid, a in heard.items() if qid in state.answers}
    return {qid: a for qid, a in _changes(state, found).items() if qid != question.id}


def _date_put_right(state: _State, text: str, within: bool = False) -> dict[str, Any]:
    """The one answer whose month or year a message takes back ("it was may not march",
    "2025 not 2024"; with `within`, also among other words), read again with the value meant
    by that answer's own reader (so it is checked as if typed); nothing when no answer, or
    more than one, said the value."""
    swapped = swap(text, within)
    if swapped is None:
        return {}
    part, old, new = swapped
    said = [
        (qid, answer)
        for qid, answer in state.answers.items()
        if isinstance(answer, Day | BirthDate) and getattr(answer, part) == old
    ]
    if len(said) != 1:
        return {}
    qid, answer = said[0]
    meant = answer.model_copy(update={part: new})
    day = f"{meant.day} " if meant.day is not None else ""
    month = f"{MONTH_NAMES[meant.month - 1]} " if meant.month is not None else ""
    return _read_as_typed(state, form.BY_ID[qid], f"{month}{day}{meant.year}")


def _month_of(state: _State, text: str) -> dict[str, Any]:
    """A month alone ("july", "in july") typed after a leaving date given as a year only
    ("next summer": 2027): that date's month, read again by the leaving date's reader."""
    question = form.LEAVING_DATE
    known = state.answers.get(question.id)
    m = re.fullmatch(rf"(?:in |probably |maybe )?{M}", normalise(text))
    if not isinstance(known, Day) or known.month is not None or m is None:
        return {}
    return _read_as_typed(state, question, f"{m[1]} {known.year}")


def _read_as_typed(state: _State, question: form.Question, typed: str) -> dict[str, Any]:
    """The answers `typed` gives to `question`, read by its own reader as if the person had
    typed it (so a date put right is checked like any other); nothing when unusable."""
    reading = READERS[question.reads](typed, _read_context(state))
    return form.expand(question.id, reading) if usable(reading) else {}


def _changes(state: _State, found: dict[str, Any]) -> dict[str, Any]:
    """The answers among `found` that differ from those given (new ones included)."""
    return {qid: answer for qid, answer in found.items() if state.answers.get(qid) != answer}


# ---------------------------------------------------------------------------
# Moving through the form


def _on_screen(state: _State) -> form.Question | None:
    if state.asked in form.BY_ID and form.applies(state.asked, state.answers):
        return form.BY_ID[state.asked]
    return None


def _finished(state: _State) -> bool:
    return bool(state.answers) and form.next_question(state.answers, state.today) is None


def _answer(state: _State, found: dict[str, Any], echo: bool, advance: bool = True) -> None:
    """Keep these answers (question id -> typed answer), confirm them, and go on. What the
    answers were before is kept, so /back undoes exactly this change."""
    state.undo.append(
        {"answers": dict(state.answers), "history": list(state.history), "said": dict(state.said)}
    )
    for qid in form.BY_ID:  # in form order, so a leaving date follows its work status
        if qid not in found:
            continue
        state.answers[qid] = found[qid]
        state.history = [h for h in state.history if h != qid] + [qid]
        if echo:
            state.echoed = [q for q in state.echoed if q != qid] + [qid]
    kept = form.prune(state.answers)
    for qid, answer in found.items():
        if qid not in kept and qid in state.answers:  # said before its question applies
            state.said[qid] = answer
    state.answers = kept
    state.history = [h for h in state.history if h in state.answers]
    state.echoed = [q for q in state.echoed if q in state.answers or q in state.said]
    if advance:
        state.new_question()
        _advance(state)


def _answer_context(state: _State, with_said: bool = False) -> dict[str, Any]:
    if state.context is None or state.context[0] != state.answers:
        made = results.answers_context(state.answers, state.today)
        state.context = (dict(state.answers), made)
    context = dict(state.context[1])
    if with_said:  # an echo also confirms what was said ahead of its question
        context["a"] = {**state.said, **context["a"]}
    return context


def _take_echo(state: _State) -> tuple[str, list[Option]]:
    """The answers as we understood them, with a one-tap way to fix each; once taken,
    they are not echoed again."""
    ctx = _answer_context(state, with_said=True)
    said_back = [form.BY_ID[qid].echoed_as or qid for qid in state.echoed]
    shown = list(dict.fromkeys(qid for qid in said_back if qid in ctx["a"]))
    lines = [wording.read_back("echo", qid, ctx) for qid in shown]
    several = len(shown) > 1
    options = [
        actions.button(
            actions.Change(qid),
            label("change_this", name=wording.name(qid)) if several else label("change"),
        )
        for qid in shown
        # a fact said ahead of a question that does not apply has nothing to change yet
        if form.applies(qid, state.answers)
    ]
    state.echoed = []
    return "\n".join(lines), options


def _with_echo(state: _State, text: str, options: list[Option]) -> tuple[str, list[Option]]:
    """A message with the echo of the answers just given on top, and their Change buttons
    first: one message per answer."""
    echo, changes = _take_echo(state)
    return (f"{echo}\n\n{text}" if echo else text), [*changes, *options]


def _flush_echo(state: _State) -> None:
    """Echoes not yet sent with a question go out on their own, before the other replies."""
    if not state.echoed:
        return
    text, options = _take_echo(state)
    if text:
        state.replies.insert(0, Reply(text=text, options=options, question_id=actions.CHANGE))


def _advance(state: _State) -> None:
    for qid in [q for q in state.said if not form.BY_ID[q].asked]:
        # a fact never asked, said before it applied ("they hired me back", before the work
        # question): kept once it applies
        if form.applies(qid, state.answers) and qid not in state.answers:
            state.answers[qid] = state.said.pop(qid)
    question = form.next_question(state.answers, state.today)
    while question is not None and question.id in state.said:
        # Already said, before the question applied: kept, not asked.
        # (not in the history: /back undoes what the person last answered, not this)
        state.answers[question.id] = state.said.pop(question.id)
        _keep(state, state.answers)
        question = form.next_question(state.answers, state.today)
    if question is None:
        state.asked = None
        first = len(state.replies)
        # The last answer's echo travels with the first result (its length counts there).
        echo, changes = _take_echo(state) if state.echoed else ("", [])
        results.show(
            state.replies, state.answers, state.today, state.plans, state.plan_name, lead=echo
        )
        results.show_plans(state.replies, state.answers, state.plans, state.plan_name, state.today)
        if changes:
            head = state.replies[first]
            state.replies[first] = head.model_copy(
                update={
                    "options": [*changes, *head.options],
                    "question_id": head.question_id or actions.CHANGE,
                }
            )
        return
    _ask(state, question)


def _ask(
    state: _State,
    question: form.Question,
    editing: bool = False,
    why: bool = True,
    before: str | None = None,
    extra: list[Option] | None = None,
) -> None:
    """The question (with any echo of the answers just given on top), and its buttons."""
    if state.asked != question.id:
        state.new_question()
    state.asked = question.id
    ctx = _answer_context(state)
    current = (
        wording.read_back("show", question.id, ctx)
        if editing and question.id in state.answers
        else None
    )
    text = before or wording.ask(question.id, {**ctx, "started": bool(state.history)}, current)
    options = _options(question, why=why, extra=extra)
    if state.echoed:
        text, options = _with_echo(state, text, options)
    state.say(text, options=options, question_id=question.id)


def _options(
    question: form.Question, why: bool = True, extra: list[Option] | None = None
) -> list[Option]:
    options = list(extra or [])
    options += [
        actions.button(actions.Answer(question.id, o), wording.option(question.id, o))
        for o in question.options
    ]
    if why:
        options.append(actions.button(actions.Why(question.id), label("why")))
    return options


def _show_current(state: _State) -> None:
    question = _on_screen(state)
    if question is not None:
        _ask(state, question)
    elif _finished(state):
        _say_finished(state)
    else:
        _advance(state)


def _why(state: _State, question: form.Question) -> None:
    state.say(wording.why(question.id, _answer_context(state)))
    if question.id == state.asked:
        _ask(state, question, why=False)


def _reask(
    state: _State, question: form.Question, problem: Ask | Reject, counts: bool = True
) -> None:
    """Say what we could not use and why, offering the likely readings and "Not sure" as
    buttons. A question is never asked a third time in a row: a second miss moves on
    with the answer left open (it can be changed later) — except a question nothing can
    be checked without, which says what it needs and waits. A message that was not an
    answer at all (a question of theirs, an answer to another question) `counts` as no
    miss."""
    misreads = (state.misreads if state.asked == question.id else 0) + (1 if counts else 0)
    partial = state.partial if state.asked == question.id else {}
    if isinstance(problem, Ask) and problem.partial is not None:
        partial = form.expand(question.id, problem.partial)
    state.asked = question.id
    if misreads >= SKIP_AFTER and partial:  # what was settled is kept, and said back
        _answer(state, partial, echo=True)
        return
    if misreads >= SKIP_AFTER and not question.essential:
        taken = {question.id: question.given_up_as}
        ctx = results.answers_context({**state.answers, **taken}, state.today)
        state.say(render("skipped.j2", answer=wording.read_back("show", question.id, ctx)))
        _answer(state, taken, echo=False)
        return
    context = {**_answer_context(state), "p": problem.params}
    context["example"] = wording.example(question.id)
    if problem.code in {"others_taken", "greeting"}:  # the question itself again
        context["question"] = Markup(wording.ask(question.id, {**context, "started": True}))
    text = macro("reask.j2", problem.code, ctx=context)
    extra: list[Option] = []
    offered: list[dict[str, Any]] = []
    if isinstance(problem, Ask):
        for candidate in problem.candidates[:4]:
            found = form.expand(question.id, candidate)
            offered.append(found)
            shown = results.answers_context({**state.answers, **found}, state.today)
            words = " · ".join(wording.read_back("brief", q, shown) for q in found)
            index = len(offered) - 1
            extra.append(
                actions.button(actions.Offered(question.id, index), label("plain", text=words))
            )
    if misreads >= SKIP_AFTER:  # an essential question: what it needs, and it waits
        text = f"{text}\n{render('needed.j2', example=wording.example(question.id))}"
        extra.append(actions.button(actions.Answer(question.id, UNSURE), label("rather_not")))
    elif misreads or problem.code not in {"greeting", "others_taken"}:
        # a hello, or an answer to other questions, is no sign of being stuck
        text = f"{text}\n{render('stuck.j2', given_up=question.given_up_as)}"
        if UNSURE not in question.options and question.given_up_as == UNSURE:
            extra.append(actions.button(actions.Answer(question.id, UNSURE), label("skip")))
    _ask(state, question, before=text, extra=extra)
    state.misreads, state.offered = misreads, offered
    state.reasked, state.partial = problem.code, partial


def _keep(state: _State, answers: form.Answers) -> None:
    """Only the answers that still make sense, and only their place in the history."""
    state.answers = form.prune(answers)
    state.history = [h for h in state.history if h in state.answers]


def _back(state: _State) -> None:
    """Undo exactly the last change: a new answer goes (its question comes back), a changed
    one gets its earlier value back, with the answers that change had made moot."""
    if not state.undo:
        state.say(render("nothing_to_undo.j2"))
        _show_current(state)
        return
    before = state.undo.pop()
    # The answer last given that this undoes (one taken from what was said ahead has no
    # place in the history: any answer it changed).
    candidates = [*reversed(state.history), *state.answers]
    last = next((q for q in candidates if state.answers.get(q) != before["answers"].get(q)), None)
    if last is not None:
        undone = wording.read_back("brief", last, _answer_context(state))
        state.say(render("undone.j2", q=last, undone=Markup(undone)))
    state.answers = form.prune(before["answers"])
    state.history = [h for h in before["history"] if h in state.answers]
    state.said = dict(before["said"])
    _advance(state)


def _alert(state: _State, code: str) -> None:
    state.say(macro("alerts.j2", code), alert=True)


# ---------------------------------------------------------------------------
# Action buttons


def _on_menu(state: _State, action: actions.Menu) -> None:
    {
        "sum": _summary,
        "edit": _change_list,
        "restart": _restart,
        "more": _another_plan,
    }[action.item](state)


def _summary(state: _State) -> None:
    text = results.summary_text(state.answers, state.today, state.plans, state.plan_name)
    if text is None:
        state.say(render("no_summary_yet.j2"))
        _show_current(state)
        return
    options = [actions.button(actions.Change(), label("edit_list"))] if state.answers else []
    options += timeline.picture_options(state.answers, state.today, state.plans)
    group = actions.CHANGE if options else None
    state.say(text, shareable=True, options=options, question_id=group)
    if not _finished(state):
        _show_current(state)  # the question still open, right after the summary


def _on_picture(state: _State, action: actions.Picture) -> None:
    caption = results.picture_caption(
        state.answers, None, state.plans, state.plan_name, state.today
    )
    timeline.show_picture(state.replies, state.answers, state.today, state.plans, caption)


def _on_change(state: _State, action: actions.Change) -> None:
    if action.question is None:
        _change_list(state)
        return
    question = form.BY_ID.get(action.question)
    if question is None or not form.applies(question.id, state.answers):
        _alert(state, "no_longer_applies")
        return
    _ask(state, question, editing=True)


def _change_list(state: _State) -> None:
    """Every answer given, each a button that asks its question again."""
    kept = form.prune(state.answers)
    ctx = _answer_context(state)
    name = wording.name
    choices = [
        actions.button(
            actions.Change(q.id),
            label("edit_item", name=name(q.id), value=Markup(wording.read_back("show", q.id, ctx))),
        )
        for q in form.QUESTIONS
        if q.id in kept and q.echoed_as is None
    ]
    if not choices:
        state.say(render("no_summary_yet.j2"))
        _show_current(state)
        return
    state.say(render("edit_list.j2"), options=choices, question_id=actions.CHANGE)


def _can_move_leaving_date(state: _State) -> bool:
    """A what-if needs a Rule of 55 answer whose leaving date is still to come."""
    return (
        form.wants_rule_of_55(state.answers)
        and form.still_working(state.answers)
        and _finished(state)
    )


def _on_what_if(state: _State, action: actions.WhatIf) -> None:
    if not _can_move_leaving_date(state) or action.month < state.today.replace(day=1):
        _alert(state, "stale_button")
        return
    if action.use:
        day = Day(year=action.month.year, month=action.month.month)
        _answer(state, form.leaving_in(day), echo=True)
        return
    results.show_what_if(state.replies, state.answers, state.today, action.month)


# ---------------------------------------------------------------------------
# Several plans: the one being checked lives in `answers`; the others wait in `plans`


def _another_plan(state: _State) -> None:
    """Put the plan just checked beside the others and ask about a new one: its name
    first, then only what that plan needs (the person's own answers stay)."""
    if not (_finished(state) and form.wants_rule_of_55(state.answers)):
        _alert(state, "stale_button")
        return
    if len(state.plans) + 1 >= MAX_PLANS:
        _alert(state, "too_many_plans")
        return
    _put_aside(state)
    state.asked = actions.NAMING
    state.say(
        render("plan_name.j2", count=len(state.plans) + 1),
        options=[actions.button(actions.SkipName(), label("skip_name"))],
        question_id=actions.NAMING,
    )


def _put_aside(state: _State) -> None:
    """The plan being checked joins the other plans; the answers keep only the person's."""
    kept = form.prune(state.answers)
    state.undo = []  # another plan now: /back works within the plan on screen
    person = form.person_part(kept)
    state.plans.append({"name": state.plan_name, "answers": form.plan_part(kept), "person": person})
    _keep(state, person)
    # The filing status and other income wait until a tax estimate comes up again.
    state.said = {qid: value for qid, value in person.items() if qid not in state.answers}
    state.plan_name, state.echoed = None, []


# Unicode categories that print nothing: format (zero-width), control, unassigned, private.
_INVISIBLE = {"Cf", "Cc", "Cn", "Co", "Cs"}


def _name_plan(state: _State, text: str | None) -> None:
    """The person's own name for the new plan; a name that says the kind of plan ("my old
    Boeing 401k") answers that question too."""
    state.asked = None
    # Only what shows: zero-width and control characters would make a blank title.
    shown = "".join(c for c in text or "" if unicodedata.category(c) not in _INVISIBLE)
    name = " ".join(shown.split())[: results.MAX_PLAN_NAME] or None
    state.plan_name = name
    if name is None:
        _advance(state)
        return
    kind = READERS[form.PLAN_KIND.reads](name, _read_context(state))
    if usable(kind):
        _answer(state, {form.PLAN_KIND.id: kind}, echo=True)
        return
    _advance(state)


def _on_plan(state: _State, action: actions.CheckPlan) -> None:
    index = action.index
    if index >= len(state.plans):
        _alert(state, "stale_button")
        return
    if action.remove:
        state.plans.pop(index)
        _summary(state)
        return
    chosen = state.plans.pop(index)  # check that plan again: it becomes the one on screen
    _put_aside(state)
    state.answers = {**state.answers, **chosen.get("answers", {})}
    state.plan_name = chosen.get("name")
    state.history = list(state.answers)
    _advance(state)


def _on_skip_name(state: _State, action: actions.SkipName) -> None:
    if state.asked != actions.NAMING:
        _alert(state, "unknown_button")
        return
    _name_plan(state, None)


# ---------------------------------------------------------------------------
# Reminders on the dates that matter (dialogs/reminders.py)


def _on_remind(state: _State, action: actions.Remind) -> None:
    if not _finished(state) or (action.zone is not None and action.zone not in reminders.zones()):
        _alert(state, "stale_button")
        return
    state.reminders, reply = reminders.opt_in(
        state.reminders, state.answers, state.today, action.zone
    )
    state.replies.append(reply)


def _on_cancel_reminder(state: _State, action: actions.CancelReminder) -> None:
    if action.kind != "all" and action.kind not in reminders.KINDS:
        _alert(state, "unknown_button")
        return
    state.reminders, reply = reminders.cancel(state.reminders, state.answers, action.kind)
    state.replies.append(reply)


def _list_reminders(state: _State, argument: str) -> None:
    session = Session(answers=state.answers, reminders=state.reminders)
    state.replies.append(reminders.listing(session))


# ---------------------------------------------------------------------------
# The one table of commands and of buttons

_COMMANDS: dict[str, Callable[[_State, str], None]] = {
    "start": _start,
    "help": _help,
    "back": lambda state, argument: _back(state),
    "restart": _restart,
    "summary": lambda state, argument: _summary(state),
    "privacy": lambda state, argument: state.say(render("privacy.j2")),
    "forget": _forget,
    "reminders": _list_reminders,
}

_ON_ACTION: dict[type[actions.Action], Callable[[_State, Any], None]] = {
    actions.Answer: _on_answer,
    actions.Why: _on_why,
    actions.Offered: _on_offered,
    actions.Change: _on_change,
    actions.ChangeTo: _on_change_to,
    actions.Keep: _on_keep,
    actions.Picture: _on_picture,
    actions.Menu: _on_menu,
    actions.WhatIf: _on_what_if,
    actions.CheckPlan: _on_plan,
    actions.SkipName: _on_skip_name,
    actions.Remind: _on_remind,
    actions.CancelReminder: _on_cancel_reminder,
}
