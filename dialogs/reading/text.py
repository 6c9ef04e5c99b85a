"""Shared text helpers: cleaning, self-corrections, clauses, numbers in words."""

from __future__ import annotations

import re

from dialogs.reading.words import load

MAX_LENGTH = 400  # longer messages are cut: nobody answers one question in an essay

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "`": "'", "–": "-", "—": "-"})

# "born 1880 lol jk, 1962", "no, wait, yes", "yes... actually no", "no, sorry, I mean yes",
# "so now it's september": what comes after takes back what came before.
_MONTH = "|".join(load("calendar")["months"])
# Words that only take something back when a value follows them: "16 sorry 61", "aug...
# no sorry october", "no, yes, i mean yes", "quit in may no it was june".
_VALUE_AHEAD = r"(?=[\s,]+(?:(?:" + _MONTH + r"|yes|yeah|yep|no|nope|nah)\b|\d))"
_CORRECTION = re.compile(
    r"\b(?:jk|j/k|just kidding|wait,? no|no wait|wait|(?:(?<![a-z] )|(?<=well ))actually"
    r"|scratch that|correction|"
    r"hold on|hang on|"
    r"(?:sorry|oops|no|my bad),? i mean|sorry i meant|i meant|"
    r"(?:i mean|(?:sorry,? )?meant|actually(?: an?)?"
    r"|(?:no,? )?sorry(?:,? (?:fat fingers?|typo|wrong key|my bad|lol))?|oops|typo"
    r"|no,? it was|no,? it'?s|no,? make (?:that|it))"
    rf"{_VALUE_AHEAD}|"
    rf"(?:so |but )?now it'?s(?: looking like| going to be| gonna be)?(?= (?:{_MONTH}|\d)))\b"
    r"[\s,.!:;-]*"
)

# A message that puts an earlier answer right while another question waits ("actually I
# leave in march, not june", "oh wait, it's a 403b", "I typed the wrong year, 1967"): only
# then does it change answers already given (dialogs/engine.py).
PUTS_RIGHT = re.compile(
    r"\b(?:actually|wait|sorry|oops|my bad|correction|i meant|meant to say|mistake|typo"
    r"|wrong|scratch that|instead|change)\b|\bnot (?:in )?(?:\d|(?:" + _MONTH + r")\b)"
)

_NO_THEN_FIGURE = re.compile(
    r"(?<=[a-z%\d] )(?<!wait )(?<!oh )no,? (?=\d{1,3}(?:\.\d+)?(?: ?(?:%|percent|k))?\W*$)"
)

# Declining to answer in other words: "none of your business" is no $0, nor a no.
DECLINING = (
    r"none of your (?:business|concern)|not your (?:business|concern)"
    r"|(?:that'?s |it'?s |^)(?:private|personal)$|not telling"
    r"|(?:i )?(?:don'?t|do not|won'?t|will not|rather not) (?:want to |wanna )?"
    r"(?:say|tell|share|answer|disclose|give (?:that|it|this) out|give out)"
    r"|no comment|pass on that|not comfortable (?:sharing|saying|giving|telling)"
    r"|not (?:gonna|going to) (?:say|tell|share)|not saying|not telling"
    r"|not (?:allowed|supposed) to (?:say|tell|share)|keep (?:that|it|this) (?:private|to myself)"
)
UNSURE_WORDS = (
    r"not (?:really |quite |totally |entirely |100% )?sure|unsure|idk|i don'?t know|dont know|"
    r"don'?t know|dunno|no idea|no clue|not a clue|haven'?t (?:a|the foggiest) (?:clue|idea)|"
    r"no way (?:to|of) know(?:ing)?|no telling|"
    r"not certain|can'?t remember|cant remember|don'?t remember|who knows|beats me|"
    r"i'?ll have to check|have to check|need to check|not yet sure|🤷|(?:i )?do not know|"
    r"(?:have|need|got) to (?:look (?:it|that|this) up|call|ask|find out)|"
    r"gotta (?:look (?:it|that|this) up|call|ask|find out|check)|"
    r"no (?:earthly|real|good|clear) idea|haven'?t (?:the )?foggiest|"
    r"ask me (?:again )?(?:next year|later|in a (?:few months|year|while))|"
    r"waiting (?:to hear|on|for) (?:back|them|hr|an answer)|haven'?t heard back|"
    r"(?:hr|they|nobody|no one|no1)(?: has)? never (?:told|said)|never been told|"
    r"(?:i )?(?:couldn'?t|could not|can'?t|cannot) (?:tell you|say)|"
    # declining to answer: asked about again later, never read as a no
    r"(?:i'?d |id |i would )?(?:rather|prefer(?: to)?) not(?: to)?(?: say| tell| answer| share)?|"
    + DECLINING
)
UNSURE = re.compile(rf"(?:^|\b)(?:{UNSURE_WORDS})(?:\b|$)")
# A message that opens with "I don't know" and then neither gives a figure nor leans a
# way ("..., probably yes", "... but i doubt it", "... if i'll retire") is a "not sure",
# whatever a word inside it could mean on its own ("no idea" is not a "no", nor $0).
_FILLER = r"honestly|um+|uh+|well|oh|lol|haha|i'?m|im|i am"
_LEANS = (
    r"\d|\b(?:but|yet|if|whether|probably|prob|prolly|think|doubt|guess|maybe|likely|leaning"
    r"|believe|yes|yeah|no|not|though)\b"
)
DONT_KNOW = re.compile(rf"^(?:(?:{_FILLER})\W+)*(?:{UNSURE_WORDS})\b(?!.*(?:{_LEANS}))")


