"""Choices: topics, plan type, public-safety work, yes/no, rolled out, filing status,
birthday passed, birth month, years of service."""

from __future__ import annotations

import re
from typing import Literal

from dialogs.answers import Read, Topics, Unsure, YesNo
from dialogs.reading.base import MIN_AGE, MINUS, PLAN_NAMES, ReadContext, ask, has, prepare, reject
from dialogs.reading.dates import M, Tense, find_dates, full_year, month_number
from dialogs.reading.text import (
    SPOUSE_SAID,
    UNSURE,
    UNSURE_WORDS,
    clauses,
    without_the_spouses,
)
from dialogs.reading.words import load, vocabulary
from rules import FilingStatus, PlanType, PublicSafety, RolledOut

Inherited = Literal["own", "inherited", "moved"]

# ---------------------------------------------------------------------------
# Topics


def _any(words: list[str]) -> str:
    return "(?:" + "|".join(words) + ")"


_TOPICS = vocabulary("topics")
R55 = rf"\b{_any(_TOPICS['rule_of_55'])}"
MBR = rf"\b{_any(_TOPICS['mega_backdoor'])}"
BOTH = (
    r"\bboth\b|\ball of (?:the above|them)\b|^all$|^everything$|\b1 (?:and|&|\+) 2\b|\b2 (?:and|&|"
    r"\+) 1\b"
    r"|\beverything\b|^all of (?:it|that)$|\bthe whole (?:shebang|thing|enchilada|nine yards|lot)\b"
    # "the two" (prepare() may have made it "the 2"): both topics, said as a whole answer
    r"|^(?:the|those|these) (?:two|2)(?: of (?:them|those|em))?$"
)
NEGATED = (
    r"\bnot\b|\bno\b(?! penalty| idea| clue)|\b(?:don|doesn|isn|aren|won|didn|can)'?t\b|\bnever\b"
    # "without the penalty", "without getting dinged" name the Rule of 55; they negate nothing
    r"|\bexcept\b|\bskip\b|\bforget\b|\bnot interested\b|\bno need\b"
    r"|\bwithout (?!(?:the |a |any |getting |being |paying |owing )?(?:hit (?:with|by) )?"
    r"(?:the |a |any |that )?(?:10% )?(?:tax )?(?:penalty|dinged|penali)"
    r"|(?:the |a |that )?(?:10 ?%|10 percent|ten percent))"
)
OTHER_RULE = r"\brule of (?!55)\d+\b"
# A negation of the penalty itself names the Rule of 55: "and not pay the 10%", "skip the
# 10%", "don't want to pay the penalty".
NOT_THE_PENALTY = (
    r"\b(?:not |never |no need to |(?:don'?t|do not|won'?t) (?:want to |wanna )?)(?:have to )?"
    r"(?:pay(?:ing)?|owe|owing|get(?:ting)? (?:hit|dinged|charged)(?: with| by)?|eat(?:ing)?"
    r"|lose|losing) "
    r"(?:the |a |any |that |this )?(?:10 ?%|10 percent|ten percent"
    r"|(?:10 ?% |early withdrawal |tax )?penalt(?:y|ies))"
)


def read_topics(text: str, ctx: ReadContext) -> Read[Topics]:
    t = prepare(text)
    if not t:
        return ask("topics_unreadable")
    if has(r"\bneither\b|\bnone\b", t):
        return ask("topics_unreadable")
    if has(OTHER_RULE, t) and not has(R55, t):
        return ask("topics_other_rule")
    if has(BOTH, t):
        return "both"
    if has(r"^(?:whatever|whichever|anything)\b", t):
        return ask("topics_unreadable")  # "whatever helps me retire early": the bot's pick
    picked = _picked_topics(re.sub(NOT_THE_PENALTY, "penalty free", t))
    if picked == "r55" and has(r"(?<!mega )(?<!mega)\bback ?door\b", t):
        return ask("topics_backdoor")  # "rule of 55 and also the backdoor": which backdoor?
    if picked:
        return picked
    if has(r"\bback ?door roth\b", t):
        return ask("topics_backdoor")
    t = re.sub(r"\b(?:the )?(?:first|1st)(?: one)?\b", "1", t)
    t = re.sub(r"\b(?:the )?(?:second|2nd)(?: one)?\b", "2", t)
    if has(r"\b1\b", t) and not has(r"\b2\b", t):
        return "r55"
    if has(r"\b2\b", t) and not has(r"\b1\b", t):
        return "mbr"
    return ask("topics_unreadable")


# A topic put off for another day: "maybe the roth stuff another time", "might do it later"
DEFERRED = (
    r"\b(?:later|another time|some other time|next time|down the road|another day|someday"
    r"|some day|eventually|in the future)\b"
)


def _picked_topics(text: str) -> Topics | None:
    """The topics named and not negated, clause by clause: 'just the mega backdoor, not
    the 55 one' is mbr; 'not the rule of 55, the other one' too."""
    picked: set[Topics] = set()
    excluded: set[Topics] = set()
    other_one = False
    named: tuple[tuple[Topics, str], ...] = (("r55", R55), ("mbr", MBR))
    deferred: set[Topics] = set()
    for part in clauses(text):
        negated = has(NEGATED, part)
        for topic, pattern in named:
            if has(pattern, part):
                (excluded if negated else picked).add(topic)
                if has(DEFERRED, part):
                    deferred.add(topic)
        if has(r"\bthe other (?:one|thing)\b", part) and not negated:
            other_one = True
    if other_one and len(excluded) == 1:
        picked |= {topic for topic, _ in named} - excluded
    picked -= excluded
    if picked - deferred:  # "rule of 55 for now, maybe the roth stuff another time"
        picked -= deferred
    if picked == {"r55", "mbr"}:
        return "both"
    return picked.pop() if picked else None


# Both topics, said inside a message that says more
BOTH_SAID = r"^both\b|\bboth (?:topics|please|pls|of them)\b|\b(?:want|check|know about) both\b"


def find_topics(text: str) -> str | None:
    """Topics in a message that says more (read_many)."""
    if has(BOTH_SAID, text):
        return "both"
    return _picked_topics(text)


# ---------------------------------------------------------------------------
# Plan type

_PLANS = vocabulary("plans")
PLAN_PATTERNS: list[tuple[PlanType, str]] = [
    (PlanType(kind), "|".join(names))
    for kind, names in _PLANS.items()
    if kind in {plan.value for plan in PlanType}
]
NON_GOV = "|".join(_PLANS["non_governmental"])


