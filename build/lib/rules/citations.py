"""Citation ids -> what the user sees (label) and where the source was seen (url).
Read once from rules/data/citations.toml at import."""

from __future__ import annotations

import tomllib
from importlib.resources import files

from pydantic import BaseModel, ConfigDict, TypeAdapter


class Citation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    url: str | None = None
    confirmed: bool = True  # False: tagged [R] in rules-reference.md, check before relying


_CITATIONS_ADAPTER = TypeAdapter(dict[str, Citation])


def load_citations(text: str) -> dict[str, Citation]:
    """Parse citations TOML strictly (unknown keys fail)."""
    return _CITATIONS_ADAPTER.validate_python(tomllib.loads(text))


CITATIONS: dict[str, Citation] = load_citations(
    files("rules").joinpath("data/citations.toml").read_text(encoding="utf-8")
)


def citation(citation_id: str) -> Citation:
    """The citation for an id used in findings or limits.toml. KeyError if unknown."""
    return CITATIONS[citation_id]
