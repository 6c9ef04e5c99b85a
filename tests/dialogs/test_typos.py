"""Slips of the thumb (issue 19 "One prepare()"): a word one or two slips from a word the
readers key on is read as that word; an English word never is changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dialogs.reading import typos
from dialogs.reading.typos import correct
from tests.dialogs import spelling, typo_score
from tests.dialogs.heldout_score import score_lines


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("firefigher for the county", "firefighter for the county"),
        ("sherrif deputy", "sheriff deputy"),
        ("end of febuary", "end of february"),
        ("retiering in septmeber 2027", "retiring in september 2027"),
        ("maried filing jointy", "married filing jointly"),
        ("goverment pention", "government pension"),
        ("i retird last year", "i retired last year"),  # not "retire": it ends as typed
        ("sixtey thousand", "sixty thousand"),
        ("definately", "definitely"),
    ],
)
def test_a_slip_is_read_as_the_word_it_slipped_from(typed: str, read: str) -> None:
    assert correct(typed) == read


@pytest.mark.parametrize(
    "english",
    ["i was polite to them", "he carried it", "no tension", "i got fired", "the garden", "wait"],
)
def test_english_words_are_never_changed(english: str) -> None:
    assert correct(english) == english


def test_the_list_of_english_words_near_ours_is_up_to_date() -> None:
    """Regenerate with `python -m tests.dialogs.spelling --write` after changing
    dialogs/reading/data/spelling.toml."""
    shipped = Path(typos.NEAR_FILE).read_text().split()
    assert shipped == spelling.english_near()


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789 ,.$%/-'", max_size=60))
def test_correction_changes_only_letters_and_is_stable(text: str) -> None:
    once = correct(text)
    assert correct(once) == once
    assert [c for c in once if not c.isalpha()] == [c for c in text if not c.isalpha()]


def test_the_corpus_with_slips_is_read_nearly_as_well_as_without() -> None:
    """`python -m tests.dialogs.typo_score`: one slip in a key word of every corpus line."""
    lines = typo_score.slipped_corpus()
    with typo_score.no_correction():
        before = score_lines(lines)
    after = score_lines(lines)
    print(f"\nslipped corpus: without correction {before.line()}\n  with: {after.line()}")
    assert after.right >= 0.9 * after.total and len(after.wrong) <= 0.02 * after.total
    assert after.right > before.right