def plan_types(text: str) -> list[PlanType]:
    text = re.sub(
        r"\b(?:not|isn'?t|isnt|no) (?:a |an )?(?:\w+ ){0,1}?(?:401|403|457|tsp|ira|pension)\S*",
        " ",
        text,
    )
    text = re.sub(r"\b(sep|simple)[ -]ira\b", r"\1", text)
    text = re.sub(r"\bsolo (?:401 ?)?k\b", "401k", text)
    text = re.sub(r"\broth 401", "401", text)
    text = re.sub(r"\b(?:thrift|savings) plan\b(?=.*\b401)", "", text)
    # "401(k) profit sharing plan", "the profit sharing/401k": one plan's full name
    text = re.sub(r"(401 ?\(?k\)?) profit[- ]sharing plan\b", r"\1", text)
    text = re.sub(r"\bprofit[- ]sharing(?: plan)?\b(?=.*\b401 ?\(?k)", " ", text)
    found = [kind for kind, pattern in PLAN_PATTERNS if has(pattern, text)]
    if PlanType.GOV_457B in found and has(NON_GOV, text):
        found[found.index(PlanType.GOV_457B)] = PlanType.OTHER
    return list(dict.fromkeys(found))


PENSION_INCOME = (
    r"\bpension (?:is|pays|income|of|about|around|\$?\d)|\b(?:ss|social security) ?(?:\+|"
    r"and) ?pension\b"
)


# What makes a 457 the governmental plan: a government employer, or the plan's own names.
GOV_457_HINT = (
    rf"\b{_any(_PLANS['governmental_hints'])}\b"
    rf"|\b{_any(vocabulary('public_safety')['government'])}\b"
)


def find_plan_type(text: str) -> Read[PlanType | Unsure] | None:
    text = re.sub(PENSION_INCOME, " ", text)
    found = plan_types(text)
    if len(found) > 1:  # "401k, plus my wife has a 403b": the spouse's plan is not theirs
        own = [p for p in clauses(text) if not has(SPOUSE_SAID, p)]
        if own and len(mine := plan_types(", ".join(own))) == 1:
            found = mine
    if len(found) > 1:  # "SEP, not SIMPLE", "IRA, rolled over from my old 401k": one is it
        said = re.sub(NOT_THIS_PLAN, " ", text)
        if len(this_one := plan_types(said)) == 1:
            found = this_one
    if len(found) > 1:
        return ask("plan_type_two", found, plans=", ".join(found))
    # inherited, then it is theirs ("my husband's 401k" alone names no death: his plan)
    inherited = has(r"\binherit|\bbeneficiary\b|\blate\b", text) or has(DEATH_WORDS, text)
    if found and not inherited and all(has(SPOUSE_SAID, p) for p in clauses(text) if plan_types(p)):
        # "my husband's 401k", "wife is 61, she has a 403b": the spouse's plan, not the
        # person's (this check is about the person's own plan, or one inherited)
        return ask("plan_type_someone_elses", found)
    # a hint said in doubt is none: "a 457, not sure if it's a government one"
    hinted = ", ".join(c for c in clauses(text) if not UNSURE.search(c))
    if found == [PlanType.GOV_457B] and not has(GOV_457_HINT, hinted):
        # "457", "457 through the hospital": a government's, or a non-profit's? The two
        # are taxed differently, so it is asked, never guessed
        return ask("plan_type_457_which", [PlanType.GOV_457B, PlanType.OTHER])
    if found:
        return found[0]
    if has(
        r"\b(?:idk|not sure|dont know|don'?t know|unsure)\b[^,]*(?<!in )(?<!in-)"
        r"\b(?:plan|kind|type)\b",
        text,
    ):
        return "unsure"
    return None


# A plan named only to say it is not this one: negated, or where the money came from.
NOT_THIS_PLAN = (
    r"\b(?:not|isn'?t|never) (?:a |an |the |my )?[\w()]+(?: (?:ira|plan|account))?"
    r"|\bfrom (?:my |an? |the )?(?:old|previous|former|last|prior|other|first)"
    r"(?: (?:job|employer|company)(?:'?s)?)? [\w()]+"
)


# The plan named as the one the question is about.
ASKED_ABOUT = (
    r"\b(?:the one|the plan|the account|what|the 1) (?:i'?m|im|i am|i want to|i wanna) "
    r"(?:asking|ask|here|checking|check)(?:ing)? (?:about|for|on)\b(?: is)?"
)


def read_plan_type(text: str, ctx: ReadContext) -> Read[PlanType | Unsure]:
    t = prepare(text)
    if not t:
        return ask("plan_type_unreadable")
    if m := re.search(ASKED_ABOUT, t):  # "had the TSP from my army days but the one im
        t = t[m.end() :] or t  # asking about is the 401k at the airline"
    found = find_plan_type(t)
    if found is not None:
        return found
    if UNSURE.search(t) or has(
        r"\b(?:fidelity|vanguard|schwab|empower|principal|tiaa|"
        r"voya|t\. ?rowe|merrill|whatever|the plan at work)\b",
        t,
    ):
        return "unsure"
    if has(r"^(?:other|something else|none of (?:those|these|them))$", t):
        return PlanType.OTHER
    return ask("plan_type_unreadable")


# ---------------------------------------------------------------------------
# Public safety

_SAFETY = vocabulary("public_safety")


def _words(*classes: str) -> str:
    """Whole words of the public-safety vocabulary's classes, as one pattern."""
    return r"\b" + _any([w for name in classes for w in _SAFETY[name]]) + r"\b"


POLICE = _words("police", "corrections") + r"|^co\b"
SAFETY_WORD = _any(_SAFETY["role_words"])
NOT_A_ROLE = (
    rf"(?:\b(?:not|never|no longer|isn'?t|isnt|neither)|{_words('denials')})"
    r"(?: been| was| worked as| worked)? (?:a |an |in |with )?"
    rf"(?:the )?(?:{SAFETY_WORD}|co|(?:sworn |police |corrections? )?officer)\b"
    rf"(?:,? (?:or|nor) (?:a |an )?{SAFETY_WORD}\b)*"  # "not a cop or firefighter"
)
# The person's own job, said after the place: "corrections, but i'm the nurse"
BUT_ANOTHER_JOB = (
    r"\b(?:but|though|just|only)\b,? (?:i'?m|im|i am|i work as|i'?m just|i do) (?:a |an |the )?"
    rf"(?:\w+ )?{_words('other_jobs')}"
)
FIRE_ROLE = _words("firefighting")
FIRE_DEPARTMENT = _words("fire_department")
FIRE = _words("firefighting", "fire_department")
ROLE_OBJECTS = _words("role_objects")
SOMEONE_ELSE = _words("someone_else")
EMS = _words("ems")
ATC = _words("air_traffic")
OTHER_JOBS = _words("other_jobs")
AGENCY_AS_WORKPLACE = _words("agency_as_workplace")
SAFETY_ROLE_SAID = _words("safety_roles")
FIRE_SERVICE_OTHER = _words("fire_service_other")
NOT_SAFETY_ROLE = _words("not_this_job") + r"|\bused to be\b.*\bnow\b"
# "volunteer fire on weekends, my actual job is accounting": another job is the one.
VOLUNTEER_ELSEWHERE = rf"\bvolunteer\b.*(?:{OTHER_JOBS}|{_words('another_main_job')})"
GOV = _words("government")
PRIVATE = _words("private")
GOV_INSTITUTION = (
    r"\b(?:state|county|city|public|federal|municipal|va)\b[a-z ]{0,25}?"
    r"\b(?:university|hospital|college)\b"
)


