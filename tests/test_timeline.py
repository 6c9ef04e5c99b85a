"""The timeline picture (issue 14): the dialog's data and the drawing.

Every journey of tests/dialogs/test_journeys.py is played again with `step` watched: each
result that carries a timeline is checked against its assessment's key dates, rendered,
and the PNG checked (valid, expected size, not blank, the marks drawn = the data)."""

from __future__ import annotations

import inspect
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageStat

import tests.dialogs.chat as chat_module
from bot import timeline_png, timeline_text
from dialogs import Event, Reply, Session, form, picture, step
from dialogs.marks import Mark, Timeline
from dialogs.timeline import timeline_for, timeline_of_answers
from rules import Assessment, Verdict, assess
from tests.conftest import TODAY
from tests.dialogs import test_journeys
from tests.dialogs.chat import Chat
from tests.dialogs.person import Person

GOLDEN = Path(__file__).resolve().parent / "golden" / "timeline_both_leaving_december.png"
DOCS_EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "timeline-example.png"


@dataclass(frozen=True)
class Seen:
    journey: str
    answers: dict[str, Any]
    today: date
    timeline: Timeline


def _journeys() -> Iterator[tuple[str, Callable[..., None], dict[str, Any]]]:
    """Every test of test_journeys.py, with each parametrisation."""
    for name, function in inspect.getmembers(test_journeys, inspect.isfunction):
        if not name.startswith("test_") or function.__module__ != test_journeys.__name__:
            continue
        marks = [m for m in getattr(function, "pytestmark", []) if m.name == "parametrize"]
        if not marks:
            yield name, function, {}
            continue
        names, values = marks[0].args[0], marks[0].args[1]
        names = [n.strip() for n in names.split(",")] if isinstance(names, str) else list(names)
        for index, value in enumerate(values):
            value = value if isinstance(value, tuple) else (value,)
            yield f"{name}[{index}]", function, dict(zip(names, value, strict=True))


@pytest.fixture(scope="module")
def seen() -> list[Seen]:
    """Each journey's results that carried a timeline (the journeys run once per module)."""
    found: list[Seen] = []
    current = [""]

    def watched(session: Session, event: Event, today: date) -> tuple[Session, list[Reply]]:
        new, replies = step(session, event, today)
        for reply in replies:
            if reply.timeline is not None:
                found.append(Seen(current[0], dict(new.answers), today, reply.timeline))
        return new, replies

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(chat_module, "step", watched)
        for name, journey, params in _journeys():
            current[0] = name
            if "today" in inspect.signature(journey).parameters:
                params = {**params, "today": TODAY}
            journey(**params)
    return found


def test_the_journeys_produce_timelines(seen: list[Seen]) -> None:
    journeys = {s.journey for s in seen}
    assert len(journeys) >= 15, sorted(journeys)
    kinds = {m.kind for s in seen for m in s.timeline.marks()}
    assert kinds == {"today", "leaving", "rule_year", "penalty_free", "age_59_half", "tax_year"}


def _expected_dates(assessment: Assessment, answers: dict[str, Any]) -> set[tuple[str, date]]:
    """The assessment's key dates, as the issue lists them."""
    expected = {("today", assessment.today)}
    if form.wants_rule_of_55(answers):
        finding = assessment.rule_of_55
        key = finding.key_dates
        leaving = form.separation_date(answers, assessment.today)
        if form.has_separation(answers) and leaving is not None:
            expected.add(("leaving", leaving))
        if key.qualifying_year is not None:
            expected.add(("rule_year", date(key.qualifying_year, 1, 1)))
        free, earliest = key.penalty_free_from, key.penalty_free_earliest
        # a 59½ window longer than a month is no single date: not drawn
        window = earliest is not None and free is not None and free != leaving
        if window and earliest is not None and free is not None:
            window = (earliest.year, earliest.month) != (free.year, free.month)
        if free is not None and not window:
            expected.add(("penalty_free", free))
        if key.age_59_half is not None:
            expected.add(("age_59_half", key.age_59_half))
    mbr = assessment.mega_backdoor_roth
    room = mbr.amounts.get("room")
    may_allow = mbr.verdict in (Verdict.ELIGIBLE, Verdict.DEPENDS)
    if form.wants_mega_backdoor(answers) and may_allow and (room is None or room > 0):
        expected.add(("tax_year", date(assessment.tax_year, 1, 1)))
    return expected


