"""Buttons as typed actions: each button's callback data decodes to the action it was made
for, also for buttons people still have on screen from earlier releases."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dialogs import actions
from dialogs.actions import (
    Action,
    Answer,
    Change,
    ChangeTo,
    CheckPlan,
    Keep,
    Menu,
    Offered,
    Picture,
    SkipName,
    WhatIf,
    Why,
    callback_data,
    choice_of,
    decode,
    encode,
)
from dialogs.form import QUESTIONS
from rules import Employment, PlanType, PublicSafety
from tests.dialogs.chat import Chat

EVERY_KIND: list[Action] = [
    Answer("employment", "separated"),
    Answer("birth_month", "unsure"),
    Why("separation"),
    Offered("separation", 1),
    Change("birth"),
    Change(),
    ChangeTo("employment", "staying"),
    ChangeTo("public_safety", "unsure"),
    Keep("employment"),
    Picture(),
    Menu("sum"),
    Menu("more"),
    WhatIf(date(2027, 1, 1)),
    WhatIf(date(2027, 1, 1), use=True),
    CheckPlan(2),
    CheckPlan(0, remove=True),
    SkipName(),
]


@pytest.mark.parametrize("action", EVERY_KIND, ids=repr)
def test_every_kind_of_button_round_trips(action: Action) -> None:
    assert decode(*encode(action)) == action


def test_every_question_option_fits_telegram() -> None:
    for question in QUESTIONS:
        for option in (*question.options, "why", "c3"):
            group, word = encode(decode(question.id, option) or Answer("", ""))
            assert len(callback_data(group, word).encode()) <= actions.MAX_BYTES
            # and the "Yes, change it" button a tap on it makes when it is an old one
            confirmed = ChangeTo(question.id, option)
            assert decode(*encode(confirmed)) == confirmed
            assert len(callback_data(*encode(confirmed)).encode()) <= actions.MAX_BYTES


# Callback data as the first release sent it (format 1): still on people's screens.
FORMAT_1 = {
    "topics:both": Answer("topics", "both"),
    "employment:why": Why("employment"),
    "separation:c0": Offered("separation", 0),
    "edit:birth": Change("birth"),
    "edit:list": Change(),
    "edit:picture": Picture(),
    "menu:restart": Menu("restart"),
    "whatif:2027-01": WhatIf(date(2027, 1, 1)),
    "whatif:u2031-12": WhatIf(date(2031, 12, 1), use=True),
    "plans:s2": CheckPlan(2),
    "plans:r0": CheckPlan(0, remove=True),
    "plan_name:skip": SkipName(),
    "change_to:employment-left": ChangeTo("employment", "left"),
    "keep:employment": Keep("employment"),
}


@pytest.mark.parametrize("data", FORMAT_1)
def test_buttons_from_earlier_releases_still_do_what_they_said(data: str) -> None:
    choice = choice_of(data)
    assert choice is not None
    assert decode(choice.question_id, choice.option_id) == FORMAT_1[data]


# Answer buttons sent before answers were the rules' own values (rules/facts.py): their
# option was the dialog's own id. Still on people's screens, still doing what they said.
BEFORE_RULES_VALUES = {
    "employment:leaving": Answer("employment", "planning_to_leave"),
    "employment:staying": Answer("employment", "employed"),
    "employment:left": Answer("employment", "separated"),
    "public_safety:gov": Answer("public_safety", "other"),
    "public_safety:fire": Answer("public_safety", "firefighter"),
    "public_safety:no": Answer("public_safety", "none"),
    "public_safety:unsure": Answer("public_safety", "unsure"),
    "filing:single": Answer("filing", "single"),
    "filing:mfj": Answer("filing", "married_joint"),
    "filing:mfs": Answer("filing", "married_separate"),
    "filing:hoh": Answer("filing", "head_of_household"),
    "plan_type:401k": Answer("plan_type", "401k"),
    "plan_type:457b": Answer("plan_type", "457b_governmental"),
    "plan_type:401a": Answer("plan_type", "401a"),
    "plan_type:ira": Answer("plan_type", "ira"),
    "rolled_ira:none": Answer("rolled_ira", "none"),
    "partial:no": Answer("partial", "no"),  # a yes/no question's "no" is not renamed
}


@pytest.mark.parametrize("data", BEFORE_RULES_VALUES)
def test_answer_buttons_sent_before_the_rules_values_still_answer(data: str) -> None:
    choice = choice_of(data)
    assert choice is not None
    assert decode(choice.question_id, choice.option_id) == BEFORE_RULES_VALUES[data]


def _press(chat: Chat, data: str) -> None:
    """A tap on a button carrying `data`, as Telegram sends it back."""
    choice = choice_of(data)
    assert choice is not None
    chat.send(choice)


def test_a_tap_on_old_buttons_answers_with_the_rules_values() -> None:
    """Questions as sent before, tapped: they answer as the new buttons do, and the
    conversation goes on in the same words."""
    old, new = Chat(), Chat()
    for chat in (old, new):
        chat.script("/start", "tap r55", "March 1972")
    for data, now in (
        ("plan_type:401k", "tap 401k"),
        ("employment:leaving", "tap planning_to_leave"),
        (None, "December 2026"),
        ("public_safety:gov", "tap other"),
    ):
        if data is None:
            old.script(now)
        else:
            _press(old, data)
        new.script(now)
        assert old.session.answers == new.session.answers
        assert [r.text for r in old.replies] == [r.text for r in new.replies]
    assert old.session.answers["employment"] is Employment.PLANNING_TO_LEAVE
    assert old.session.answers["public_safety"] is PublicSafety.OTHER
    gov = Chat()
    gov.script("/start", "tap r55", "March 1972")
    _press(gov, "plan_type:457b")
    assert gov.session.answers["plan_type"] is PlanType.GOV_457B


@pytest.mark.parametrize(
    "forged",
    ["", ":", "menu:", ":x", "menu:nothing", "whatif:2027-13", "whatif:soon", "plans:x1", "a:b:c"],
)
def test_data_we_never_made_is_refused(forged: str) -> None:
    assert choice_of(forged) is None


@given(st.text(max_size=80))
def test_any_callback_data_decodes_or_is_refused_without_raising(data: str) -> None:
    choice = choice_of(data)
    if choice is not None:
        assert decode(choice.question_id, choice.option_id) is not None
