"""Birth: an age ("im 58"), a birth date ("born 3/4/62"), or a date reckoned from a
birthday ("turned 62 in feb", "ill be 55 on dec 15")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dialogs.answers import Age, Ask, Birth, BirthDate, Day, Read, Reject, Unsure
from dialogs.reading.base import (
    HALF,
    MAX_AGE,
    MIN_AGE,
    PLAN_NAMES,
    SPACED_MONTH_DAY,
    ReadContext,
    ask,
    has,
    prepare,
    reject,
    without_halves,
)
from dialogs.reading.dates import M, find_dates, month_number, month_said_apart
from dialogs.reading.text import UNSURE, clauses, has_words_number

FAMOUS_YEARS = {
    "moon landing": 1969,
    "woodstock": 1969,
    "jfk was shot": 1963,
    "kennedy was shot": 1963,
    "kennedy got shot": 1963,
    "jfk got shot": 1963,
    "kennedy was killed": 1963,
    "the bicentennial": 1976,
}
# Other people's ages in the same message are not the person's.
OTHERS = r"\b(wife|husband|spouse|partner|hubby|wifey|gf|bf|son|daughter|kids?|mom|dad|she|he)\b"
# The person's age now: "im 58", "57 yrs old", "54 y/o". Ages at another time ("at 55",
# "was 56 then", "retire at 60") and years of service ("27 yrs w the city") do not match.
AGE_NOW = [
    # ("at age 55", "by age 60": an age at another time)
    r"(?<!at )(?<!by )\b(?:i'?m|im|i am|age|aged|now|currently)[: ]+(\d{1,3})(?:\.\d)?\b"
    r"(?! ?(?:k\b|%|percent|pct|"
    r"(?:yrs?|years?) (?:w|with|at|for|of(?! age))\b))",
    r"\b(\d{1,3}) ?(?:years?|yrs?|y) ?(?:old|young|of age)\b",
    r"\b(\d{1,3}) ?(?:yo|y/o|y\.o\.?)(?=\W|$)",
    r"\b(\d{2,3}) (?:on|as of|at) my last (?:birthday|bday|b-day)\b",  # "62 on my last birthday"
    r"(?:^|, )(\d{2}) ?[mf]\b(?!\w)",  # "58M, left job 2 months ago"
    r"(?:^|, )(\d{2}) (?:now|currently|today)\b",  # "left in march, 56 now"
    r"^(\d{2}) going on \d{2}\b",  # "57 going on 58"
    # "my age is 57", "I am having 58 years", "I have 57 years", "57 años"
    r"\bmy age (?:is|:)? ?(\d{2,3})\b",
    r"\bi (?:am having|have|got|'?m having) (\d{2,3}) (?:years?|yrs?)\b"
    r"(?! (?:at|with|in|of|on|as)\b)",
    r"\b(\d{2,3}) (?:años|anos|ans|jahre)\b",
    r"^i have (\d{2})$",  # "i have 61": an age, as some languages say it
    r"\b(?:we'?re|we are|are|i) both (\d{2,3})\b",  # "me and my wife are both 58"
    r"(?:^|, |\b)me:? (\d{2})\b(?! ?(?:k\b|%|percent|years?|yrs?))",  # "me 57 my wife 62"
]
BIRTH_MARK = (
    r"\b(?:born|dob|d\.o\.b\.?|date of birth|b\.|birthdate|birth date)[: ]*(?:on |in |was |is )?"
)
TURNING = (
    r"\b(?P<verb>just turned|turned|turning|turn|i'?ll be|will be|gonna be|had my|celebrated my)"
    r" (?P<age>\d{2,3})(?:st|nd|rd|th)?\b(?P<rest>[^,;]*)"
)
ORDINAL_BIRTHDAY = r"\b(?P<age>\d{2,3})(?:st|nd|rd|th) (?:birthday|bday|b-day)\b(?P<rest>[^,;]*)"
AGE_WHEN = (
    r"^(?P<age>\d{2,3})(?: ?(?:years?|yrs?) old)?\b"
    r"(?P<rest> (?:next|this|in|on|today|tomorrow|come)\b.*)"
)
AGE_ALMOST = r"\b(?:almost|nearly|about to (?:be|turn)|soon to be|going on) (\d{2})\b"
AGE_ABOUT = r"\b(?:i'?m|im|i am) (?:about|around|roughly|approximately) (\d{2})\b"
AGE_WITH_HALF = r"\b(\d)" + HALF  # "59 1/2": only an age has halves
BDAY = (
    rf"^(?P<age>\d{{2,3}}),? (?:and )?(?:my |the )?(?:bday|birthday|b-day) (?P<verb>was|is|'s|"
    rf"is in|was in|in)"
    rf"(?: in)? {M}"
)
DECADE = (
    r"\b(?:(?:late|early|mid)[ -]?)?(?:19)?[2-9]0'?s\b|\bin my [2-9]0s\b"
    r"|\b(?:forties|fifties|sixties|seventies)\b"
)


def check_age(years: int) -> Age | Reject:
    if years < MIN_AGE:
        return reject("age_too_young", age=years)
    if years > MAX_AGE:
        return reject("age_too_old", age=years)
    return Age(years=years)


def check_born(born: BirthDate, ctx: ReadContext) -> BirthDate | Reject:
    today = ctx.today
    first = (born.year, born.month or 1, born.day or 1)
    if first > (today.year, today.month, today.day):
        return reject("birth_in_future", year=born.year)
    age = today.year - born.year
    if age > MAX_AGE:
        return reject("age_too_old", age=age)
    if age < MIN_AGE:
        return reject("age_too_young", age=age)
    return born


def _from_event(age: int, when: Day, ctx: ReadContext) -> Age | BirthDate | Reject:
    if not MIN_AGE <= age <= MAX_AGE:
        return check_age(age)
    return check_born(BirthDate(year=when.year - age, month=when.month, day=when.day), ctx)


PAST_BIRTHDAY = {"had my", "celebrated my"}  # "i had my 60th in september"


def _event(age: int, rest: str, past: bool, ctx: ReadContext) -> Read[Birth] | None:
    hits = [
        h
        for h in find_dates(rest, ctx.today, "past" if past else "future")
        if h.values or h.year_only_ok
    ]
    if not hits:
        return None
    hit = hits[0]
    if hit.year_only_ok and (not hit.values or hit.code == "date_season"):
        return _from_event(age, hit.year_only_ok[0], ctx)  # "turned 61 in the spring": 1965
    if len(hit.values) > 1:
        return ask("date_day_or_year", [_from_event(age, v, ctx) for v in hit.values])
    return _from_event(age, hit.values[0], ctx)


def _turning(text: str, ctx: ReadContext) -> Read[Birth] | None:
    for part in clauses(text):
        if m := re.search(TURNING, part):
            past = "turned" in m["verb"] or m["verb"] in PAST_BIRTHDAY
            # the date after the age, or before the verb ("next month i turn 60")
            found = _event(int(m["age"]), m["rest"], past, ctx) or _event(
                int(m["age"]), part[: m.start()], past, ctx
            )
            if found is not None:
                return found
            if m["verb"] in {"just turned", "turned", "turning", *PAST_BIRTHDAY} and not has(
                r"\bwhen (?:i'?m )?$", part[: m.start()]
            ):
                age = int(m["age"]) - (0 if past else 1)  # "turning 55": 54 now
                return check_age(age)
        if m := re.search(AGE_WHEN, part):
            if re.fullmatch(rf" in {M}\.?", m["rest"]):
                # "63 in march": turning 63 this coming march, or 63 since last march?
                age, month = int(m["age"]), month_number(m["rest"].split()[1])
                ahead, back = _event(age, m["rest"], False, ctx), _event(age, m["rest"], True, ctx)
                options = [o for o in (ahead, back) if isinstance(o, BirthDate)]
                if len(options) == 2 and options[0] != options[1]:
                    return ask("birth_several", list(options))
            found = _event(int(m["age"]), m["rest"], False, ctx)
            if found is not None:
                return found
    if m := re.search(ORDINAL_BIRTHDAY, text):  # "my 62nd birthday was in june"
        found = _event(int(m["age"]), m["rest"], "was" in m["rest"] or "had" in m["rest"], ctx)
        if found is not None:
            return found
    if m := re.search(BDAY, text):
        age, month = int(m["age"]), month_number(m[3])
        today = ctx.today
        passed = "was" in m["verb"] or month < today.month
        if month == today.month and "was" not in m["verb"]:
            return ask("birthday_passed_unclear", [BirthDate(year=today.year - age, month=month)])
        year = today.year - age - (0 if passed else 1)
        return check_born(BirthDate(year=year, month=month), ctx)
    return None


_RIGHT_AFTER = r"[,; ]*(?:in |on |around |about |the )?"


# Times said from today: when something happened, never a birth date unless "born" says so.
NEAR_TODAY = (
    r"\b(?:this|last|next|past|coming) (?:year|yr|month|week)\b|\bago\b|\bfrom now\b"
    r"|\btoday\b|\byesterday\b|\btomorrow\b"
)


def _born(text: str, ctx: ReadContext, whole: bool) -> BirthDate | Reject | Ask | MonthOnly | None:
    """A stated birth date: after 'born'/'dob', or (a whole answer) any date."""
    for name, year in FAMOUS_YEARS.items():
        if name in text:
            return check_born(BirthDate(year=year), ctx)
    spans = [m.end() for m in re.finditer(BIRTH_MARK, text)]
    if not spans and not whole:
        return None
    if spans:
        rest = text[spans[-1] :]
        rest = re.split(r"\band\b", (clauses(rest) or [""])[0])[0]
        if m := re.fullmatch(r"'?(\d{2})\b(?: lol| i think| or so)?", rest.strip()):
            return check_born(BirthDate(year=1900 + int(m[1])), ctx)
    else:
        rest = text
    hits = find_dates(rest, ctx.today, "birth")
    if not spans and not has(r"\bb(?:irth)?day\b|\bbday\b|\bturn", text):
        # "they just added it this year": a time near today is no birth date
        hits = [h for h in hits if not has(NEAR_TODAY, rest[h.start : h.end])]
    # "born in 1969, in april", "dob 1969, april 3rd", "1969 april 5": the date runs on
    # past its clause; a month said right after the year is its month (never a month of
    # another clause: "born 1966, retiring in june")
    whole_rest = text[spans[-1] :] if spans else text
    longer = find_dates(whole_rest, ctx.today, "birth")
    if longer and hits and longer[0].start == hits[0].start and longer[0].end > hits[0].end:
        hits, rest = longer, whole_rest
    later = [
        (h, whole_rest)
        for h in longer[1:2]
        if re.fullmatch(_RIGHT_AFTER, whole_rest[longer[0].end : h.start])
    ]
    if not hits:
        return None
    hit = hits[0]
    if hit.year_only_ok and (not hit.values or hit.code == "date_season"):
        # "born in the summer of 1966": the year is what was said, and enough
        return check_born(BirthDate(year=hit.year_only_ok[0].year), ctx)
    if hit.code == "date_part_of_year":  # "late 1965": the year, no month made up
        return check_born(BirthDate(year=hit.values[0].year), ctx)
    if not hit.values:
        return ask(hit.code or "birth_unreadable")
    if len(hit.values) > 1:
        options = [
            BirthDate(year=v.year, month=v.month, day=v.day)
            for v in hit.values
            if ctx.today.year - MAX_AGE <= v.year <= ctx.today.year - MIN_AGE
        ]
        code = "birth_several" if hit.code == "date_several" else "birth_year_missing"
        return ask(code, list(options))
    value = month_said_apart(hit.values[0], later)
    if value.month is not None and not re.search(r"\d{4}|'?\d{2}\b", rest[hit.start : hit.end]):
        return MonthOnly(month=value.month, day=value.day)  # "born in april": no year
    return check_born(BirthDate(year=value.year, month=value.month, day=value.day), ctx)


@dataclass(frozen=True)
class MonthOnly:
    """A birthday without a year: with an age it gives the birth date."""

    month: int
    day: int | None

    def with_age(self, age: Age, ctx: ReadContext) -> BirthDate | Reject:
        passed = birthday_passed(self.month, self.day, ctx.today)
        year = ctx.today.year - age.years - (0 if passed else 1)
        return check_born(BirthDate(year=year, month=self.month, day=self.day), ctx)


def birthday_passed(month: int, day: int | None, today: date) -> bool:
    """Whether this year's birthday has come (a month without a day: from its first)."""
    return (month, day or 1) <= (today.month, today.day)