# A job other than the safety role itself, done at a police or fire department ("records
# clerk at the police department", "mechanic for the fire district"): not public-safety
# work under §72(t)(10).
CIVILIAN_AT_SAFETY = (
    rf"(?:{OTHER_JOBS}|{_words('civilian_roles')})[^,.;]{{0,30}}"
    r"\b(?:at|for|in|with) (?:the |a |our |my )?(?:city |county |state |local )?"
    r"(?:police|fire|sheriff|pd\b|fd\b|jail|prison|detention|correctional|corrections)"
)
# Said of a job at a police department: "i do IT for the police department, not sworn".
NOT_SWORN = r"\b(?:not|non)[- ]?sworn\b|\b(?:i'?m|im|i am|as) (?:a )?civilian\b"
# "was a firefighter years ago, now in sales", "used to work in IT, now i'm a CO": the
# present job is the one that counts, whichever side the safety role is on.
PAST = r"\b(?:was|were|used to|former(?:ly)?|ex-?|retired)\b"
NOW = r"\b(?:now|currently|these days|today|nowadays)\b"


def _safety_role(text: str) -> bool:
    return has(POLICE, text) or has(FIRE, text) or has(EMS, text)


def _present_part(text: str) -> str | None:
    """What follows "now" when the text contrasts a past job with today's."""
    # "i'm 53 now" is an age said now, not today's job
    m = next((n for n in re.finditer(NOW, text) if not has(r"\d{2}\s*$", text[: n.start()])), None)
    if m and has(PAST, text[: m.start()]):
        present = text[m.end() :]
        # "now 51" is an age, not today's job
        if _safety_role(present) or has(
            rf"{OTHER_JOBS}|\b(?:in|do|work|working|drive|run|own|teach|it)\b"
            r"|\bat (?:a |the )?[a-z]",
            present,
        ):
            return present
    # "retired cop, bank teller now": today's job is the clause that ends with "now"
    parts = clauses(text)
    for i, part in enumerate(parts):
        if i and re.search(rf"{NOW}$", part) and has(PAST, ", ".join(parts[:i])):
            present = re.sub(rf"\s*{NOW}$", "", part)
            if present and not has(r"\d{2}$", present):  # "i'm 53 now" is an age
                return present
    return None


def _own_clauses(text: str) -> str:
    """The clauses about the person's own work: "no, but my husband is a cop" keeps "no"."""
    return ", ".join(p for p in clauses(text) if not has(SOMEONE_ELSE, p))


def find_public_safety(text: str) -> Read[PublicSafety] | None:
    whole = re.sub(r"\bpublic safety\b\??", " ", text)
    # "20 years in corrections, CO": the CO is the corrections officer, not a company
    whole = re.sub(
        r"\b(corrections?|correctional|prison|jail)(,? )co\b", r"\1\2corrections officer", whole
    )
    whole = re.sub(ROLE_OBJECTS, " ", _own_clauses(whole))
    present = _present_part(whole)
    if present is not None and not _safety_role(present):
        return PublicSafety.NONE
    t = whole if present is None else present  # the role said now; its employer anywhere
    if has(CIVILIAN_AT_SAFETY, t) or (has(NOT_SWORN, t) and not has(FIRE_ROLE, t)):
        return PublicSafety.NONE
    if has(BUT_ANOTHER_JOB, text):
        return PublicSafety.NONE  # "corrections, but i'm the nurse in the infirmary"
    if has(NOT_A_ROLE, t):
        t = re.sub(NOT_A_ROLE, " ", t)
        if not (has(POLICE, t) or has(FIRE, t) or has(EMS, t)):
            return PublicSafety.NONE  # "state employee but not police"
    if has(r"\b911\b|\bdispatch", t):
        return ask("public_safety_unclear")
    role = has(POLICE, t) or has(FIRE, t) or has(EMS, t) or has(ATC, t)
    # "a fire fighter at the navy base, civilian dod": civilian beside a firefighter is
    # "not military", not "not the firefighting"
    said = re.sub(r"\bcivilian\b", " ", t) if has(FIRE_ROLE, t) else t
    elsewhere = has(NOT_SAFETY_ROLE, said) or has(VOLUNTEER_ELSEWHERE, said)
    if role and elsewhere and not has(r"\bsame employer\b", t):
        return PublicSafety.NONE
    at_department = re.sub(FIRE_DEPARTMENT, " ", t)
    if role and has(OTHER_JOBS, t) and not any(has(p, at_department) for p in (POLICE, FIRE, EMS)):
        return PublicSafety.NONE  # "mechanic at the fire department": the place, not the role
    if role and has(FIRE_SERVICE_OTHER, t):
        return ask("public_safety_unclear")  # "fire inspector": firefighting, or not?
    if role and has(AGENCY_AS_WORKPLACE, t) and not has(SAFETY_ROLE_SAID, t):
        return ask("public_safety_unclear")  # "I work at the fire department": as what?
    if role:
        # "state psychiatric hospital", "public university" are not private employers, and
        # the role's own words ("prison, co") name no company.
        private = has(PRIVATE, re.sub(rf"{GOV_INSTITUTION}|{POLICE}", " ", whole))
        # A firefighter at any employer is FIREFIGHTER; the rules decide with the plan. A
        # paramedic or officer at a fire department is EMS or police.
        fire_role = has(FIRE_ROLE, re.sub(FIRE_DEPARTMENT, " ", t))
        if fire_role or (has(FIRE, t) and not (has(POLICE, t) or has(EMS, t))):
            return PublicSafety.FIREFIGHTER
        if private:
            return PublicSafety.NONE  # private police or EMS are not covered
        # Police, EMS, corrections: "other" needs a governmental plan, which the rules ask
        # about when it is not known; no need to ask "government or private?" here.
        return PublicSafety.OTHER
    if has(OTHER_JOBS, t):
        return PublicSafety.NONE
    return None


def read_public_safety(text: str, ctx: ReadContext) -> Read[PublicSafety | Unsure]:
    t = prepare(text)
    if not t:
        return ask("choice_unreadable")
    found = find_public_safety(t)
    if found is not None:
        return found
    # a plain no in any of the yes/no words ("nope", "hell no lol", "negatory")
    if has(_words("denials"), t) or yes_no(t) == "no":
        return PublicSafety.NONE
    if UNSURE.search(t):
        return "unsure"
    if has(r"^(?:yes|yep|yeah|y|yup|correct)\b", t):
        return ask("public_safety_yes_which")
    return ask("choice_unreadable")


# ---------------------------------------------------------------------------
# Yes / no


