"""The questions, in the order they are asked, and what the answers mean as `rules.Facts`.

The form is data: each question has an id, its option ids (labels and sentences live in
templates/), a reader for free text, and a condition over earlier answers. The next
question is the first relevant unanswered one, so /back and "change an answer" are
just removing or replacing an answer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from dialogs import parsing
from dialogs.parsing import Age, Max, MonthDate, Percent, Problem
from rules import Employment, Facts, FilingStatus, PlanType, PublicSafety, limits_for

Answers = Mapping[str, Any]
YES_NO_UNSURE = ("yes", "no", "unsure")


@dataclass(frozen=True)
class Context:
    answers: Answers
    today: date


Reader = Callable[[str, Context], Any]  # returns the JSON answer or a parsing.Problem


@dataclass(frozen=True)
class Question:
    id: str
    options: tuple[str, ...]  # option ids; "why" is added to every question
    read: Reader
    relevant: Callable[[Answers, date], bool]
    when: str  # the relevance condition in words, for people reading or drawing the form
    pick: Callable[[str, Context], Any] | None = None  # options that are not plain values


# ---------------------------------------------------------------------------
# What earlier answers mean, for the relevance conditions


def wants_rule_of_55(a: Answers) -> bool:
    return a.get("topics") in {"r55", "both"}


def wants_mega_backdoor(a: Answers) -> bool:
    return a.get("topics") in {"mbr", "both"}


def birth_year(a: Answers, today: date) -> int | None:
    birth = a.get("birth")
    if not isinstance(birth, dict):
        return None
    if "year" in birth:
        return int(birth["year"])
    passed = a.get("bday_passed")
    if passed not in {"yes", "no"}:
        return None
    return today.year - int(birth["age"]) - (0 if passed == "yes" else 1)


def birth_month(a: Answers) -> int | None:
    birth = a.get("birth")
    if isinstance(birth, dict) and birth.get("month"):
        return int(birth["month"])
    month = a.get("birth_month")
    return month if isinstance(month, int) else None


def separation_date(a: Answers) -> date | None:
    value = a.get("separation")
    return date.fromisoformat(value) if isinstance(value, str) else None


def has_separation(a: Answers) -> bool:
    return a.get("employment") in {"leaving", "left"}


def plan_is_ira(a: Answers) -> bool:
    return a.get("plan_type") in {"ira", "sep", "simple"}


def governmental(a: Answers) -> bool | None:
    if a.get("plan_type") in {"457b", "tsp"}:
        return True
    safety = a.get("public_safety")
    if safety == "gov":
        return True
    if safety == "fire":
        return False
    return None


def age_in_separation_year(a: Answers, today: date) -> int | None:
    born, left = birth_year(a, today), separation_date(a)
    if born is None or left is None:
        return None
    return left.year - born


def _public_safety_matters(a: Answers, today: date) -> bool:
    """Only when it can change the verdict: leaving at 50-54, or a governmental plan
    (where 25 years of service can count at any age), and never for an IRA."""
    if not (wants_rule_of_55(a) and has_separation(a)) or plan_is_ira(a):
        return False
    age = age_in_separation_year(a, today)
    if age is None or age >= 55:
        return False
    return 50 <= age <= 54 or a.get("plan_type") in {"457b", "tsp", "401a"}


def _service_years_matter(a: Answers, today: date) -> bool:
    age = age_in_separation_year(a, today)
    return a.get("public_safety") in {"gov", "fire"} and age is not None and age < 50


def _birth_month_matters(a: Answers, today: date) -> bool:
    """Year alone settles the Rule of 55; the month matters only near 59½."""
    born = birth_year(a, today)
    if born is None or birth_month(a) is not None or not wants_rule_of_55(a):
        return False
    years = {today.year - born}
    if (left := separation_date(a)) is not None:
        years.add(left.year - born)
    return bool(years & {59, 60})


def _after_tax_possible(a: Answers) -> bool:
    return wants_mega_backdoor(a) and a.get("after_tax") in {"yes", "unsure"}


def _wants_room_estimate(a: Answers) -> bool:
    return _after_tax_possible(a) and a.get("estimate") == "yes"


def _wants_tax_estimate(a: Answers) -> bool:
    return wants_rule_of_55(a) and has_separation(a) and a.get("tax_est") == "yes"


# ---------------------------------------------------------------------------
# Readers: free text -> answer, or a Problem naming the re-ask


def _read_topics(text: str, ctx: Context) -> Any:
    return parsing.parse_topics(text) or Problem("topics_unreadable")


def _read_birth(text: str, ctx: Context) -> Any:
    found = parsing.parse_birth(text, ctx.today)
    if isinstance(found, Age):
        return {"age": found.years}
    if isinstance(found, MonthDate):
        return _birth_answer(found)
    return found


def _birth_answer(found: MonthDate) -> dict[str, Any]:
    return {"year": found.year, "month": found.month, "day": found.day}


def _pick_birth(option: str, ctx: Context) -> Any:
    """The buttons offered when "54" could be an age or a year."""
    if option.startswith("a") and option[1:].isdigit():
        return {"age": int(option[1:])}
    if option.startswith("y") and option[1:].isdigit():
        checked = parsing.check_birth(MonthDate(int(option[1:])), ctx.today)
        return _birth_answer(checked) if isinstance(checked, MonthDate) else checked
    return None


def _read_birthday_passed(text: str, ctx: Context) -> Any:
    answer = parsing.parse_yes_no(text)
    if answer in {"yes", "no"}:
        return answer
    return Problem("birthday_passed_unreadable")


def _read_birth_month(text: str, ctx: Context) -> Any:
    if parsing.parse_yes_no(text) == "unsure":
        return "unsure"
    month = parsing.parse_month_name(text)
    return month if month is not None else Problem("month_unreadable")


def _read_employment(text: str, ctx: Context) -> Any:
    clean = parsing.normalise(text)
    if any(w in clean for w in ("retired", "left", "quit", "laid off", "fired", "no longer")):
        return "left"
    if any(w in clean for w in ("plan to leave", "leaving", "will leave", "going to", "retire")):
        return "leaving"
    if any(w in clean for w in ("no plan", "staying", "not leaving", "stay")):
        return "staying"
    if parsing.parse_yes_no(clean) == "no":
        return "left"
    if parsing.parse_yes_no(clean) == "yes":
        return Problem("employment_yes_which")
    return Problem("employment_unreadable")


def _read_separation(text: str, ctx: Context) -> Any:
    left = ctx.answers.get("employment") == "left"
    found = parsing.parse_date(text, ctx.today, past=left)
    if found is None:
        return Problem("date_unreadable", {"left": left})
    if found.month is None:
        return Problem("separation_month_missing", {"year": found.year, "left": left})
    when = found.first_day()
    this_month = ctx.today.replace(day=1)
    born = birth_year(ctx.answers, ctx.today)
    if born is not None and when.year < born + 14:
        if when.year < born:
            return Problem("separation_before_birth", {"when": when, "born": born})
        return Problem("separation_too_young", {"when": when, "age": when.year - born})
    if left and when > ctx.today:
        return Problem("separation_in_future", {"when": when})
    if not left and when < this_month:
        return Problem("separation_in_past", {"when": when})
    if when.year > ctx.today.year + 30:
        return Problem("separation_too_far", {"when": when})
    return when.isoformat()


def _read_plan_type(text: str, ctx: Context) -> Any:
    return parsing.parse_plan_type(text) or Problem("plan_type_unreadable")


def _read_public_safety(text: str, ctx: Context) -> Any:
    clean = parsing.normalise(text)
    if "fire" in clean and any(w in clean for w in ("private", "company", "not government")):
        return "fire"
    if any(w in clean for w in ("police", "fire", "ems", "paramedic", "correction", "officer")):
        return "gov"
    answer = parsing.parse_yes_no(clean)
    if answer == "yes":
        return (
            "gov"
            if ctx.answers.get("plan_type") in {"457b", "tsp"}
            else Problem("public_safety_yes_which")
        )
    if answer in {"no", "unsure"}:
        return answer
    return Problem("choice_unreadable")


def _read_service_years(text: str, ctx: Context) -> Any:
    if parsing.parse_yes_no(text) == "unsure":
        return "unsure"
    years = parsing.parse_whole_number(text, 0, 60)
    if years is None:
        return Problem("years_unreadable")
    born = birth_year(ctx.answers, ctx.today)
    if born is not None and years > ctx.today.year - born - 14:
        return Problem("years_too_many", {"years": years, "age": ctx.today.year - born})
    return years


def _read_yes_no(text: str, ctx: Context) -> Any:
    return parsing.parse_yes_no(text) or Problem("choice_unreadable")


def _read_estimate(text: str, ctx: Context) -> Any:
    answer = parsing.parse_yes_no(text)
    if answer is None:
        return Problem("choice_unreadable")
    return "no" if answer == "unsure" else answer


def _read_pay(text: str, ctx: Context) -> Any:
    if parsing.parse_yes_no(text) == "unsure":
        return Problem("pay_unsure")
    found = parsing.parse_money(text)
    return Problem("pay_zero") if found == 0 else found


def _percent_of_pay(percent: Decimal, ctx: Context, how: str) -> Any:
    pay = ctx.answers.get("pay")
    if not isinstance(pay, int):
        return Problem("percent_needs_pay")
    amount = int((Decimal(pay) * percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return {"amount": amount, "how": how, "percent": f"{percent.normalize():f}"}


def max_deferral(a: Answers, today: date) -> dict[str, Any]:
    """'max': the §402(g) limit plus the catch-up for the age reached this tax year."""
    limits, _fallback = limits_for(today.year)
    born = birth_year(a, today)
    age = today.year - born if born is not None else 0
    base = limits.elective_deferral_402g.amount
    catch_up = limits.catch_up_for_age(age)
    return {
        "amount": base + catch_up,
        "how": "max",
        "base": base,
        "catch_up": catch_up,
        "tax_year": limits.tax_year,
        "age": age,
    }


def _read_own(text: str, ctx: Context) -> Any:
    if parsing.parse_yes_no(text) == "unsure":
        return "unsure"
    found = parsing.parse_money(text, allow_percent=True, allow_max=True)
    if isinstance(found, Max):
        return max_deferral(ctx.answers, ctx.today)
    if isinstance(found, Percent):
        return _percent_of_pay(found.value, ctx, "percent")
    if isinstance(found, int):
        return {"amount": found, "how": "dollars"}
    return found


def _pick_own(option: str, ctx: Context) -> Any:
    if option == "max":
        return max_deferral(ctx.answers, ctx.today)
    return "unsure" if option == "unsure" else None


def _read_employer(text: str, ctx: Context) -> Any:
    if parsing.parse_yes_no(text) == "unsure":
        return "unsure"
    found = parsing.parse_money(text, allow_percent=True)
    if isinstance(found, Percent):
        return _percent_of_pay(found.value, ctx, "percent")
    if isinstance(found, int):
        return {"amount": found, "how": "dollars"}
    return found


def _pick_employer(option: str, ctx: Context) -> Any:
    if option == "none":
        return {"amount": 0, "how": "dollars"}
    return "unsure" if option == "unsure" else None


def _read_money(text: str, ctx: Context) -> Any:
    return parsing.parse_money(text)


def _pick_none(option: str, ctx: Context) -> Any:
    return 0 if option == "none" else None


def _read_filing(text: str, ctx: Context) -> Any:
    clean = parsing.normalise(text)
    if "separate" in clean:
        return "mfs"
    if "joint" in clean or "married" in clean or clean in {"mfj", "together"}:
        return "mfj"
    if "head" in clean or clean == "hoh":
        return "hoh"
    if "single" in clean or "widow" in clean or "divorced" in clean or clean == "s":
        return "single"
    return Problem("choice_unreadable")


def _always(a: Answers, today: date) -> bool:
    return True


def _plan_known(a: Answers) -> bool:
    return "plan_type" in a


def _leaving_a_workplace_plan(a: Answers) -> bool:
    return _plan_known(a) and wants_rule_of_55(a) and has_separation(a) and not plan_is_ira(a)


# The form, in the order it is asked. `when` says in words what `relevant` computes.
QUESTIONS: tuple[Question, ...] = (
    Question(
        id="topics",
        options=("r55", "mbr", "both"),
        read=_read_topics,
        relevant=_always,
        when="always",
    ),
    Question(
        id="birth",
        options=(),
        read=_read_birth,
        pick=_pick_birth,
        relevant=lambda a, t: "topics" in a,
        when="always (a birth date, or an age)",
    ),
    Question(
        id="bday_passed",
        options=("yes", "no"),
        read=_read_birthday_passed,
        relevant=lambda a, t: isinstance(a.get("birth"), dict) and "age" in a["birth"],
        when="an age was given instead of a birth date",
    ),
    Question(
        id="employment",
        options=("leaving", "staying", "left"),
        read=_read_employment,
        relevant=lambda a, t: birth_year(a, t) is not None,
        when="always",
    ),
    Question(
        id="separation",
        options=(),
        read=_read_separation,
        relevant=lambda a, t: wants_rule_of_55(a) and has_separation(a),
        when="Rule of 55, and they have left or plan to leave",
    ),
    Question(
        id="birth_month",
        options=("unsure",),
        read=_read_birth_month,
        relevant=lambda a, t: "employment" in a and _birth_month_matters(a, t),
        when="Rule of 55, only a birth year, and 59 or 60 this year or when leaving",
    ),
    Question(
        id="plan_type",
        options=("401k", "403b", "457b", "401a", "ira", "unsure"),
        read=_read_plan_type,
        relevant=lambda a, t: "employment" in a,
        when="always",
    ),
    Question(
        id="public_safety",
        options=("gov", "fire", "no", "unsure"),
        read=_read_public_safety,
        relevant=lambda a, t: _plan_known(a) and _public_safety_matters(a, t),
        when="leaving before the year of 55: at 50-54, or from a governmental plan",
    ),
    Question(
        id="service_years",
        options=("unsure",),
        read=_read_service_years,
        relevant=_service_years_matter,
        when="public safety, leaving before the year of 50 (25 years can count)",
    ),
    Question(
        id="rolled_ira",
        options=("no", "yes", "unsure"),
        read=_read_yes_no,
        relevant=lambda a, t: _leaving_a_workplace_plan(a),
        when="Rule of 55, leaving or left, not an IRA",
    ),
    Question(
        id="partial",
        options=YES_NO_UNSURE,
        read=_read_yes_no,
        relevant=lambda a, t: _leaving_a_workplace_plan(a),
        when="Rule of 55, leaving or left, not an IRA",
    ),
    Question(
        id="after_tax",
        options=YES_NO_UNSURE,
        read=_read_yes_no,
        relevant=lambda a, t: _plan_known(a) and wants_mega_backdoor(a) and not plan_is_ira(a),
        when="mega backdoor, not an IRA",
    ),
    Question(
        id="in_plan_roth",
        options=YES_NO_UNSURE,
        read=_read_yes_no,
        relevant=lambda a, t: _after_tax_possible(a),
        when="after-tax contributions allowed or not sure",
    ),
    Question(
        id="in_service",
        options=YES_NO_UNSURE,
        read=_read_yes_no,
        relevant=lambda a, t: _after_tax_possible(a) and a.get("in_plan_roth") in {"no", "unsure"},
        when="after-tax allowed or not sure, and no in-plan conversion for sure",
    ),
    Question(
        id="estimate",
        options=("yes", "no"),
        read=_read_estimate,
        relevant=lambda a, t: (
            _after_tax_possible(a) and "in_plan_roth" in a and a.get("employment") != "left"
        ),
        when="after-tax allowed or not sure, and still working there",
    ),
    Question(
        id="pay",
        options=(),
        read=_read_pay,
        relevant=lambda a, t: _wants_room_estimate(a),
        when="they want a dollar estimate of the room",
    ),
    Question(
        id="own",
        options=("max", "unsure"),
        read=_read_own,
        pick=_pick_own,
        relevant=lambda a, t: "pay" in a,
        when="they want a dollar estimate of the room",
    ),
    Question(
        id="employer",
        options=("none", "unsure"),
        read=_read_employer,
        pick=_pick_employer,
        relevant=lambda a, t: "own" in a,
        when="they want a dollar estimate of the room",
    ),
    Question(
        id="tax_est",
        options=("yes", "no"),
        read=_read_estimate,
        relevant=lambda a, t: _plan_known(a) and wants_rule_of_55(a) and has_separation(a),
        when="Rule of 55, leaving or left",
    ),
    Question(
        id="withdrawal",
        options=(),
        read=_read_money,
        relevant=lambda a, t: _wants_tax_estimate(a),
        when="they want a tax estimate",
    ),
    Question(
        id="filing",
        options=("single", "mfj", "mfs", "hoh"),
        read=_read_filing,
        relevant=lambda a, t: "withdrawal" in a,
        when="they want a tax estimate",
    ),
    Question(
        id="other_income",
        options=("none",),
        read=_read_money,
        pick=_pick_none,
        relevant=lambda a, t: "filing" in a,
        when="they want a tax estimate",
    ),
)

BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}


def outline() -> str:
    """The form as text, one question a line, for people reading or drawing it."""
    return "\n".join(
        f"{n:2}. {q.id:<14} [{', '.join(q.options) or 'free text'}]  when: {q.when}"
        for n, q in enumerate(QUESTIONS, start=1)
    )


# Free-text answers that we read (not tapped) are echoed back in normal form.
MONEY_QUESTIONS = {"pay", "own", "employer", "withdrawal", "other_income"}


def pick(question: Question, option: str, ctx: Context) -> Any:
    """The answer for a tapped option, or None if the option is not one of this question's."""
    if question.pick is not None:
        value = question.pick(option, ctx)
        if value is not None:
            return value
    return option if option in question.options else None


