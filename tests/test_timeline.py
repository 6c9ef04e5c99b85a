"""The timeline picture (issues 14 and 21): the dialog's data, the layout and the drawing.

Every journey of tests/dialogs/test_journeys.py is played again with `step` watched: each
result that carries a timeline is checked against its assessment's key dates, laid out,
rendered, and the layout checked for what a person on a phone needs (type ≥ 12 px at
360 px, no label over another, a row per plan, an axis from today). A spread of people
(one plan, three plans, public safety, past 59½, an age only, the mega backdoor only) is
checked the same way and written to docs/timeline/ for people to look at."""

from __future__ import annotations

import inspect
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageStat

import tests.dialogs.chat as chat_module
from bot import timeline_layout, timeline_png, timeline_text
from bot.timeline_layout import BANDS, MARGIN, PAST, STYLES, Layout, layout
from dialogs import Event, Reply, Session, form, picture, step
from dialogs.marks import PERSON_KINDS, Timeline
from dialogs.timeline import timeline_for, timeline_of_answers
from rules import Assessment, Verdict, assess
from rules.limits import CONSTANTS
from rules.people import Birth, birth_bounds
from tests.conftest import TODAY
from tests.dialogs import test_journeys
from tests.dialogs.chat import Chat
from tests.dialogs.person import Person
from tests.dialogs.test_several_plans import add_plan

GOLDEN = Path(__file__).resolve().parent / "golden" / "timeline_both_leaving_december.png"
DOCS = Path(__file__).resolve().parents[1] / "docs"
DOCS_EXAMPLE = DOCS / "timeline-example.png"


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
        if key.qualifying_year is not None and not form.has_left(answers):
            expected.add(("rule_year", date(key.qualifying_year, 1, 1)))
        free, earliest = key.penalty_free_from, key.penalty_free_earliest
        if free is not None:
            # known to a month or a window of months: its first month, by its day 1
            first = earliest if earliest is not None and free != leaving else free
            if first != free:
                first = date(first.year, first.month, 1)
            expected.add(("penalty_free", first))
        if key.age_59_half is not None:
            expected.add(("age_59_half", key.age_59_half))
        else:  # a birth year or an age: the months 59½ can fall in
            bounds = birth_bounds(form.facts_from(answers, assessment.today), assessment.today)
            if isinstance(bounds, Birth):
                first59, _ = bounds.months_later(CONSTANTS.age_59_half_months.value)
                expected.add(("age_59_half", date(first59.year, first59.month, 1)))
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