_YN = vocabulary("yes_no")
AFTER_TAX = r"after[- ]?tax|mega ?backdoor|in[- ]plan (?:roth )?conversions?|roth conversions?"
# "no" negates "it has no after-tax option", not "i have no idea".
_NEGATOR = _any(_YN["negators"]) + "(?! idea| clue| know| sure| (?:earthly|real|good) idea)"
# "they do not", "it doesn't", "definitely not": a yes word or affirming verb, negated
# within its clause (by the words that follow it, or a negator just before it).
NEGATED_YES = (
    rf"\b{_any(_YN['affirming_verbs'])}\b\W*(?:{_NEGATOR})\b"
    rf"|^{_any(_YN['yes_words'])}\W+(?:not|never)\b"
    r"|\b(?:they|it|we|the plan|my plan|mine|ours)\s+(?:do|does|did|can|will)"
    r"(?:n'?t| not| never)\b"
)
YN_RULES: list[tuple[str, YesNo | Unsure | Literal["ask"]]] = [
    (r"\byes (?:and|or) no\b|\bno (?:and|or) yes\b|n'?t not\b|\bnot not\b", "ask"),
    # "yes for the roth part, no for after tax": a yes and a no, each for something else
    (r"\byes\b[^.;]*\bfor\b.*\bno\b[^.;]*\bfor\b|\bno\b[^.;]*\bfor\b.*\byes\b[^.;]*\bfor\b", "ask"),
    # a no or yes only from not having looked: "not that i'm aware of, but i've never
    # really looked", "yeah i guess, i've never actually looked"
    (
        r"\b(?:not that i|not as far as i|don'?t think|i guess|i think so|probably)\b.*"
        r"\bnever (?:really |actually )?(?:looked|checked|asked|read)\b",
        "unsure",
    ),
    # a yes about Roth money: "yes if you mean roth", "maybe that was the roth", "yes, just
    # not the after tax part" (a yes with a limit, "but only once a year", stays yes)
    (
        r"\b(?:yes|yeah|yep|so)\b,? (?:for|if you mean|just for|only for) (?:the )?roth\b"
        r"|\b(?:maybe )?that was (?:the )?roth\b|\bjust not (?:the )?after[- ]?tax\b"
        r"|^(?:after[- ]?tax\?? )?i (?:do|have|use) roth\b"
        # a Roth option is no after-tax option: "it has a roth option"
        r"|^(?:it|they|the plan|my plan|we|there)(?: has| have| offers?| allows?|'s| is)"
        r" (?:a |the )?roth\b(?!.*\bafter[- ]?tax\b)",
        "ask",
    ),
    # a no about the person only, not the plan: "no, i'm not putting anything in that"
    (
        r"^(?:no|nope|nah)\b,? (?:i'?m|im|i am|i) (?:not|don'?t|do not|never) (?:putting|put"
        r"|contribut\w+|using|use|doing)\b",
        "ask",
    ),
    (NEGATED_YES, "no"),
    # "never" is a no, but "never checked" is not knowing
    (
        rf"\b{_any(_YN['hedged_no'])}\b|\bused to\b.*\bnot\b"
        r"|\bnever\b(?!(?: really| actually)? (?:heard|checked|looked|asked|read|bothered|signed"
        r"|enrolled|used|tried|participated|did it|done it))",
        "no",
    ),
    (rf"\b{_any(_YN['hedged_yes'])}\b", "yes"),
    # Not knowing, unless it leans one way (above): "i dont know if they do".
    (
        UNSURE_WORDS
        + r"|\bmaybe\b|\bpossibly\b|\bperhaps\b|\bask (?:hr|my|benefits|them)\b|\bchecking\b"
        r"|\bget back\b|\bnever heard\b|\bhaven'?t read\b|\bhavent read\b|\b50/50\b|🤷"
        r"|\bwhat (?:that|this) (?:even )?means\b|^hmm+$|\bno clue\b"
        rf"|\b{_any(_YN['unsure_extra'])}\b",
        "unsure",
    ),
    # A leading no with a yes after it ("no they do"): the person contradicts themselves.
    (rf"^{_any(_YN['no_words'])}\b.*\b{_any(_YN['affirming_verbs'])}\b", "ask"),
    (rf"^{_any(_YN['no_words'])}(?:\b|$)", "no"),
    (
        rf"^{_any(_YN['yes_words'])}(?:\b|$)"
        rf"|\b{_any(_YN['affirming_verbs'])}\b|(?<!n't )(?<!nt )(?<!not )(?<!never )\brolled\b",
        "yes",
    ),
]
YN_FILLER = r"^(?:hmm+|um+|uh+(?! ?huh)(?! ?uh\b)|well|honestly|tbh|so|oh)[ ,.]+"


YN_NOISE = rf"\b{_any(_YN['noise'])}\b"
NO_IDIOMS = rf"\b{_any(_YN['no_idioms'])}"
# "they didnt before but they do now", "not roth, but after tax yes": the clause after
# "but" says yes about the feature asked, or about today; it outweighs the no before it.
YES_NOW_OR_FEATURE = rf"\b(?:now|these days|anymore)\b|{AFTER_TAX}"


# "they do allow it but i've never done it": the no after "but" is about the person, not
# the plan the yes before it was about.
PLAN_SAYS = r"\b(?:they|it|the plan|my plan|we|you)\b"
PLAN_DOES = rf"{PLAN_SAYS} (?:still |no longer |won'?t |will |might |may )?\w+"
ONLY_ME = r"^(?:i|i'?ve|i'?m|i have|i am|i do|i did|i just|i still)\b"


# A conclusion said last: "it's not that they don't, they just don't advertise it. so yes"
CONCLUSION = r"(?:so|anyway|anyways|bottom line|in short|long story short|basically|short answer)"


def _a_yes_with_but(text: str) -> bool:
    """A yes that a "but" does not undo: the part after it says yes about the feature or
    about today ("they didnt before but they do now", "only once a year, but yes"), or its
    no is about the person, not the plan ("they do allow it but i've never done it")."""
    head, sep, tail = text.rpartition(" but ")
    if not sep:
        return False
    yes_word = _any(_YN["yes_words"])
    says_yes = _yes_no_rules(tail) == "yes" or has(rf"\b{yes_word}$", tail)
    if says_yes and (has(rf"^{yes_word}$", tail.strip()) or has(YES_NOW_OR_FEATURE, tail)):
        return True
    # the yes is about the plan: said of it, or a bare yes to the question about it
    plan_yes = _yes_no_rules(head) == "yes" and (
        has(PLAN_SAYS, head) or has(rf"^{yes_word}$", head.strip(" ,"))
    )
    about_me = has(ONLY_ME, tail.strip()) and not UNSURE.search(tail)  # not "i'm not sure"
    return plan_yes and about_me and not has(PLAN_DOES, tail)


# A no about whether the feature is there, or for whom: "hasn't turned it on", "not for
# hourly", "we aren't eligible" (not "not 100%", "they don't advertise it").
NOT_AVAILABLE = (
    r"(?:\b(?:not|no|never)|n'?t)(?: \w+){0,2} (?:allow\w*|offer\w*|ha(?:ve|s)|turn\w*|set\w*|"
    r"let\w*|available|eligible|appl(?:y|ies)|cover\w*|open\w*|includ\w*|for|to|hourly|salaried|"
    r"union|part[- ]?time|full[- ]?time|everyone|employees|workers|us|me|mine|my (?:plan|job))\b"
)


