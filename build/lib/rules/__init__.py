"""The rules core: pure functions from what we know about a person to findings with
reasons and citations. No I/O, no prose, no Telegram."""

from rules.assess import assess
from rules.boundaries import boundary_dates
from rules.citations import Citation, citation
from rules.codes import REASON_CODES
from rules.facts import (
    Contribution,
    Dollars,
    Employment,
    Facts,
    FilingStatus,
    Match,
    MaxDeferral,
    PercentOfPay,
    PersonFacts,
    PlanFacts,
    PlanType,
    PublicSafety,
    RolledOut,
)
from rules.findings import (
    Assessment,
    Finding,
    KeyDates,
    Reason,
    SpreadOption,
    TaxEstimate,
    Topic,
    Verdict,
)
from rules.limits import Limits, limits_for
from rules.plans import (
    PlanAssessment,
    PlansAssessment,
    assess_plans,
    facts_for,
)

__all__ = [
    "REASON_CODES",
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