def age_today(born: BirthDate, today: date) -> int | None:
    """The age a birth date gives today; None without its month (a year alone is two ages)."""
    if born.month is None:
        return None
    return today.year - born.year - (0 if birthday_passed(born.month, born.day, today) else 1)


def _age_now(text: str, whole: bool) -> Age | Reject | Ask | None:
    almost = (
        AGE_ALMOST
        if whole
        else rf"\b(?:i'?m|im|i am) {AGE_ALMOST[2:]}|{AGE_ALMOST}(?= ?(?:years? old|yo))"
    )
    if m := re.search(almost, text):
        return check_age(int(m[1]) - 1)  # "almost 60": 59
    if m := re.search(AGE_ABOUT, text):
        return ask("birth_unsure_age", [Age(years=int(m[1]))])
    for pattern in AGE_NOW:
        if m := re.search(pattern, text):
            return check_age(int(m[1]))
    return None


def _without_others(text: str) -> str:
    parts = clauses(text)
    # "wife and i both 60", "we're both 58": the person too; "my wife was born in 1962
    # and I was born in 1965": the person's part only
    mine = (
        r"\b(i'?m|im|i am)\b|\band (?:i|me) (?:are )?both\b|\b(?:we'?re|we are|are) both\b"
        r"|(?:^|\b)me:? \d{2}\b"
    )
    parts = [
        piece
        for part in parts
        # "my wife is 1964 im 1962": the person's own part starts at "i'm", "and i"
        for piece in (
            re.split(
                r"\band (?=i\b)|(?<=\d) (?=(?:i'?m|im|i am|me)\b)"
                r"|(?<=\d) (?=(?:and |but )?(?:my )?(?:wife|husband|hubby|spouse|partner)\b)",
                part,
            )
            if has(OTHERS, part)
            else [part]
        )
    ]
    kept = [p for p in parts if not has(OTHERS, p) or has(mine, p)]
    return ", ".join(kept)


