"""Employment (employed / planning to leave / separated, with the date when given) and the
separation date on its own."""

from __future__ import annotations

import re
from calendar import isleap
from datetime import date
from typing import Any

from dialogs.answers import Ask, Day, Read, Reject, Unsure, Work
from dialogs.reading.base import MAX_AGE, MIN_AGE, ReadContext, ask, has, prepare, reject
from dialogs.reading.birth import BIRTH_MARK
from dialogs.reading.choices import yes_no
from dialogs.reading.dates import WD, Hit, M, Tense, find_dates, month_said_apart, same_or_finer
from dialogs.reading.text import UNSURE, clauses, only_the_spouses, without_the_spouses
from dialogs.reading.words import vocabulary
from rules import Employment

STAYING = (
    r"\b(?:do not|don'?t|dont|never) plan(?:ning)? (?:to|on) (?:leave|leaving|retire|retiring|quit)"
    r"|\bnot planning (?:on|to) (?:ever )?(?:leave|leaving|retire|retiring|quit)"
    r"|\bnot (?:planning|going|looking|intending|trying) (?:to|on) (?:leave|leaving|retire|"
    r"retiring|quit)"
    r"|\bno (?:plans?|intention) (?:to|of|on|for) (?:leave|leaving|retir|quit|go)"
    r"|\bnot (?:leaving|retiring|quitting)\b(?! (?:in|on|at|till|until) )|\bnot going anywhere\b"
    r"|\bstaying\b|\bstay put\b|\bno end date\b|\bhaven'?t decided when\b|\bhavent decided when\b"
    r"|\bgoing back (?:to work )?(?:in|on|next)\b|\bnot retiring yet\b|\bno plans? yet\b"
    r"|\bno retirement plans\b|\b(?:until|till|til) (?:the day )?i die\b"
    # "still working, no plans", or just "no plans": the plans said no to are leaving
    # plans (never "no, I've left")
    r"|(?:^|\bworking\b(?:(?!\b(?:left|retired|quit|laid off)\b).)*)"
    r"\bno (?:real |current )?plans?(?: (?:right )?now)?\s*$"
    r"|\bnever (?:retiring|leaving)\b|\bno intention of\b|\bhere for good\b"
    # a plan given up: "was gonna retire this year but decided to stay"
    r"|\bdecided (?:to stay|not to (?:leave|retire|quit))\b|\bchanged my mind\b"
    r"|\b(?:working|still (?:here|there|at|with|employed))\b"
    r"(?:(?!\b(?:left|retired|quit|laid off)\b)[^.;])*\bno (?:real |current )?plans?"
    r"(?: (?:right )?now| yet)?\s*$"
    rf"|\b(?:{'|'.join(vocabulary('work')['staying_idioms'])})\b"
)
UNDECIDED = (
    r"\b(?:idk|not sure|dont know|don'?t know|unsure) (?:if|whether) (?:i'?ll |i will |i |to |"
    r"i'?m )?"
    r"(?:stay|leave|retire|quit|go|keep)|\b(?:staying|stay) or (?:going|go|leaving|leave)\b"
    r"|\bhaven'?t decided (?:if|whether)\b"
    r"|\b(?:not sure|unsure) about (?:leaving|retiring|quitting)\b"
    r"|\bdepends on (?:the )?(?:reorg|layoffs?|buyout|job|work|"
    r"company|boss|pension|offer)"
    r"|\bmaybe (?:leaving|retiring|quitting|going),? maybe not\b"  # "maybe leaving, maybe not"
    r"|\bmight (?:leave|retire|quit)\b|\bmay (?:leave|retire|quit)\b|\bthinking (?:about|"
    r"of) (?:leaving|"
    r"retiring)\b"
)
LEFT = (
    r"(?<!semi )(?<!semi-)\b(?:retired|ret'?d|ret(?=\.)|left(?! (?:it|the rest|everything|my money|"
    r"the money|some|all|a message))|quit|resigned|laid (?:me |us )?off|let go|fired|"
    r"terminated|separated from|no longer|switched jobs|changed jobs|gone since|done there|"
    r"last day(?: (?:at|with|of|in) [^,.;]{1,40}?| there| here)? was|was my last day|got out|"
    r"took (?:the |a |an )?(?:early retirement|buyout|package|severance)|moved on|"
    r"not there anymore|not employed there|don'?t work there|forced out|pushed out|let me go|"
    r"not working (?:there|for them) (?:anymore|any more|no more)|"
    r"lost my job|downsized|position (?:was )?eliminated|riffed|rif'?d|outsourced)\b"
    rf"|\b(?:{'|'.join(vocabulary('work')['left_otherwise'])})\b"
    # "they closed it in september so im out": out now, as what came before says
    r"|\b(?:so|and now|now) (?:yeah )?(?:i'?m|im|i am) (?:out|gone)(?: now| already)?(?=[,.;]|$)"
)
_WORK = vocabulary("work")
NOT_LEFT = (
    rf"\b(?:{'|'.join(_WORK['negators'])})(?: yet)? (?:{'|'.join(_WORK['leaving_verbs'])})\b"
    r"|^(?:no,? )?not yet\b"
)
# A last paycheck ahead ("yes but my final paycheck is dec 15"): leaving, on a date not said
FINAL_PAY = rf"\b(?:{'|'.join(vocabulary('work')['final_pay'])})"
LEAVING = (
    r"\bretiring\b|\bleaving\b|\bplan(?:ning)? (?:to|on) (?:leave|leaving|retire|retiring|quit|go|"
    r"work|stop)"
    r"|\b(?:going|gonna|want|hoping|hope) to (?:retire|leave|quit)\b|\bwill (?:retire|leave|quit)\b"
    r"|\bgonna (?:retire|leave|quit)\b"
    r"|\bi'?ll (?:retire|leave|quit)\b|\blast day (?:at work |there |of work )?(?:is|will be|'s)\b"
    r"|\bis my last day\b|\btaking (?:the )?buyout\b|(?:^|, ?|\bi'?m |\bim |\bbe )out (?:in|next|"
    r"on|at|by)\b"
    r"|\b(?:handed|gave|put) in (?:my )?notice\b|\bgave notice\b|\bdone on\b|\bnot for long\b"
    r"|\bretire (?:in|at|next|on|this|by|end|the|after)\b|\bmandatory retirement\b"
    # "im out the door in march", "im out end of the month" - but "so im out" has gone
    r"|\bim out\b(?! ?$)(?! now\b)(?! already\b)"
    r"|\bwork(?:ing)?(?: there| here| for them)? (?:til|till|until)\b|\bretirement date\b"
    r"|\bmy last day\b|\bquitting\b|\bon my way out\b"
    rf"|(?:\bi'?m |\bim )out of (?:there|here) (?:in |on |by )?{M}"
    r"|\bdone in \d+ (?:days?|weeks?|wks?|months?|mos?|years?|yrs?)\b"
    r"|\bplan(?:ning)? (?:to|on) (?:next|in|this|by|at|end)\b"
    r"|\bjob ends\b|\b(?:position|contract|job) (?:ends|is ending)\b|\bclosing\b|\bbe done\b"
    r"|\blaying me off\b|\blay me off\b|\bbeing laid off\b"
    rf"|\b(?:{'|'.join(vocabulary('work')['leaving_otherwise'])})\b"
    rf"|\blast day (?:is )?(?:this |next )?{WD}\b"
    rf"|{FINAL_PAY}"
)
STILL = (
    r"\bstill (?:here|there|working|employed|at|with|teaching|work|on (?:the )?payroll)\b"
    rf"|\b(?:{'|'.join(vocabulary('work')['still_otherwise'])})\b"
    r"|\bcurrently (?:working|employed)\b|\bi (?:still )?work there\b"
    r"|(?<!not )(?<!no longer )\bworking there\b"
)
YES = r"^(?:yes|yep|yeah|yup|y|i do|sure)\b"
SPOUSE = r"\b(?:wifes?|wives|husbands?|spouses?|partners?|hubbys?|he|she|his|her)\b"
NO_LONGER = r"^(?:no|nope|nah|n|not anymore|no longer)\b"
BIRTH_CLAUSE = (
    r"\b(?:born|dob|b\.|bday|birthday|(?:turn|turning|turned|i'?ll be|will be) \d{2}\b"
    r"|\d{2} ?(?:yo|y/o|years? old|yrs? old)\b)"
)
AGE_BASED = (
    r"\b(?:when|once|after|as soon as|the day|the month) i(?:'m| am| turn| hit| reach)\b"
    r"|\bat (?:age )?\d{2}\b|^(?:probably |maybe )?(?:around |"
    r"about )?(?:age )?\d{2}$|\b(?:the )?year i (?:turn|hit|reach)\b"
    r"|\bmy (?:\d{2}(?:st|nd|rd|th) )?(?:birthday|bday)\b|\bmy \d{2}(?:st|nd|rd|th)\b"
)
ASK_ME_LATER = r"\bask me (?:again )?(?:next year|later|in a (?:few months|year|while))\b"
NO_DATE_YET = (
    r"\bdepends\b|\bwhenever\b|\bno plans?\b|\bnot planning\b|\bhaven'?t decided\b"
    r"|\bno idea\b|\bno date\b|\bhaven'?t (?:picked|set|chosen|settled on)\b"
)
PAST_WORDS = (
    r"\b(?:left|retired|quit|was|were|got|ago|back in|since|did|laid off|let go|fired|separated|"
    r"ret'?d|yesterday|last (?:week|month|year)|this past|went|followed|finished|stopped|ended"
    r"|walked out)\b"
)
FUTURE_WORDS = (
    r"\b(?:leaving|will|retiring|plan|planning|going to|gonna|from now|is my|is on|in \d|next|"
    r"coming|be|hopefully|hoping|hope to|as soon as)\b|\b(?:i|we)'?ll\b"
    r"|\b(?:i'?m|im|i am) (?:going|leaving|out|done|retiring|quitting)\b|\bi go\b"
    # the present for what is planned: "i leave sept 1", "retirement is effective jan 1"
    r"|\bi (?:leave|retire|start (?:my )?retirement|finish|stop)\b|\bgoing out\b|\beffective\b"
    # a hedge is about what is ahead: nobody is "probably" gone already
    r"|\b(?:probably|tentative(?:ly)?|target(?:ing)?|aiming|set (?:it )?in stone|fingers crossed)\b"
    # a deadline, or someone pushing the person out now: "by christmas", "is pushing me out"
    r"|^by\b|\b(?:is|are) \w+ing me (?:out|go)\b"
)


