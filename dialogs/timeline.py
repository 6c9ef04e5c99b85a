"""The person's key dates as data for a picture (issue 14): today, the leaving date, the
first day of the year the Rule of 55 (or the public-safety age 50) starts to count, the
first penalty-free day, 59½, and the tax year of the mega backdoor's room.

Pure: the assessment and the answers in, a `Timeline` out. The shell draws it; the words
come from templates/timeline.toml."""

from __future__ import annotations

from datetime import date
from typing import Any

from dialogs import actions, form
from dialogs.answers import BirthDate
from dialogs.events import Option, Reply
from dialogs.marks import PERSON_KINDS, Mark, PlanMarks, Precision, Timeline
from dialogs.render import label, macro
from rules import Assessment, Verdict
from rules.limits import CONSTANTS
from rules.people import Birth, birth_bounds


def timeline_for(assessment: Assessment, answers: form.Answers, today: date) -> Timeline | None:
    """The marks for one plan, or None when there is no date worth a picture. (The
    earliest qualifying leaving date is 1 January of the rule's year, or today: the
    rule's year mark says it.)"""
    a = form.prune(answers)
    marks: list[Mark] = []
    if form.wants_rule_of_55(a):
        marks += _rule_of_55_marks(assessment, a, today)
    if form.wants_mega_backdoor(a):
        marks += _mega_backdoor_marks(assessment)
    if not marks:
        return None
    return Timeline(
        today=today,
        plans=(PlanMarks(plan=form.plan_kind(a), marks=tuple(marks)),),
    )


def timeline_of_answers(
    answers: form.Answers, today: date, plans: list[dict[str, Any]] | None = None
) -> Timeline | None:
    """The picture of finished answers (None while questions remain): for the summary's
    button and for sharing. With the person's other plans, every plan's dates."""
    kept = form.prune(answers)
    if not kept or form.next_question(kept, today) is not None:
        return None
    picture = _picture(kept, today)
    return with_other_plans(picture, kept, plans or [], today)


def _picture(answers: form.Answers, today: date) -> Timeline | None:
    return timeline_for(form.assessment(form.facts_from(answers, today), today), answers, today)


def with_other_plans(
    picture: Timeline | None, answers: form.Answers, plans: list[dict[str, Any]], today: date
) -> Timeline | None:
    """The plan being checked together with the others, in the order they were added: a
    row each, numbered ("plan 2"; the picture holds no words of the person). The person's
    59½ is kept once; the mega backdoor's room is the plan being checked (the last)."""
    if not plans or picture is None:
        return picture
    earlier = form.all_plans(answers, plans, None)[:-1]
    every = [*(_picture(a, today) for _, a in earlier), picture]
    last = len(every)
    seen: set[tuple[str, date]] = set()
    numbered: list[PlanMarks] = []
    for number, one in enumerate(every, start=1):
        if one is None:
            continue
        marks = []
        for mark in one.plans[0].marks:
            if mark.kind in PERSON_KINDS:
                if (mark.kind, mark.when) in seen:
                    continue
                seen.add((mark.kind, mark.when))
            if mark.kind == "tax_year" and number != last:
                continue
            marks.append(mark)
        plan = one.plans[0].plan
        numbered.append(PlanMarks(plan=plan, number=number, marks=tuple(marks)))
    return Timeline(today=today, plans=tuple(numbered))


def _mega_backdoor_marks(assessment: Assessment) -> list[Mark]:
    """The year's after-tax room and its deadline, the last paycheck of the year — only
    where the plan may allow it and there is room (or its size is not asked)."""
    mbr = assessment.mega_backdoor_roth
    room = mbr.amounts.get("room")
    if mbr.verdict not in (Verdict.ELIGIBLE, Verdict.DEPENDS) or (room is not None and room <= 0):
        return []
    year = assessment.tax_year
    params: dict[str, str | int | date] = {"year": year}
    if room is not None:
        params["room"] = f"${room:,}"
    return [
        Mark(
            kind="tax_year",
            when=date(year, 1, 1),
            until=date(year, 12, 31),
            label="room_by_last_paycheck" if room is not None else "room_deadline",
            params=params,
        )
    ]


