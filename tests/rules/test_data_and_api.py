"""The data files load strictly, every figure has a source, and the package keeps a small
public surface and its import rules."""

from __future__ import annotations

import ast
import re
from importlib.resources import files
from pathlib import Path

import pytest
from pydantic import ValidationError

import rules
from rules.citations import CITATIONS, load_citations
from rules.codes import REASON_CODES, reason
from rules.limits import _FILE, CONSTANTS, limits_for, load_limits

LIMITS_TEXT = files("rules").joinpath("data/limits.toml").read_text(encoding="utf-8")
CITATIONS_TEXT = files("rules").joinpath("data/citations.toml").read_text(encoding="utf-8")
RULES_DIR = Path(rules.__file__).parent


def test_public_api_is_pinned() -> None:
    assert sorted(rules.__all__) == [
        "Assessment",
        "Citation",
        "Contribution",
        "Dollars",
        "Employment",
        "Facts",
        "FilingStatus",
        "Finding",
        "KeyDates",
        "Limits",
        "Match",
        "MaxDeferral",
        "PercentOfPay",
        "PersonFacts",
        "PlanAssessment",
        "PlanFacts",
        "PlanType",
        "PlansAssessment",
        "PublicSafety",
        "REASON_CODES",
        "Reason",
        "RolledOut",
        "SpreadOption",
        "TaxEstimate",
        "Topic",
        "Verdict",
        "assess",
        "assess_plans",
        "boundary_dates",
        "citation",
        "facts_for",
        "limits_for",
    ]


def test_covered_years_are_2024_to_2026_and_no_guessed_2027() -> None:
    assert sorted(_FILE.years) == [2024, 2025, 2026]


@pytest.mark.parametrize("year", [2027, 2023, 1999])
def test_unknown_year_falls_back_to_latest_and_says_so(year: int) -> None:
    limits, fell_back = limits_for(year)
    assert fell_back and limits.tax_year == 2026


def test_known_year_does_not_fall_back() -> None:
    limits, fell_back = limits_for(2025)
    assert not fell_back and limits.elective_deferral_402g.amount == 23_500


@pytest.mark.parametrize(
    ("age", "amount"),
    [(49, 0), (50, 8_000), (59, 8_000), (60, 11_250), (63, 11_250), (64, 8_000), (80, 8_000)],
    ids=lambda v: str(v),
)
def test_catch_up_is_an_age_scale_2026_notice_2025_67(age: int, amount: int) -> None:
    assert limits_for(2026)[0].catch_up_for_age(age) == amount


def test_the_shipped_file_loads() -> None:
    assert set(load_limits(LIMITS_TEXT).years) == {2024, 2025, 2026}


def test_unknown_key_fails() -> None:
    broken = LIMITS_TEXT.replace("[years.2026]\n", "[years.2026]\nelective_deferal = 1\n", 1)
    with pytest.raises(ValidationError):
        load_limits(broken)


def test_missing_source_fails() -> None:
    broken = LIMITS_TEXT.replace(
        'annual_additions_415c = { amount = 72000, source = "notice_2025_67" }',
        "annual_additions_415c = { amount = 72000 }",
    )
    assert broken != LIMITS_TEXT
    with pytest.raises(ValidationError):
        load_limits(broken)


def test_missing_figure_fails() -> None:
    broken = re.sub(r"(?m)^hce_threshold_414q = .*notice_2025_67.*\n", "", LIMITS_TEXT)
    assert broken != LIMITS_TEXT
    with pytest.raises(ValidationError):
        load_limits(broken)


def test_unknown_citation_id_fails() -> None:
    broken = LIMITS_TEXT.replace('source = "notice_2025_67"', 'source = "notice_2025_76"', 1)
    with pytest.raises(ValueError, match="unknown citation"):
        load_limits(broken)


def test_duplicate_year_fails() -> None:
    with pytest.raises(ValueError):
        load_limits(LIMITS_TEXT + "\n[years.2026]\n")


def test_brackets_must_rise() -> None:
    broken = LIMITS_TEXT.replace(
        "{ rate_percent = 12, over = 12400 }", "{ rate_percent = 12, over = 0 }", 1
    )
    with pytest.raises(ValidationError):
        load_limits(broken)


