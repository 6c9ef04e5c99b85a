"""From answers to the explanation: rules.assess, then one message per topic, the
questions for the plan administrator, and the shareable summary.

Each finding's headline — its verdict mark and its decisive reason — is rendered by one
function, `headline`, for the chat, the summary, the share and the terminal alike."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup

from dialogs import actions, form, timeline, wording
from dialogs.answers import Day
from dialogs.events import Option, Reply
from dialogs.render import label, macro, macros, plain, render
from rules import (
    Assessment,
    Finding,
    PlansAssessment,
    Reason,
    TaxEstimate,
    Verdict,
    assess_plans,
    citation,
)

ACTION_LINES = 3  # lines a person must act on, shown before the fold
VISIBLE_CHARACTERS = 600  # of a verdict message in view: about one phone screen
FOLD = "<blockquote expandable>"  # what follows is folded away until tapped

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


def answers_context(answers: form.Answers, today: date, pruned: bool = False) -> dict[str, Any]:
    """What a question's words need to read its answer back (templates/questions/)."""
    kept = dict(answers) if pruned else form.prune(answers)
    amounts = _assess(kept, today).mega_backdoor_roth.amounts if form.wants_room(kept) else {}
    return {
        "a": kept,
        "today": today,
        "born": form.birth_year(kept, today),
        "amounts": amounts,
        "tax_year": today.year,
    }


def vague_leaving(answers: form.Answers, finding: Finding, today: date) -> date | int | None:
    """The month (as its first day) or the year the person gave as their leaving date, when
    the finding's first day free of the 10% is that leaving date: it must be shown no more
    precisely than it was said. None when a day was given or another date is shown."""
    said = form.leaving_day(answers)
    free_from = finding.key_dates.penalty_free_from
    if not isinstance(said, Day) or said.day is not None or free_from is None:
        return None
    if free_from != form.separation_date(answers, today):
        return None
    return said.year if said.month is None else date(said.year, said.month, 1)