def _rule_of_55_marks(assessment: Assessment, a: form.Answers, today: date) -> list[Mark]:
    key = assessment.rule_of_55.key_dates
    marks: list[Mark] = []
    leaving = form.separation_date(a, today) if form.has_separation(a) else None
    said = form.leaving_day(a)
    leaving_precision: Precision = (
        "year"
        if said is not None and said.month is None
        else "day"
        if said is not None and said.day is not None
        else "month"
    )
    if leaving is not None:
        name = "left" if form.has_left(a) else "leaving"
        # As precise as it was said: "1999" stays 1999, never "Dec 1999".
        marks.append(Mark(kind="leaving", when=leaving, label=name, precision=leaving_precision))
    year, age = key.qualifying_year, key.qualifying_age
    # Once left, the leaving date has decided: the rule's year would only suggest a
    # relation that is not there (issue 21).
    if year is not None and not form.has_left(a):
        name = "rule_year" if year == key.year_turning_55 else "rule_year_public_safety"
        starts = date(year, 1, 1)
        if not form.has_left(a) and starts > today and (leaving is None or leaving < starts):
            # Leaving on or after this day would change the verdict: the picture says so.
            name = "leave_from" if name == "rule_year" else "leave_from_public_safety"
        marks.append(Mark(kind="rule_year", when=starts, label=name, params={"age": age}))
    free = key.penalty_free_from
    earliest = key.penalty_free_earliest or free
    if free is not None and earliest is not None:
        # As precise as the facts: the leaving date as said; 59½ known to a month shows
        # that month; a longer 59½ window (a birth year, an age) is drawn as that window.
        precision: Precision = "day"
        until = None
        if free == leaving:
            precision = leaving_precision
        elif earliest != free:
            # A month stands for itself by its day 1 (as 59½ does); a window by its months.
            precision = "month"
            if (earliest.year, earliest.month) != (free.year, free.month):
                until = free
            earliest = date(earliest.year, earliest.month, 1)
        marks.append(
            Mark(
                kind="penalty_free",
                when=earliest,
                until=until,
                label="penalty_free",
                precision=precision,
            )
        )
    if key.age_59_half is not None:
        birth = form.birth(a)
        precision = "day" if isinstance(birth, BirthDate) and birth.day else "month"
        marks.append(
            Mark(kind="age_59_half", when=key.age_59_half, label="age_59_half", precision=precision)
        )
    else:
        marks += _age_59_half_window(a, today)
    return marks


def _age_59_half_window(a: form.Answers, today: date) -> list[Mark]:
    """59½ known only from a birth year or an age: the months it can fall in."""
    bounds = birth_bounds(form.facts_from(a, today), today)
    if not isinstance(bounds, Birth):
        return []
    earliest, latest = bounds.months_later(CONSTANTS.age_59_half_months.value)
    start = date(earliest.year, earliest.month, 1)
    return [
        Mark(kind="age_59_half", when=start, until=latest, label="age_59_half", precision="month")
    ]


# ---------------------------------------------------------------------------
# The hooks results.py and engine.py call (one line each, so a rewrite keeps them easily)


MAX_CAPTION = 1024  # Telegram's limit on a photo's caption


def attach(
    replies: list[Reply],
    assessment: Assessment,
    answers: form.Answers,
    today: date,
    plans: list[dict[str, Any]] | None = None,
    caption: str | None = None,
    leaving_matters: bool = False,
) -> None:
    """The picture goes with the last result message (the shell sends it right after),
    captioned with the verdicts, and only when it adds something to the words: two or
    more dates still to come that differ, or a leaving date that would change a verdict."""
    picture = with_other_plans(
        timeline_for(assessment, answers, today), form.prune(answers), plans or [], today
    )
    if picture is None or not replies:
        return
    coming = {m.when for m in picture.marks() if m.kind != "today" and m.when > today}
    if len(coming) < 2 and not leaving_matters:
        return
    fits = caption is not None and len(caption) <= MAX_CAPTION
    update = {"timeline": picture, "caption": caption if fits else None}
    replies[-1] = replies[-1].model_copy(update=update)


def picture_options(
    answers: form.Answers, today: date, plans: list[dict[str, Any]] | None = None
) -> list[Option]:
    """The summary's button for the picture, when there is one."""
    if timeline_of_answers(answers, today, plans) is None:
        return []
    return [actions.button(actions.Picture(), label("picture"))]


def show_picture(
    replies: list[Reply],
    answers: form.Answers,
    today: date,
    plans: list[dict[str, Any]] | None = None,
    caption: str | None = None,
) -> None:
    """The picture again (a press on the summary's button): one photo, captioned with the
    verdicts it shows, so it reads on its own when shared."""
    picture = timeline_of_answers(answers, today, plans)
    if picture is None:
        replies.append(Reply(text=macro("alerts.j2", "stale_button"), alert=True))
        return
    fits = caption is not None and len(caption) <= MAX_CAPTION
    replies.append(Reply(text="", timeline=picture, caption=caption if fits else None))
