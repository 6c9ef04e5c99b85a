"""The held-out phrasings are scored, not asserted line by line (see heldout_score.py):
the test checks the file is usable and prints the score for the run's log."""

from __future__ import annotations

from tests.dialogs.heldout_score import rows, score


def test_the_held_out_file_is_well_formed_and_scored() -> None:
    lines = rows()
    assert len(lines) >= 100
    assert all(r["question"] and r["message"] and r["expected"] for r in lines)
    result = score()
    assert result.total == len(lines)
    print(result.line())