# Having been there, said in the past: "i was there till 2022", "worked there until june"
WAS_THERE = r"\b(?:was|were|worked|stayed|been)\b"


def _without_birth(text: str) -> str:
    """The text with what it says about birth cut off: 'retiring in 2028 when i turn 55'
    keeps 'retiring in 2028 when i'."""
    kept = []
    # "retiring on my birthday in march": the birthday is the leaving day, not a birth date
    text = re.sub(r"\b(?:on|at|after|by) my (?:birthday|bday)\b", " ", text)
    # "working til I turn 62 in 2029": the day of turning that age is the leaving day
    text = re.sub(r"\b(til|till|until|when|once|as soon as) i turn \d{2}\b", r"\1 i turn", text)
    for part in (p for clause in clauses(text) for p in re.split(r"\band\b", clause)):
        m = re.search(BIRTH_CLAUSE, part)
        kept.append(part[: m.start()] if m else part)
    return ", ".join(p.strip() for p in kept if p.strip())


def work_date_problem(when: Day, left: bool, ctx: ReadContext) -> Reject | None:
    """A leaving date that cannot be: before the person was 14, after they are 100,
    or on the wrong side of today."""
    today = ctx.today
    if ctx.birth_year is not None:
        if when.year < ctx.birth_year + MIN_AGE:
            return reject("work_before_14", year=when.year, born=ctx.birth_year)
        if when.year > ctx.birth_year + MAX_AGE:
            return reject("work_too_far", year=when.year)
    else:
        if when.year < today.year - 60:
            return reject("work_too_long_ago", year=when.year)
        if when.year > today.year + 45:
            return reject("work_too_far", year=when.year)
    if left and when.first_day() > today:
        return reject("left_in_future", year=when.year, month=when.month or 0)
    if not left and when.last_day() < today:
        return reject("leaving_in_past", year=when.year, month=when.month or 0)
    return None