# An age said against someone else's: "my wife is 60 and i'm two years older than her".
THAN_SPOUSE = r"\b(?:i'?m|im|i am) (\d{1,2}) (?:years?|yrs?) (older|younger)\b"
SPOUSE_AGE = (
    r"\b(?:wife|husband|spouse|partner|hubby|she|he)(?:'s| is|'s going to be)? (\d{2})\b"
    r"(?! (?:years?|yrs?) (?:older|younger))"
)


def _older_or_younger(text: str) -> Age | Reject | Ask | None:
    m = re.search(THAN_SPOUSE, text)
    if m is None:
        return None
    other = re.search(SPOUSE_AGE, text)
    if other is None:
        return ask("birth_unreadable")  # older than whom?
    years = int(other[1]) + (1 if m[2] == "older" else -1) * int(m[1])
    return check_age(years)


# Another event's date beside the birth: "retired from the city in 2022 at age 55, i'm 59"
OTHER_EVENT = (
    r"\b(?:retired|left|quit|started|hired|joined|moved|came(?! along| into)|immigrated|married"
    r"|graduated"
    r"|laid off|divorced|widowed)\b"
)


def _without_events(text: str) -> str:
    """The text without the clauses about another event, unless they say "born": "started
    at this company in 1988" says no birth year at all."""
    kept = [c for c in clauses(text) if has(BIRTH_MARK, c) or not has(OTHER_EVENT, c)]
    return ", ".join(kept)