_NUMBERS = load("numbers")
_UNITS: dict[str, int] = _NUMBERS["units"]
_TENS: dict[str, int] = _NUMBERS["tens"]
_SCALES: dict[str, int] = _NUMBERS["scales"]
_NUMBER_WORD = "|".join([*_UNITS, *_TENS, *_SCALES])
_NUMBER_RUN = re.compile(
    rf"\b(?:a |an )?(?:{_NUMBER_WORD})(?:(?:[ -]|,? and )(?:{_NUMBER_WORD}))*\b"
)


def clean(text: str) -> str:
    """Lower case, plain quotes, single spaces; trailing punctuation dropped."""
    text = text[:MAX_LENGTH].translate(_QUOTES).lower()
    text = re.sub(r"\s+", " ", text).strip()
    # an aside in brackets is a clause of its own: "61 (62 in march)", "59 (sorry, 58)";
    # a plan's letter stays: "401(k)"
    text = re.sub(r"\s*\((?!\d+\))([^()]{2,})\)", r", \1,", text)
    return re.sub(r"[\s!?.,;]+$", "", text)


_YES_NO = r"yes|yeah|yep|yup|no|nope|nah"
# What a correction puts right, by kind: the last of its kind before it is what is
# taken back ("retire in march, no wait, april": march; "no, sorry, I mean yes": no).
_VALUE_KINDS = [
    rf"\b(?:{_MONTH})\b\.?",
    r"'?\b\d[\d,.]*(?:%|(?:k|st|nd|rd|th)?\b)",
    rf"\b(?:{_YES_NO})\b",
]
# "june no july", "58 no 59", "403b no 401k": a value, "no", another of its kind
_PLAN_NAME = r"\b(?:401 ?\(?[ak]\)?|403 ?\(?b\)?|457 ?\(?b?\)?|tsp)(?!\w)"
_NO_BETWEEN = [
    re.compile(rf"({kind})[,.?]? no,? (?={kind})") for kind in (*_VALUE_KINDS[:2], _PLAN_NAME)
] + [
    re.compile(r"\b\d[\d,.]* ?(?:percent|pct|grand|thousand)[,.]? no,? (?=\d)")
]  # "5 percent no 7"


# "twenty years at the company, no, twenty-two": a figure, a few words, "no" and another
# figure - the first is taken back
_NO_AFTER_WORDS = re.compile(r"\b\d[\d,.]*((?:%|k)?\b[^\d]{1,40}?)[,.;] no[,.]? (?=\d)")


def figure_taken_back(text: str) -> str:
    """The text without a figure that a later "no, <figure>" puts right (numbers as
    digits): "20 years at the company, no, 22" is "years at the company, 22"."""
    return _NO_AFTER_WORDS.sub(lambda m: f"{m[1].strip()}, ", text)


# Words after a value that say nothing of what it was of: "8% no actually 9", "58 lol jk"
_NOT_A_LABEL = frozenset(
    [
        "no",
        "nope",
        "nah",
        "yes",
        "yeah",
        "yep",
        "lol",
        "haha",
        "um",
        "uh",
        "oh",
        "ok",
        "okay",
        "sorry",
        "wait",
        "oops",
        "hmm",
        "i",
        "mean",
    ]
)