def date_choice(code: str, options: list[Day]) -> Ask:
    """Ask between dates, naming the first two for the re-ask ('31 March 2027 or March
    2031?'): params `first` and `second` are ISO dates, `first_day` / `second_day` say
    whether each is a day (else a month)."""
    params: dict[str, Any] = {}
    for name, option in zip(("first", "second"), options, strict=False):
        if option.month is not None:
            params[name] = option.first_day().isoformat()
            params[f"{name}_day"] = option.day is not None
    return ask(code, list(options), **params)


def _pick(hits: list[Hit]) -> Hit | None:
    usable = [h for h in hits if h.values or h.year_only_ok or h.code]
    return usable[0] if usable else None


def _when(text: str, left: bool, ctx: ReadContext) -> Day | Ask | Reject | None:
    """The leaving date in an employment answer, at the precision given."""
    tense: Tense = "past" if left else "future"
    keyword = LEFT if left else LEAVING
    parts = clauses(_without_birth(text))
    ordered = []  # the clause saying it, and short ones right after ("leaving, yes, in march")
    for i, part in enumerate(parts):
        if has(keyword, part) or has(LAST_DAY_SAID, part):  # "last day worked is dec 31"
            ordered.append(part)
            for after in parts[i + 1 :]:
                # after a plan given up, what replaced it: "... was supposed to be friday,
                # but they asked me to stay through january"
                if len(after.split()) > 4 and not has(GIVEN_UP, part):
                    break
                ordered.append(after)
    if not ordered and has(keyword, ", ".join(parts)):  # said across clauses: "yet, will"
        ordered = parts
    if not ordered or not any(find_dates(p, ctx.today, tense) for p in ordered):
        # "not working there anymore, I stop two years ago": the one date in the message
        marker = PAST_WORDS if left else FUTURE_WORDS
        dated = [
            p
            for p in parts
            if has(marker, p) and not has(REHIRED, p) and find_dates(p, ctx.today, tense)
        ]
        ordered = dated if len(dated) == 1 else ordered
    # "I give notice next week, last day in january": notice is given before the leaving
    ordered.sort(key=lambda part: has(NOTICE, part) and not has(r"\blast day\b", part))
    found = [
        (hit, part)
        for part in ordered
        for hit in leaving_hits(part, find_dates(part, ctx.today, tense))
    ]
    kept = said_outright([hit for hit, _ in found])
    found = [(hit, part) for hit, part in found if hit in kept]
    # "my last paycheck will be jan 15 but last day worked is dec 31": the paycheck's part
    # says no date of leaving, the other part does
    found = [(h, p) for h, p in found if h.code != "date_other_event"] or found
    if len({hit.values for hit, _ in found}) > 1:
        # "my last day was supposed to be friday but they asked me to stay through january"
        found = [(h, p) for h, p in found if not has(GIVEN_UP, _part_of(p, h))] or found
    if len({hit.values for hit, _ in found}) > 1:  # a notice's date, in a part of its own
        found = [(h, p) for h, p in found if not _notice_part(_part_of(p, h))] or found
    # "left in march or april", "2024, or was it 2023?": which one is asked, never the first
    one_each = [h.values[0] for h, _ in found if len(h.values) == 1]
    if len(set(one_each)) > 1 and has(r"\bor\b", ", ".join(ordered)):
        return date_choice("date_which", list(dict.fromkeys(one_each)))
    for i, (hit, part) in enumerate(found):
        if hit.values or hit.year_only_ok or hit.code:
            when = _hit_date(hit, left, ctx, found[i + 1 :])
            return (
                as_said(when, part, [h for h, p in found if p == part])
                if isinstance(when, Day)
                else when
            )
    return None