AGE_THEN = (
    r"\b(?:(?:ever )?since|when|after|before|until|till|til) (?:i was|i turned|i'?d turned) \d{2}\b"
    r"|\bi was \d{2}\b(?! (?:years? old )?(?:now|today))"
    r"|\b(?:enlisted|married|graduated|started|joined|hired|moved|divorced|widowed)\b[^,;.]*?"
    r"\b(?:at|at age) \d{2}\b"
)
# An age at an event's year: "I was 22 when I started here in 1990" (born 1967 or 1968)
AGE_AT_A_YEAR = r"\b(?:i was|i'?d just turned|was) (\d{2})\b(?![\d%])[^.;]*?\b((?:19|20)\d{2})\b"


def _age_at_a_year(text: str, ctx: ReadContext) -> Ask | None:
    m = re.search(AGE_AT_A_YEAR, text)
    if m is None or has(BIRTH_MARK, text):
        return None
    year = int(m[2]) - int(m[1])
    options = [check_born(BirthDate(year=y), ctx) for y in (year - 1, year)]
    return ask("birth_which", [o for o in options if isinstance(o, BirthDate)])


YEAR_THEN_MONTH = (
    rf"\b((?:19|20)\d{{2}})(?: year)?,?(?: i think| maybe| probably)?,? (?:(?:in |of |month of "
    rf"|the month of ){M}|{M})"
    r"(?: (?:the )?(\d{1,2})(?:st|nd|rd|th)?)?(?![\d/])"
)


