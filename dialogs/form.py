"""The questions, in the order they are tried, and what the answers mean as `rules.Facts`.

The form is data. Each question names the reader for typed answers
(dialogs/reading), its buttons (labels and sentences live in templates/), when it
makes sense at all (`applies`: its meaning, e.g. a leaving date only for someone who
leaves), and the answers worth trying (`tries`). A question is asked only when two of
those answers would change what the person is told: the rules decide, through
`rules.assess`, never an age or a plan type written here. The next question is the
first one that applies, is unanswered and would change the answer; /back and "change an
answer" are just removing or replacing an answer."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, TypeAdapter, ValidationError

from dialogs.answers import UNSURE, Age, Birth, BirthDate, Day, Employer, Own, Unsure, Work
from dialogs.reading.words import vocabulary
from rules import (
    Assessment,
    Dollars,
    Employment,
    Facts,
    FilingStatus,
    Finding,
    MaxDeferral,
    PlanType,
    PublicSafety,
    RolledOut,
    Verdict,
    assess,
    boundary_dates,
)
from rules.rule_of_55 import IRA_TYPES

Answers = Mapping[str, Any]  # question id -> the answer as JSON
YES_NO_UNSURE = ("yes", "no", UNSURE)


# How an answer becomes facts for rules.assess: (the typed answer, all the answers,
# today) -> Facts fields; None values are left out (unknown).
ToFacts = Callable[[Any, "Answers", date], dict[str, Any]]


@dataclass(frozen=True)
class Question:
    """One question, declared once. Its words (the question, "why?", button labels and
    the answer read back) are the macros of templates/questions/<id>.j2."""

    id: str
    reads: str  # the reader for typed answers (dialogs/reading)
    options: tuple[str, ...]  # button option ids; "why" is added to every question
    applies: Callable[[Answers], bool]  # the question makes sense after these answers
    when: str  # `applies` in words, for people reading or drawing the form
    # Answers worth trying (each a set of answers by question id: a work status comes
    # with a leaving date): the question is asked only when they lead to different
    # results. None: asked whenever it applies (the person's choice of what to see).
    tries: tuple[Any, ...] | Callable[[Answers, date], list[dict[str, Any]]] | None = None
    # Figures that only exist together (the room, the tax): while one is tried the
    # others still unknown take a neutral value, so that the figure exists; "not sure" is
    # among the tries, as without it there is no figure at all.
    group: str | None = None
    # False: never asked on its own, only taken from what people say in passing.
    asked: bool = True
    # The answer's type when it is more than a plain option id or number (a date, an
    # amount as said): stored as JSON, typed again once, when a session is loaded.
    answer_type: Any = None
    facts: ToFacts | None = None  # None: the answer is read by another question's facts
    scope: Literal["person", "plan"] = "plan"  # a person's answers stay for the next plan
    # The kind of reading (dialogs.reading.read_many) that answers it in passing, in a
    # message about another question ("I'm 58 and left in May").
    heard_as: str | None = None
    given_up_as: Any = UNSURE  # taken as this after the person could not answer it
    # Nothing can be checked without it: never given up after answers we could not read
    # (the person can still say "I'd rather not say").
    essential: bool = False
    # Read back as part of another question's answer (the birthday, with the birth).
    echoed_as: str | None = None
    # In the summary's "Based on" line; a function: only with these answers.
    in_summary: bool | Callable[[Answers], bool] = True
    # Options that stand for another answer than their own id ("max": the maximum).
    option_values: Mapping[str, Any] = field(default_factory=dict)
    # For a question asked whenever it applies (`tries` None): offered only if this says
    # it can tell the person something.
    worth_offering: Callable[[Answers, date], bool] | None = None

    def answer_sets(self, answers: Answers, today: date) -> list[dict[str, Any]]:
        """The answers worth trying, each as the answers it gives by question id."""
        if self.tries is None:
            return []
        if callable(self.tries):
            return self.tries(answers, today)
        return [{self.id: tried} for tried in self.tries]

    def summarised(self, answers: Answers) -> bool:
        return self.in_summary(answers) if callable(self.in_summary) else self.in_summary


# ---------------------------------------------------------------------------
# Typed answers


def value(answers: Answers, qid: str) -> Any:
    """The typed answer to a question (a model for dates and contributions), or None."""
    return typed(qid, answers.get(qid))


def typed(qid: str, raw: Any) -> Any:
    """An answer as its question's type. Stored JSON becomes its model, once, as a session
    is loaded; a typed value, or the answer to a question of plain answers ("yes", 85000),
    stays as it is. None for a shape this version cannot read."""
    adapter = _TYPES.get(qid)
    if adapter is None or raw is None or raw == UNSURE or isinstance(raw, BaseModel | Enum):
        return raw
    try:
        return adapter.validate_python(raw)
    except ValidationError:
        return None


def typed_answers(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Answers by question id, typed; an answer this version cannot read is dropped (its
    question is asked again)."""
    found = {qid: typed(qid, answer) for qid, answer in raw.items()}
    return {qid: answer for qid, answer in found.items() if answer is not None}