# Dates said too loosely to take ("in a couple years", "in a year or two", "2028 or later")
VAGUE_CODES = frozenset({"date_vague", "date_range"})
NOTICE = r"\b(?:give|giving|gave|hand in|handing in|put in|putting in) (?:my )?notice\b"


def _hit_date(
    hit: Hit, left: bool, ctx: ReadContext, after: list[tuple[Hit, str]] | None = None
) -> Day | Ask | Reject | None:
    """A leaving date found, as precise as said: one date (with its month said apart),
    or the year of a vaguer one ("next summer": 2027), or the dates to choose from, or
    what is wrong with it."""
    if len(hit.values) == 1:
        when = month_said_apart(hit.values[0], after or [])
    elif hit.year_only_ok:
        when = hit.year_only_ok[0]
    elif hit.values:
        return date_choice(hit.code or "date_which", list(hit.values))
    elif hit.code in VAGUE_CODES:
        return None  # "in a couple years": leaving is said; the date is asked on its own
    else:
        return ask(hit.code or "date_unreadable")
    return work_date_problem(when, left, ctx) or when


def _last(pattern: str, text: str) -> tuple[int, int]:
    """Where the last match of `pattern` ends, and how long the longest match ending there is."""
    found = [(m.end(), m.end() - m.start()) for m in re.finditer(pattern, text)]
    return max(found, default=(-1, 0))


REMAINING = "|".join(_WORK["remaining"])
STILL_WORKING = Work(status=Employment.EMPLOYED)  # employed; leaving plans not said
REHIRED_WORKING = Work(status=Employment.EMPLOYED, rehired=True)  # the same, after a rehire
REHIRED = "|".join(_WORK["rehired"])


def _dates_offered(asked: Ask, status: Employment, today: date) -> Ask:
    """Dates to choose from, offered as answers to the work question (with that status,
    unless a date is wholly past or to come: "done as of friday" offers last Friday as
    left and this Friday as leaving); the status is kept as far as it goes if the date is
    never settled, and when every date offered has it."""
    offered = [
        Work(status=_status_on(d, status, today), when=d)
        for d in asked.candidates
        if isinstance(d, Day)
    ]
    kept = all(w.status == status for w in offered)
    partial = Work(status=status) if kept else None
    return asked.model_copy(update={"candidates": offered, "partial": partial})


def _status_on(day: Day, status: Employment, today: date) -> Employment:
    if status == Employment.SEPARATED and day.first_day() > today:
        return Employment.PLANNING_TO_LEAVE
    if status == Employment.PLANNING_TO_LEAVE and day.last_day() < today:
        return Employment.SEPARATED
    return status


def _plans_to_leave(text: str, ctx: ReadContext) -> Read[Work] | None:
    """The answer to "do you plan to leave?", asked after "still working": a no is no plan
    to leave (never "I've left"), a yes is leaving (with its date when given), and a date
    alone ("next summer", "march 2027") is a yes at that date."""
    said = yes_no(text)
    if said == "no":
        return Work(status=Employment.EMPLOYED)
    leaving = Employment.PLANNING_TO_LEAVE
    when = _when(text, False, ctx) if has(LEAVING, text) else None
    if when is None:  # "yes, in march", "next summer": the date is in a short answer too
        when = _date_said(text, False, ctx)
    # "in a couple of years": leaving, the date asked on its own
    vague = when is None and any(
        h.code in VAGUE_CODES for h in find_dates(text, ctx.today, "future")
    )
    if isinstance(when, Ask):
        return _dates_offered(when, leaving, ctx.today)
    if isinstance(when, Reject):
        return when
    if said == "yes" or has(LEAVING, text) or when is not None or vague:
        return Work(status=leaving, when=when)
    return None


# Away from work but still on the employer's books: disability, medical leave, a leave of
# absence ("technically yes, i'm out on disability"): neither working on nor leaving said.
ON_LEAVE = rf"\b(?:{'|'.join(_WORK['on_leave'])})\b"
LEFT_AGAIN = r"\b(?:left|leaving|retired|retiring|quit|quitting|laid off)(?: \w+)? again\b"


