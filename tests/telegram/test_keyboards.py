"""Callback data: compact, parsed back exactly, and safe when it would not fit."""

from __future__ import annotations

from bot.keyboards import MAX_CALLBACK_BYTES, CallbackCodec, keyboard, rows
from bot.telegram_app import event_from_text, split_html
from dialogs import Choice, Command, Option, Reply, Text
from tests.telegram.telegram_html import check_message_html


def test_round_trip() -> None:
    codec = CallbackCodec()
    data = codec.encode("topic", "both", 7)
    assert data == "topic:both:7"
    assert codec.decode(data) == Choice(question_id="topic", option_id="both", version=7)
    assert codec.decode(codec.encode("topic", "both", None)) == Choice(
        question_id="topic", option_id="both", version=None
    )


def test_too_long_or_ambiguous_ids_use_a_remembered_key() -> None:
    codec = CallbackCodec()
    for question, option in (("q" * 60, "option"), ("a:b", "c"), ("é" * 30, "x")):
        data = codec.encode(question, option, 123)
        assert len(data.encode()) <= MAX_CALLBACK_BYTES
        assert codec.decode(data) == Choice(question_id=question, option_id=option, version=123)
    assert CallbackCodec().decode(codec.encode("q" * 62, "o", 1)) is None  # after a restart


def test_forged_data_is_refused() -> None:
    codec = CallbackCodec()
    for forged in ("", "nonsense", "a:b", "a::1", "a:b:-1", "a:b:1:2", "a:b:x", "~unknown"):
        assert codec.decode(forged) is None, forged


def test_keyboard_layout_and_share() -> None:
    assert rows(["Rule of 55", "Mega backdoor Roth", "Both"]) == [[0, 1], [2]]
    assert rows(["No", "Yes", "Not sure"]) == [[0, 1, 2]]
    reply = Reply(
        text="x",
        options=[Option(id="y", label="Yes"), Option(id="n", label="No")],
        question_id="q",
        version=3,
        shareable=True,
    )
    markup = keyboard(reply, CallbackCodec())
    assert markup is not None
    buttons = [[b.to_dict() for b in row] for row in markup.inline_keyboard]
    assert buttons == [
        [{"text": "Yes", "callback_data": "q:y:3"}, {"text": "No", "callback_data": "q:n:3"}],
        [{"text": "📤 Share", "switch_inline_query": ""}],
    ]
    assert keyboard(Reply(text="x"), CallbackCodec()) is None


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