def expand(qid: str, answer: Any) -> dict[str, Any]:
    """One reading can answer several questions: a work status with its leaving date."""
    if isinstance(answer, Work):
        found: dict[str, Any] = {"employment": answer.status}
        if answer.rehired:
            found["rehired"] = "yes"
        if answer.when is not None:
            found["separation"] = answer.when
        return found
    return {qid: answer}


# ---------------------------------------------------------------------------
# What earlier answers mean


def wants_rule_of_55(a: Answers) -> bool:
    return a.get("topics") in {"r55", "both"}


def wants_mega_backdoor(a: Answers) -> bool:
    return a.get("topics") in {"mbr", "both"}


def birth_year(a: Answers, today: date) -> int | None:
    birth = value(a, "birth")
    if isinstance(birth, BirthDate):
        return birth.year
    if isinstance(birth, Age):
        return today.year - birth.years - (1 if a.get("bday_passed") == "no" else 0)
    return None


def birth_month(a: Answers) -> int | None:
    birth = value(a, "birth")
    if isinstance(birth, BirthDate) and birth.month:
        return birth.month
    month = a.get("birth_month")
    return month if isinstance(month, int) else None


def birth(a: Answers) -> Birth | None:
    found = value(a, "birth")
    return found if isinstance(found, Age | BirthDate) else None


def plan_kind(a: Answers) -> PlanType | None:
    """The kind of plan as answered, or None."""
    kind = typed("plan_type", a.get("plan_type"))
    return kind if isinstance(kind, PlanType) else None


def pay(a: Answers) -> int | None:
    return _whole(a.get("pay"))


def still_working(a: Answers) -> bool:
    """Still working for the plan's employer (planning to leave or not)."""
    return a.get("employment") in {Employment.PLANNING_TO_LEAVE, Employment.EMPLOYED}


def left_or_leaving(a: Answers) -> bool | None:
    """True: has left; False: plans to leave; None: neither said."""
    employment = a.get("employment")
    if employment == Employment.SEPARATED:
        return True
    return False if employment == Employment.PLANNING_TO_LEAVE else None


def leaving_day(a: Answers) -> Day | None:
    """The leaving date as precisely as it was said."""
    found = value(a, "separation")
    return found if isinstance(found, Day) else None


def leaving_in(day: Day) -> dict[str, Any]:
    """The answers of someone who plans to leave then (a what-if they make theirs)."""
    return {"employment": Employment.PLANNING_TO_LEAVE, "separation": day}


def has_left(a: Answers) -> bool:
    return a.get("employment") == Employment.SEPARATED


def has_separation(a: Answers) -> bool:
    return a.get("employment") in {Employment.PLANNING_TO_LEAVE, Employment.SEPARATED}