def find_work(text: str, ctx: ReadContext, whole: bool) -> Read[Work] | None:
    """Work status in prepared `text`, or None when the text does not say."""
    rehire = re.search(REHIRED, text)
    if whole and ctx.on_screen in {"employment_yes_which", "employment_rehired"} and not rehire:
        found = _plans_to_leave(text, ctx)
        if found is not None:
            return found
    if m := rehire:  # "retired in 2025 but they hired me back": employed again
        # ... unless the person has left, or is leaving, again since: "came back 2020, left
        # again this may"
        again = find_work(text[m.end() :], ctx, whole=False) if has(LEFT_AGAIN, text) else None
        if isinstance(again, Work) and again.status != Employment.EMPLOYED:
            return again.model_copy(update={"rehired": True})
        if has(STAYING, text[m.end() :]):  # "they hired me back, no plans to leave"
            return REHIRED_WORKING
        # working there again says nothing of leaving again: asked, the rehire kept
        return Ask(code="employment_rehired", partial=REHIRED_WORKING)
    if whole and only_the_spouses(text):  # "my spouse quit in 2024": not the person's job
        return ask("work_someone_elses")
    # "my husband retired last year", "she's staying on": not the person's job
    text = ", ".join(p for p in clauses(text) if not has(SPOUSE, p)) or (" " if not whole else text)
    if has(UNDECIDED, text):  # "not sure if i'm staying or going": before "staying"
        return ask("employment_undecided")
    if has(STAYING, text):
        return Work(status=Employment.EMPLOYED)
    if has(ON_LEAVE, text) and not has(LEFT, text) and not UNSURE.search(text):
        # "technically yes, I'm out on disability": employed, but whether they go back is asked
        return Ask(code="employment_yes_which", partial=STILL_WORKING)
    # "55 days of pto left": what remains, not having left
    text = re.sub(rf"\b({REMAINING}) left\b", r"\1 remaining", text)
    # "if i retire at 55": a question, not a plan
    text = re.sub(r"\b(?:if|whether|what if|should) (?:i|we)\b[^,.;]*", " ", text)
    body = _without_birth(text) if not whole else text
    # A negation applies to its own clause: "i didnt quit, they laid me off" has left.
    said = clauses(body)
    left = any(has(LEFT, c) and not has(NOT_LEFT, c) for c in said)
    not_left = not left and any(has(NOT_LEFT, c) for c in said)
    still_there = not_left or has(STILL, body)
    leaving = has(LEAVING, body)
    if left and leaving:
        # "laid off in october but they're paying me through january": pay going on (or
        # another event's date) after leaving is not work going on
        leaving = has(LEAVING, ", ".join(c for c in said if not _event_part(c)))
    if whole and has(NO_LONGER, text) and not leaving and not still_there:
        left = True  # "no" to "are you still working there?" — unless the rest says so
    if leaving and left:
        # "as of today yes but tomorrow is my last day", "retired ... retiring": the later
        # wins. Ending on the same word, the longer phrase says more: "friday was my last
        # day" has left, "plan to quit" has not.
        left = _last(LEFT, body) >= _last(LEAVING, body)
        leaving = not left
    if left or leaving:
        when = _when(text, left, ctx)
        if isinstance(when, Reject) and when.code == "leaving_in_past" and has(WAS_THERE, body):
            # "i was there till 2022": a time it ended, in the past, is leaving done
            left, leaving = True, False
            when = _when(text, left, ctx)
        if when is None and whole and not has(LEFT if left else LEAVING, body):
            # "no, i retire since 2024 january": a no, and the date with no leaving word
            when = _date_said(text, left, ctx)
        status = Employment.SEPARATED if left else Employment.PLANNING_TO_LEAVE
        if isinstance(when, Ask) and when.code == "date_other_event" and has(FINAL_PAY, body):
            # "yes but my final paycheck is dec 15": leaving, its own date asked next
            return Work(status=status)
        if isinstance(when, Ask):
            return _dates_offered(when, status, ctx.today)
        if isinstance(when, Reject):
            return when
        return Work(status=status, when=when)
    if whole and has(YES, text) and (leaving_then := _when_alone(text, ctx)) is not None:
        return leaving_then  # "yup 2027": still there, and leaving then
    if has(NEUTRAL_END, body) and (by_date := _by_the_date(body, ctx)) is not None:
        return by_date
    if has(STILL, text) or not_left or (whole and has(YES, text)):
        return Ask(code="employment_yes_which", partial=STILL_WORKING)
    return None


# An end said with a verb that has no tense of its own ("i finish my job last month", "I go
# out from company in 2027"): the date says whether it has happened.
NEUTRAL_END = rf"\b(?:{'|'.join(_WORK['neutral_end'])})\b"


def _by_the_date(text: str, ctx: ReadContext) -> Read[Work] | None:
    """Left or leaving, as the one date said is past or ahead; None without one date."""
    hits = [h for h in find_dates(text, ctx.today, None) if len(h.values) == 1]
    if len(hits) != 1:
        return None
    when = hits[0].values[0]
    if when.last_day() < ctx.today:
        return work_date_problem(when, True, ctx) or Work(status=Employment.SEPARATED, when=when)
    if when.first_day() > ctx.today:
        return Work(status=Employment.PLANNING_TO_LEAVE, when=when)
    return None


def _date_said(text: str, left: bool, ctx: ReadContext) -> Day | Ask | Reject | None:
    """The first date in `text` read as the leaving date (past when `left`), or None."""
    hit = _pick(leaving_hits(text, find_dates(text, ctx.today, "past" if left else "future")))
    if hit is not None and hit.code == "date_other_event":
        return ask(hit.code)  # "yes, switching to part-time next year": not a leaving date
    if hit is None or not (hit.values or hit.year_only_ok):
        return None
    return _hit_date(hit, left, ctx)


def _when_alone(text: str, ctx: ReadContext) -> Read[Work] | None:
    """A yes with a date ahead and nothing else ("yup 2027"): leaving at that date."""
    when = _date_said(text, False, ctx)
    if isinstance(when, Ask):
        return _dates_offered(when, Employment.PLANNING_TO_LEAVE, ctx.today)
    if isinstance(when, Reject) or when is None:
        return None
    return Work(status=Employment.PLANNING_TO_LEAVE, when=when)


