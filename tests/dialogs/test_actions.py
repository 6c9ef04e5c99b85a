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
    CheckPlan,
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

EVERY_KIND: list[Action] = [
    Answer("employment", "left"),
    Answer("birth_month", "unsure"),
    Why("separation"),
    Offered("separation", 1),
    Change("birth"),
    Change(),
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
}


@pytest.mark.parametrize("data", FORMAT_1)
def test_buttons_from_earlier_releases_still_do_what_they_said(data: str) -> None:
    choice = choice_of(data)
    assert choice is not None
    assert decode(choice.question_id, choice.option_id) == FORMAT_1[data]


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