def separation_date(a: Answers, today: date) -> date | None:
    """The leaving date as a date: day 1 when only the month was given; with only a year,
    the earliest day still possible (leaving) or the latest already past (left)."""
    when = value(a, "separation")
    if not isinstance(when, Day):
        return None
    if when.month is None:
        said = date(when.year, 12, 1) if has_left(a) else date(when.year, 1, 1)
    else:
        said = date(when.year, when.month, when.day or 1)
    # "End of this month": a month-only date in the current month is today, whichever
    # side of today the person stands.
    if when.day is None and (said.year, said.month) == (today.year, today.month):
        return today
    return min(said, today) if has_left(a) else max(said, today)


def _birth_given(a: Answers) -> bool:
    return isinstance(value(a, "birth"), Age | BirthDate)


def _birth_given_or_mega_backdoor(a: Answers) -> bool:
    """The plan and the work status matter to the mega backdoor at any age; to the Rule of
    55 only with an age to check them against."""
    return _birth_given(a) or wants_mega_backdoor(a)


# ---------------------------------------------------------------------------
# Answers worth trying


def _leaving_dates(a: Answers, today: date, left: bool) -> list[Any]:
    """Leaving dates on each side of the person's legal boundaries, from the rules."""
    this_month = today.replace(day=1)
    return [
        Day(year=d.year, month=d.month)
        for d in boundary_dates(facts_from(a, today), today)
        if (d <= this_month if left else d >= this_month)
    ]


def _work(a: Answers, today: date) -> list[dict[str, Any]]:
    """Each work status, with the leaving dates that could matter: still there, or
    leaving or left on either side of each boundary."""
    tried: list[dict[str, Any]] = [{"employment": Employment.EMPLOYED}, {"employment": UNSURE}]
    for status, left in ((Employment.PLANNING_TO_LEAVE, False), (Employment.SEPARATED, True)):
        tried.append({"employment": status})
        tried += [
            {"employment": status, "separation": day} for day in _leaving_dates(a, today, left)
        ]
    return tried


def _separation(a: Answers, today: date) -> list[dict[str, Any]]:
    days = _leaving_dates(a, today, has_left(a))
    return [{"separation": day} for day in [*days, UNSURE]]


def _public_safety(a: Answers, today: date) -> list[dict[str, Any]]:
    """Each answer, alone and with some years of service: for someone who left young,
    public-safety work matters only through the years served."""
    years = [{}, *({"service_years": y} for y in (10, 20, 30))]
    return [
        {"public_safety": answer, **served}
        for answer in (*PublicSafety, UNSURE)
        for served in years
    ]


def _service_years(a: Answers, today: date) -> list[dict[str, Any]]:
    born = birth_year(a, today)
    most = 40 if born is None else max(0, today.year - born - 14)
    return [{"service_years": y} for y in [*range(0, min(most, 40) + 1, 5), UNSURE]]


# While one figure of a group is tried, the others still unknown take these values.
NEUTRAL: dict[str, dict[str, Any]] = {
    "room": {
        "pay": 100_000,
        "own": Dollars(amount=0),
        "employer": Dollars(amount=0),
    },
    "tax": {"withdrawal": 50_000, "filing": FilingStatus.SINGLE, "other_income": 0},
}

_ROOM_TRIES: dict[str, tuple[Any, ...]] = {
    "pay": (30_000, 120_000, 500_000, UNSURE),
    "own": (
        Dollars(amount=0),
        Dollars(amount=15_000),
        MaxDeferral(),
    ),
    "employer": (Dollars(amount=0), Dollars(amount=9_000)),
}


def wants_room(a: Answers) -> bool:
    return wants_mega_backdoor(a) and a.get("estimate") == "yes"


def wants_tax(a: Answers) -> bool:
    return wants_rule_of_55(a) and a.get("tax_est") == "yes"


# ---------------------------------------------------------------------------
# How answers become facts (each question names one of these as its `facts`)

# Own or inherited (no rules enum: two facts): (inherited, moved into the survivor's own IRA)
_INHERITED = {"inherited": (True, False), "moved": (True, True), "own": (False, None)}


def _yes(answer: Any) -> bool | None:
    return {"yes": True, "no": False}.get(answer) if isinstance(answer, str) else None


