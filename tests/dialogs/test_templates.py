"""The words: every reason code, question, re-ask and message renders, in Telegram's
HTML subset, with user text escaped and nothing undefined."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jinja2 import StrictUndefined
from markupsafe import Markup

from dialogs import Command, Session, step, wording
from dialogs.form import QUESTIONS, Question, pick
from dialogs.render import dollars, environment, label, macro, macros, month, render
from rules import REASON_CODES
from rules.codes import HEADLINE_CODES
from tests.conftest import TODAY
from tests.dialogs.chat import check_html

DIALOGS = Path(__file__).resolve().parents[2] / "dialogs"


def sample(name: str) -> object:
    """A plausible value for a reason parameter, by its name."""
    if name.endswith("date") or name in {"age_59_half", "earliest", "latest", "return_by"}:
        return date(2027, 1, 1)
    if name == "plan_type":
        return "sep_ira"
    if name == "missing":
        return "employee_deferrals,employer_contributions"
    if name in {"age", "qualifying_age"}:
        return 55
    if name.endswith("year") or name.startswith("year"):
        return 2027
    return 12345


def test_the_environment_fails_loudly_and_escapes() -> None:
    env = environment()
    assert env.undefined is StrictUndefined
    assert env.autoescape is True


def test_filters() -> None:
    assert dollars(39500) == "$39,500"
    assert dollars(0) == "$0"
    assert month(date(2026, 3, 1)) == "March 2026"
    assert month("2027-01-01") == "January 2027"


@pytest.mark.parametrize("code", sorted(REASON_CODES))
def test_every_reason_code_has_words(code: str) -> None:
    params = {name: sample(name) for name in REASON_CODES[code]}
    text = macro("reasons.j2", code, ctx={"plan": "401(k)", "a": {}}, **params)
    assert len(text) > 15, f"{code}: {text!r}"
    check_html(text)
    assert "None" not in text and "{" not in text


def test_no_reason_macro_without_a_code() -> None:
    env = environment()
    assert env.loader is not None
    source = env.loader.get_source(env, "reasons.j2")[0]
    macros = set(re.findall(r"{% macro (\w+)\(", source))
    assert macros == set(REASON_CODES)


@pytest.mark.parametrize("code", sorted(HEADLINE_CODES))
def test_every_headline_code_has_a_short_plain_line(code: str) -> None:
    params = {name: sample(name) for name in REASON_CODES[code]}
    text = macro("headlines.j2", code, ctx={"plan": "401(k)", "a": {}}, **params)
    check_html(text)
    assert 10 < len(text) <= 80, f"{code}: {text!r}"
    assert text[0].isalnum(), f"{code}: no leading mark: {text!r}"
    assert "None" not in text and "{" not in text


def test_headline_macros_are_exactly_the_headline_codes() -> None:
    loader = environment().loader
    assert loader is not None
    source = loader.get_source(environment(), "headlines.j2")[0]
    assert set(re.findall(r"{% macro (\w+)\(", source)) == set(HEADLINE_CODES)
    assert REASON_CODES.keys() >= HEADLINE_CODES


def test_a_headline_with_an_open_public_safety_year_says_it() -> None:
    text = macro(
        "headlines.j2",
        "leave_from_year_verdict",
        from_year=2027,
        qualifying_age=55,
        year_turning_50=2022,
    )
    assert text == "leave in 2027 or later: yes; before: no (2022 if public safety)"
    plain_year = macro(
        "headlines.j2",
        "left_from_year_verdict",
        from_year=2026,
        qualifying_age=55,
        year_turning_50=None,
    )
    assert plain_year == "if you left in 2026 or later: yes; earlier: no"


def test_the_fallback_year_sentence_claims_nothing_about_the_irs() -> None:
    later = macro("reasons.j2", "limits_year_fallback", requested_year=2027, used_year=2026)
    earlier = macro("reasons.j2", "limits_year_fallback", requested_year=2023, used_year=2026)
    assert "My figures end at 2026" in later
    for text in (later, earlier):
        assert "IRS" not in text and "publish" not in text


def test_a_reason_macro_refuses_a_missing_parameter() -> None:
    with pytest.raises(Exception, match="year_turning_55"):
        macro("reasons.j2", "leaving_before_year_of_55", separation_date=date(2026, 12, 1))


def test_advice_names_a_plan_in_the_persons_words_escaped_else_by_kind_and_number() -> None:
    named = macro(
        "reasons.j2",
        "draw_first_from",
        free_plan=0,
        free_plan_name="Tom & Jerry's <403(b)>",
        free_plan_type="403b",
        taxed_plan=2,
        taxed_plan_name=None,
        taxed_plan_type="401k",
        taxed_count=1,
    )
    check_html(named)
    assert "Tom &amp; Jerry" in named and "&lt;403(b)&gt;" in named
    assert "your 401(k) (plan 3) is not" in named
    roll_in = macro(
        "reasons.j2",
        "roll_old_plan_into_current_plan",
        old_plan=0,
        old_plan_name=None,
        old_plan_type="401k",
        current_plan=1,
        current_plan_name="work 403(b)",
        current_plan_type="403b",
        from_year=2027,
        qualifying_age=55,
        accepts_roll_ins=None,
    )
    assert "your 401(k) (plan 1)" in roll_in and "work 403(b)" in roll_in
    assert "in 2027 or later" in roll_in and "ask it" in roll_in


ANSWERS = {
    "topics": "both",
    "birth": {"kind": "age", "years": 54},
    "bday_passed": "yes",
    "employment": "separated",
    "separation": {"kind": "day", "year": 2026, "month": 6, "day": None},
    "plan_type": "401k",
    "pay": 100000,
}


@pytest.mark.parametrize("question", [q.id for q in QUESTIONS])
@pytest.mark.parametrize("started", [False, True])
def test_every_question_has_a_prompt_and_a_why(question: str, started: bool) -> None:
    context = {"a": ANSWERS, "today": TODAY, "born": 1972, "started": started}
    prompt = wording.ask(question, context, current="x")
    why = wording.why(question, context)
    for text in (prompt, why):
        check_html(text)
        assert len(text) > 20


WORD_MACROS = {"ask", "why", "name", "option", "example", "show", "brief", "echo"}


@pytest.mark.parametrize("question", [q.id for q in QUESTIONS])
def test_each_question_has_all_its_words_in_one_file(question: str) -> None:
    loader = environment().loader
    assert loader is not None
    source = loader.get_source(environment(), f"questions/{question}.j2")[0]
    assert set(re.findall(r"{% macro (\w+)\(", source)) == WORD_MACROS


ROOT = Path(__file__).resolve().parents[2]
# Where a question id may not appear: everything about a question is in its spec entry
# (dialogs/form.py) and its file (templates/questions/<id>.j2).
GENERIC = [
    ROOT / "dialogs" / "engine.py",
    ROOT / "dialogs" / "results.py",
    ROOT / "dialogs" / "timeline.py",
    *(ROOT / "templates").glob("*.j2"),
    *(ROOT / "templates" / "results").glob("*.j2"),
]


@pytest.mark.parametrize("path", GENERIC, ids=lambda p: p.name)
def test_no_question_is_named_outside_its_spec_and_its_file(path: Path) -> None:
    ids = {q.id for q in QUESTIONS}
    source = path.read_text()
    quoted = set(re.findall(r"[\"'](\w+)[\"']", source))
    looked_up = set(re.findall(r"\ba\.(\w+)\b", source))
    assert not (quoted | looked_up) & ids, path.name


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_every_option_of_a_question_reads_back(question: Question) -> None:
    """Each button's answer, once given, reads back in the list, the summary and the echo."""
    for option in question.options:
        answer = pick(question, option) if option != "unsure" else "unsure"
        context = {"a": {**ANSWERS, question.id: answer}, "today": TODAY, "born": 1972}
        context["amounts"], context["tax_year"] = {}, 2026
        for how in ("show", "brief", "echo"):
            text = wording.read_back(how, question.id, context)
            check_html(text)
            assert text and "None" not in text, (question.id, option, how)


