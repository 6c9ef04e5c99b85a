"""Placeholder until the provisions land (same commit series)."""

from __future__ import annotations

from datetime import date

from rules.facts import Facts
from rules.findings import Assessment


def assess(facts: Facts, today: date) -> Assessment:
    raise NotImplementedError