def _whole(answer: Any) -> int | None:
    return answer if isinstance(answer, int) and not isinstance(answer, bool) else None


def _flag(name: str) -> ToFacts:
    """A yes / no / not sure answer as a True / False / None fact."""
    return lambda answer, a, today: {name: _yes(answer)}


def _amount(name: str) -> ToFacts:
    """Whole dollars (or years) as said; "not sure" is unknown."""
    return lambda answer, a, today: {name: _whole(answer)}


def _chosen(name: str) -> ToFacts:
    """One of the options: the rules' own value; "not sure" is unknown."""
    return lambda answer, a, today: {name: None if answer == UNSURE else answer}


def _contribution(name: str) -> ToFacts:
    return lambda answer, a, today: {name: None if answer == UNSURE else answer}


def _birth_facts(answer: Any, a: Answers, today: date) -> dict[str, Any]:
    """The birth year (from an age, with the birthday answer), month and day."""
    return {
        "birth_year": birth_year(a, today),
        "birth_month": answer.month if isinstance(answer, BirthDate) else None,
        "birth_day": answer.day if isinstance(answer, BirthDate) else None,
    }


def _leaving_facts(answer: Any, a: Answers, today: date) -> dict[str, Any]:
    return {"separation_date": separation_date(a, today)}


def _inherited_facts(answer: Any, a: Answers, today: date) -> dict[str, Any]:
    inherited, moved = _INHERITED.get(answer, (None, None))
    return {"inherited": inherited, "inherited_moved_to_own": moved}


def _plan_facts(answer: Any, a: Answers, today: date) -> dict[str, Any]:
    # A 457(b) is asked as a government one (a TSP is governmental by the rules' own law).
    governmental = True if answer is PlanType.GOV_457B else None
    return {"plan_type": None if answer == UNSURE else answer, "governmental_plan": governmental}


def _safety_facts(answer: Any, a: Answers, today: date) -> dict[str, Any]:
    # Police, EMS or corrections work "for a government" is work under a government plan.
    return {
        "public_safety": None if answer == UNSURE else answer,
        "governmental_plan": True if answer is PublicSafety.OTHER else None,
    }