@pytest.mark.parametrize(
    "template",
    [
        "help.j2",
        "privacy.j2",
        "forget.j2",
        "restart.j2",
        "nothing_to_undo.j2",
        "undone.j2",
        "finished.j2",
        "no_summary_yet.j2",
        "edit_list.j2",
        "welcome_back.j2",
        "deep_link.j2",
        "unknown_command.j2",
        "stuck.j2",
        "skipped.j2",
        "needed.j2",
    ],
)
def test_fixed_messages(template: str) -> None:
    for finished in (False, True):
        check_html(
            render(
                template,
                finished=finished,
                topics="both",
                name="x",
                given_up="unsure",
                undone="x",
                answer="not sure",
                example="x",
            )
        )


def test_button_labels_are_short_plain_text() -> None:
    labels = [wording.option(q.id, o) for q in QUESTIONS for o in q.options]
    labels += [label(name) for name in ("why", "change", "summary", "edit_list", "restart")]
    labels += [label("what_if", when=date(2027, 1, 1)), label("use_date", when=date(2027, 1, 1))]
    labels += [label("change_this", name=wording.name(q.id)) for q in QUESTIONS]
    labels += [label("skip"), label("plain", text="31 March 2027")]
    labels += [
        label("edit_item", name=wording.name(q.id), value=Markup("a &amp; b")) for q in QUESTIONS
    ]
    for text in labels:
        assert 0 < len(text) <= 40, text
        assert "<" not in text and "&amp;" not in text, text