def is_relevant(question_id: str, answers: Answers, today: date) -> bool:
    """Relevant given the earlier answers that are themselves still relevant."""
    kept = prune(answers, today)
    question = BY_ID.get(question_id)
    return question is not None and question.relevant(kept, today)


def prune(answers: Answers, today: date) -> dict[str, Any]:
    """Drop answers to questions that no longer apply, in form order."""
    kept: dict[str, Any] = {}
    for question in QUESTIONS:
        if question.id in answers and question.relevant(kept, today):
            kept[question.id] = answers[question.id]
    return kept


def next_question(answers: Answers, today: date) -> Question | None:
    for question in QUESTIONS:
        if question.id not in answers and question.relevant(answers, today):
            return question
    return None


# ---------------------------------------------------------------------------
# Answers -> rules.Facts

_PLAN_TYPES = {
    "401k": PlanType.K401,
    "403b": PlanType.B403,
    "457b": PlanType.GOV_457B,
    "401a": PlanType.A401,
    "tsp": PlanType.A401,
    "ira": PlanType.IRA,
    "sep": PlanType.SEP_IRA,
    "simple": PlanType.SIMPLE_IRA,
    "other": PlanType.OTHER,
}
_EMPLOYMENT = {
    "leaving": Employment.PLANNING_TO_LEAVE,
    "staying": Employment.EMPLOYED,
    "left": Employment.SEPARATED,
}
_FILING = {
    "single": FilingStatus.SINGLE,
    "mfj": FilingStatus.MARRIED_JOINT,
    "mfs": FilingStatus.MARRIED_SEPARATE,
    "hoh": FilingStatus.HEAD_OF_HOUSEHOLD,
}


