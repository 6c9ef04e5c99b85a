"""From answers to the explanation: rules.assess, then one message per topic, the
questions for the plan administrator, and the shareable summary."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from markupsafe import Markup

from dialogs import form, timeline
from dialogs.events import Option, Reply
from dialogs.render import label, macro, macros, render
from rules import Assessment, Employment, Finding, Reason, Verdict, assess, citation

log = logging.getLogger(__name__)

MENU = "menu"
WHATIF = "whatif"

_PLAN_LABELS = {
    "401k": "401(k)",
    "403b": "403(b)",
    "457b": "457(b)",
    "401a": "plan",
    "tsp": "TSP",
    "ira": "IRA",
    "sep": "SEP IRA",
    "simple": "SIMPLE IRA",
}


def _assess(answers: form.Answers, today: date, separation: date | None = None) -> Assessment:
    facts = form.facts_from(answers, today, separation)
    if separation is not None and facts.employment is Employment.EMPLOYED:
        facts = facts.model_copy(update={"employment": Employment.PLANNING_TO_LEAVE})
    return assess(facts, today)


def _context(answers: form.Answers, today: date, assessment: Assessment) -> dict[str, Any]:
    kept = form.prune(answers, today)
    plan = _PLAN_LABELS.get(kept.get("plan_type", ""), "plan")
    return {
        "a": kept,
        "today": today,
        "plan": plan,
        "tax_year": assessment.tax_year,
        "say": _sentences(plan, kept),
        "cite": _citations,
        "born": form.birth_year(kept, today),
    }


def _sentences(plan: str, answers: form.Answers) -> Callable[[Reason], Markup]:
    """The words for each reason code, with templates/reasons.j2 built once per message."""
    say = macros("reasons.j2", ctx={"plan": plan, "a": answers})
    return lambda reason: Markup(say(reason.code, **reason.params))


def _citations(ids: list[str]) -> str:
    return "; ".join(citation(cid).label for cid in dict.fromkeys(ids))


def _what_if_date(answers: form.Answers, finding: Finding) -> date | None:
    """A leaving date worth trying in one tap: the first that would qualify, when the
    person's own date is too early (or they have no date yet)."""
    earliest = finding.key_dates.earliest_qualifying_separation
    if earliest is None or answers.get("employment") not in {"leaving", "staying"}:
        return None
    if finding.verdict in {Verdict.ELIGIBLE, Verdict.NOT_NEEDED}:
        return None
    planned = form.separation_date(answers)
    if planned is not None and planned >= earliest:
        return None
    return earliest.replace(day=1)


def show(replies: list[Reply], answers: form.Answers, today: date) -> None:
    """The explanation, one message per topic, then the plan-administrator questions."""
    assessment = _assess(answers, today)
    ctx = _context(answers, today, assessment)
    questions: list[Reason] = []
    if form.wants_rule_of_55(answers):
        finding = assessment.rule_of_55
        text = render("results/rule_of_55.j2", f=finding, what_if=None, **ctx)
        when = _what_if_date(ctx["a"], finding)
        if when is not None:
            option = Option(id=f"{when:%Y-%m}", label=label("what_if", when=when))
            replies.append(Reply(text=text, options=[option], question_id=WHATIF))
        else:
            replies.append(Reply(text=text))
        questions += finding.plan_questions
        if assessment.tax_estimate is not None and ctx["a"].get("tax_est") == "yes":
            replies.append(
                Reply(text=render("results/tax_estimate.j2", t=assessment.tax_estimate, **ctx))
            )
    if form.wants_mega_backdoor(answers):
        finding = assessment.mega_backdoor_roth
        replies.append(Reply(text=render("results/mega_backdoor_roth.j2", f=finding, **ctx)))
        questions += finding.plan_questions
    timeline.attach(replies, assessment, answers, today)  # issue 14: the dates as a picture
    unique = list({q.code: q for q in questions}.values())
    replies.append(
        Reply(
            text=render(
                "results/plan_questions.j2",
                questions=unique,
                notices=assessment.notices,
                **ctx,
            ),
            options=menu_options(),
            question_id=MENU,
        )
    )


def show_what_if(replies: list[Reply], answers: form.Answers, today: date, when: date) -> None:
    """The Rule of 55 again with another leaving date; nothing else changes."""
    assessment = _assess(answers, today, separation=when)
    ctx = _context(answers, today, assessment)
    text = render("results/rule_of_55.j2", f=assessment.rule_of_55, what_if=when, **ctx)
    use = Option(id=f"u{when:%Y-%m}", label=label("use_date", when=when))
    replies.append(Reply(text=text, options=[use], question_id=WHATIF))


def menu_options() -> list[Option]:
    return [
        Option(id="sum", label=label("summary")),
        Option(id="edit", label=label("edit_list")),
        Option(id="restart", label=label("restart")),
    ]


def summary_text(answers: form.Answers, today: date) -> str | None:
    kept = form.prune(answers, today)
    if not kept:
        return None
    finished = form.next_question(kept, today) is None
    _answers_ctx = {"a": kept, "today": today, "born": form.birth_year(kept, today)}
    shown = [
        Markup(macro("answers.j2", "brief", q.id, ctx=_answers_ctx))
        for q in form.QUESTIONS
        if q.id in kept and q.id not in {"topics", "bday_passed", "estimate", "tax_est"}
    ]
    if not finished:
        return render("summary.j2", finished=False, shown=shown, today=today, a=kept)
    assessment = _assess(kept, today)
    ctx = _context(kept, today, assessment)
    questions: list[Reason] = []
    if form.wants_rule_of_55(kept):
        questions += assessment.rule_of_55.plan_questions
    if form.wants_mega_backdoor(kept):
        questions += assessment.mega_backdoor_roth.plan_questions
    return render(
        "summary.j2",
        finished=True,
        shown=shown,
        r55=assessment.rule_of_55,
        mbr=assessment.mega_backdoor_roth,
        tax=assessment.tax_estimate if kept.get("tax_est") == "yes" else None,
        questions=list({q.code: q for q in questions}.values()),
        **ctx,
    )