def test_user_text_is_escaped() -> None:
    _, replies = step(Session(), Command(name="<b>boom</b>"), TODAY)
    assert "&lt;b&gt;boom" in replies[0].text
    check_html(replies[0].text)


def test_privacy_is_accurate() -> None:
    text = render("privacy.j2")
    for words in ("chat id", "SQLite", "Redis", "/restart", "/forget", "share"):
        assert words in text


@pytest.mark.parametrize(
    "code", ["stale_button", "no_longer_applies", "unknown_button", "already_noted"]
)
def test_alerts_fit_a_telegram_pop_up(code: str) -> None:
    text = macro("alerts.j2", code)
    assert 10 < len(text) <= 200 and "<" not in text


@pytest.mark.parametrize("code", sorted(c for c in REASON_CODES if c.startswith("ask_")))
def test_every_plan_question_has_a_short_form_for_the_summary(code: str) -> None:
    params: dict[str, Any] = {name: 61 for name in REASON_CODES[code]}
    text = macro("asks.j2", code, **params)
    assert 5 < len(text) <= 45 and text.endswith("?")


def test_reason_words_built_once_still_say_each_persons_plan() -> None:
    """Modules of macros are kept by what they read: another plan, or the same words
    already escaped, is never served a module built for someone else."""
    first = macros("reasons.j2", ctx={"plan": "401(k)", "a": {}})
    typed = macros("reasons.j2", ctx={"plan": "B&amp;Co plan", "a": {"birth": "x"}})
    escaped = macros("reasons.j2", ctx={"plan": Markup("B&amp;Co plan"), "a": {}})
    code = "part_rolled_to_ira"
    assert "What's still in the 401(k) keeps it." in first(code)
    assert "the B&amp;amp;Co plan keeps it" in typed(code), "as typed, escaped"
    assert "the B&amp;Co plan keeps it" in escaped(code)
    assert "401(k)" in macros("reasons.j2", ctx={"plan": "401(k)", "a": {"birth": "y"}})(code)