# The form, in the order it is tried. `when` says in words what `applies` computes.
QUESTIONS: tuple[Question, ...] = (
    Question(
        id="topics",
        reads="topics",
        options=("r55", "mbr", "both"),
        applies=lambda a: True,
        when="always",
        scope="person",
        heard_as="topics",
        given_up_as="both",
        in_summary=False,
    ),
    Question(
        id="birth",
        answer_type=Birth | Unsure,
        essential=True,
        reads="birth",
        options=(),
        applies=lambda a: True,
        when="always (a birth date, or an age)",
        facts=_birth_facts,
        scope="person",
        heard_as="birth",
    ),
    Question(
        id="plan_type",
        reads="plan_type",
        answer_type=PlanType | Unsure,
        options=(
            PlanType.K401,
            PlanType.B403,
            PlanType.GOV_457B,
            PlanType.A401,
            PlanType.IRA,
            UNSURE,
        ),
        applies=_birth_given_or_mega_backdoor,
        when="always",
        tries=(*(kind for kind in PlanType if kind is not PlanType.OTHER), UNSURE),
        facts=_plan_facts,
        heard_as="plan_type",
    ),
    Question(
        id="death",
        reads="yes_no",
        options=YES_NO_UNSURE,
        applies=lambda a: True,
        when="only taken from what they say ('my late husband'): a death was mentioned",
        asked=False,
        heard_as="death",
        in_summary=False,
    ),
    Question(
        id="other_job",
        reads="yes_no",
        options=YES_NO_UNSURE,
        applies=lambda a: True,
        when="only taken from what they say ('I have two jobs'): one deferral limit for both",
        asked=False,
        facts=_flag("other_job_this_year"),
        scope="person",
        heard_as="other_job",
        in_summary=False,
    ),
    Question(
        id="inherited",
        reads="inherited",
        options=("own", "inherited", "moved", UNSURE),
        applies=lambda a: (
            wants_rule_of_55(a) and (a.get("plan_type") in IRA_TYPES or a.get("death") == "yes")
        ),
        when="Rule of 55, and an IRA or a death mentioned: inherited money owes no 10%",
        tries=("own", "inherited", "moved", UNSURE),
        facts=_inherited_facts,
        heard_as="inherited",
    ),
    Question(
        id="employment",
        reads="employment",
        answer_type=Employment | Unsure,
        options=(Employment.PLANNING_TO_LEAVE, Employment.EMPLOYED, Employment.SEPARATED),
        applies=_birth_given_or_mega_backdoor,
        when="always",
        tries=_work,
        facts=_chosen("employment"),
        heard_as="employment",
        in_summary=lambda a: "separation" not in a,  # "left March 2026" says it
    ),
    Question(
        id="rehired",
        reads="yes_no",
        options=YES_NO_UNSURE,
        applies=lambda a: a.get("employment") == Employment.EMPLOYED,
        when="still working there: only taken from what they say ('they hired me back')",
        asked=False,
        facts=_flag("rehired"),
    ),
    Question(
        id="separation",
        answer_type=Day | Unsure,
        reads="separation",
        options=(UNSURE,),
        applies=has_separation,
        when="they have left or plan to leave",
        tries=_separation,
        facts=_leaving_facts,
        heard_as="separation",
    ),
    Question(
        id="bday_passed",
        reads="birthday_passed",
        options=("yes", "no"),
        applies=lambda a: isinstance(value(a, "birth"), Age),
        when="an age was given: the birth year is one of two",
        tries=("yes", "no"),
        scope="person",
        echoed_as="birth",
        in_summary=False,
    ),
    Question(
        id="birth_month",
        reads="birth_month",
        options=(UNSURE,),
        applies=lambda a: _birth_given(a) and birth_month(a) is None,
        when="only a birth year or an age is known",
        tries=(*range(1, 13), UNSURE),
        facts=_amount("birth_month"),
        scope="person",
    ),
    Question(
        id="public_safety",
        reads="public_safety",
        answer_type=PublicSafety | Unsure,
        options=(PublicSafety.OTHER, PublicSafety.FIREFIGHTER, PublicSafety.NONE, UNSURE),
        applies=lambda a: wants_rule_of_55(a) and _birth_given(a),
        when="Rule of 55",
        tries=_public_safety,
        facts=_safety_facts,
        heard_as="public_safety",
    ),
    Question(
        id="service_years",
        reads="service_years",
        options=(UNSURE,),
        applies=lambda a: a.get("public_safety") in {PublicSafety.OTHER, PublicSafety.FIREFIGHTER},
        when="police, fire, EMS or corrections",
        tries=_service_years,
        facts=_amount("years_of_service"),
    ),
    Question(
        id="rolled_ira",
        reads="rolled",
        answer_type=RolledOut | Unsure,
        options=(*RolledOut, UNSURE),
        applies=lambda a: wants_rule_of_55(a) and has_separation(a),
        when="Rule of 55, leaving or left (money is rolled out on leaving)",
        tries=(*RolledOut, UNSURE),
        facts=_chosen("rolled_to_ira"),
        heard_as="rolled",
    ),
    Question(
        id="partial",
        reads="yes_no",
        options=YES_NO_UNSURE,
        applies=lambda a: wants_rule_of_55(a) and _birth_given(a),
        when="Rule of 55",
        tries=YES_NO_UNSURE,
        facts=_flag("partial_withdrawals_allowed"),
    ),
    Question(
        id="after_tax",
        reads="yes_no",
        options=YES_NO_UNSURE,
        applies=wants_mega_backdoor,  # a plan feature: asked with or without an age
        when="mega backdoor",
        tries=YES_NO_UNSURE,
        facts=_flag("after_tax_contributions_allowed"),
        heard_as="yes_no",  # a plan feature affirmed in passing is the after-tax one
    ),
    Question(
        id="in_plan_roth",
        reads="yes_no",
        options=YES_NO_UNSURE,
        applies=wants_mega_backdoor,  # a plan feature: asked with or without an age
        when="mega backdoor",
        tries=YES_NO_UNSURE,
        facts=_flag("in_plan_roth_conversion"),
    ),
    Question(
        id="in_service",
        reads="yes_no",
        options=YES_NO_UNSURE,
        applies=wants_mega_backdoor,  # a plan feature: asked with or without an age
        when="mega backdoor",
        tries=YES_NO_UNSURE,
        facts=_flag("in_service_after_tax_withdrawal"),
    ),
    Question(
        id="estimate",
        reads="yes_no",
        options=("yes", "no"),
        applies=lambda a: wants_mega_backdoor(a) and _birth_given(a),
        when="mega backdoor, and the plan may allow it (a choice: see the room in dollars)",
        given_up_as="no",
        in_summary=False,
        worth_offering=lambda a, today: _mega_backdoor_possible(a, today),
    ),
    Question(
        id="pay",
        reads="pay",
        options=(UNSURE,),
        applies=wants_room,
        when="they want the room in dollars",
        tries=_ROOM_TRIES["pay"],
        group="room",
        facts=_amount("compensation"),
        heard_as="pay",
    ),
    Question(
        id="own",
        answer_type=Own | Unsure,
        reads="own",
        options=("max", UNSURE),
        applies=wants_room,
        when="they want the room in dollars",
        tries=_ROOM_TRIES["own"],
        group="room",
        facts=_contribution("employee_deferrals"),
        heard_as="own",
        option_values={"max": MaxDeferral()},
    ),
    Question(
        id="employer",
        answer_type=Employer | Unsure,
        reads="employer",
        options=("none", UNSURE),
        applies=wants_room,
        when="they want the room in dollars",
        tries=_ROOM_TRIES["employer"],
        group="room",
        facts=_contribution("employer_contributions"),
        heard_as="employer",
        option_values={"none": Dollars(amount=0)},
    ),
    Question(
        id="tax_est",
        reads="yes_no",
        options=("yes", "no"),
        applies=lambda a: wants_rule_of_55(a) and _birth_given(a),
        when="Rule of 55 (a choice: see the tax on a withdrawal)",
        given_up_as="no",
        in_summary=False,
    ),
    Question(
        id="withdrawal",
        reads="money",
        options=(UNSURE,),
        applies=wants_tax,
        when="they want a tax estimate",
        tries=(10_000, 100_000, UNSURE),
        group="tax",
        facts=_amount("planned_withdrawal"),
    ),
    Question(
        id="roth_part",
        reads="yes_no",
        options=YES_NO_UNSURE,
        # (nothing to tax when the withdrawal is none at all)
        applies=lambda a: wants_tax(a) and a.get("withdrawal") != 0,
        when="they want a tax estimate: only the earnings on Roth or after-tax money are taxed",
        facts=_flag("roth_or_after_tax_in_payout"),
    ),
    Question(
        id="taxable_part",
        reads="money",
        options=(UNSURE,),
        applies=lambda a: wants_tax(a) and a.get("roth_part") == "yes",
        when="some of the payout is Roth or after-tax money: the part that is taxable",
        facts=_amount("taxable_part_of_withdrawal"),
    ),
    Question(
        id="filing",
        reads="filing",
        answer_type=FilingStatus | Unsure,
        options=tuple(FilingStatus),
        applies=wants_tax,
        when="they want a tax estimate",
        tries=(*FilingStatus, UNSURE),
        group="tax",
        facts=_chosen("filing_status"),
        scope="person",
        heard_as="filing",
    ),
    Question(
        id="other_income",
        reads="money",
        options=("none", UNSURE),
        applies=wants_tax,
        when="they want a tax estimate",
        tries=(0, 100_000, UNSURE),
        group="tax",
        facts=_amount("other_taxable_income"),
        scope="person",
        option_values={"none": 0},
    ),
    Question(
        id="simple_start",
        reads="yes_no",
        options=YES_NO_UNSURE,
        applies=lambda a: a.get("plan_type") == PlanType.SIMPLE_IRA,
        when="a SIMPLE IRA",
        tries=YES_NO_UNSURE,
        facts=_flag("simple_ira_first_two_years"),
    ),
)

BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}
_TYPES: dict[str, TypeAdapter[Any]] = {
    q.id: TypeAdapter(q.answer_type) for q in QUESTIONS if q.answer_type is not None
}
LEAVING_DATE = BY_ID["separation"]  # the question a what-if ("what if I leave in May?") moves
PLAN_KIND = BY_ID["plan_type"]  # answered by a plan's name too ("my old Boeing 401k")
# What a message can answer besides the question on screen: reading kind -> question.
# Yes/no and plain amounts are mostly left out: alone they do not say what they answer.
HEARD: dict[str, str] = {q.heard_as: q.id for q in QUESTIONS if q.heard_as is not None}

# Answers about the person, kept when they add another plan; every other answer is about
# the plan being checked (its employer, its features, a withdrawal from it).
PERSON_QUESTIONS = frozenset(q.id for q in QUESTIONS if q.scope == "person")


def person_part(answers: Answers) -> dict[str, Any]:
    return {qid: value for qid, value in answers.items() if qid in PERSON_QUESTIONS}


def plan_part(answers: Answers) -> dict[str, Any]:
    return {qid: value for qid, value in answers.items() if qid not in PERSON_QUESTIONS}


def all_plans(
    answers: Answers, plans: list[dict[str, Any]], plan_name: str | None
) -> list[tuple[str | None, dict[str, Any]]]:
    """Every plan as (name, the answers that describe it with the person's own), the
    plans added before first and the one being checked last. An earlier plan keeps the
    person's answers it was checked with (a filing status for its tax estimate) where
    the person's answers now do not say otherwise."""
    person = person_part(answers)
    earlier = [
        (p.get("name"), {**p.get("person", {}), **person, **p.get("answers", {})}) for p in plans
    ]
    return [*earlier, (plan_name, dict(answers))]


