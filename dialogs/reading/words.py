"""The readers' words, kept as data in dialogs/reading/data/ (shipped in the package):
one TOML file per vocabulary, its word classes as lists (or tables of values)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

DATA = resources.files("dialogs.reading").joinpath("data")


@cache
def load(name: str) -> dict[str, Any]:
    """dialogs/reading/data/<name>.toml, parsed."""
    return tomllib.loads(DATA.joinpath(f"{name}.toml").read_text())


def vocabulary(name: str) -> dict[str, list[str]]:
    """The word classes of one vocabulary file (its lists)."""
    return {k: v for k, v in load(name).items() if isinstance(v, list)}