def test_citations_are_strict_and_resolve() -> None:
    with pytest.raises(ValidationError):
        load_citations('[x]\nlabel = "IRC"\nlink = "https://example.org"\n')
    assert rules.citation("notice_87_13").label == "IRS Notice 87-13, Q&A-20"
    assert rules.citation("irc_72t_2_A_v").label == "IRC §72(t)(2)(A)(v)"
    assert rules.citation("notice_2025_67").label == "IRS Notice 2025-67"
    assert rules.citation("irs_topic_558").url == "https://www.irs.gov/taxtopics/tc558"
    with pytest.raises(KeyError):
        rules.citation("nope")


def test_every_citation_id_used_in_code_exists() -> None:
    used: set[str] = set()
    for path in RULES_DIR.glob("*.py"):
        used |= set(
            re.findall(
                r'"((?:irc|notice|irs|kim|humberson|form|secure|ftb|rev|obbba)_[\w]+)"',
                path.read_text(encoding="utf-8"),
            )
        )
    used -= REASON_CODES.keys()
    assert used and used <= CITATIONS.keys(), used - CITATIONS.keys()


def test_constants_carry_sources() -> None:
    assert CONSTANTS.rule_of_55_age.value == 55
    assert CONSTANTS.rule_of_55_age.source in CITATIONS


def test_registry_codes_and_params_are_well_formed() -> None:
    for code, params in REASON_CODES.items():
        assert re.fullmatch(r"[a-z0-9_]+", code), code
        assert len(set(params)) == len(params), code


def test_reason_refuses_unknown_codes_and_wrong_params() -> None:
    with pytest.raises(KeyError):
        reason("not_a_code")
    with pytest.raises(ValueError):
        reason("limits_year_fallback", requested_year=2027)


def test_every_code_emitted_in_source_is_registered() -> None:
    emitted: set[str] = set()
    for path in RULES_DIR.glob("*.py"):
        emitted |= set(re.findall(r'reason\(\s*"([a-z0-9_]+)"', path.read_text(encoding="utf-8")))
    assert emitted <= REASON_CODES.keys(), emitted - REASON_CODES.keys()


_ALLOWED_IMPORTS = {
    "__future__",
    "calendar",
    "dataclasses",
    "datetime",
    "decimal",
    "enum",
    "importlib.resources",
    "tomllib",
    "typing",
    "pydantic",
    "rules",
}


def test_rules_imports_only_pure_modules() -> None:
    for path in RULES_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert (
                    name == "rules"
                    or name.split(".")[0] in {"rules", "pydantic"}
                    or (name in _ALLOWED_IMPORTS)
                ), f"{path.name} imports {name}"


def test_no_dollar_literal_in_python() -> None:
    """Legal figures live in data; Python may hold small structural numbers only."""
    for path in RULES_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        big = [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, int | float)
            and not isinstance(node.value, bool)
            and node.value > 120
        ]
        assert not big, f"{path.name}: {big}"


@pytest.mark.parametrize(
    ("year", "amount", "source"),
    [
        (2024, 150_000, "notice_2022_55"),
        (2025, 155_000, "notice_2023_75"),
        (2026, 160_000, "notice_2024_80"),
    ],
)
def test_hce_status_for_a_year_uses_the_look_back_years_threshold(
    year: int, amount: int, source: str
) -> None:
    """§414(q)(1)(B): HCE for 2024 looks at 2023 pay against $150,000 (Notice 2022-55)."""
    figure = limits_for(year)[0].hce_threshold_lookback_414q
    assert (figure.amount, figure.source) == (amount, source)


def test_a_findings_headline_is_its_first_reason() -> None:
    first, decisive = reason("room_zero"), reason("after_tax_not_allowed")
    finding = rules.Finding(
        topic=rules.Topic.MEGA_BACKDOOR_ROTH,
        verdict=rules.Verdict.NOT_ELIGIBLE,
        headline=decisive,
        reasons=[first, decisive],
    )
    assert finding.reasons == [decisive, first]
    implied = rules.Finding(
        topic=rules.Topic.MEGA_BACKDOOR_ROTH, verdict=rules.Verdict.DEPENDS, reasons=[first]
    )
    assert implied.headline == first