def read_employment(text: str, ctx: ReadContext) -> Read[Work | Unsure]:
    prepared = prepare(text)
    if not prepared:
        return ask("employment_unreadable")
    found = find_work(prepared, ctx, whole=True)
    if found is not None:
        return found
    if UNSURE.search(prepared):
        return "unsure"
    return ask("employment_unreadable")


NOT_YET_LEFT = (
    r"\b(?:haven'?t|have not|hasn'?t|not)(?: \w+)? (?:left|retired|quit|out|gone)(?: \w+)? yet\b"
    r"|\bnot (?:out|gone|retired|left) yet\b"
)


def _tense(text: str, ctx: ReadContext) -> Tense:
    """Past or ahead, as the answer itself says it ("they laid me off in sept"), else as
    the work answer said it, else unknown."""
    if has(NOT_YET_LEFT, text):
        return "future"  # "haven't left yet, target is june"
    if has(r"\blast day\b[^,.;]*\bwas\b", text):
        return "past"  # "last day on the job was 10/2"
    left, leaving = has(LEFT, text) and not has(NOT_LEFT, text), has(LEAVING, text)
    if left and leaving:
        return "past" if _last(LEFT, text) >= _last(LEAVING, text) else "future"
    if left or leaving:
        return "past" if left else "future"
    if has(PAST_WORDS, text) and not has(r"\bwill be\b|\bleaving\b|\bretiring\b", text):
        return "past"
    if has(FUTURE_WORDS, text):
        return "future"
    if ctx.left is None:
        return None
    return "past" if ctx.left else "future"


# Where a message's parts start: a date's part says what the date is of.
_PART_START = r",|;|\.(?=\s)|\band\b|\bthen\b|\bbut\b|\bso\b|\bwhich\b|\bthat'?d\b|\bthat would\b"
# A part about giving notice ("i'll put in my papers in january"), not about leaving.
NOTICE_PART = r"\b(?:notice|papers|paperwork|resignation|letter)\b"
STAYING_ON = r"\bstay(?:ing)?(?: on)? (?:through|thru|until|till|til|past)\b"
# Leaving itself said in words ("retirement party" and "severance runs thru" are not).
LEAVING_SAID = (
    r"\blast day\b|\bleav(?:e|es|ing)\b|\bretir(?:e|es|ing)\b|\bquit(?:ting)?\b"
    r"|\bstop(?:s|ping)? (?:working|completely|for good)\b|\bgo(?:ing)? out\b"
)
# The last day itself named: "last day was october 16", "my final day is the 9th"
LAST_DAY_SAID = r"\b(?:last|final) (?:day|shift)\b|\blast day of work\b"
# Events around leaving whose dates are not the last day at work.
OTHER_EVENT = rf"\b(?:{'|'.join(_WORK['other_events'])})\b"
# Giving notice ("gave my two weeks notice monday", "submitted my resignation in october")
GIVING_NOTICE = (
    r"\b(?:gave|give|giving|gives|hand(?:ed|ing)? in|turn(?:ed|ing)? in|put(?:ting)? in|sent"
    r"|submit(?:ted)?)(?: in)?(?: (?:my|a|the|two|2|three|four|weeks?|week'?s|weeks'|months?"
    r"|month'?s|written|official|formal)){0,3} (?:resignation|notice)\b"
)
NOT_NOTICE = r"\blast day\b|\bleav|\bretir|\bout\b|\bgo\b|\bgoing\b|\bdone\b"
# A part that concludes: "stay thru 2027 so jan 2028", "end of the school year, that'd be june"
CONCLUDING = r"^(?:so|which (?:means|is|would be)|that'?d be|that would be|meaning)\b"
# A date said roughly: "right around the fourth of july" is July, not the 4th.
ROUGHLY_BEFORE = (
    r"\b(?:around|about|roughly|approximately|approx|circa|give or take|sometime around)"
    r"(?: the)? $"
)


def _part_of(text: str, hit: Hit) -> str:
    starts = [0, *(m.start() for m in re.finditer(_PART_START, text) if m.start() <= hit.start)]
    ends = [m.start() for m in re.finditer(_PART_START, text) if m.start() >= hit.end]
    return text[starts[-1] : ends[0] if ends else len(text)].strip(" ,;")


def leaving_hits(text: str, hits: list[Hit]) -> list[Hit]:
    """The dates of leaving among a message's dates: a notice's date set aside when another
    date is said ("put in my papers in january and go out in march"), and a concluding
    date first ("stay thru 2027 so jan 2028"). Dates of other events ("the party is jan 9",
    "severance runs thru march") are never the leaving date: with nothing else said, the
    date is asked for."""
    parts = {id(h): _part_of(text, h) for h in hits}
    # "was going to leave in march but now thinking september 2027": a plan given up
    kept = [h for h in hits if not has(GIVEN_UP, parts[id(h)])]
    if hits and not kept and has(PLAN_MOVED, text):
        # "was planning on june but pushed it back": no date stands, so it is asked
        return [Hit(hits[0].start, hits[0].end, (), "date_plan_changed")]
    hits = kept or hits
    events = [h for h in hits if _event_part(parts[id(h)])]
    if events and len(events) == len(hits):
        # only the date of something else: "the party was on the 12th", "last check in may"
        return [Hit(hits[0].start, hits[0].end, (), "date_other_event")]
    hits = [h for h in hits if h not in events]
    if len({h.values for h in hits}) < 2:
        return hits
    # "they told me in september, last day was october 16": the last day said is the date
    last_day = [h for h in hits if has(LAST_DAY_SAID, parts[id(h)])]
    if last_day and len(last_day) < len(hits):
        hits = last_day
    # a notice's date is set aside before a date the person stays on to: "gave notice in
    # october, they asked me to stay until feb" is February
    kept = (
        [h for h in hits if not _notice_part(parts[id(h)])]
        or [h for h in hits if has(STAYING_ON, parts[id(h)])]
        or hits
    )
    concluding = [h for h in kept if has(CONCLUDING, parts[id(h)])][-1:]
    if not concluding or _agree(concluding[0], kept[0]):
        return kept  # "the friday after thanksgiving, so last week": the same date
    return concluding + [h for h in kept if h not in concluding]