# Among other facts, only a month right after the year, in a part of its own:
# "1968, august." ("born 1966, in august i retired" is not it)
YEAR_THEN_MONTH_ALONE = (
    rf"\b((?:19|20)\d{{2}}),? (){M}(?: (?:the )?(\d{{1,2}})(?:st|nd|rd|th)?)?(?=[.,;!]|$)"
)


def _month_first(m: re.Match[str]) -> str:
    month = m[2] or m[3]
    return f"{month} {m[4]}, {m[1]}" if m[4] else f"{month} {m[1]}"


# Two birth years, one in doubt: "1970 or 71", "1960 i think maybe 61" (not "55 years old")
TWO_YEARS = (
    r"\b(19\d{2})\b[^\d]{0,15}\b(?:or(?: was it| is it| maybe)?|maybe|possibly) '?(19\d{2}|\d{2})\b"
    r"(?! ?(?:years?|yrs?|yo)\b)"
)


def find_birth(text: str, ctx: ReadContext, whole: bool) -> Read[Birth] | None:
    """The person's age or birth date in `text` (already prepared), or None.
    `whole`: the text answers the birth question, so a bare date or number counts."""
    text = without_halves(text)
    # "1970, march 15th", "nineteen sixty eight, august.": the year said before the month
    text = re.sub(YEAR_THEN_MONTH if whole else YEAR_THEN_MONTH_ALONE, _month_first, text)
    if (relative := _older_or_younger(text)) is not None:
        return relative  # "my wife is 60 and i'm two years older"
    said = text  # all of it, someone else's words too (a bare number beside pay is money)
    text = _without_others(text)
    if not text:
        return None
    if has(r"\d{2}\? ?\d{2}\?", text) or has(r"\b\d{2} or \d{2}\b(?! ?(?:years?|yrs?)\b)", text):
        return ask("birth_unsure_age")
    if has(r"\b(?:i'?m|im|i am) (?:about |around )?\d{2}\W*(?:ish|something|plus)\b", text):
        return ask("birth_decade")  # "i'm sixty-ish, retired": roughly, among other facts
    if whole and has(BOUND, text) and len(re.findall(r"\d+", text)) == 1:
        return ask("birth_decade")  # "still under 59", "sixty something": a bound is no age
    if (at_a_year := _age_at_a_year(text, ctx)) is not None:
        return at_a_year
    # an age at another time is no age now: "been preaching since I was 25", "when i was 30"
    text = re.sub(AGE_THEN, " ", text)
    # "1970 or 71", "1960 i think maybe 61"
    if m := re.search(TWO_YEARS, text):
        years = [int(m[1]), int(m[2]) if len(m[2]) == 4 else int(m[1][:2] + m[2])]
        options = [check_born(BirthDate(year=y), ctx) for y in years]
        return ask("birth_which", [o for o in options if isinstance(o, BirthDate)])
    if has(DECADE, text) and not has(r"\d{3,4}", re.sub(DECADE, " ", text)):
        return ask("birth_decade")  # "1960s", "early 60s": a decade is not a year
    turning = _turning(text, ctx)
    age = _age_now(text, whole)
    now = age
    if now is None and (m := re.match(r"(\d{2}),", text)):
        now = check_age(int(m[1]))  # "57, 58 in april": the first number is the age now
    if isinstance(turning, Ask) and isinstance(now, Age) and turning.candidates:
        # "I'm 60, 61 in March": the age now says which March
        fits = [
            c
            for c in turning.candidates
            if isinstance(c, BirthDate) and age_today(c, ctx.today) == now.years
        ]
        turning = fits[0] if len(fits) == 1 else turning
    born = (
        _born(_without_events(text), ctx, whole)
        if turning is None or has(BIRTH_MARK, text)
        else turning
    )
    if isinstance(born, MonthOnly):
        if isinstance(age, Age):
            return born.with_age(age, ctx)
        born = ask("birth_year_missing") if whole else None
    if isinstance(born, BirthDate) and isinstance(age, Age):
        computed = ctx.today.year - born.year
        if age.years not in {computed, computed - 1}:
            return ask(
                "birth_age_conflict", [age, born], age=age.years, year=born.year, implied=computed
            )
        return born
    if born is not None:
        return born
    if age is not None:
        return age
    if whole and (m := re.fullmatch(r"(\d{2,3}) ?(?:years?|yrs?)", text.strip())):
        return check_age(int(m[1]))  # "62 years": an age
    if whole and not _without_events(text):
        return None  # "started at this company in 1988": that year is no birth year
    if whole:
        return None if re.search(NOT_A_BIRTH_NUMBER, said) else _bare(text, ctx)
    return None