def _a_yes_taken_back(text: str) -> bool:
    """A yes, then a "but" with a no about the plan or the people it covers ("the plan
    allows it but my employer hasn't turned it on", "for salaried folks but not hourly"):
    neither answer alone is right, so it is asked. A no about the person alone ("but i've
    never used it") or about another feature ("but not in-plan conversions") keeps the yes."""
    head, sep, tail = text.partition(" but ")
    if not sep or _yes_no_rules(head) != "yes":
        return False
    tail = tail.strip()
    return has(NOT_AVAILABLE, tail) and not has(ONLY_ME, tail) and not has(YES_NOW_OR_FEATURE, tail)


def yes_no(text: str) -> Read[YesNo | Unsure] | None:
    t = re.sub(YN_NOISE, " ", text)
    t = re.sub(NO_IDIOMS, "yes", t)
    t = re.sub(r"\s+", " ", re.sub(YN_FILLER, "", t.strip())).strip(" ,.")
    if _a_yes_with_but(t):
        return "yes"
    if _a_yes_taken_back(t):
        return ask("yes_no_both")
    if (
        re.search(r"(?:[,.]|\bknow|\bthink|\bbelieve|\btell) (?:yes|yeah|yep|yup)$", t)
        and not has(NEGATED_YES, t)
        and not has(rf"\b(?:{_NEGATOR})\b", t)
    ):
        return "yes"  # "it's in the plan document, yes"
    if m := re.search(rf"\b{CONCLUSION},? (yes|yeah|yep|yup|no|nope|nah)\b[^,.;]*$", t):
        return "no" if m[1] in {"no", "nope", "nah"} else "yes"  # "..., so yes it's allowed"
    return _yes_no_rules(t)


def _yes_no_rules(t: str) -> Read[YesNo | Unsure] | None:
    for pattern, value in YN_RULES:
        if has(pattern, t):
            if value == "ask":
                return ask("yes_no_both")
            return value
    return None


# Second thoughts at the end, with nothing after them: "yes no wait", "ye- actually hold on"
SECOND_THOUGHTS = r"\b(?:wait|hold on|hang on|scratch that)\W*$"
# Once, not now: "used to, not sure now", "they said yes back in 2019"
ONCE_NOT_NOW = r"\b(?:said|told me|was) (?:yes|no)\b[^,.;]*\b(?:back in|in) (?:19|20)\d{2}\b"
USED_TO_NOT_SURE = r"\bused to\b.*\b(?:not sure|no idea|don'?t know|unsure)\b"
NOW_NOT_SURE = (
    r"\b(?:but )?now (?:i'?m |im |i am )?(?:not (?:so |too )?sure|unsure|doubting|don'?t know)\b"
    r"|\bnot (?:so )?sure (?:any ?more|now)\b"
)
# A no, then someone who knows saying maybe: "i dont think they do, but HR said maybe"
MAYBE_AFTER = r"\bbut\b[^,.;]*\b(?:said|says|thinks?) (?:maybe|possibly|it might|they might)\b"
# A yes that holds only from an age on: "yes, but only once I hit 59 and a half" (59½ is
# cut to 59 by prepare), "only at 62": a no until then, so which one it is now is asked.
FROM_AN_AGE = (
    r"\b(?:after|once|when|at|from|until|till?|not before) (?:(?:i|you|we)(?:'?re|'?m| am| are)?"
    r" (?:hit|reach|turn|get to|are|am) |(?:age|turning|reaching|hitting) )?(?:5\d|6\d)\b"
    r"(?! ?(?:%|percent|k\b|grand|thousand|hundred|dollars?|years? (?:of|at|with)))"
)


def read_yes_no(text: str, ctx: ReadContext) -> Read[YesNo | Unsure]:
    t = prepare(text)
    if not t:
        return ask("choice_unreadable")
    if re.fullmatch(r"\s*n/a\W*", text.lower()):
        return ask("choice_unreadable")  # "n/a": not applicable, or no?
    said_as_a_question = re.fullmatch(r"\s*(?:yes|yeah|yep|yup|no|nope|nah)\s*\?+\s*", text.lower())
    if said_as_a_question or has(SECOND_THOUGHTS, t):
        return ask("yes_no_both")  # "yes?", "yes no wait": asked back, not answered
    if has(USED_TO_NOT_SURE, t) or has(NOW_NOT_SURE, t):
        return "unsure"  # "used to, not sure now", "i thought so but now im not sure"
    if has(ONCE_NOT_NOW, t) or has(MAYBE_AFTER, t):
        return ask("yes_no_both")
    if has(FROM_AN_AGE, t) and yes_no(t) == "yes":
        return ask("yes_no_from_an_age")
    if has(r"^(?:ok(?:ay)?|k+|alright|all right|fine)$", t) and not ctx.offer:
        return ask("choice_unreadable")  # "ok" takes up an offer; of a plan it says nothing
    found = yes_no(without_the_spouses(t))  # "my wife's plan does, mine doesn't"
    return found if found is not None else ask("choice_unreadable")


FEATURE_DENIED = (
    rf"\b(?:no|doesn'?t|doesnt|don'?t|dont|not|never)\b[^,.]*(?:{AFTER_TAX})"
    rf"|(?:{AFTER_TAX})[^,.]*\b(?:was |were |got |been )?(?:removed|eliminated|discontinued"
    r"|dropped|ended|taken away|shut off|turned off|suspended|frozen)\b"
)
FEATURE_AFFIRMED = (
    rf"\b(?:allows?|let(?:s)? (?:you|me|us)|lets|has|have|w/|with|offers?|takes?|accepts?"
    rf"|can do|can put in|can make)\b[^,.]*(?:{AFTER_TAX})"
    rf"|(?:{AFTER_TAX})[^,.]*\b(?:option|allowed|available)\b"
    # putting after-tax money in already: "i do 5% after-tax", "10k after-tax this year"
    r"|\b(?:i|i'?m|im) (?:do|put|contribute|save|putting|doing|contributing)\b[^,.]*after[- ]?tax"
    r"|\d ?(?:%|percent|k)? (?:in )?after[- ]?tax\b"
)


def find_after_tax_feature(text: str) -> str | None:
    """Whether a message clearly says the plan allows after-tax money (multi lines).
    After-tax contributions themselves decide over conversions ('allows after tax but no
    in plan conversions' is yes)."""
    # "my husband's 401k allows after-tax, no idea about mine": the spouse's plan is not it
    parts = [p for p in clauses(text) if has(AFTER_TAX, p) and not has(SPOUSE_SAID, p)]
    ordered = [p for p in parts if has(r"after[- ]?tax", p)] + parts
    for part in ordered:
        if UNSURE.search(part):  # "not sure about in plan conversions" says neither
            continue
        if has(FEATURE_DENIED, part) and UNSURE.search(text):
            return None  # "the after-tax option was removed, not sure if it's back"
        if has(FEATURE_DENIED, part):
            return "no"
        if has(FEATURE_AFFIRMED, part):
            return "yes"
    return None


