"""What a button does, as a typed action, and the one place its callback data is made and
read back.

A button travels as two short words, `<group>:<option>` (Telegram allows 64 bytes):
"employment:left" answers a question, "whatif:u2027-01" takes a what-if's date. That is
format 1, the only one so far; every button ever sent is in it, so every button a person
still has on screen decodes to the action it was made for. A later format must start with
a digit and a colon ("2:…") and `decode` must keep reading format 1. Data we never made
decodes to None."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from dialogs.events import Choice, Option
from dialogs.migrations import renamed_option

FORMAT = 1
MAX_BYTES = 64  # Telegram's limit on callback data


@dataclass(frozen=True)
class Answer:
    """A form question's own button: one of its options, or "not sure"."""

    question: str
    option: str


@dataclass(frozen=True)
class ChangeTo:
    """ "Yes, change it": the change an earlier question's button asked for, confirmed."""

    question: str
    option: str


@dataclass(frozen=True)
class Keep:
    """ "No, keep it": an earlier question's button pressed by mistake; nothing changes."""

    question: str


@dataclass(frozen=True)
class Why:
    """ "Why do you ask?" under a question."""

    question: str


@dataclass(frozen=True)
class Offered:
    """One of the readings offered for an ambiguous answer ("March 2031 or 31 March?")."""

    question: str
    index: int


@dataclass(frozen=True)
class Change:
    """Change one answer ("✏️ Born"), or open the list of answers (`question` None)."""

    question: str | None = None


@dataclass(frozen=True)
class Picture:
    """The summary's picture of the dates, again."""


MenuItem = Literal["sum", "edit", "restart", "more"]


@dataclass(frozen=True)
class Menu:
    """After the results: summary, change an answer, start over, another plan."""

    item: MenuItem


@dataclass(frozen=True)
class WhatIf:
    """Try leaving in another month (`use` False), or make it the leaving date."""

    month: date  # its first day
    use: bool = False


@dataclass(frozen=True)
class CheckPlan:
    """Check an earlier plan again (`remove` False), or take it out."""

    index: int
    remove: bool = False


@dataclass(frozen=True)
class SkipName:
    """No name for the plan about to be checked."""


@dataclass(frozen=True)
class Remind:
    """ "🔔 Remind me" (`zone` None), or the time zone the reminders come in."""

    zone: str | None = None


@dataclass(frozen=True)
class CancelReminder:
    """Stop one kind of reminder ("rule_year", "leaving", ...), or "all"."""

    kind: str


Action = (
    Answer
    | ChangeTo
    | Keep
    | Why
    | Offered
    | Change
    | Picture
    | Menu
    | WhatIf
    | CheckPlan
    | SkipName
    | Remind
    | CancelReminder
)

# The group words of format 1 that are not question ids.
CHANGE, MENU, WHATIF, PLANS, NAMING = "edit", "menu", "whatif", "plans", "plan_name"
WHY, OFFERED, LIST, PICTURE, SKIP = "why", "c", "list", "picture", "skip"
CHANGE_TO, KEEP = "change_to", "keep"  # question id and option travel as "<question>-<option>"
REMIND = "remind"  # "remind:on", "remind:tz_pacific", "remind:x_leaving", "remind:x_all"
_MENU_ITEMS: tuple[MenuItem, ...] = ("sum", "edit", "restart", "more")
_MENUS: dict[str, Action] = {item: Menu(item) for item in _MENU_ITEMS}
_WORD = re.compile(r"[a-z0-9_]{1,30}")


def encode(action: Action) -> tuple[str, str]:
    """The (group, option) words of a button, format 1."""
    match action:
        case Answer(question, option):
            return question, option
        case ChangeTo(question, option):
            return CHANGE_TO, f"{question}-{option}"
        case Keep(question):
            return KEEP, question
        case Why(question):
            return question, WHY
        case Offered(question, index):
            return question, f"{OFFERED}{index}"
        case Change(None):
            return CHANGE, LIST
        case Change(question):
            return CHANGE, str(question)
        case Picture():
            return CHANGE, PICTURE
        case Menu(item):
            return MENU, item
        case WhatIf(month, use):
            return WHATIF, f"{'u' if use else ''}{month:%Y-%m}"
        case CheckPlan(index, remove):
            return PLANS, f"{'r' if remove else 's'}{index}"
        case SkipName():
            return NAMING, SKIP
        case Remind(None):
            return REMIND, "on"
        case Remind(zone):
            return REMIND, f"tz_{zone}"
        case CancelReminder(kind):
            return REMIND, f"x_{kind}"
    raise AssertionError(action)


def decode(group: str, option: str) -> Action | None:
    """The action a button stands for, or None for words we never made."""
    if not (_WORD.fullmatch(group) and re.fullmatch(r"[a-z0-9_-]{1,30}", option)):
        return None
    if group == CHANGE:
        fixed: dict[str, Action] = {LIST: Change(), PICTURE: Picture()}
        return fixed.get(option, Change(option))
    if group == MENU:
        return _MENUS.get(option)
    if group == WHATIF:
        found = re.fullmatch(r"(u?)(\d{4})-(\d{2})", option)
        if found is None or not 1 <= int(found[3]) <= 12:
            return None
        return WhatIf(date(int(found[2]), int(found[3]), 1), use=bool(found[1]))
    if group == PLANS:
        found = re.fullmatch(r"([sr])(\d)", option)
        return None if found is None else CheckPlan(int(found[2]), remove=found[1] == "r")
    if group == CHANGE_TO:
        question, separator, answer = option.partition("-")
        return ChangeTo(question, answer) if separator and question and answer else None
    if group == KEEP:
        return Keep(option)
    if group == NAMING:
        return SkipName() if option == SKIP else None
    if group == REMIND:
        if option == "on":
            return Remind()
        kind, _, rest = option.partition("_")
        if not rest:
            return None
        made: dict[str, Action] = {"tz": Remind(rest), "x": CancelReminder(rest)}
        return made.get(kind)
    if option == WHY:
        return Why(group)
    if re.fullmatch(rf"{OFFERED}\d", option):
        return Offered(group, int(option[len(OFFERED) :]))
    return Answer(group, renamed_option(group, option))  # a button sent before schema 4


def button(action: Action, label: str) -> Option:
    """A button that does `action`, with its label."""
    group, option = encode(action)
    return Option(id=option, label=label, question_id=group)


def callback_data(group: str, option: str) -> str:
    """A button's callback data. Ids that would not fit are a bug in the dialog, refused
    loudly here rather than papered over."""
    data = f"{group}:{option}"
    if ":" in group or ":" in option or len(data.encode()) > MAX_BYTES:
        raise ValueError(f"button ids do not fit Telegram's callback data: {data[:80]!r}")
    return data


def choice_of(data: str) -> Choice | None:
    """The press a button's callback data stands for, or None for data we never made."""
    group, separator, option = data.partition(":")
    if not separator or not group or decode(group, option) is None:
        return None
    return Choice(question_id=group, option_id=option)
