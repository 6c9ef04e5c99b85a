"""One story in every place: for any person, the verdict mark and decisive reason in
the chat's result are the ones in the summary (which is also what the inline share
sends), and the summary says nothing the findings do not say. And whatever they answer,
the conversation ends, without asking one question three times in a row."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogs import form, results
from rules import Reason
from rules.limits import CONSTANTS
from tests.dialogs.chat import plain
from tests.dialogs.person import Person

TAPS = {
    "topics": ["r55", "mbr", "both"],
    "bday_passed": ["yes", "no"],
    "plan_type": ["401k", "403b", "457b_governmental", "401a", "ira", "unsure"],
    "employment": ["planning_to_leave", "employed", "separated"],
    "public_safety": ["other", "firefighter", "none", "unsure"],
    "rolled_ira": ["none", "some", "all", "unsure"],
    "partial": ["yes", "no", "unsure"],
    "after_tax": ["yes", "no", "unsure"],
    "in_plan_roth": ["yes", "no", "unsure"],
    "in_service": ["yes", "no", "unsure"],
    "simple_start": ["yes", "no", "unsure"],
    "estimate": ["yes", "no"],
    "tax_est": ["yes", "no"],
    "filing": ["single", "married_joint", "married_separate", "head_of_household"],
    "roth_part": ["yes", "no", "unsure"],
}
TYPED = {
    "birth": ["1960", "March 1968", "feb 72", "1975", "I'm 58", "1980", "born 4/12/1969"],
    "separation": ["June 2024", "March 2026", "next March", "jan 2027", "not sure", "2019-10"],
    "birth_month": ["March", "November", "not sure"],
    "service_years": ["26", "10", "not sure"],
    "plan_type": ["TSP", "simple ira", "my 457 through the city"],
    "pay": ["180k", "60000", "500k"],
    "own": ["max", "10%", "$5,000", "not sure"],
    "employer": ["4% match", "$6,000", "nothing", "not sure"],
    "withdrawal": ["40k", "250k", "not sure"],
    "other_income": ["none", "30000"],
    "taxable_part": ["$12,000", "not sure"],
}

people = st.fixed_dictionaries(
    {
        qid: st.sampled_from(
            [f"tap {o}" for o in TAPS.get(qid, [])] + TYPED.get(qid, []) + ["not sure"]
        )
        for qid in form.BY_ID
    }
)


def _chat_headline(person: Person, title: str) -> str:
    for reply in person.replies:
        for line in plain(reply.text).splitlines():
            if f" {title}: " in line and line[:1] in "✅❌🟡❔⏳":
                return line
    raise AssertionError(f"no {title} headline in {person.text}")


def _summary_line(text: str, title: str) -> str:
    for line in plain(text).splitlines():
        if line.startswith(f"{title}: "):
            return line
    raise AssertionError(f"no {title} line in {text}")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(knows=people)
def test_the_chat_and_the_summary_tell_the_same_story(knows: dict[str, str]) -> None:
    person = Person(**knows).converse()
    said: list[Reason] = []
    real = results._sentences

    def spy(plan: str, answers: form.Answers) -> Callable[[Reason], Any]:
        say = real(plan, answers)

        def recorded(reason: Reason) -> Any:
            said.append(reason)
            return say(reason)

        return recorded

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(results, "_sentences", spy)
        summary = person.summary()
    assert summary is not None and len(summary) < 4096
    found = form.assessment(form.facts_from(person.answers, person.today), person.today)
    for title, _finding, wanted in (
        ("Rule of 55", found.rule_of_55, form.wants_rule_of_55(person.answers)),
        ("Mega backdoor Roth", found.mega_backdoor_roth, form.wants_mega_backdoor(person.answers)),
    ):
        if not wanted:
            continue
        chat = _chat_headline(person, title)
        mark, _, words = chat.partition(f" {title}: ")
        assert _summary_line(summary, title).startswith(f"{title}: {mark} {words}")
    known = [
        *found.rule_of_55.reasons,
        *found.rule_of_55.plan_questions,
        *found.mega_backdoor_roth.reasons,
        *found.mega_backdoor_roth.plan_questions,
        *found.notices,
    ]
    for reason in said:
        assert reason in known, f"the summary says {reason.code}, which no finding says"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(knows=people)
def test_results_fit_a_phone(knows: dict[str, str]) -> None:
    """The verdict, its reason and at most three lines to act on; the rest is folded
    away (Telegram's expandable quote). The summary stays short."""
    person = Person(**knows).converse()
    for reply in person.replies:
        head, _, _folded = reply.text.partition("<blockquote expandable>")
        assert sum(line.startswith("→") for line in head.split("\n")) <= 3
        if any(f"<b>{title}:" in head for title in ("Rule of 55", "Mega backdoor Roth")):
            # the verdict message in view, the last answer's echo included: one screen
            assert len(results.in_view(reply.text)) <= results.VISIBLE_CHARACTERS, head
    summary = person.summary() or ""
    assert len(summary) < 1_000


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_A_DAY = re.compile(rf"\b(\d{{1,2}}) ({_MONTHS}|{'|'.join(m[:3] for m in _MONTHS.split('|'))})\b")


_EXCESS_RETURN_BY = (
    CONSTANTS.excess_deferral_return_day.value,
    date(2000, CONSTANTS.excess_deferral_return_month.value, 1).strftime("%b"),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(knows=people)
def test_no_date_is_more_precise_than_what_was_said(knows: dict[str, str]) -> None:
    """Property (rules-reference §10): a day of a month appears only where the facts give
    one — a birth or leaving date given to the day, today's date on the summary, a year's
    first or last day (the Rule of 55 turns on calendar years), or a deadline the law sets
    (an excess deferral paid back by 15 April, §402(g)(2))."""
    person = Person(**knows).converse()
    said_days = {
        getattr(person.session.answers.get(qid), "day", None) for qid in ("birth", "separation")
    }
    text = "\n".join(plain(r.text) for r in person.replies) + plain(person.summary() or "")
    for match in _A_DAY.finditer(text):
        day, month = int(match[1]), match[2][:3]
        if (day, month) in {(1, "Jan"), (31, "Dec"), _EXCESS_RETURN_BY} or day in said_days:
            continue
        if day == person.today.day and month == f"{person.today:%b}":
            continue
        raise AssertionError(f"{match[0]!r} is more precise than what was said:\n{text}")