# ---------------------------------------------------------------------------
# Rolled into an IRA: none / some / all

ROLLED_NONE = (
    r"\bstill (?:all )?(?:there|in|sitting)\b|\ball still\b|\bnot a (?:dime|penny|cent)\b"
    r"|\b(?:didn'?t|didnt|haven'?t|havent|have not|did not|never) (?:roll|move|transfer)"
    r"|\bnothing (?:rolled|moved)\b|\bnone of it\b|\bnot rolled\b"
    # the money left where it is: "left it all in there", "kept everything in the plan"
    r"|\b(?:left|kept|keep|keeping|leaving|leave) (?:it|them|everything|the money|my money)"
    r"(?: all)? (?:in (?:there|the plan|the 401k|it)|there|where it (?:is|was))\b"
    r"|\b(?:it'?s|its|it is) all (?:still )?in (?:there|the plan)\b"
    r"|^(?:no|nope|nah)\b\W+(?:it'?s |its |it is )?all (?:still )?in (?:there|the plan)\b"
    # only a plan to roll: nothing has moved yet
    r"|\b(?:going to|gonna|will|plan(?:ning)? to|want to) roll\b|^(?:zero|0|nil|zilch)$"
)
# Part of the money still in the plan: the rest was moved.
PART_STILL_THERE = (
    r"\b(?:most|the rest|rest|part|some|half|a lot|the bulk)(?: of it)? (?:is |was |are |stays? )?"
    r"(?:still|left) (?:there|in)\b"
)
ROLLED_RULES: list[tuple[str, RolledOut]] = [
    (
        r"\b(?:half|part|some|portion|a bit|a little|most|chunk|\d+%|\d+k|\$\d)\b|\bpartial",
        RolledOut.SOME,
    ),
    (
        r"\ball\b|\beverything\b|\bthe whole (?:thing|balance|amount)\b|\bentire\b|\bfully\b|"
        r"\b100%|\bevery (?:penny|cent|dollar|dime)\b",
        RolledOut.ALL,
    ),
    (
        r"\bnone\b|\bnothing\b|\bnope\b|^no\b|^nah\b|\bnot (?:yet|a (?:dime|penny|cent))\b"
        r"|\bhaven'?t\b|\bhavent\b|\bdidn'?t\b|\bdidnt\b|\bstill (?:all )?(?:there|in)\b|"
        r"\bleft it\b",
        RolledOut.NONE,
    ),
]


_WHOSE = vocabulary("inherited")
INHERITED_WORDS = "|".join(_WHOSE["inherited"])
MOVED_TO_OWN = "|".join(_WHOSE["moved_to_own"])
OWN_MONEY = "|".join(_WHOSE["own"])
DEATH_WORDS = "|".join(_WHOSE["death"])
FROM_SOMEONE = "|".join(_WHOSE["from_someone"])
OWN_AND_INHERITED = "|".join(_WHOSE["both"])


# Moves that only an heir makes: "a spousal rollover", "treated it as my own".
SAYS_INHERITED = r"\bspousal rollover\b|\btreat(?:ed)? (?:it )?as (?:my|her|his) own\b"


def find_inherited(text: str) -> Inherited | None:
    """Whose money this is, when the text clearly says: "moved" (inherited, then moved
    into the person's own IRA), "inherited", or "own"."""
    if has(MOVED_TO_OWN, text) and (
        has(INHERITED_WORDS, text) or has(DEATH_WORDS, text) or has(SAYS_INHERITED, text)
    ):
        return "moved"
    if has(r"\b(?:not|never|didn'?t|didnt)\b[^,.]*\binherit", text) or has(OWN_MONEY, text):
        return "own"
    if has(INHERITED_WORDS, text) or (has(FROM_SOMEONE, text) and has(DEATH_WORDS, text)):
        return "inherited"
    return None


def mentions_death(text: str) -> bool:
    return has(DEATH_WORDS, text)


def read_inherited(text: str, ctx: ReadContext) -> Read[Inherited | Unsure]:
    t = prepare(text)
    if not mentions_death(t):  # "own, but my husband's is inherited": his is not this one
        t = without_the_spouses(t)
    if not t:
        return ask("choice_unreadable")
    # "half mine, half from my late wife's that i rolled into my ira": part of it only
    partly = has(r"\b(?:half|part|some)\b", t)
    if has(OWN_AND_INHERITED, t) and (partly or not has(MOVED_TO_OWN, t)):
        return ask("inherited_both")  # "both, some of it is from my late husband"
    found = find_inherited(t)
    if found is not None:
        return found
    if UNSURE.search(t):
        return "unsure"
    return ask("choice_unreadable")


ANOTHER_PLAN = (
    r"\b(?:old|previous|former|last|prior|other|earlier|first) (?:job|employer'?s?|company|plan"
    r"|401 ?k|403 ?b)\b|\bfrom (?:a|my) (?:previous|former|old|last|prior) "
)


def read_rolled(text: str, ctx: ReadContext) -> Read[RolledOut | Unsure]:
    t = prepare(text)
    if not t:
        return ask("rolled_unreadable")
    if UNSURE.search(t):
        return "unsure"
    if has(r"\b(?:all|everything) but\b", t):
        return RolledOut.SOME  # "all but the company stock"
    # "rolled an old 401k from a previous job, but not this one": another plan's money
    # says nothing about this plan's; "not this one" does.
    about_this = ", ".join(c for c in clauses(t) if not has(ANOTHER_PLAN, c))
    if has(r"\bnot (?:from )?(?:this|that) (?:one|plan|job|401 ?k|403 ?b)\b", about_this):
        return RolledOut.NONE
    if not about_this:
        return ask("rolled_other_plan")
    t = about_this
    if has(PART_STILL_THERE, t) and not has(r"\bnone\b|\bnothing\b|\ball of it\b", t):
        return RolledOut.SOME  # "moved a little out but most is still there"
    if has(ROLLED_NONE, t):
        return RolledOut.NONE
    if has(r"\b(?:except|but not|other than|apart from|minus)\b", t):
        return RolledOut.SOME  # "everything except my roth"
    if has(r"\bnot (?:all|everything|the whole)\b", t):
        return ask("rolled_how_much")  # "not all of it": some, or none?
    amounts = re.sub(PLAN_NAMES, " ", t)  # "its a 401k" names the plan, not "$401k" of it
    for pattern, value in ROLLED_RULES:
        if has(pattern, amounts):
            if value is RolledOut.SOME and has(r"\bnone\b|\bnothing\b", t):
                continue
            return value
    if has(r"^(?:yes|yep|yeah|y|yup)\b", t):
        return ask("rolled_how_much")
    return ask("rolled_unreadable")


