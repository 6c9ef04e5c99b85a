"""From answers to the explanation: rules.assess, then one message per topic, the
questions for the plan administrator, and the shareable summary.

Each finding's headline — its verdict mark and its decisive reason — is rendered by one
function, `headline`, for the chat, the summary, the share and the terminal alike."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from markupsafe import Markup

from dialogs import form, timeline
from dialogs.events import Option, Reply
from dialogs.render import label, macro, macros, render
from rules import Assessment, Finding, Reason, Verdict, citation

MENU = "menu"
WHATIF = "whatif"
ACTION_LINES = 3  # lines a person must act on, shown before the fold

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
_MARKS = {
    Verdict.ELIGIBLE: "✅",
    Verdict.NOT_NEEDED: "✅",
    Verdict.NOT_ELIGIBLE: "❌",
    Verdict.DEPENDS: "🟡",
    Verdict.NEEDS_INFO: "❔",
}
_TOPIC_TITLES = {"rule_of_55": "Rule of 55", "mega_backdoor_roth": "Mega backdoor Roth"}


def _assess(answers: form.Answers, today: date, separation: date | None = None) -> Assessment:
    return form.assessment(form.facts_from(answers, today, separation), today)


def answers_context(answers: form.Answers, today: date) -> dict[str, Any]:
    """What templates/answers.j2 needs to read answers back."""
    kept = form.prune(answers)
    amounts = _assess(kept, today).mega_backdoor_roth.amounts if "own" in kept else {}
    return {
        "a": kept,
        "today": today,
        "born": form.birth_year(kept, today),
        "amounts": amounts,
        "tax_year": today.year,
    }


def _context(answers: form.Answers, today: date, assessment: Assessment) -> dict[str, Any]:
    kept = form.prune(answers)
    plan = _PLAN_LABELS.get(kept.get("plan_type", ""), "plan")
    return {
        "a": kept,
        "today": today,
        "plan": plan,
        "tax_year": assessment.tax_year,
        "say": _sentences(plan, kept),
        "cite": _citations,
        "born": form.birth_year(kept, today),
        "left": form.has_left(kept),
    }


def _sentences(plan: str, answers: form.Answers) -> Callable[[Reason], Markup]:
    """The words for each reason code, with templates/reasons.j2 built once per message."""
    say = macros("reasons.j2", ctx={"plan": plan, "a": answers})
    return lambda reason: Markup(say(reason.code, **reason.params))


def _citations(ids: list[str]) -> str:
    return "; ".join(citation(cid).label for cid in dict.fromkeys(ids))


def decisive(finding: Finding) -> Reason:
    """The reason that settles the verdict (the rules give every finding one)."""
    return finding.headline or finding.reasons[0]


def headline(finding: Finding, ctx: dict[str, Any]) -> tuple[str, Markup]:
    """The verdict mark and the decisive reason in a few words: the one headline every
    place shows for this finding (templates/headlines.j2)."""
    reason = decisive(finding)
    words = macro("headlines.j2", reason.code, ctx=ctx, **reason.params)
    return _MARKS[finding.verdict], Markup(words)


def _what_if_date(answers: form.Answers, finding: Finding, today: date) -> date | None:
    """A leaving date worth trying in one tap: the first that would qualify, when the
    person's own date is too early (or they have no date yet)."""
    earliest = finding.key_dates.earliest_qualifying_separation
    if earliest is None or answers.get("employment") not in {"leaving", "staying"}:
        return None
    if finding.verdict in {Verdict.ELIGIBLE, Verdict.NOT_NEEDED}:
        return None
    planned = form.separation_date(answers, today)
    if planned is not None and planned >= earliest:
        return None
    return earliest.replace(day=1)


def _finding_text(
    template: str, finding: Finding, ctx: dict[str, Any], what_if: date | None = None
) -> str:
    mark, words = headline(finding, ctx)
    title = _TOPIC_TITLES[finding.topic.value]
    steps = list(finding.next_steps)
    return render(
        template,
        f=finding,
        mark=mark,
        head=words,
        title=title,
        act=steps[:ACTION_LINES],
        more_steps=steps[ACTION_LINES:],
        context=[r for r in finding.reasons if r != decisive(finding)],
        what_if=what_if,
        **ctx,
    )


def show(replies: list[Reply], answers: form.Answers, today: date) -> None:
    """The explanation, one message per topic, then the plan-administrator questions."""
    assessment = _assess(answers, today)
    ctx = _context(answers, today, assessment)
    questions: list[Reason] = []
    if form.wants_rule_of_55(answers):
        finding = assessment.rule_of_55
        text = _finding_text("results/rule_of_55.j2", finding, ctx)
        when = _what_if_date(ctx["a"], finding, today)
        if when is not None:
            option = Option(id=f"{when:%Y-%m}", label=label("what_if", when=when))
            replies.append(Reply(text=text, options=[option], question_id=WHATIF))
        else:
            replies.append(Reply(text=text))
        questions += finding.plan_questions
        tax = assessment.tax_estimate
        if tax is not None and ctx["a"].get("tax_est") == "yes":
            replies.append(Reply(text=render("results/tax_estimate.j2", t=tax, **ctx)))
    if form.wants_mega_backdoor(answers):
        finding = assessment.mega_backdoor_roth
        replies.append(Reply(text=_finding_text("results/mega_backdoor_roth.j2", finding, ctx)))
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
    ctx["left"] = False
    text = _finding_text("results/rule_of_55.j2", assessment.rule_of_55, ctx, what_if=when)
    use = Option(id=f"u{when:%Y-%m}", label=label("use_date", when=when))
    replies.append(Reply(text=text, options=[use], question_id=WHATIF))


def menu_options() -> list[Option]:
    return [
        Option(id="sum", label=label("summary")),
        Option(id="edit", label=label("edit_list")),
        Option(id="restart", label=label("restart")),
    ]


# Answers the summary leaves out: choices about what to show, and the birthday detail
# (already in the birth year shown).
_NOT_IN_SUMMARY = {"topics", "bday_passed", "estimate", "tax_est"}


def summary_text(answers: form.Answers, today: date) -> str | None:
    kept = form.prune(answers)
    if not kept:
        return None
    finished = form.next_question(kept, today) is None
    answers_ctx = answers_context(kept, today)
    shown = [
        Markup(macro("answers.j2", "brief", q.id, ctx=answers_ctx))
        for q in form.QUESTIONS
        if q.id in kept
        and q.id not in _NOT_IN_SUMMARY
        and not (q.id == "employment" and "separation" in kept)  # "left March 2026" says it
    ]
    if not finished:
        return render("summary.j2", finished=False, shown=shown, today=today, a=kept)
    assessment = _assess(kept, today)
    ctx = _context(kept, today, assessment)
    lines: list[tuple[str, str, Markup, Finding]] = []
    questions: list[Reason] = []
    if form.wants_rule_of_55(kept):
        finding = assessment.rule_of_55
        lines.append((_TOPIC_TITLES["rule_of_55"], *headline(finding, ctx), finding))
        questions += finding.plan_questions
    if form.wants_mega_backdoor(kept):
        finding = assessment.mega_backdoor_roth
        lines.append((_TOPIC_TITLES["mega_backdoor_roth"], *headline(finding, ctx), finding))
        questions += finding.plan_questions
    return render(
        "summary.j2",
        finished=True,
        shown=shown,
        lines=lines,
        tax=assessment.tax_estimate if kept.get("tax_est") == "yes" else None,
        questions=list({q.code: q for q in questions}.values()),
        notices=assessment.notices,
        **ctx,
    )
