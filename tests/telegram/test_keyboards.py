"""Callback data: compact, one question per button, parsed back exactly."""

from __future__ import annotations

import json

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.keyboards import keyboard, rows
from bot.shell import event_from_text, split_html
from dialogs import Choice, Command, Option, Reply, Text
from dialogs.actions import callback_data, choice_of
from tests.telegram.telegram_html import check_message_html


def test_round_trip() -> None:
    data = callback_data("topic", "both")
    assert data == "topic:both"
    assert choice_of(data) == Choice(question_id="topic", option_id="both")


def test_ids_that_would_not_fit_are_a_dialog_bug() -> None:
    for question, option in (("q" * 60, "option"), ("a:b", "c"), ("é" * 32, "x")):
        with pytest.raises(ValueError):
            callback_data(question, option)


def test_forged_data_is_refused() -> None:
    for forged in ("", "nonsense", "a:", "a:b:1", "a:b:1:2", ":"):
        assert choice_of(forged) is None, forged


def test_each_button_carries_its_own_question() -> None:
    reply = Reply(
        text="March 1971 ✔︎\n\nAre you leaving your job?",
        options=[
            Option(id="yes", label="Yes"),
            Option(id="birth", label="Change", question_id="edit"),
        ],
        question_id="employment",
    )
    markup = keyboard(reply)
    assert markup is not None
    data = [b["callback_data"] for row in markup["inline_keyboard"] for b in row]
    assert data == ["employment:yes", "edit:birth"]
    assert [choice_of(str(d)) for d in data] == [
        Choice(question_id="employment", option_id="yes"),
        Choice(question_id="edit", option_id="birth"),
    ]


def test_keyboard_layout_and_share() -> None:
    assert rows(["Rule of 55", "Mega backdoor Roth", "Both"]) == [[0, 1], [2]]
    assert rows(["No", "Yes", "Not sure"]) == [[0, 1, 2]]
    reply = Reply(
        text="x",
        options=[Option(id="y", label="Yes"), Option(id="n", label="No")],
        question_id="q",
        shareable=True,
    )
    markup = keyboard(reply)
    assert markup == {
        "inline_keyboard": [
            [{"text": "Yes", "callback_data": "q:y"}, {"text": "No", "callback_data": "q:n"}],
            [{"text": "📤 Share", "switch_inline_query": ""}],
        ]
    }
    assert keyboard(Reply(text="x")) is None


def test_the_keyboard_is_what_ptb_would_send_for_the_same_buttons() -> None:
    reply = Reply(
        text="x",
        options=[
            Option(id="y", label="Yes & <more>"),
            Option(id="birth", label="Change", question_id="edit"),
        ],
        question_id="q",
        shareable=True,
    )
    ptb = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Yes & <more>", callback_data="q:y"),
                InlineKeyboardButton("Change", callback_data="edit:birth"),
            ],
            [InlineKeyboardButton("📤 Share", switch_inline_query="")],
        ]
    )
    assert json.dumps(keyboard(reply)) == json.dumps(ptb.to_dict())


def test_commands_and_deep_links() -> None:
    assert event_from_text("/start") == Command(name="start")
    assert event_from_text("/start from_group") == Command(name="start", argument="from_group")
    assert event_from_text("/Summary@retirement_check_bot") == Command(name="summary")
    assert event_from_text("feb 72") == Text(text="feb 72")
    assert event_from_text("/ not a command") == Text(text="/ not a command")


def test_overlong_replies_are_split_into_valid_messages() -> None:
    paragraph = "<b>Verdict</b> " + "word " * 300
    chunks = split_html("\n\n".join([paragraph] * 6))
    assert len(chunks) > 1
    for chunk in chunks:
        check_message_html(chunk)
    for chunk in split_html("<i>" + "x" * 9000 + "</i>"):
        check_message_html(chunk)
