"""One message answering several questions: "cop for 27 yrs w the city, retiring in
june, im 52". Only what the message clearly says is read; each kind by the same rules
as its own reader."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from dialogs.answers import Age, BirthDate, usable
from dialogs.reading import choices, money
from dialogs.reading.base import ReadContext, has, prepare
from dialogs.reading.birth import check_age, find_birth, lone_age, lone_birth_year
from dialogs.reading.several import read_checked
from dialogs.reading.text import (
    SPOUSE_NOUNS,
    SPOUSE_SAID,
    clauses,
    clean,
    has_words_number,
    last_correction,
    words_to_digits,
)
from dialogs.reading.words import vocabulary
from dialogs.reading.work import SPOUSE, find_work

FILING_WORDS = (
    r"\b(?:single|married|joint|jointly|file|filing|hoh|head of household|mfj|mfs|divorced|widow)"
)
TOPIC_WORDS = (
    rf"{choices.BOTH_SAID}|\brule ?of ?55\b|\br55\b|\b55 rule\b"
    r"|\bwithout (?:the |a |any )?(?:10% )?penalty\b|\bjust the penalty\b"
    r"|\bmega ?(?:back ?door)?\b|"
    r"\bmbr\b|\bpenalty[- ]free\b|\bearly withdrawals?\b|\bbackdoor\b"
)
# The topic named by what the person asks or wants: "can i take money out without getting
# hit with the 10% penalty?", "looking at the mega backdoor", "curious about after-tax".
TOPIC_ASKED = (
    r"\b(?:can i|could i|do i|am i|is it|would i|should i|want to|wanna|wondering|curious"
    r"|interested|looking (?:at|into)|question|asking|check(?:ing)?|see (?:if|about|whether)"
    r"|qualify|thinking about|need)\b"
)
PAY_CLAUSE = (
    r"\b(?:make|makes|making|earn|earns|earning|salary|paid|gross|income of)\b"
    r"|\b(?:pay|income|wages?)(?: is| of)?(?: about| around| roughly| approx\w*| like)? \$?\d"
    r"|\d (?:a|per) year\b|\bannual(?:ly)?\b"  # a yearly figure with no other subject
    r"|\d(?:k| grand)? before tax(?:es)?\b"  # "around 140 before taxes"
)
MONEY_CLAUSE = (
    r"\bother income\b|\bwithdraw|\bpull out\b|\btake out\b|\brental|\bdividends\b|\bside gig\b"
    r"|\bconsulting\b|\bsocial security\b|\bpension pays\b|\bpension of\b|\bannuity\b"
)
EMPLOYER_CLAUSE = (
    rf"{money.MATCH_WORDS}|\bfrom (?:them|the company|my employer|the employer)\b"
    r"|\b(?:employer|company|they|the state|the city|the county)\b"
    r"[^,]*\b(?:put|puts|contribute|contributes|does|give|gives|add|adds|pay|pays)\b|\bflat\b"
    r"|\bnonelective\b|\bprofit[- ]?shar(?:ing|e)\b"  # "5% match, 5% profit sharing"
    # the employer named beside its figure: "employer about $7,000", "company puts 5k"
    r"|\b(?:employer|company)(?: (?:is|does|gives|about|around|roughly|approx\w*|like))* \$?\d"
)
OWN_CLAUSE = (
    r"\bfrom me\b|\bmy (?:own )?(?:part|share|contributions?)\b"
    r"|\bi (?:put|contribute|defer|save|do \d+)\b|\bput (?:in )?\d|\bput in\b"
    r"|\b(?:i'?m|im|i am) (?:putting|contributing|deferring|saving)\b|\bputting in\b"
    r"|\bcontribut(?:ing|e)\b|"
    r"\bmax(?:ing|ed)?\b"
    r"|\bdefer|\b\d+(?:\.\d+)? ?% of (?:my )?(?:pay|salary)\b"
    # a figure by its source: "8% pretax and 4% roth" - the person's own savings
    r"|\b\d+(?:\.\d+)? ?(?:%|percent|k)? (?:in |to |into )?(?:roth|pre[- ]?tax|traditional)\b"
    # a change to the person's own rate: "no i bumped it to 8% in january"
    r"|\bi (?:bumped|raised|upped|increased|dropped|lowered|cut|changed) (?:it|mine)\b"
)


# A clause is about money only with a money-looking figure (or max / nothing).
MONEYISH = (
    r"\$|\d ?(?:k|grand|thousand|million|m)\b|\d{1,3},\d{3}|\d{4,}|\d ?(?:%|percent)"
    r"|\bmax|\bnothing\b|\bno other\b|\bnone\b|\bmatch|\bdollar for dollar\b"
    r"|\d (?:a|per|every|each) (?:paycheck|check|pay ?period|month|week)\b"
    r"|\d before tax(?:es)?\b"
)


# Beside someone's pay, a bare figure said to be the person's own is their pay.
BARE_OWN_PAY = (
    r"^(?=.*\b(?:for me|me|mine|my (?:salary|pay|income|part)|i (?:make|earn|get))\b)"
    r"(?!.*\b(?:wife|husband|spouse|partner|hubby|together|we)\b).*\b\d{2,3}\b"
)
# An age said in the clause ("i'm 47 so rule of 55 isn't for me"): its number is no pay.
AGE_SAID = r"\b(?:i'?m|im|i am|aged?) \d{2}\b|\b\d{2} ?(?:years? old|yrs? old|yo|y\.o\.)"
# Each read as the question's own reader reads it: two figures that disagree are asked
# about ("I put in 6%, no I bumped it to 8%"), never the first taken.
MONEY_READERS = {
    "pay": read_checked("pay", money.read_pay),
    "money": read_checked("money", money.read_money),
    "own": read_checked("own", money.read_own),
    "employer": read_checked("employer", money.read_employer),
}
NOT_MONEY = r"\bsavings incentive match\b|\bmatch plan\b"


def _money_clauses(text: str) -> dict[str, list[str]]:
    # a new subject after a figure starts a clause: "i put in 15% they match 4%"
    text = re.sub(
        r"(?:(?<=%)|(?<=percent)) (?=(?:they|my employer|the company|employer|i)\b)", ", ", text
    )
    parts = re.split(r";|,(?!\d{3})(?!\d{1,2}k\b)|\.(?!\d)|\band\b(?! after)|\bbut\b", text)
    found: dict[str, list[str]] = {}
    pay_said = any(has(PAY_CLAUSE, p) for p in parts)
    kind = ""
    for part in (p.strip() for p in parts):
        if kind in found and has(r"^(?:or |maybe |possibly |or maybe |sometimes )\$?\d", part):
            found[kind].append(part)  # "10 percent i think, maybe 12": the same figure's doubt
            continue
        if (
            pay_said
            and has(BARE_OWN_PAY, part)
            and not has(MONEY_CLAUSE, part)
            and not has(AGE_SAID, part)
        ):
            # "husband makes 85,000, maybe 45 for me", "we make 200k, my salary is 130"
            found.setdefault("pay", []).append(part)
            continue
        if not part or not has(MONEYISH, part) or has(NOT_MONEY, part):
            continue
        if has(r"\benough (?:to get|for) the match\b", part):
            kind = "own"
        elif has(MONEY_CLAUSE, part):
            kind = "money"
        elif has(EMPLOYER_CLAUSE, part):
            kind = "employer"
        elif has(OWN_CLAUSE, part):
            kind = "own"
        elif has(PAY_CLAUSE, part):
            kind = "pay"
        elif kind in found and not has(r"\d", found[kind][-1]):
            found[kind].append(part)  # "they match, i think 4%": the figure of the part before
            continue
        else:
            continue
        if kind != "pay" and has(SPOUSE_SAID, part):
            continue  # "my wife's company gives her a 6% match": not the person's plan
        if kind == "pay" and has(r"^(?:makes?|earns?|gets?|brings? in)\b", part):
            said = [p.strip() for p in parts]
            if said.index(part) and has(SPOUSE_SAID, said[said.index(part) - 1]):
                continue  # "she's 52 and makes 180k": her pay
        found.setdefault(kind, []).append(part)
    if "pay" in found:  # "about 90k, but i'm taking unpaid leave": less than the figure
        found["pay"] += [p for p in parts if has(money.PART_OF_YEAR, p) and p not in found["pay"]]
    if "employer" in found:  # "..., plus some profit sharing": the employer's too, unsized
        found["employer"] += [p for p in parts if has(money.NOT_A_MATCH, p) and not has(r"\d", p)]
        # "100% on the first 3% and 50% on the next 2%": a match's next step is the match's
        found["employer"] += [
            p for p in parts if has(r"\bnext \d", p) and p not in found["employer"]
        ]
    return found


def _spoken_age(raw: str) -> Age | None:
    """'sixty three, no plans to retire': a clause that is only a number in words."""
    for part in re.split(r"[,;.]", last_correction(clean(raw))):
        part = part.strip()
        if not part or not has_words_number(part):
            continue
        digits = words_to_digits(part)
        if re.fullmatch(r"\d{2}", digits):
            age = check_age(int(digits))
            return age if isinstance(age, Age) else None
    return None


OTHER_JOB = "|".join(vocabulary("work")["other_job_this_year"])
# Years of service said among other facts: "30 years with the state", "at the company 20
# years", "22 yrs of service"; never an age, a time to go or a time ago.
SERVICE_CLAUSE = (
    r"\b\d{1,2} ?(?:years?|yrs?)\b"
    r"(?=.*\b(?:with|w/?|at|for|of service|on the job|there|in service)\b)"
    r"|\b(?:with|w/?|at|for) (?:the|this|my|our|them)\b.*\b\d{1,2} ?(?:years?|yrs?)\b"
    r"|\b(?:worked|been|served|employed|employee)\b.*\b\d{1,2} ?(?:years?|yrs?)\b"
    r"|\bgot (?:my|in my|in) \d{2}(?: ?(?:years?|yrs?))?(?: in)?\b"  # "got my 30 in"
    r"|\b(?:started|hired|began|joined)\b.*\bin (?:19|20)\d\d\b"
)
# Service said by the year it began: read from the whole message, which may say its end.
SERVICE_BEGAN = (
    r"\b(?:started|hired|began|joined)\b[^.;]*\bin (?:19|20)\d\d\b"
    r"|\b(?:with|at|for) (?:the |my )?[a-z]+ since (?:19|20)\d\d\b"  # "with the county since 1995"
)
NOT_SERVICE = (
    r"\b(?:old|age|ago|more|left|to go|another|until|till|in \d|next|from now|retire at"
    r"|retired|gone|out|quit|laid off)\b"
)


SPOUSE_HAS_PLAN = (
    r"\b(?:she|he|(?:my )?(?:wife|husband|spouse|partner|hubby))(?:'s)? (?:has|have|got|'s got"
    r"|is in|contributes to|puts into|uses) (?:an? |the |her |his |their )?[\w()]+"
    r"|\b(?<!late )(?:wife|husband|spouse|partner|hubby)'?s [\w()]+"  # "my husband's 401k"
)
# "... just started drawing his pension": the spouse's, when a spouse (and no death) is said
SPOUSE_PLAN_BY_PRONOUN = r"\b(?:his|her) (?:own )?(?:pension|401 ?k|403 ?b|457 ?b?|tsp|ira|plan)\b"
INTO_AN_IRA = r"\b(?:in)?to (?:an? |my |the )?(?:roth |traditional )?ira\b"
# Money moved to an IRA (or not), said among other facts.
ROLLED_SAID = (
    r"\b(?:rolled|roll(?:ed)? (?:it |them |anything |everything )?over|rollover)\b"
    r"|\b(?:moved|transferred|put) (?:\w+ ){0,3}(?:in)?to (?:an? |my )?ira\b"
    r"|\b(?:401 ?k|403 ?b|457 ?b?|tsp|money)(?: is)? still (?:all )?(?:there|in the plan)\b"
)


# A clause that goes on about whoever the one before it named: "my husband is 60, a retired
# cop" (the cop is the husband).
APPOSITIVE = r"^(?:and |also |who(?:'s| is| was)? )?(?:an? |the )?(?:retired |former |ex-?)?\w+$"


# A plan or job the person says is not the one asked about: "I also have my own 401k at
# work but that's not what I'm asking about", "a 401k from a previous job I left in 2010,
# but the plan I want to ask about is my current 403b".
ASKING_ABOUT = (
    r"(?:what|the one|the plan|the account)(?: i'?m| im| i am)?(?: asking| here| ask)"
    r"(?:ing)? about\b|(?:the one|what) i (?:mean|want)\b"
)
NOT_ASKED_ABOUT = rf"\bnot (?:{ASKING_ABOUT})"
OTHER_EMPLOYER = r"\b(?:previous|former|prior|old|last) (?:job|employer|company|work)\b"
THIS_ONE = r"\bcurrent\b|\b(?:asking|ask|asks) about\b|\bnew (?:job|employer)\b"


def _about_this_plan(text: str) -> str:
    """The message without what it says is about another plan or job."""
    parts = clauses(text)
    kept: list[str] = []
    for part in parts:
        if has(NOT_ASKED_ABOUT, part):
            if kept and not has(rf"\b(?:{ASKING_ABOUT})", kept[-1]):
                kept.pop()  # the clause before it named the plan not asked about
            continue
        kept.append(part)
    if has(THIS_ONE, text):
        kept = [p for p in kept if not has(OTHER_EMPLOYER, p)] or kept
    return ", ".join(kept) if kept != parts else text


def _not_about_the_spouse(parts: list[str]) -> list[str]:
    kept, spouse_before = [], False
    for part in parts:
        about_spouse = has(SPOUSE, part) or (spouse_before and has(APPOSITIVE, part))
        if not about_spouse:
            kept.append(part)
        spouse_before = about_spouse
    return kept


def read_many(text: str, ctx: ReadContext) -> dict[str, Any]:
    """Every answer the message clearly contains, keyed by kind."""
    t = prepare(text)
    if not t:
        return {}
    found: dict[str, Any] = {}
    if (has(TOPIC_WORDS, t) or has(TOPIC_ASKED, t)) and (
        topics := choices.find_topics(t)
    ) is not None:
        found["topics"] = topics
    birth = find_birth(t, ctx, whole=False) or _spoken_age(text)
    if birth is not None:
        found["birth"] = birth
        if isinstance(birth, BirthDate):
            ctx = replace(ctx, birth_year=birth.year)
        elif isinstance(birth, Age):
            ctx = replace(ctx, birth_year=ctx.today.year - birth.years)
    t = _about_this_plan(t)
    work = find_work(t, ctx, whole=False)
    if work is not None:
        found["employment"] = work
    # the plan is the person's own ("she has a 401k" is not), and an IRA money was moved
    # into is where it went, not the plan ("rolled half my 401k into an ira")
    not_the_plan = f"{INTO_AN_IRA}|{SPOUSE_HAS_PLAN}"
    if has(SPOUSE_NOUNS, t) and not choices.mentions_death(t):
        not_the_plan += f"|{SPOUSE_PLAN_BY_PRONOUN}"
    plan = choices.find_plan_type(re.sub(not_the_plan, " ", t))
    if plan is not None:
        found["plan_type"] = plan
    own_clauses = ", ".join(_not_about_the_spouse(clauses(t)))
    safety = choices.find_public_safety(own_clauses) if own_clauses else None
    if safety is not None:
        found["public_safety"] = safety
    # whose money it is, when a death or an inheritance is said ("my husband's 401k" alone
    # is his plan, not an inheritance)
    said_inherited = has(choices.INHERITED_WORDS, t) and (
        choices.mentions_death(t) or has(r"\binherit|\bbeneficiar|\bbene ira\b", t)
    )
    whose = choices.find_inherited(t) if said_inherited else None
    if whose is not None:
        found["inherited"] = whose
    if choices.mentions_death(t):
        found["death"] = "yes"
    if has(OTHER_JOB, t):
        found["other_job"] = "yes"
    rolled = [p for p in clauses(t) if has(ROLLED_SAID, p)]
    if rolled and usable(moved := choices.read_rolled(", ".join(rolled), ctx)):
        found["rolled"] = moved  # "left in jan, haven't rolled anything over yet"
    feature = choices.find_after_tax_feature(t)
    if feature is not None:
        found["yes_no"] = feature
    if has(FILING_WORDS, t) and (filing := choices.find_filing(t)) is not None:
        found["filing"] = filing
    service = [p for p in clauses(t) if has(SERVICE_CLAUSE, p) and not has(NOT_SERVICE, p)]
    if has(SERVICE_BEGAN, t):  # "started at the county in 1998, retired in 2022"
        service = [t]
    if len(service) == 1 and usable(years := choices.read_service_years(service[0], ctx)):
        found["service_years"] = years  # "paramedic with the county for 22 years"
    money_parts = _money_clauses(t)
    for kind in MONEY_READERS:  # pay first: own and employer figures are checked against it
        if kind in money_parts:
            found[kind] = MONEY_READERS[kind](", ".join(money_parts[kind]), ctx)
            if kind == "pay" and isinstance(found[kind], int) and found[kind] > 0:
                ctx = replace(ctx, pay=found[kind])
    if "birth" not in found and found and (age := lone_age(t)) is not None:
        found["birth"] = age  # "62 and single": a bare number among other facts
    said_mine = has(r"(?:^|[,.;] ?)(?:and )?(?:me|mine|myself)(?: is)?:? 19\d{2}\b", t)
    year = lone_birth_year(t, ctx.today) if "birth" not in found and (found or said_mine) else None
    if year is not None:
        found["birth"] = year  # "1964, 403b, retired", "wife born 5/12/1968. me 1971."
    return found