def last_correction(text: str) -> str:
    """What a self-correction leaves: the value taken back replaced by the one after
    ('retire in march, no wait, april' is 'retire in april'); with nothing of the same
    kind before it, the clause before it is dropped ('born 1880 lol jk, 1962')."""
    for pattern in _NO_BETWEEN:
        text = pattern.sub("", text)
    # "6 percent match no 5": a figure, "no", and a last bare figure put the first right
    text = re.sub(_NO_THEN_FIGURE, "sorry ", text) if re.search(r"\d\D+\bno\b", text) else text
    matches = list(_CORRECTION.finditer(text))
    if not matches:
        return text
    m = matches[-1]
    if "now" in m[0] and re.search(
        r"\bused to\b|\blast year\b|\bprevious(?:ly)?\b", text[: m.start()]
    ):
        return text  # "they used to match 5%, now it's 3%": then and now, not a slip
    after = text[m.end() :]
    if not re.search(r"[a-z0-9]", after):
        if re.search(r"\bwait,? no\W*$", m[0]) and re.search(r"\b(?:yes|yeah|yep|yup)\b", text):
            return "no"  # "yes... wait no": the no is the answer
        return text  # "today actually": nothing is taken back
    before = text[: m.start()].rstrip(" ,.;:!…")
    # "they match 4%, wait its 5": the words before the value put right are no value
    after = re.sub(r"^\s*(?:it'?s|its|it is|it was|make (?:it|that)) (?=\S)", "", after)
    for kind in _VALUE_KINDS:
        if re.match(kind, after.strip()):
            taken_back = list(re.finditer(kind, before))
            if taken_back:
                # a yes or no takes back every yes and no before it ("no, yes, i mean yes");
                # a date or figure only the last ("born may 5, no sorry 6")
                start = taken_back[0 if kind == _VALUE_KINDS[2] else -1].start()
                # "8% no actually 9": the 9 is a percent too, as the value it puts right
                said = before[start : taken_back[-1].end() + 1]
                unit = re.search(r"\d(%|k)$", said.rstrip())
                bare = re.match(r"\s*\d+(?:\.\d+)?(?![\d.%k])", after)
                if unit and bare:
                    after = after[: bare.end()] + unit[1] + after[bare.end() :]
                # "1967 june... sorry i mean august 1967": the year goes too, since a year
                # comes again after; "2026 may... actually april" keeps its year
                for other in (k for k in _VALUE_KINDS if k != kind and re.search(k, after)):
                    if same := re.search(rf"({other})[ ,]*$", before[:start]):
                        start = same.start()
                # "left september 2025, no wait, october": the year said with the month
                # taken back stays, when the correction gives none of its own
                rest = before[taken_back[-1].end() :]
                kept = [k for k in _VALUE_KINDS[:2] if k != kind and not re.search(k, after)]
                # "6% match, wait no it's 5", "1200 a month, sorry 1300": what the value
                # was of (a few words, no figure) goes with the value that puts it right
                words = rest.strip(" ,").split()
                label = 0 < len(words) <= 3 and all(
                    re.fullmatch(r"[a-z']+", w) and w not in _NOT_A_LABEL for w in words
                )
                if not label and not any(re.match(rf"[ ,]*{k}[ ,]*$", rest) for k in kept):
                    rest = ""
                return (before[:start] + after + rest).strip(" ,")
            break
    # the clause taken back goes: back to the last comma, semicolon or full stop before
    # the words that take it back ("the 30th, wait no, i mean jan 31")
    # ("no plans to leave. well actually im retiring in may": the sentence before "well")
    before = re.sub(
        r"(?:[\s,.]*\b(?:wait|no|hold on|hang on|um+|uh+|hmm+|oops|well|oh)\b)+[\s,.]*$", "", before
    )
    cut = max((m.start() for m in re.finditer(r"[,;]|\.(?=\s)", before)), default=-1)
    return (text[: cut + 1] + " " + after).strip(" ,")


# Where a message splits into clauses: a comma (not in "1,500" or "72,5k", nor before a
# year: "august, 1961"),
# a semicolon, a full stop (not in "7.5"), a question or exclamation mark, "but", a spaced
# dash, a new line.
CLAUSE_BREAK = re.compile(
    r";|,(?!(?<=\d,)\d{3}(?!\d))(?!(?<=\d,)\d{1,2}k\b)(?! ?'?\d{4}\b)"
    r"|\.(?!(?<=\d\.)\d)|[?!]+|\bbut\b|\s-\s|\n"
)
# "march 3, 24": the comma belongs to the date
DATE_COMMA = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?"
    r", '?\d{2}\b"
)


# A spouse named ("my wife's", "hubby"); "wife" matches "wife's" too.
SPOUSE_NOUNS = r"\b(?:wifes?|wives|husbands?|spouses?|partners?|hubbys?)\b"  # "husbands 56"
# ... or spoken of ("she has a 403b", "he makes 60", "hers is half of 6")
SPOUSE_SAID = rf"{SPOUSE_NOUNS}|\b(?:she|he|her|hers|his|him)\b"