def _context(answers: form.Answers, today: date, assessment: Assessment) -> dict[str, Any]:
    kept = form.prune(answers)
    plan = plain(macro(_WORDS, "plan_label", form.plan_kind(kept)))
    return {
        "vague_leaving": vague_leaving(kept, assessment.rule_of_55, today),
        "a": kept,
        "today": today,
        "plan": plan,
        "tax_year": assessment.tax_year,
        "say": _sentences(plan, kept),
        "cite": _citations,
        "born": form.birth_year(kept, today),
        "left": form.has_left(kept),
        "checks_rule_of_55": form.wants_rule_of_55(kept),
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


def headline(finding: Finding) -> tuple[str, Markup]:
    """The verdict mark and the decisive reason in a few words: the one headline every
    place shows for this finding (templates/headlines.j2)."""
    reason = decisive(finding)
    params: dict[str, Any] = dict(reason.params)  # the macros see no module context
    words = macro("headlines.j2", reason.code, **params)
    return _MARKS[finding.verdict], Markup(words)


def _what_if_date(answers: form.Answers, finding: Finding, today: date) -> date | None:
    """A leaving date worth trying in one tap: the first that would qualify, when the
    person's own date is too early (or they have no date yet)."""
    earliest = finding.key_dates.earliest_qualifying_separation
    if earliest is None or not form.still_working(answers):
        return None
    if finding.verdict in {Verdict.ELIGIBLE, Verdict.NOT_NEEDED}:
        return None
    planned = form.separation_date(answers, today)
    if planned is not None and planned >= earliest:
        return None
    return earliest.replace(day=1)


def _finding_text(
    template: str,
    finding: Finding,
    ctx: dict[str, Any],
    what_if: date | None = None,
    lead: str = "",
) -> str:
    """The verdict, its decisive reason and at most three lines to act on in view; the
    rest folded. Lines to act on move under the fold while the part in view is longer
    than a phone screen shows at once (VISIBLE_CHARACTERS)."""
    mark, words = headline(finding)
    fixed = {
        "f": finding,
        "mark": mark,
        "head": words,
        "title": _TOPIC_TITLES[finding.topic.value],
        "context": [r for r in finding.reasons if r != decisive(finding)],
        "what_if": what_if,
        **ctx,
    }
    steps = list(finding.next_steps)
    for shown in range(min(ACTION_LINES, len(steps)), -1, -1):
        text = render(template, act=steps[:shown], more_steps=steps[shown:], **fixed)
        text = f"{lead}\n\n{text}" if lead else text
        if len(in_view(text)) <= VISIBLE_CHARACTERS:
            break
    return text


def in_view(text: str) -> str:
    """What a message shows before its folded part, as plain text."""
    return plain(text.split(FOLD, 1)[0])


def show(
    replies: list[Reply],
    answers: form.Answers,
    today: date,
    plans: list[dict[str, Any]] | None = None,
    plan_name: str | None = None,
    lead: str = "",
) -> None:
    """The explanation, one message per topic, then the plan-administrator questions.
    `lead` (the last answer's echo) opens the first message."""
    assessment = _assess(answers, today)
    ctx = _context(answers, today, assessment)
    questions: list[Reason] = []
    when = None  # a leaving date that would change the verdict, offered in one tap
    if form.wants_rule_of_55(answers):
        finding = assessment.rule_of_55
        text = _finding_text("results/rule_of_55.j2", finding, ctx, lead=lead)
        lead = ""
        when = _what_if_date(ctx["a"], finding, today)
        if when is not None:
            option = actions.button(actions.WhatIf(when), label("what_if", when=when))
            replies.append(Reply(text=text, options=[option], question_id=actions.WHATIF))
        else:
            replies.append(Reply(text=text))
        questions += finding.plan_questions
        tax = assessment.tax_estimate
        if tax is not None and form.wants_tax(ctx["a"]):
            # With several plans, the estimate says which plan it is for.
            for_plan = plan_title(plan_name, answers) if plans else None
            text = render("results/tax_estimate.j2", t=tax, for_plan=for_plan, **ctx)
            replies.append(Reply(text=text))
    if form.wants_mega_backdoor(answers) and not plans:  # with several, in the summary
        finding = assessment.mega_backdoor_roth
        text = _finding_text("results/mega_backdoor_roth.j2", finding, ctx, lead=lead)
        replies.append(Reply(text=text))
        lead = ""
        questions += finding.plan_questions
    # The dates as a picture, captioned with the verdicts it shows.
    caption = picture_caption(answers, assessment, plans, plan_name, today)
    timeline.attach(replies, assessment, answers, today, plans, caption, when is not None)
    unique = list({q.code: q for q in questions}.values())
    text = render("results/plan_questions.j2", questions=unique, notices=assessment.notices, **ctx)
    text = f"{lead}\n\n{text}" if lead else text  # no verdict message took the echo
    replies.append(Reply(text=text, options=menu_options(answers), question_id=actions.MENU))


def picture_caption(
    answers: form.Answers,
    assessment: Assessment | None,
    plans: list[dict[str, Any]] | None,
    plan_name: str | None,
    today: date,
) -> str:
    """The picture's caption: the verdicts it shows, so it reads on its own when shared."""
    found = assessment if assessment is not None else _assess(answers, today)
    return render(
        "picture_caption.j2", lines=_caption_lines(answers, found, plans, plan_name, today)
    )


def _caption_lines(
    answers: form.Answers,
    assessment: Assessment,
    plans: list[dict[str, Any]] | None,
    plan_name: str | None,
    today: date,
) -> list[tuple[str, Markup, Markup]]:
    """(mark, title, headline) for each verdict the picture shows: every plan's Rule of
    55 with several plans, else each topic checked."""
    if plans and form.wants_rule_of_55(answers):
        lines = plan_lines(answers, plans, plan_name, today)
        return [(line.mark, line.title, line.head) for line in lines]
    found: list[tuple[str, Markup, Markup]] = []
    if form.wants_rule_of_55(answers):
        mark, head = headline(assessment.rule_of_55)
        found.append((mark, Markup(_TOPIC_TITLES["rule_of_55"]), head))
    if form.wants_mega_backdoor(answers):
        mark, head = headline(assessment.mega_backdoor_roth)
        found.append((mark, Markup(_TOPIC_TITLES["mega_backdoor_roth"]), head))
    return found


def show_what_if(replies: list[Reply], answers: form.Answers, today: date, when: date) -> None:
    """The Rule of 55 again with another leaving date; nothing else changes."""
    assessment = _assess(answers, today, separation=when)
    ctx = _context(answers, today, assessment)
    ctx["left"] = False
    text = _finding_text("results/rule_of_55.j2", assessment.rule_of_55, ctx, what_if=when)
    use = actions.button(actions.WhatIf(when, use=True), label("use_date", when=when))
    replies.append(Reply(text=text, options=[use], question_id=actions.WHATIF))


def menu_options(answers: form.Answers | None = None) -> list[Option]:
    options = [
        actions.button(actions.Menu("sum"), label("summary")),
        actions.button(actions.Menu("edit"), label("edit_list")),
    ]
    if answers is not None and form.wants_rule_of_55(answers):
        options.append(actions.button(actions.Menu("more"), label("another_plan")))
    options.append(actions.button(actions.Remind(), label("remind_me")))
    options.append(actions.button(actions.Menu("restart"), label("restart")))
    return options


# ---------------------------------------------------------------------------
# Several plans: the one being checked (the answers) and the others the person added

MAX_PLAN_NAME = 40  # characters of the person's own name for a plan that are shown


@dataclass(frozen=True)
class PlanLine:
    title: Markup  # the person's name for the plan, or its kind ("your 401(k)")
    mark: str
    head: Markup
    finding: Finding
    vague_leaving: date | int | None = None  # see `vague_leaving`


_WORDS = "questions/_words.j2"


def plan_title(name: str | None, answers: form.Answers) -> Markup:
    if name:
        return Markup(macro(_WORDS, "plan_title", name[:MAX_PLAN_NAME], None))
    return Markup(macro(_WORDS, "plan_title", None, form.plan_kind(answers)))


def plan_lines(
    answers: form.Answers, plans: list[dict[str, Any]], plan_name: str | None, today: date
) -> list[PlanLine]:
    """One headline per plan: the same function the chat uses for each plan's result."""
    lines = []
    for name, plan_answers in form.all_plans(answers, plans, plan_name):
        assessment = _assess(plan_answers, today)
        mark, head = headline(assessment.rule_of_55)
        title = plan_title(name, plan_answers)
        vague = vague_leaving(plan_answers, assessment.rule_of_55, today)
        lines.append(PlanLine(title, mark, head, assessment.rule_of_55, vague))
    return lines


def plans_assessment(
    answers: form.Answers, plans: list[dict[str, Any]], plan_name: str | None, today: date
) -> PlansAssessment:
    """rules.assess_plans over every plan: the plans added before first, then this one."""
    everything = form.all_plans(answers, plans, plan_name)
    facts = form.facts_from(everything[-1][1], today)
    plan_facts = [
        form.facts_from(plan_answers, today).plan(name=str(plan_title(name, plan_answers)))
        for name, plan_answers in everything
    ]
    return assess_plans(facts.person(), plan_facts, today)


def show_plans(
    replies: list[Reply],
    answers: form.Answers,
    plans: list[dict[str, Any]],
    plan_name: str | None,
    today: date,
) -> None:
    """With more than one plan, the results end with every plan side by side."""
    if not plans or not form.wants_rule_of_55(answers):
        return
    lines = plan_lines(answers, plans, plan_name, today)
    # What the law says across the plans: roll an old plan into the current one before
    # leaving it, keep early money out of IRAs, draw first from the plan free of the 10%.
    advice = plans_assessment(answers, plans, plan_name, today).advice
    ctx = _context(answers, today, _assess(answers, today))
    text = render("results/plans.j2", lines=lines, advice=advice, **ctx)
    replies.insert(
        len(replies) - 1, Reply(text=text, options=plan_options(lines), question_id=actions.PLANS)
    )


def plan_options(lines: list[PlanLine]) -> list[Option]:
    """Check an earlier plan again (it becomes the one being checked), or remove one."""
    options = []
    for index, line in enumerate(lines[:-1]):
        title = str(line.title)
        check, remove = actions.CheckPlan(index), actions.CheckPlan(index, remove=True)
        options.append(actions.button(check, label("check_plan", name=title)[:40]))
        options.append(actions.button(remove, label("remove_plan", name=title)[:40]))
    return options


_ROLL_INS = "ask_accepts_roll_ins"


def _questions_by_plan(
    answers: form.Answers,
    plans: list[dict[str, Any]],
    plan_name: str | None,
    lines: list[PlanLine],
) -> list[tuple[Markup | None, list[Reason]]]:
    """Each plan keeps its own questions for its administrator (rules-reference §10,
    "Several plans"). Whether a current plan takes roll-ins is asked only when the person
    still works where one of the plans is."""
    everything = form.all_plans(answers, plans, plan_name)
    current = [form.still_working(a) for _, a in everything]
    roll_ins = [q for line in lines for q in line.finding.plan_questions if q.code == _ROLL_INS]
    by_plan: list[tuple[Markup | None, list[Reason]]] = []
    for line, works_there in zip(lines, current, strict=True):
        asks = [q for q in line.finding.plan_questions if q.code != _ROLL_INS]
        if works_there and roll_ins:  # asked of the plan that would take the money
            asks, roll_ins = [*asks, roll_ins[0]], []
        if asks:
            by_plan.append((line.title, list({q.code: q for q in asks}.values())))
    return by_plan


def _estimates(
    answers: form.Answers,
    plans: list[dict[str, Any]],
    plan_name: str | None,
    today: date,
    assessment: Assessment,
) -> list[tuple[Markup | None, TaxEstimate]]:
    """Each tax estimate asked for, with the plan it is for when there are several."""
    if not plans:
        tax = assessment.tax_estimate if form.wants_tax(answers) else None
        return [] if tax is None else [(None, tax)]
    found: list[tuple[Markup | None, TaxEstimate]] = []
    for name, plan_answers in form.all_plans(answers, plans, plan_name):
        tax = _assess(plan_answers, today).tax_estimate
        if tax is not None and form.wants_tax(plan_answers):
            found.append((plan_title(name, plan_answers), tax))
    return found


def _based_on_per_plan(
    answers: form.Answers, plans: list[dict[str, Any]], plan_name: str | None, today: date
) -> list[tuple[Markup, list[Markup]]]:
    """With several plans, each plan's own answers in a few words (the person's are in
    the "Based on" line); a plan's kind is left out when its title already says it."""
    if not plans:
        return []
    plan_only = [q for q in form.QUESTIONS if q.scope == "plan"]
    found = []
    for name, plan_answers in form.all_plans(answers, plans, plan_name):
        shown = [q for q in plan_only if q is not form.PLAN_KIND or name]
        briefs = _briefs(form.prune(plan_answers), today, shown)
        found.append((plan_title(name, plan_answers), briefs))
    return found


def _briefs(
    answers: form.Answers, today: date, questions: Iterable[form.Question] = form.QUESTIONS
) -> list[Markup]:
    """The answers (already pruned) to these questions in the summary's few words, in
    form order."""
    words = answers_context(answers, today, pruned=True)
    return [
        Markup(wording.read_back("brief", q.id, words))
        for q in questions
        if q.id in answers and q.summarised(answers)
    ]


def summary_text(
    answers: form.Answers,
    today: date,
    plans: list[dict[str, Any]] | None = None,
    plan_name: str | None = None,
) -> str | None:
    kept = form.prune(answers)
    if not kept:
        return None
    plans = plans or []
    finished = form.next_question(kept, today) is None
    if plans:  # the person's answers, all plans', here; each plan's own on its line
        person = {k: v for p in plans for k, v in p.get("person", {}).items()}
        person_only = [q for q in form.QUESTIONS if q.scope == "person"]
        shown = _briefs({**person, **form.person_part(kept)}, today, person_only)
    else:
        shown = _briefs(kept, today)
    based_on = _based_on_per_plan(kept, plans, plan_name, today)
    if not finished:
        return render(
            "summary.j2", finished=False, shown=shown, plans_based_on=based_on, today=today, a=kept
        )
    assessment = _assess(kept, today)
    ctx = _context(kept, today, assessment)
    lines: list[tuple[str, str, Markup, Finding]] = []
    questions: list[Reason] = []
    per_plan: list[PlanLine] = []
    advice: list[Reason] = []
    together = plans_assessment(kept, plans, plan_name, today) if plans else None
    by_plan: list[tuple[Markup | None, list[Reason]]] = []
    if form.wants_rule_of_55(kept):
        finding = assessment.rule_of_55
        if together is not None:
            per_plan = plan_lines(kept, plans, plan_name, today)
            advice = together.advice
            by_plan = _questions_by_plan(kept, plans, plan_name, per_plan)
        else:
            lines.append((_TOPIC_TITLES["rule_of_55"], *headline(finding), finding))
        questions += finding.plan_questions
    if form.wants_mega_backdoor(kept):
        finding = assessment.mega_backdoor_roth
        # With several plans: the plan where the person still works, whichever is on screen.
        if together is not None and together.mega_backdoor_plan is not None:
            finding = together.mega_backdoor_roth or finding
        lines.append((_TOPIC_TITLES["mega_backdoor_roth"], *headline(finding), finding))
        questions += finding.plan_questions
        if per_plan and finding.plan_questions:  # the mega backdoor's, apart (title None)
            by_plan.append((None, finding.plan_questions))
    asks = macros("asks.j2", ctx={})
    return render(
        "summary.j2",
        finished=True,
        ask=lambda reason: Markup(asks(reason.code, **reason.params)),
        shown=shown,
        lines=lines,
        per_plan=per_plan,
        advice=advice,
        taxes=_estimates(kept, plans, plan_name, today, assessment),
        plans_based_on=based_on,
        questions=list({q.code: q for q in questions}.values()),
        by_plan=by_plan,
        notices=assessment.notices,
        **ctx,
    )