def _yes(value: Any) -> bool | None:
    return {"yes": True, "no": False}.get(value) if isinstance(value, str) else None


def _dollars(value: Any) -> int | None:
    if isinstance(value, dict):
        return int(value["amount"])
    return value if isinstance(value, int) else None


def _contribution(value: Any, answers: Answers, today: date) -> int | None:
    """'max' and '4%' follow later changes to the birth date or pay."""
    if isinstance(value, dict) and value.get("how") == "max":
        return int(max_deferral(answers, today)["amount"])
    if isinstance(value, dict) and value.get("how") == "percent":
        found = _percent_of_pay(Decimal(value["percent"]), Context(answers, today), "percent")
        if isinstance(found, dict):
            return int(found["amount"])
    return _dollars(value)


def facts_from(answers: Answers, today: date, separation: date | None = None) -> Facts:
    """The facts for rules.assess; `separation` overrides the leaving date (what-if)."""
    a = prune(answers, today)
    birth = a.get("birth") if isinstance(a.get("birth"), dict) else {}
    assert isinstance(birth, dict)
    safety = a.get("public_safety")
    years = a.get("service_years")
    return Facts(
        birth_year=birth_year(a, today),
        birth_month=birth_month(a),
        birth_day=birth.get("day"),
        employment=_EMPLOYMENT.get(a.get("employment", "")),
        separation_date=separation or separation_date(a),
        plan_type=_PLAN_TYPES.get(a.get("plan_type", "")),
        governmental_plan=governmental(a),
        rolled_to_ira=_yes(a.get("rolled_ira")),
        public_safety={
            "gov": PublicSafety.OTHER,
            "fire": PublicSafety.FIREFIGHTER,
            "no": PublicSafety.NONE,
        }.get(safety or ""),
        years_of_service=years if isinstance(years, int) else None,
        partial_withdrawals_allowed=_yes(a.get("partial")),
        after_tax_contributions_allowed=_yes(a.get("after_tax")),
        in_plan_roth_conversion=_yes(a.get("in_plan_roth")),
        in_service_after_tax_withdrawal=_yes(a.get("in_service")),
        compensation=_dollars(a.get("pay")),
        employee_deferrals=_contribution(a.get("own"), a, today),
        employer_contributions=_contribution(a.get("employer"), a, today),
        filing_status=_FILING.get(a.get("filing", "")),
        other_taxable_income=_dollars(a.get("other_income")),
        planned_withdrawal=_dollars(a.get("withdrawal")),
    )
