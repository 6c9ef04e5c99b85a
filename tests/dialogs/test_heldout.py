"""The held-out phrasings are scored, not asserted line by line (see heldout_score.py):
the test checks each file is usable and prints its score for the run's log."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.dialogs.heldout_score import HELD_OUT, rows, score


@pytest.mark.parametrize("path", HELD_OUT, ids=lambda p: p.name)
def test_the_held_out_file_is_well_formed_and_scored(path: Path) -> None:
    lines = rows(path)
    assert len(lines) >= 100
    assert all(r["question"] and r["message"] and r["expected"] for r in lines)
    result = score(path)
    assert result.total >= len(lines)  # a "multi" line counts once per answer it lists
    print(f"{path.name}: {result.line()}")
