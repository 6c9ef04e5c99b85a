from __future__ import annotations

from datetime import date

import pytest

from dialogs.parsing import parse_date
from tests.conftest import TODAY


@pytest.fixture(scope="session", autouse=True)
def _warm_dateparser() -> None:
    """dateparser loads its language data on first use: pay that once per run."""
    assert parse_date("in 6 months", TODAY, past=False) is not None


@pytest.fixture
def today() -> date:
    return TODAY