# A plan given up or changed ("was supposed to be friday", "originally planned june"): its
# date is not the leaving date; the plan that replaced it is (or, with none, it is asked).
GIVEN_UP = (
    r"\b(?:was|were) (?:going to|gonna|supposed to|meant to|planning (?:on|to))\b"
    r"|\b(?:had|originally) planned\b|\boriginally\b"
)


# The plan moved or dropped, with no new date: "pushed it back", "changed my mind"
PLAN_MOVED = (
    r"\b(?:pushed (?:it |that )?back|postponed|put (?:it )?off|delayed|changed my mind"
    r"|decided (?:to stay|against it|not to)|staying|called it off|not anymore)\b"
)


def said_outright(hits: list[Hit]) -> list[Hit]:
    """The dates said outright, where a time counted from today is said beside one: "in a
    year, november 2027" is November 2027 (a year from now is only roughly then)."""
    outright = [h for h in hits if h.values and not h.from_now]
    return [h for h in hits if not h.from_now] if outright else hits


def _event_part(part: str) -> bool:
    """A part about an event other than leaving work (a party, a paycheck, severance, going
    part time, a furlough, giving notice), which says nothing of leaving itself: "i gave
    notice yesterday" is not the last day ("my notice is effective jan 15" is)."""
    notice = has(GIVING_NOTICE, part) and not has(r"\beffective\b|\bas of\b", part)
    return (has(OTHER_EVENT, part) or notice) and not has(rf"{LEFT}|{LEAVING_SAID}", part)


def _notice_part(part: str) -> bool:
    """A part about giving notice, or about staying on ("i'll stay through the holidays and
    go the first week of january"), whose date is not the leaving date when another is said."""
    return (has(NOTICE_PART, part) and not has(NOT_NOTICE, part)) or has(STAYING_ON, part)


def _agree(a: Hit, b: Hit) -> bool:
    one_each = len(a.values) == 1 and len(b.values) == 1
    return one_each and same_or_finer(a.values[0], b.values[0])


def as_said(when: Day, text: str, hits: list[Hit]) -> Day:
    """The date no more precise than said: a day said roughly ("right around the 4th of
    july") is its month."""
    roughly = any(
        has(ROUGHLY_BEFORE, text[max(0, h.start - 30) : h.start])
        for h in hits
        if any(v.day is not None for v in h.values)
    )
    if when.day is not None and roughly:
        return Day(year=when.year, month=when.month)
    return when


TURNS = (
    r"\bi(?:'m| am| turn| hit| reach| will be|'ll be) (\d{2})\b"
    r"|\bmy (\d{2})(?:st|nd|rd|th) (?:birthday|bday)\b"
)


def _at_the_age(text: str, ctx: ReadContext) -> Day | Reject | None:
    """The leaving date an age gives with the birth date said beside it: the year the
    person turns it ("the year i turn 55"), its month or day when they say the birthday
    itself ("when i turn 60", "the day i turn 56") and the birth date gives it."""
    age = re.search(TURNS, text)
    mark = re.search(BIRTH_MARK, text)
    if age is None or mark is None:
        return None
    born = [
        h.values[0]
        for h in find_dates(text[mark.end() :], ctx.today, "birth")
        if len(h.values) == 1
    ]
    if not born:
        return None
    year = born[0].year + int(age[1] or age[2])
    by_year = has(r"\bthe year i\b", text)
    on_the_day = has(r"\bthe day i\b", text) or bool(age[2])  # "on my 62nd birthday"
    when = Day(
        year=year,
        month=None if by_year else born[0].month,
        day=born[0].day if on_the_day and not by_year else None,
    )
    return work_date_problem(when, False, ctx) or when