def not_the_spouses(parts: list[str]) -> list[str]:
    """The clauses about the person, where others are about a spouse ("my wife puts in
    10%, I do 8", "mine is 5%, hers is 6"); all of them when every clause names the spouse."""
    mine = [p for p in parts if not re.search(SPOUSE_SAID, p)]
    return mine or parts


def only_the_spouses(text: str) -> bool:
    """Whether every clause is about a spouse, named in one of them ("my wife's last day is
    friday", "my wife and I both work there, she's leaving in may"): nothing of the person's."""
    parts = clauses(text)
    return (
        bool(parts)
        and all(re.search(SPOUSE_SAID, p) and not re.search(_TIED_TO_SPOUSE, p) for p in parts)
        and any(re.search(SPOUSE_NOUNS, p) for p in parts)
    )


# The person's own time, tied to the spouse's: "i'll leave when my wife retires in 2028"
_TIED_TO_SPOUSE = (
    rf"\b(?:when|once|after|before|as soon as|same \w+ as|(?:along )?with) (?:my |our )?"
    rf"(?:{SPOUSE_NOUNS})"
)


_AND_I = r"\band\b(?= (?:i|i'?m|im|i'?ll|i'?ve|me|my own|mine)\b)"


def without_the_spouses(text: str) -> str:
    """`text` with a spouse's clauses left out ("husband left in 2024, I'm going next
    year"); unchanged when no clause is the spouse's, or every one is."""
    # "my wife retired last june and i followed in september": "and" before "i" starts
    # the person's own part
    parts = [p.strip() for c in clauses(text) for p in re.split(_AND_I, c) if p.strip()]
    mine = not_the_spouses(parts)
    return ", ".join(mine) if mine != parts else text


def clauses(text: str) -> list[str]:
    """Parts of a message, split at CLAUSE_BREAK."""
    protected = [m.span() for m in DATE_COMMA.finditer(text)]
    parts, start = [], 0
    for m in CLAUSE_BREAK.finditer(text):
        if any(a < m.start() < b for a, b in protected):
            continue
        parts.append(text[start : m.start()])
        start = m.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p and p.strip()]


def _segments(words: list[str]) -> list[int]:
    """Numbers in words, split where a new number starts: 'nineteen sixty four' is
    [19, 64]; 'fifty two thousand five hundred' is [52500]."""
    values: list[int] = []
    total = current = 0
    last = ""  # "unit", "teen", "tens", "scale"
    started = False
    for word in words:
        if word in {"a", "an"}:
            word = "one"
        if word == "and":
            continue
        if word in _SCALES:
            scale = _SCALES[word]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
            last = "scale"
            started = True
            continue
        kind = "tens" if word in _TENS else ("teen" if _UNITS[word] >= 10 else "unit")
        value = _TENS.get(word, _UNITS.get(word, 0))
        fits = (
            not started
            or last == "scale"
            or (last == "tens" and kind == "unit" and current % 10 == 0 and value > 0)
        )
        if not fits:
            values.append(total + current)
            total = current = 0
        current += value
        last = kind
        started = True
    values.append(total + current)
    return values


def words_to_digits(text: str) -> str:
    """'sixty one' -> '61', 'nineteen sixty four' -> '1964', 'one twenty five' ->
    '125', 'a hundred and ten' -> '110'. A lone 'one' or 'a' stays a word."""

    def replace(m: re.Match[str]) -> str:
        words = [w for w in re.split(r"[ ,-]+", m[0]) if w]
        if len(words) == 1 and words[0] in _SCALES:
            return m[0]  # "85 thousand": the digits are already there
        if len(words) == 1 and words[0] in {"one", "oh"}:
            return m[0]
        if words[0] in {"a", "an"} and (len(words) == 1 or words[1] not in _SCALES):
            # "a two percent match": the article stays, the number after it is read
            article, _, rest = m[0].partition(" ")
            return f"{article} {words_to_digits(rest)}" if rest else m[0]
        parts = _segments(words)
        if len(parts) == 1:
            return str(parts[0])
        if all(p < 10 for p in parts):  # "one oh five": said digit by digit
            return "".join(str(p) for p in parts)
        if parts[0] in {19, 20} or (len(parts) == 2 and parts[0] < 10 <= parts[1] < 100):
            # "nineteen sixty four", "twenty twenty five": a year; "one twenty five": 125
            return str(parts[0]) + "".join(f"{p:02d}" for p in parts[1:])
        return " ".join(str(p) for p in parts)  # "sixty two five": not one number

    return _NUMBER_RUN.sub(replace, text)


def has_words_number(text: str) -> bool:
    return bool(_NUMBER_RUN.search(text))