# ---------------------------------------------------------------------------
# Filing status

NOT_MARRIED = (
    r"\b(?:aren'?t|arent|not|never|un)[ -]?married\b|\bgf\b|\bbf\b|\bgirlfriend\b|\bboyfriend\b|"
    r"\bfianc"
)
MARRIED = r"\bmarried\b|\bwife\b|\bhusband\b|\bspouse\b|\bhubby\b|\bwe\b|\bshe\b|\bhe\b"
HOH = r"\bhead of (?:household|house|hh)\b|\bhoh\b|\bh o h\b|\bh of h\b|\bh\.o\.h\b"
MFS = (
    r"\bmfs\b|\bm f s\b|\bsep[ae]rate(?:ly)?\b|\bfiles? (?:hers|his|mine)\b|\bon my own\b|"
    r"\beach file\b"
)
MFJ = (
    r"\bmfj\b|\bm f j\b|\bjoint(?:ly)?\b|\btogether\b|\bfiling joint\b"
    r"|\b(?:one|1|a single|the same|same) (?:tax )?return\b"
)
SINGLE = r"\bsingle\b|\bjust me\b|\bunmarried\b|\bdivorced\b.*\bno (?:kids|children|dependents)\b"
KIDS = (
    r"\b(?:kids?|children|son|daughter|dependents?|mom|dad|mother|father"
    r"|grand(?:son|daughter|kids?|child|children)|nephew|niece|claim (?:my|a|him|her))\b"
)


def _single_or_hoh(text: str) -> Read[FilingStatus]:
    """Not married or single: head of household is possible only with kids."""
    if has(KIDS, text) and not has(r"\bno (?:kids|children|dependents)\b", text):
        return ask("filing_single_or_hoh")
    return FilingStatus.SINGLE


ANOTHER_TAX_YEAR = (
    r"\b(?:last|previous|prior|next) (?:year|yr)\b|\bonce\b|\bback in (?:19|20)\d{2}\b"
    # a change only talked about: "though we keep talking about switching to separate"
    r"|\b(?:talking|thinking) (?:about|of)\b|\bconsidering\b|\b(?:might|may) (?:switch|change)\b"
)


def find_filing(text: str) -> Read[FilingStatus] | None:
    if has(r"\b(?:just |recently )?(?:got )?married\b.*\bhaven'?t filed\b", text):
        return ask("filing_married_which")  # "got married in september, haven't filed yet"
    # "we file jointly most years but did separate last year": another year's filing aside
    text = ", ".join(c for c in clauses(text) if not has(ANOTHER_TAX_YEAR, c)) or text
    if has(r"\b(?:passed|died|passed away)\b", text):
        return ask("filing_widowed")
    if has(HOH, text):
        return FilingStatus.HEAD_OF_HOUSEHOLD
    if has(NOT_MARRIED, text):
        return _single_or_hoh(text)
    if has(MFS, text) and (
        has(MARRIED, text)
        or has(r"\bmfs\b|\bm f s\b|filing sep", text)
        or has(r"^(?:we )?(?:file )?sep[ae]rate(?:ly)?(?: this year| now)?$", text)
    ):
        return FilingStatus.MARRIED_SEPARATE
    if has(MFJ, text):
        return FilingStatus.MARRIED_JOINT
    if has(r"\bsingle\b", text):
        if has(r"\bmarried\b", text) and not has(NOT_MARRIED, text):
            # "married, but filing single": a married person files jointly or
            # separately (or, living apart, maybe as head of household) — asked
            return ask("filing_married_which")
        return _single_or_hoh(text)
    if has(SINGLE, text):
        return FilingStatus.SINGLE
    if has(r"\bdivorced\b|\bseparated\b", text):
        return ask("filing_single_or_hoh")
    if has(r"\bwidow(?:ed|er)?\b", text):
        return ask("filing_widowed")
    if has(r"\bmarried\b", text):
        return ask("filing_married_which")
    return None


def read_filing(text: str, ctx: ReadContext) -> Read[FilingStatus]:
    t = prepare(text)
    if not t:
        return ask("filing_unreadable")
    found = find_filing(t)
    if found is not None:
        return found
    if UNSURE.search(t) or has(r"\baccountant\b|\bcpa\b|\btax (?:guy|lady|person)\b", t):
        return ask("filing_unsure")
    return ask("filing_unreadable")


# ---------------------------------------------------------------------------
# Birthday passed, birth month, years of service


# A birthday's month and day are the same every year: a date read as a birth date
# ("christmas eve", "11/3") gives them.
ANY_YEAR: Tense = "birth"


def read_birthday_passed(text: str, ctx: ReadContext) -> Read[YesNo | Unsure]:
    t = without_the_spouses(prepare(text))  # "my wife's is next week, mine was in april"
    if not t:
        return ask("birthday_passed_unreadable")
    if has(r"\btoday\b", t):
        return "yes"
    if has(
        r"\bnot yet\b|\bcoming up\b|\bstill to come\b|\bnext (?:week|month)\b|\btomorrow\b|"
        r"\bsoon\b|\bin (?:a |an |\d+ |a few |a couple(?: of)? )(?:days?|weeks?|months?)\b",
        t,
    ):
        return "no"
    if has(
        r"\balready\b|\bjust (?:had|passed|turned|was)\b|\blast (?:week|month)\b|\bwas in\b|"
        r"\bearlier (?:this|in the) (?:week|month|year)\b|"
        r"\bhad it\b",
        t,
    ):
        return "yes"
    days = [h.values[0] for h in find_dates(t, ctx.today, ANY_YEAR) if len(h.values) == 1]
    if days and days[0].month is not None and days[0].day is not None:  # "christmas eve"
        that_day = (days[0].month, days[0].day)
        return "yes" if that_day <= (ctx.today.month, ctx.today.day) else "no"
    if m := re.search(rf"\b{M}\b", t):
        month = month_number(m[1])
        if month == ctx.today.month:
            return ask("birthday_passed_unreadable")
        return "yes" if month < ctx.today.month else "no"
    found = yes_no(t)
    if isinstance(found, str) and found in {"yes", "no", "unsure"}:
        return found
    return ask("birthday_passed_unreadable")


_ORDINALS: dict[str, int] = load("numbers")["ordinals"]
ORDINAL = rf"\b({_any(list(_ORDINALS))})\b"