def outline() -> str:
    """The form as text, one question a line, for people reading or drawing it."""
    return "\n".join(
        f"{n:2}. {q.id:<14} [{', '.join(q.options) or 'free text'}]  when: {q.when}"
        + ("" if q.tries is None else "; asked only if its answer would change the result")
        for n, q in enumerate(QUESTIONS, start=1)
    )


def pick(question: Question, option: str) -> Any:
    """The answer for a tapped option, or None if the option is not one of this question's."""
    if option in question.option_values:
        return question.option_values[option]
    return next((own for own in question.options if own == option), None)


def prune(answers: Answers) -> dict[str, Any]:
    """Drop answers to questions that no longer make sense, in form order."""
    kept: dict[str, Any] = {}
    for question in QUESTIONS:
        if question.id in answers and question.applies(kept):
            kept[question.id] = answers[question.id]
    return kept


# What some questions are about, in words (dialogs/reading/data/question_topics.toml).
_TOPICS = {
    qid: re.compile(r"\b(?:" + "|".join(words) + r")\b")
    for qid, words in vocabulary("question_topics").items()
}


# Readers of short answers ("no", "some of it"): such an answer is read against the
# question on screen only when the message is not about another question.
SHORT_ANSWERS = frozenset({"yes_no", "rolled", "inherited"})


def names_topic(question_id: str, text: str) -> bool:
    """Whether cleaned `text` names what this question is about."""
    topic = _TOPICS.get(question_id)
    return topic is not None and topic.search(text) is not None


def named_instead(question: Question, text: str) -> Question | None:
    """The other question a message is about, when it names that one's topic and not the
    topic of the question on screen ("nah, never rolled anything" under "does your plan
    take after-tax money?")."""
    if names_topic(question.id, text):
        return None
    return next((q for q in QUESTIONS if q is not question and names_topic(q.id, text)), None)


def applies(question_id: str, answers: Answers) -> bool:
    question = BY_ID.get(question_id)
    return question is not None and question.applies(prune(answers))


# ---------------------------------------------------------------------------
# Which question next: the first whose answer would change what the person is told