def test_the_marks_are_exactly_the_key_dates_of_the_assessment(seen: list[Seen]) -> None:
    for item in seen:
        facts = form.facts_from(item.answers, item.today)
        assessment = assess(facts, item.today)
        marks = {(m.kind, m.when) for m in item.timeline.marks()}
        assert marks == _expected_dates(assessment, item.answers), item.journey
        assert len(item.timeline.plans) == 1
        again = timeline_for(assessment, item.answers, item.today)
        assert again == item.timeline, "the same data from the same answers"


def test_the_drawing_is_given_exactly_the_timeline_marks(
    seen: list[Seen], monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[Mark] = []
    draw_row = timeline_png._draw_row

    def spy(draw: Any, axis: Any, mark: Mark, row_y: int, font: Any) -> None:
        drawn.append(mark)
        draw_row(draw, axis, mark, row_y, font)

    monkeypatch.setattr(timeline_png, "_draw_row", spy)
    for item in seen[:5]:
        drawn.clear()
        timeline_png.render_png(item.timeline)
        assert drawn == item.timeline.marks(), item.journey


def test_every_journey_renders_a_readable_png(seen: list[Seen]) -> None:
    for timeline in {s.timeline.model_dump_json(): s.timeline for s in seen}.values():
        data = timeline_png.render_png(timeline)
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        image = Image.open(io.BytesIO(data))
        image.verify()
        image = Image.open(io.BytesIO(data))
        assert image.format == "PNG" and image.mode == "RGB"
        assert image.size == timeline_png.size_for(timeline)
        assert image.width == 1200 and 400 <= image.height <= 1400
        # Not blank: ink on the white, and the marks' colours.
        grey = image.convert("L")
        assert ImageStat.Stat(grey).stddev[0] > 20
        dark = sum(grey.histogram()[:100])
        assert dark > 5_000, "text and axis drawn"
        colours = {c for _, c in image.getcolors(1 << 20) or []}
        wanted = {timeline_png.STYLES[m.kind].colour for m in timeline.marks()}
        for colour in wanted:
            rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
            assert rgb in colours, f"{colour} missing"


def test_every_label_has_words_and_fits(seen: list[Seen]) -> None:
    for item in seen:
        for mark in item.timeline.marks():
            words = timeline_text.label(mark)
            assert words and "{" not in words and len(words) <= 50
            assert timeline_text.when(mark)


def _example() -> Timeline:
    chat = Person(**test_journeys.DESIGN).converse()
    found = [r.timeline for r in chat.replies if r.timeline is not None]
    assert len(found) == 1
    return found[0]


def test_the_picture_comes_with_the_last_result_and_the_summary_offers_it() -> None:
    chat = Person(**test_journeys.DESIGN).converse()
    carrying = [i for i, r in enumerate(chat.replies) if r.timeline is not None]
    assert carrying == [len(chat.replies) - 2], "the last result, before the plan questions"
    chat.command("summary")
    assert "picture" in chat.buttons()["edit"]
    chat.tap("picture", "edit")
    (reply,) = chat.replies
    assert reply.timeline == _example() and not reply.options
    assert timeline_of_answers(chat.answers, TODAY) == reply.timeline


def test_no_picture_before_the_results() -> None:
    chat = Chat()
    chat.script("/start", "tap r55", "feb 72")
    assert all(r.timeline is None for r in chat.replies)
    assert timeline_of_answers(chat.answers, TODAY) is None
    chat.command("summary")
    assert "picture" not in chat.buttons().get("edit", [])


def test_the_marks_hold_dates_and_codes_only() -> None:
    timeline = _example()
    dumped = timeline.model_dump(mode="json")
    assert set(dumped) == {"today", "plans"}
    for plan in dumped["plans"]:
        assert set(plan) == {"plan", "marks"}
        for mark in plan["marks"]:
            assert set(mark) == {"kind", "when", "until", "precision", "label", "params"}
            # the room is a figure the summary shares too; nothing the person typed
            assert set(mark["params"]) <= {"age", "year", "room"}


def test_the_golden_picture() -> None:
    """One picture compared with a stored one, with a tolerance for font rasterising."""
    if not timeline_png.fonts().full:
        pytest.skip("DejaVu Sans not installed (apt fonts-dejavu-core; `make fonts`)")
    rendered = Image.open(io.BytesIO(timeline_png.render_png(_example()))).convert("RGB")
    golden = Image.open(GOLDEN).convert("RGB")
    assert rendered.size == golden.size
    diff = ImageChops.difference(rendered, golden).convert("L")
    changed = sum(diff.point(lambda v: 255 if v > 64 else 0).histogram()[255:])
    assert changed / (golden.width * golden.height) < 0.005, f"{changed} pixels differ"
    assert DOCS_EXAMPLE.exists()


def test_the_terminal_writes_the_png_and_says_where(tmp_path: Path) -> None:
    from bot.console import run_console
    from tests.test_console import CONVERSATION

    out = io.StringIO()
    run_console(io.StringIO(CONVERSATION), out, lambda: TODAY, pictures=tmp_path)
    [written] = list(tmp_path.glob("key-dates-*.png"))
    assert f"🗓 Picture of your key dates: {written}" in out.getvalue()
    assert written.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert Image.open(written).size == timeline_png.size_for(_example())


def test_several_plans_share_one_picture_numbered_not_named() -> None:
    from tests.dialogs.test_several_plans import CURRENT_403B, OLD_401K, PERSON, add_plan

    person = Person(**PERSON, **CURRENT_403B).converse()
    add_plan(person, "my old Boeing 401k", OLD_401K)
    pictures = [r.timeline for r in person.replies if r.timeline is not None]
    assert len(pictures) == 1
    picture = pictures[0]
    assert len(picture.plans) == 2
    labels = [timeline_text.label(mark) for mark in picture.marks()]
    assert any(text.startswith("Plan 1:") for text in labels)
    assert any(text.startswith("Plan 2: you left") for text in labels)
    assert not any("Boeing" in text for text in labels)  # no words of the person
    assert sum(mark.kind == "age_59_half" for mark in picture.marks()) == 1
    png = timeline_png.render_png(picture)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert timeline_of_answers(person.answers, TODAY, person.session.plans) == picture


@pytest.mark.parametrize(
    ("born", "left", "drawn"),
    [
        ("May 1969", "1999", {"left": "1999", "penalty_free": "Nov 2028"}),
        ("1969", "June 2023", {"left": "Jun 2023", "penalty_free": "Jun 2023"}),
        ("15 May 1969", "June 2025", {"left": "Jun 2025", "age_59_half": "15 Nov 2028"}),
    ],
)
def test_the_picture_draws_dates_as_precise_as_they_were_said(
    born: str, left: str, drawn: dict[str, str]
) -> None:
    """Issue 21: a year stays a year ("1999", never "Dec 1999"), a month a month; 59½
    known only to a month is that month, never its last day."""
    chat = Chat()
    chat.script("/start", "tap r55", born, "tap 401k", "tap separated", left)
    for _ in range(10):
        if chat.asked is None:
            break
        chat.tap(
            "no" if chat.asked in ("tax_est", "bday_passed") else chat.buttons()[chat.asked][0]
        )
    found = picture(chat.session, TODAY)
    assert found is not None
    shown = {m.label: timeline_text.when(m) for m in found.marks()}
    for label, words in drawn.items():
        assert shown[label] == words, shown


def test_no_picture_when_it_would_add_nothing_to_the_words() -> None:
    """Issue 21: the picture comes only with two or more dates still to come (or a leaving
    date that would change the verdict); someone past 59½ who left years ago gets none."""
    chat = Chat()
    chat.script("/start", "tap r55", "March 1960")
    said = {"employment": "separated", "tax_est": "no"}
    for _ in range(10):
        if chat.asked is None:
            break
        if chat.asked == "separation":
            chat.say("June 2020")
        else:
            chat.tap(said.get(chat.asked, chat.buttons()[chat.asked][0]))
    assert chat.asked is None and "not needed" in chat.text
    assert all(reply.timeline is None for reply in chat.replies)


def test_the_picture_is_captioned_with_the_verdicts_it_shows() -> None:
    person = Person(**test_journeys.DESIGN).converse()
    [with_picture] = [r for r in person.replies if r.timeline is not None]
    assert with_picture.caption is not None
    assert "<b>Rule of 55:</b>" in with_picture.caption
    assert "<b>Mega backdoor Roth:</b>" in with_picture.caption
    chat_module.check_html(with_picture.caption)


def test_a_leaving_date_too_early_shows_the_day_that_would_change_the_verdict() -> None:
    """Issue 21: leaving in December of the year before 55 — the picture says what a
    person needs: leave on or after 1 January and the 10% is gone."""
    chat = Chat()
    chat.script(
        "/start", "tap r55", "March 1972", "tap 401k", "tap planning_to_leave", "December 2026"
    )
    said = {"public_safety": "none", "rolled_ira": "none", "partial": "yes", "tax_est": "no"}
    for _ in range(10):
        if chat.asked is None:
            break
        chat.tap(said.get(chat.asked, chat.buttons()[chat.asked][0]))
    found = picture(chat.session, TODAY)
    assert found is not None
    shown = {timeline_text.label(m): timeline_text.when(m) for m in found.marks()}
    assert shown["Leave on or after this day: no 10% tax"] == "1 Jan 2027"
    assert shown["You leave"] == "Dec 2026"