def read_birth_month(text: str, ctx: ReadContext) -> Read[int | Unsure]:
    t = without_the_spouses(prepare(text))  # "my wife's is may, mine is november"
    if not t:
        return ask("month_unreadable")
    t = re.sub(ORDINAL, lambda m: f"{_ORDINALS[m[1]]}th", t)  # "the eleventh month"
    if re.fullmatch(r"(?:on )?the \d{1,2}(?:st|nd|rd|th)", t):
        return ask("month_unreadable")  # "the 3rd": a day of the month, or the 3rd month?
    t = re.sub(r"^the ", "", t)
    # "my birthday is 7/19", "born on 3/2": the date's month
    t = re.sub(r"^(?:my )?(?:birthday|bday|b-day|born)(?: is| was| on|'s)*:? ", "", t)
    months = {month_number(m[1]) for m in re.finditer(rf"\b{M}\b", t)}
    if len(months) > 1:  # "may or june"
        return ask("month_unreadable")
    if months:
        return months.pop()
    if (m := re.fullmatch(r"(?:month )?(?:#|no\.? )?(\d{1,2})(?:st|nd|rd|th)?(?: month)?", t)) or (
        m := re.fullmatch(r"(\d{1,2})/\d{1,2}(?:/\d{2,4})?", t)
    ):
        number = int(m[1])
        return number if 1 <= number <= 12 else reject("month_not_a_month", number=number)
    days = [h.values[0] for h in find_dates(t, ctx.today, ANY_YEAR) if len(h.values) == 1]
    if days and days[0].month is not None:  # "valentines day", "halloween"
        return days[0].month
    if UNSURE.search(t):
        return "unsure"
    return ask("month_unreadable")


# Service counted from the age the person started at: "started when i was 30, i'm 57 now"
STARTED_AT_AN_AGE = (
    r"\b(?:started|hired|began|joined)\b[^.;]*?\b(?:when i was|at age|at) (\d{2})\b"
    r"[^.;]*?\b(?:i'?m|im|i am)(?: now)? (\d{2})\b"
)
YEARS_LATER = (
    r"\b(?:will (?:have|hit|be at|make|be)|(?:gonna|going to) (?:have|hit|make|be)"
    r"|i'?ll (?:have|hit)|it'?ll be|that'?ll be)\b"
    r"|\d+ (?:years? |yrs? )?(?:by|come|this coming|in the coming|next|in) "
    rf"(?:{M}|spring|summer|fall|autumn|winter|year|month)\b"
)


# The year service began ("since 2004", "started there in march 2010", "hired on in '98")
STARTED_IN = (
    r"\b(?:since|from|(?:started|hired|began|joined)(?: on)?"
    r"(?:(?: there| here| with them)?(?: in)?|(?: (?!in\b)[\w']+){1,3} in))"
    rf" (?:{M},? (?:of )?)?(?:'?(\d{{2}})|(\d{{4}}))\b(?![\d%])"
)
# ... and the year it ended, said after it ("and left in 2020", "through 2019")
ENDED_IN = (
    r"\b(?:left|retired|quit|stopped|ended|until|till|to|through|thru)\b(?: there| in)?"
    rf" (?:{M},? (?:of )?)?(?P<year>\d{{4}})\b"
)


# Service with a break in it, or part of it not as an employee: which years count is the
# plan's rule, so the count is asked.
# A decade, not a year: "since the early 90s", "in the 80s".
DECADE_SAID = r"\b(?:(?:early|mid|late)[ -]?)?(?:19|20)?[0-9]0'?s\b"
BROKEN_SERVICE = (
    r"\b(?:came back|come back|rehired|re-hired|returned|went back|hired (?:me )?back)\b"
    r"|\bas a (?:contractor|consultant|temp)\b|\b(?:on and off|off and on)\b"
    r"|\b(?:had|took|with) (?:a |some )?(?:break|gap|leave|time off)\b"
)


def read_service_years(text: str, ctx: ReadContext) -> Read[int | Unsure]:
    # "my husband has 30 years at the city, I have 12": the spouse's years are not these;
    # "half my life, and i'm 60": an age is no count of years
    t = without_the_spouses(prepare(text))
    if m := re.search(STARTED_AT_AN_AGE, t):  # "started when i was 30, i'm 57 now": 27
        return _check_years(int(m[2]) - int(m[1]), ctx)
    t = re.sub(r"\b(?:i'?m|im|i am) \d{2}\b(?! ?(?:years?|yrs?) (?:in|of|with|at|there))", " ", t)
    t = re.sub(r"\b\d{2} (?:years?|yrs?) old\b", " ", t).strip(" ,.")
    if not t:
        return ask("years_unreadable")
    if has(MINUS, t):
        return reject("years_negative")
    if has(r"\b\d+[ -]?(?:something|some|odd|plus|ish)\b", t):
        return ask("years_range")  # "twenty something years", "20-some years"
    if has(DECADE_SAID, t):
        return ask("years_unreadable")  # "since the early 90s": which year?
    t = re.sub(r"\b(?:a|one) decade\b", "10", t)
    t = re.sub(r"\b(\d) decades\b", lambda m: f"{int(m[1]) * 10} years", t)  # "three decades"
    if has(BROKEN_SERVICE, t):
        return ask("years_unreadable")  # "left in 2012, came back in 2016": which years count?
    if has(r"\bsince (?:i was|age|i turned) \d{2}\b", t):
        return ask("years_unreadable")  # "since i was 25": an age, not a year
    if m := re.search(STARTED_IN, t):
        start = int(m[3]) if m[3] else full_year(int(m[2]), ctx.today, "past")
        if start > ctx.today.year:
            return reject("years_in_future", year=start)
        end = re.search(ENDED_IN, t[m.end() :])
        if end is not None and start <= int(end["year"]) <= ctx.today.year:
            return _check_years(int(end["year"]) - start, ctx)  # "started in 1995 and left in 2020"
        # "started dec 2006", said in november 2026: 19 whole years
        not_yet = m[1] is not None and month_number(m[1]) > ctx.today.month
        return _check_years(ctx.today.year - start - not_yet, ctx)
    if has(r"\d+ ?(?:-|to|or) ?\d+", t):
        return ask("years_range")
    whole = re.sub(r"(\d+) ?(?:1/2|½|and a half)", r"\1", t)
    whole = re.sub(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b", " ", whole)  # a date is no count
    numbers = re.findall(r"(?<![\d.])(\d{1,3})(?:\.\d+)?(?![\d.])", whole)
    if len(numbers) == 1:
        # "almost 20", "25 in january", "will have 30 next year": not there yet, so one less
        almost = has(r"\b(?:almost|nearly|close to|just (?:under|shy of)|not quite)\b", t) or has(
            YEARS_LATER, t
        )
        return _check_years(int(numbers[0]) - (1 if almost else 0), ctx)  # "almost 20": 19
    if len(numbers) > 1:
        return ask("years_unreadable")
    if has(r"^(?:none|0|zero|never|no)\b|\bless than a year\b|\bjust started\b", t):
        return 0
    if UNSURE.search(t):
        return "unsure"
    return ask("years_unreadable")


def _check_years(years: int, ctx: ReadContext) -> Read[int]:
    if ctx.birth_year is not None:
        most = ctx.today.year - ctx.birth_year - MIN_AGE
        if years > max(most, 0):
            return reject("years_too_many", years=years, age=ctx.today.year - ctx.birth_year)
    if years > 70:
        return reject("years_too_many", years=years, age=0)
    return years