def read_separation(text: str, ctx: ReadContext) -> Read[Day | Unsure]:
    prepared = prepare(text)
    if not prepared:
        return ask("date_unreadable")
    # "husband left in 2024, I'm going next year": the spouse's date is not the person's
    prepared = without_the_spouses(prepared)
    if only_the_spouses(prepared):  # "my wife's last day is friday": the person's is asked
        return ask("work_someone_elses")
    prepared = _after_the_rehire(prepared, ctx)
    if has(ASK_ME_LATER, prepared):  # "no clue yet, ask me next year": no date said
        return "unsure"
    if has(AGE_BASED, prepared) and has(BIRTH_MARK, prepared):
        # "born march 1968, going when i turn 60": the leaving date is that birthday
        return _at_the_age(prepared, ctx) or ask("separation_age_based")
    tense = _tense(prepared, ctx)
    hits = [h for h in find_dates(prepared, ctx.today, tense) if h.values or h.code]
    if has(PAYROLL, prepared) and (paid_or_worked := _paid_or_worked(hits, prepared, ctx)):
        return paid_or_worked
    hits = leaving_hits(prepared, hits)
    if len(hits) > 1 and hits[0].code in VAGUE_CODES and hits[1].values:
        hits = hits[1:]  # "still got a few months in me, out in feb": the date said
    hits = said_outright(hits)

    if not hits:
        if has(AGE_BASED, prepared):
            return ask("separation_age_based")
        if UNSURE.search(prepared) or has(NO_DATE_YET, prepared):
            return "unsure"
        return ask("date_unreadable")
    hit, tense = _in_its_own_tense(hits[0], prepared, tense, ctx)
    if not hit.values:
        return ask(hit.code or "date_unreadable")
    if len(hit.values) > 1:
        return date_choice(hit.code or "date_which", list(hit.values))
    others = [h.values[0] for h in hits[1:] if h.values and h.values[0] != hit.values[0]]
    two_years = re.search(r"\b(20\d{2}) or '?(\d{2})\b(?!\d)", prepared)
    if two_years and two_years[1][2:] != two_years[2]:  # "2027 or 28": which one is asked
        years = [int(two_years[1]), int(two_years[1][:2] + two_years[2])]
        return date_choice("date_which", [Day(year=y) for y in years])
    if others and has(r"\bor\b|\bmaybe\b|\bpossibly\b|\bperhaps\b", prepared):
        # "march or april", "jan 2027 or feb", "feb 2027, maybe march": which one is asked
        return date_choice("date_which", [hit.values[0], *others])
    when = month_said_apart(hit.values[0], [(h, prepared) for h in hits[1:]])
    return _check_separation(as_said(when, prepared, hits), tense, ctx)


# Still paid or on the books after the last day worked
PAYROLL = (
    r"\b(?:payroll|pto|paid time off|vacation (?:days|time)|technically (?:employed|there)"
    r"|on the books)\b"
)


def _paid_or_worked(hits: list[Hit], text: str, ctx: ReadContext) -> Ask | None:
    """ "still on the payroll til 12/31 but my last day in the office was 11/20": the last
    day worked or the last day paid? Which one ends the job is asked. A date with no year
    is the one nearest today; a holiday's is read in the tense of its own part."""
    tense = _tense(text, ctx)
    dates: list[Day] = []
    for hit in hits:
        said = text[hit.start : hit.end]
        year_said = has(r"\d{4}|'\d{2}|\d/\d{1,2}/\d{2}", said)  # "2027", "'27", "2/20/28"
        if year_said or not (has(r"\d", said) or has(M, said)):
            own = _in_its_own_tense(hit, text, tense, ctx)[0]
            dates += own.values[:1] if len(own.values) == 1 else []
        elif len(hit.values) == 1:
            dates.append(_nearest(hit.values[0], ctx))
    dates = list(dict.fromkeys(dates))
    return date_choice("date_which", dates[:2]) if len(dates) > 1 else None


def _nearest(day: Day, ctx: ReadContext) -> Day:
    """A date said with no year, in the year that puts it nearest today: the days paid and
    worked around leaving are weeks apart, never a year."""
    years = (ctx.today.year - 1, ctx.today.year, ctx.today.year + 1)
    # 29 February only in a leap year
    options = [day.model_copy(update={"year": y}) for y in years if day.day != 29 or isleap(y)]
    return min(options, key=lambda d: abs((d.first_day() - ctx.today).days))


def _after_the_rehire(text: str, ctx: ReadContext) -> str:
    """What is said after coming back, where it gives a date: "retired in 2024, came back
    part time, leaving for good next june" is next June, never June 2024."""
    back = list(re.finditer(rf"(?:{REHIRED})[^,.;]*", text))
    if not back:
        return text
    after = text[back[-1].end() :].strip(" ,.;")
    return after if after and find_dates(after, ctx.today, None) else text


def _in_its_own_tense(hit: Hit, text: str, tense: Tense, ctx: ReadContext) -> tuple[Hit, Tense]:
    """The date read in the tense its own part says, where the message's parts differ:
    "laid off in august, severance runs thru the end of the year" - August is past."""
    if not hit.values:  # asked already ("the party was on the 12th": when did you leave?)
        return hit, tense
    part = _part_of(text, hit)
    own = _tense(part, ctx)
    if own is None or own == tense or part not in text:
        return hit, tense
    offset = text.index(part)
    again = [h for h in find_dates(part, ctx.today, own) if h.start + offset == hit.start]
    return (again[0], own) if again and (again[0].values or again[0].code) else (hit, tense)


def _check_separation(when: Day, tense: Tense, ctx: ReadContext) -> Read[Day]:
    left = ctx.left if ctx.left is not None else (tense == "past" or when.last_day() < ctx.today)
    problem = work_date_problem(when, left, ctx)
    if problem is not None:
        return problem
    # A year alone is enough: the Rule of 55 turns on the calendar year of leaving, so the
    # month cannot change a verdict, and it is never made up.
    return when