# A number in a list of facts is the person's age only where nothing makes it something
# else: a time ("at 62", "in 62", "june 62"), money ("$62", "62k", "make 62"), a count
# ("62 hours", "62 years with"), a plan ("403b"), a rule ("rule of 55").
_NOT_AGE_BEFORE = (
    r"(?:\b(?:at|by|until|till|til|in|since|of|before|after|from|to|when|turn|turning|over|"
    r"under|make|making|earn|earning|salary|paid|pay|gross|about|around|maybe|or|rule|age|"
    r"aged|was|were|had|have|got|for|last|next|and a|and|plus|minus|than|be)|[$/\-#~])"
)
_NOT_AGE_AFTER = (
    rf"(?:\s?(?:k|%|percent|grand|thousand|hundred|dollars?|bucks|hours?|hrs?|years?|yrs?|"
    rf"months?|weeks?|days?|rule|or|to|th|st|nd|rd|x|times|employees|people|kids?|cents?"
    rf"|on the dollar)\b|[/\-.:]\d|"
    rf"\s{M})"
)
_AGE_RANGE = (40, 89)  # the people who ask: a bare number outside this is not read as an age


def lone_age(text: str) -> Age | Reject | None:
    """'62 and single', 'yessir still working at the plant, 59', 'teacher 403b 62 retiring
    in june': one bare two-digit number in a list of facts (the caller knows the message
    gives other facts), and nothing says it is a time, money, a count or a plan."""
    text = _without_others(text)  # "my husband is 57": not the person's age
    candidates = []
    for m in re.finditer(r"(?<![\w$.,/'-])(\d{2})(?![\w%$'])", text):
        before, after = text[: m.start()].rstrip(), text[m.end() :]
        if re.search(_NOT_AGE_BEFORE + r"$", before) or re.match(_NOT_AGE_AFTER, after):
            continue
        candidates.append(int(m[1]))
    if len(candidates) != 1 or not _AGE_RANGE[0] <= candidates[0] <= _AGE_RANGE[1]:
        return None
    # a message of many figures: no guess (a date, a plan's name or the rule's 55 is none)
    figures = re.sub(
        rf"{PLAN_NAMES}|\brule of 55\b|\b\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\b", " ", text
    )
    if len(re.findall(r"\d+", figures)) > 3:
        return None
    return check_age(candidates[0])


