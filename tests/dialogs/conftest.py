from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import TODAY


@pytest.fixture
def today() -> date:
    return TODAY