def next_question(answers: Answers, today: date) -> Question | None:
    qid = _next_id(tuple(sorted(typed_answers(answers).items())), today)
    return None if qid is None else BY_ID[qid]


@lru_cache(maxsize=2048)
def _next_id(given: tuple[tuple[str, Any], ...], today: date) -> str | None:
    answers = dict(given)
    for question in QUESTIONS:
        if question.id in answers or not question.asked or not question.applies(answers):
            continue
        if question.tries is None:
            if question.worth_offering is None or question.worth_offering(answers, today):
                return question.id
            continue
        if would_change(question, answers, today):
            return question.id
    return None


def would_change(question: Question, answers: Answers, today: date) -> bool:
    """Would two of the answers worth trying tell the person different things?"""
    assert question.tries is not None
    base = dict(answers)
    if question.group is not None:
        for qid, neutral in NEUTRAL[question.group].items():
            base.setdefault(qid, neutral)
    seen = {outcome({**base, **tried}, today) for tried in question.answer_sets(base, today)}
    return len(seen) > 1


def _mega_backdoor_possible(answers: Answers, today: date) -> bool:
    """A room is offered only when it can say something: no room to estimate when the
    plan cannot do a mega backdoor at all."""
    mbr = assessment(facts_from(answers, today), today).mega_backdoor_roth
    return mbr.verdict is not Verdict.NOT_ELIGIBLE


def outcome(answers: Answers, today: date) -> tuple[Any, ...]:
    """What the person is told, as data: per topic the verdict, its decisive reason, the
    date it turns on, the questions for the plan and the figures asked for."""
    a = prune(answers)
    found = assessment(_facts(a, today), today)
    told: list[Any] = []
    if wants_rule_of_55(a):
        told.append(_told(found.rule_of_55, has_left(a)))
        if a.get("tax_est") == "yes" and found.tax_estimate is not None:
            tax = found.tax_estimate
            told.append(
                (tax.tax_year, tax.income_tax, tax.additional_tax_10pct, tax.additional_tax_applies)
            )
    if wants_mega_backdoor(a):
        mbr = found.mega_backdoor_roth
        told.append(_told(mbr, has_left(a)))
        if a.get("estimate") == "yes":
            told.append(tuple(sorted(mbr.amounts.items())))
    return tuple(told)


def _told(finding: Finding, left: bool) -> tuple[Any, ...]:
    """What a finding decides for the person: the verdict, the dates it turns on, and
    what to ask the plan. Two answers that only change the wording of the reason (no for
    one reason rather than another) are not worth a question, nor is the date from which
    leaving would qualify for someone who has left."""
    free_from = finding.key_dates.penalty_free_from if finding.verdict is Verdict.ELIGIBLE else None
    return (
        finding.verdict,
        free_from,
        None if left else finding.key_dates.earliest_qualifying_separation,
        tuple(sorted(q.code for q in finding.plan_questions)),
    )


@lru_cache(maxsize=8192)
def assessment(facts: Facts, today: date) -> Assessment:
    """rules.assess, remembered: many people give the same answers."""
    return assess(facts, today)


# ---------------------------------------------------------------------------
# Answers -> rules.Facts: each answered question adds its own (see its `facts`)


def facts_from(answers: Answers, today: date, separation: date | None = None) -> Facts:
    """The facts for rules.assess; `separation` overrides the leaving date (what-if)."""
    return _facts(prune(answers), today, separation)


def _facts(a: Answers, today: date, separation: date | None = None) -> Facts:
    """`facts_from` of answers already pruned."""
    fields: dict[str, Any] = {}
    for question in QUESTIONS:
        if question.facts is None or question.id not in a:
            continue
        for name, fact in question.facts(value(a, question.id), a, today).items():
            if fact is not None:
                fields[name] = fact
    if separation is not None:
        fields["separation_date"] = separation
        if fields.get("employment") is Employment.EMPLOYED:
            # trying a date means planning to leave
            fields["employment"] = Employment.PLANNING_TO_LEAVE
    return Facts(**fields)
