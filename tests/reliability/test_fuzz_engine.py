"""The dialog engine under hostile input: whatever is typed, tapped or forged, in any order
and at any point of the conversation, `dialogs.step` answers without raising, every reply
is valid Telegram HTML of at most 4096 characters that never shows typed markup as
markup, and the session stays a valid document.

Sequences mix hostile events with plausible answers and real button presses, so the
hostile ones land deep in the form and after the results too. The number of events tried
is recorded as the test's `inputs` property (docs/reliability.md counts it)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogs import Choice, Event, Reply, Session, Text, step, summary
from tests.conftest import TODAY
from tests.reliability.hostile import (
    PLAUSIBLE,
    check_sent_html,
    check_session,
    examples,
    hostile_event,
)

# One planned action: a hostile event, or "do something sensible" (an index that picks a
# button on screen or a plausible typed answer when the plan is played).
action = st.one_of(hostile_event, st.integers(0, 10_000))


def sensible(session: Session, replies: list[Reply], pick: int) -> Event:
    buttons = [(r, o) for r in replies if r.question_id for o in r.options if o.id != "why"]
    if buttons and pick % 3:
        reply, option = buttons[pick % len(buttons)]
        assert reply.question_id is not None
        return Choice(question_id=option.question_id or reply.question_id, option_id=option.id)
    return Text(text=PLAUSIBLE[pick % len(PLAUSIBLE)])


def play(plan: list[Event | int], count: Callable[[], None]) -> None:
    session = Session()
    replies: list[Reply] = []
    for item in plan:
        event = sensible(session, replies, item) if isinstance(item, int) else item
        before = session
        session, replies = step(session, event, TODAY)
        count()
        assert session.version == before.version + 1
        assert replies, f"no reply to {event!r}"
        for reply in replies:
            if reply.text or reply.timeline is None:
                check_sent_html(reply.text)
            elif reply.caption is not None:  # the picture alone: its caption is the message
                check_sent_html(reply.caption)
            for option in reply.options:
                assert option.label.strip() and "<" not in option.label
        check_session(session)
        shared = summary(session, TODAY)
        if shared is not None:
            check_sent_html(shared)


def test_hostile_events_anywhere_in_the_conversation(
    record_property: Callable[[str, object], None],
) -> None:
    tried = 0

    def count() -> None:
        nonlocal tried
        tried += 1

    @settings(
        max_examples=examples(1000),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(plan=st.lists(action, min_size=1, max_size=25))
    def run(plan: list[Event | int]) -> None:
        play(plan, count)

    run()
    record_property("inputs", tried)
    assert tried >= examples(1000)


# A plausible typed answer to the questions that have no answer buttons.
TYPED = {
    "birth": "March 1971",
    "separation": "end of december",
    "birth_month": "March",
    "service_years": "26",
    "pay": "180k",
    "own": "max",
    "employer": "4% match",
    "withdrawal": "40k",
    "other_income": "none",
}


@pytest.mark.parametrize(
    "text",
    ["x" * 10_000, "", " \u200b ", "<script>alert(1)</script>" * 300, "&amp;" * 2000],
    ids=["10000 chars", "empty", "zero-width only", "script x300", "entities x2000"],
)
def test_extreme_texts_on_every_question(text: str) -> None:
    """The same text as the answer to each question in turn: re-asked, never a crash;
    then a sensible answer moves on, until the results."""
    session, replies = step(Session(), Text(text="both"), TODAY)
    asked: list[str] = []
    while session.asked is not None and len(asked) < 40:
        asked.append(session.asked)
        session, replies = step(session, Text(text=text), TODAY)
        assert session.asked == asked[-1], "the same question is asked again"
        for reply in replies:
            if reply.text or reply.timeline is None:
                check_sent_html(reply.text)
            elif reply.caption is not None:  # the picture alone: its caption is the message
                check_sent_html(reply.caption)
        check_session(session)
        buttons = [r for r in replies if r.question_id == session.asked and r.options]
        options = [o for r in buttons for o in r.options if o.id != "why"]
        if session.asked in TYPED or not options:
            event: Event = Text(text=TYPED.get(session.asked, "yes"))
        else:
            event = Choice(question_id=session.asked, option_id=options[0].id)
        session, replies = step(session, event, TODAY)
    assert session.asked is None and len(asked) >= 8, asked


def test_the_echo_check_catches_typed_markup_shown_as_markup() -> None:
    """The yardstick itself: escaped echoes pass, raw ones fail."""
    check_sent_html("You typed: &lt;b&gt;zq7x and &amp;amp;zq7x")
    for raw in ("You typed: <b>zq7x</b>", "You typed: &amp;zq7x", "Hi <script>zq7x"):
        with pytest.raises(AssertionError):
            try:
                check_sent_html(raw)
            except ValueError as invalid_html:  # <script> is not even valid Telegram HTML
                raise AssertionError from invalid_html