def lone_birth_year(text: str, today: date) -> BirthDate | None:
    """'1964, 403b, retired': a year alone as one item of a list of facts (the caller knows
    the message gives others), one a person of the ages we serve was born in."""
    items = [p.strip() for p in re.split(r"[,;]|\.(?!\d)", text)]  # "single, 1970 baby"
    # "me 1971" beside the spouse's date: the person's own year, said as theirs
    items = [
        re.sub(r"^(?:and )?(?:me|mine|myself|for me)(?: is)?:? (?=19\d{2}$)", "", p) for p in items
    ]
    years = [
        (int(p.split()[0]), i)
        for i, p in enumerate(items)
        if re.fullmatch(r"19\d{2}(?: (?:baby|kid|model|born))?", p)
    ]
    if len(years) != 1 or not _AGE_RANGE[0] <= today.year - years[0][0] <= _AGE_RANGE[1]:
        return None
    year, i = years[0]
    # "nineteen sixty eight, august.": the month said as the next item
    after = items[i + 1] if i + 1 < len(items) else ""
    if m := re.fullmatch(M, after):
        return BirthDate(year=year, month=month_number(m[1]))
    return BirthDate(year=year)


NOT_A_BIRTH_NUMBER = (
    r"\d ?(?:%|percent|k\b|grand|dollars|bucks)|\$|\b(?:make|makes|making|earn|earns|salary|"
    r"paid|income|match|contribute|put in|per (?:hour|year|month)|an hour|a year)\b"
)


BOUND = (
    r"\b(?:over|under|north of|south of|older than|younger than|more than|less than|past(?= \d)"
    r"|close to|shy of|upwards of|at least)\b|\d\+|\b(?:19)?\d{2}\W*(?:something|plus|odd|ish)\b"
)


def _bare(text: str, ctx: ReadContext) -> Read[Birth] | None:
    """A whole answer that is only a number (with a little chat around it)."""
    numbers = re.findall(r"(?<![\d.])\d{1,4}(?![\d.])", text)
    if len(numbers) != 1:
        return None
    if re.search(r"\d ?(?:years?|yrs?|months?)\b(?! ?(?:old|young|of age))\s*\S", text):
        return None  # "20 years to retirement", "30 years at the company": not an age
    if has(BOUND, text):
        return ask("birth_decade")  # "over 55", "60 something": a bound is no age
    number = int(numbers[0])
    if re.search(rf"'{numbers[0]}\b", text):  # "'62"
        return check_born(BirthDate(year=1900 + number), ctx)
    if len(numbers[0]) == 4:
        return check_born(BirthDate(year=number), ctx)
    if len(numbers[0]) == 3 or number < 10:
        return check_age(number)
    options: list[Birth] = []
    if MIN_AGE <= number <= MAX_AGE:
        options.append(Age(years=number))
    born = check_born(BirthDate(year=1900 + number), ctx)
    if isinstance(born, BirthDate):
        options.append(born)
    if len(options) == 2:
        return ask("birth_age_or_year", options, number=number, year=1900 + number)
    if options:
        return options[0]
    return check_age(number)


def read_birth(text: str, ctx: ReadContext) -> Read[Birth | Unsure]:
    words = has_words_number(text.lower())
    if (m := re.search(AGE_WITH_HALF, text.lower())) and not has(BOUND, text.lower()):
        return check_age(int(m[1] + m[2]))
    prepared = prepare(text)
    if not prepared:
        return ask("birth_unreadable")
    said_alone = words and not has(rf"{AGE_WHEN}|{BOUND}", prepared)
    if said_alone and (m := re.fullmatch(r"(\d{2})(?: \D*)?", prepared)):
        return check_age(int(m[1]))  # "sixty one": an age, not 1961 ("64 next month": a date)
    # "11 22 65": a date typed with spaces (a keypad without a slash), month first; with
    # a full year prepare() has already written it with slashes
    prepared = re.sub(
        rf"(^|\bborn (?:on )?|\bdob:? ){SPACED_MONTH_DAY} (\d{{2}})$", r"\1\2/\3/\4", prepared
    )
    # "8-62": a month and a two-digit year with a dash, as "8/62"
    prepared = re.sub(r"^(1[0-2]|0?[1-9])-([3-9]\d)$", r"\1/\2", prepared)
    found = find_birth(prepared, ctx, whole=True)
    if found is not None:
        return found
    if UNSURE.search(prepared):
        return "unsure"
    return ask("birth_unreadable")