def check_layout(timeline: Timeline, found: Layout) -> None:
    """What issue 21 asks of every picture, read from the layout's boxes."""
    # Readable on a phone: at 360 px display width no text smaller than 12 px.
    for role in found.roles:
        assert timeline_layout.SIZES[role] * 360 / found.width >= 12, role
    # No two labels overlap, and all lie inside the picture.
    boxes = [label.box for label in found.labels]
    for index, box in enumerate(boxes):
        assert 0 <= box.left < box.right <= found.width, found.labels[index]
        assert 0 <= box.top < box.bottom <= found.height, found.labels[index]
        for other in boxes[index + 1 :]:
            assert not box.overlaps(other), (box, other)
    # The axis starts at today and ends a little after the last date to come.
    today = timeline.today
    assert found.axis.start == today
    coming = [m.until or m.when for m in timeline.marks() if (m.until or m.when) > today]
    if coming:
        last = max(coming)
        assert last < found.axis.end <= last + timedelta(days=max(60, (last - today).days // 8))
    # Every mark is labelled once (the first day without the 10% where the band's edge,
    # 59½ or the leaving date does not already say it), past ones at the left edge.
    labelled = [label for label in found.labels if label.mark is not None]
    for label in labelled:
        assert label.mark is not None and label.icon is not None
        if timeline_text.is_past(label.mark, today):
            assert label.icon.style == PAST and label.box.left == MARGIN
        else:
            assert label.icon.style == STYLES[label.mark.kind]
    unlabelled = [m for m in timeline.marks()[1:] if m not in [x.mark for x in labelled]]
    assert all(m.kind == "penalty_free" for m in unlabelled), unlabelled
    # One row per plan, in order, none over another; each mark's label in its plan's row.
    plan_rows = [row for row in found.rows if row.plan is not None]
    assert [row.plan for row in plan_rows] == [
        p for p in timeline.plans if any(m.kind not in PERSON_KINDS for m in p.marks)
    ]
    for upper, lower in zip(found.rows, found.rows[1:], strict=False):
        assert upper.box.bottom <= lower.box.top
    for label in labelled:
        row = found.rows[label.row or 0]
        assert label.mark in row.marks
        assert row.box.top <= label.box.top and label.box.bottom <= row.box.bottom
    # A plan with a first day without the 10% has its band split there.
    for row in plan_rows:
        free = next((m for m in row.marks if m.kind == "penalty_free"), None)
        bands = [b for b in found.bands if b.row == row.index and b.kind != "room"]
        if free is None:
            continue
        kinds = [b.kind for b in bands]
        if free.when > today:
            assert kinds[0] == "tax" and bands[0].box.right == found.axis.x(free.when)
        assert kinds[-1] == "free"


def test_every_journey_lays_out_readably(seen: list[Seen]) -> None:
    for item in seen:
        check_layout(item.timeline, layout(item.timeline))


def test_every_journey_renders_a_readable_png(seen: list[Seen]) -> None:
    for timeline in {s.timeline.model_dump_json(): s.timeline for s in seen}.values():
        data = timeline_png.render_png(timeline)
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        image = Image.open(io.BytesIO(data))
        image.verify()
        image = Image.open(io.BytesIO(data))
        assert image.format == "PNG" and image.mode == "RGB"
        assert image.size == timeline_png.size_for(timeline)
        assert image.width == 960 and 300 <= image.height <= 1600
        # Not blank: ink on the white, and the bands' colours.
        grey = image.convert("L")
        assert ImageStat.Stat(grey).stddev[0] > 20
        assert sum(grey.histogram()[:100]) > 5_000, "text and axis drawn"
        colours = {c for _, c in image.getcolors(1 << 20) or []}
        for band in layout(timeline).bands:
            fill = BANDS[band.kind].fill
            assert tuple(int(fill[i : i + 2], 16) for i in (1, 3, 5)) in colours, band


def _luminance(colour: str) -> float:
    """Relative luminance (WCAG 2), 0 black to 1 white."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_colours_are_told_apart_in_grey() -> None:
    """Issue 21: colours distinguishable in greyscale. The two bands a person must tell
    apart ("10% tax" / "no 10% tax") differ in luminance by far (a contrast ratio of 3,
    WCAG's for graphics), and their words are legible on them (4.5, WCAG's for text); the
    59½ window is hatched; each kind of mark has its own shape, and a past date its own."""
    tax, free, window, room = BANDS["tax"], BANDS["free"], BANDS["window"], BANDS["room"]
    assert _contrast(tax.fill, free.fill) >= 3
    # The room's strip sits under both (its own place in the row, its own words).
    assert _contrast(room.fill, free.fill) >= 1.5 and _contrast(room.fill, tax.fill) >= 1.5
    for band in BANDS.values():
        assert _contrast(band.ink, band.fill) >= 4.5, band
    assert window.hatched and not tax.hatched and not free.hatched
    shapes = [style.shape for style in STYLES.values()] + [PAST.shape]
    assert len(set(shapes)) == len(shapes)


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
    (reply,) = chat.replies  # one message: the photo, captioned with the verdicts
    assert reply.timeline == _example() and not reply.options and not reply.text
    assert reply.caption is not None and "Rule of 55" in reply.caption
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
        assert set(plan) == {"plan", "number", "marks"}
        for mark in plan["marks"]:
            assert set(mark) == {"kind", "when", "until", "precision", "label", "params"}
            # the room is a figure the summary shares too; nothing the person typed
            assert set(mark["params"]) <= {"age", "year", "room"}


def test_the_golden_picture() -> None:
    """One picture compared with a stored one, with a tolerance for font rasterising."""
    if not timeline_layout.fonts().full:
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
    from tests.dialogs.test_several_plans import CURRENT_403B, OLD_401K, PERSON

    person = Person(**PERSON, **CURRENT_403B).converse()
    add_plan(person, "my old Boeing 401k", OLD_401K)
    # Both plans left: one free of the 10% since June, the other from 59½ — one date to
    # come, so the results come without a picture; the summary's button draws it.
    assert all(r.timeline is None for r in person.replies)
    picture = timeline_of_answers(person.answers, TODAY, person.session.plans)
    assert picture is not None
    assert [(p.number, p.plan) for p in picture.plans] == [(1, "403b"), (2, "401k")]
    found = layout(picture)
    headings = [label.runs[0].text for label in found.labels if label.purpose == "heading"]
    assert headings == ["You", "Plan 1: 403(b)", "Plan 2: 401(k)"]
    assert not any("Boeing" in run.text for label in found.labels for run in label.runs)
    assert sum(mark.kind == "age_59_half" for mark in picture.marks()) == 1
    fallback = timeline_text.fallback_html(picture)
    assert "Plan 2: You left" in fallback and "Plan 1: You left" in fallback
    check_layout(picture, found)


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


# ---------------------------------------------------------------------------
# A spread of people (issue 21), each checked from the layout and drawn for docs/timeline/

BORN_1971 = {"topics": "tap r55", "birth": "March 1971", "tax_est": "tap no"}
NOT_PUBLIC_SAFETY = {"public_safety": "tap none", "rolled_ira": "tap none", "partial": "tap yes"}
LEFT_IN_2004 = {
    "plan_type": "403b",
    "employment": "tap separated",
    "separation": "December 2004",
    **NOT_PUBLIC_SAFETY,
}
LEAVING_NEXT_YEAR = {
    "plan_type": "401k",
    "employment": "tap planning_to_leave",
    "separation": "June 2027",
    **NOT_PUBLIC_SAFETY,
}
STAYING = {"plan_type": "401k", "employment": "tap employed", **NOT_PUBLIC_SAFETY}
MEGA_BACKDOOR = {
    "after_tax": "tap yes",
    "in_plan_roth": "tap yes",
    "in_service": "tap yes",
    "estimate": "tap yes",
}
SPREAD: dict[str, dict[str, str]] = {
    # Leaving in December of the year before 55, both topics (the golden picture).
    "one_plan": test_journeys.DESIGN,
    # A police officer turning 50 next year, leaving this December.
    "public_safety": {
        "topics": "tap r55",
        "birth": "May 1977",
        "employment": "tap planning_to_leave",
        "separation": "December 2026",
        "plan_type": "pension through the city",
        "public_safety": "city police officer",
        "service_years": "3",
        "rolled_ira": "tap none",
        "partial": "tap yes",
        "tax_est": "tap no",
    },
    # Only an age: 59½ is a window of months.
    "age_only": {
        "topics": "tap r55",
        "birth": "I'm 53",
        "bday_passed": "tap yes",
        **LEAVING_NEXT_YEAR,
        "separation": "June 2028",
        "tax_est": "tap no",
    },
    # Past 59½, still working, with room for after-tax money.
    "past_59_half": {
        "topics": "tap both",
        "birth": "March 1965",
        **STAYING,
        **MEGA_BACKDOOR,
        "pay": "180k",
        "own": "max",
        "employer": "4% match",
        "tax_est": "tap no",
    },
    "mega_backdoor_only": {
        "topics": "tap mbr",
        "birth": "I'm 48",
        "bday_passed": "tap yes",
        "plan_type": "401k",
        "employment": "tap employed",
        **MEGA_BACKDOOR,
        "in_plan_roth": "tap no",
        "pay": "250k",
        "own": "10%",
        "employer": "50% of the first 6%",
    },
}


def spread_picture(name: str) -> Timeline | None:
    """The person's picture as the summary's button shows it (None: no picture)."""
    if name == "three_plans":  # left a plan in 2004, leaving one next year, staying in one
        person = Person(**BORN_1971, **LEFT_IN_2004).converse()
        add_plan(person, None, LEAVING_NEXT_YEAR)
        add_plan(person, None, STAYING)
    else:
        person = Person(**SPREAD[name]).converse()
    return picture(person.session, TODAY)


SPREAD_NAMES = [*SPREAD, "three_plans"]


@pytest.mark.parametrize("name", SPREAD_NAMES)
def test_the_spread_of_people_reads_on_a_phone(name: str) -> None:
    found = spread_picture(name)
    assert found is not None
    check_layout(found, layout(found))


def test_three_plans_each_have_their_own_row() -> None:
    """Issue 21: a plan left in 2004 is a marker at the left edge of its own row, never on
    a line with another plan's dates; the axis starts today, not in 2004."""
    found = spread_picture("three_plans")
    assert found is not None
    drawn = layout(found)
    rows = [row for row in drawn.rows if row.plan is not None]
    assert [row.plan.number for row in rows if row.plan] == [1, 2, 3]
    left = next(label for label in drawn.labels if label.mark and label.mark.label == "left")
    assert label_text(left) == "Dec 2004  You left" and left.row == rows[0].index
    assert {m.kind for m in rows[0].marks} == {"leaving", "penalty_free"}
    assert drawn.axis.start == TODAY
    # Leaving next year in the year of 55: no 10% from the leaving date; staying: 59½.
    bands = {row.index: [b.kind for b in drawn.bands if b.row == row.index] for row in rows}
    assert bands == {
        rows[0].index: ["tax", "free"],
        rows[1].index: ["tax", "free"],
        rows[2].index: ["tax", "free"],
    }
    second = next(b for b in drawn.bands if b.row == rows[1].index and b.kind == "free")
    assert second.box.left == drawn.axis.x(date(2027, 6, 1))


def label_text(label: Any) -> str:
    return "".join(run.text for run in label.runs)


def test_the_picture_shows_the_day_that_changes_the_verdict() -> None:
    for name, words in (
        ("one_plan", "1 Jan 2027  Leave on or after this day: no 10% tax"),
        ("public_safety", "1 Jan 2027"),
    ):
        found = spread_picture(name)
        assert found is not None
        texts = [label_text(label) for label in layout(found).labels]
        assert any(text.startswith(words) for text in texts), texts


def test_an_age_only_gives_59_half_as_a_window() -> None:
    found = spread_picture("age_only")
    assert found is not None
    [window] = [m for m in found.marks() if m.kind == "age_59_half"]
    assert window.until is not None and timeline_text.when(window) == "Jul 2032 – Jun 2033"


def test_past_59_half_is_a_marker_at_the_left_edge() -> None:
    found = spread_picture("past_59_half")
    assert found is not None
    drawn = layout(found)
    [turned] = [label for label in drawn.labels if label.mark and label.mark.kind == "age_59_half"]
    assert label_text(turned) == "Sep 2024  You turned 59½" and turned.box.left == MARGIN
    plan_bands = [b.kind for b in drawn.bands if b.row == 1]
    assert plan_bands == ["free", "room"], "no 10% at all any more, and the room to December"


def test_the_mega_backdoor_shows_the_room_and_its_deadline_or_nothing() -> None:
    found = spread_picture("mega_backdoor_only")
    assert found is not None
    [room] = found.marks()[1:]
    assert (timeline_text.when(room), timeline_text.label(room)) == (
        "Dec 2026",
        "After-tax room ≈ $40,000, by the last paycheck",
    )
    no_room = {**SPREAD["mega_backdoor_only"], "pay": "300k", "own": "$24,500"}
    no_room["employer"] = "$47,500"
    person = Person(**no_room).converse()
    assert picture(person.session, TODAY) is None
    assert all(reply.timeline is None for reply in person.replies)


def write_examples() -> None:
    """`python -m tests.test_timeline`: the golden picture and docs/timeline/*.png."""
    folder = DOCS / "timeline"
    folder.mkdir(exist_ok=True)
    for name in SPREAD_NAMES:
        found = spread_picture(name)
        assert found is not None
        timeline_png.write_png(found, folder / f"{name}.png")
    timeline_png.write_png(_example(), GOLDEN)
    timeline_png.write_png(_example(), DOCS_EXAMPLE)


if __name__ == "__main__":
    write_examples()
