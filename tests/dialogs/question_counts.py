"""How many questions each scripted person is asked before their answer.

`python -m tests.dialogs.question_counts` prints the table and the median. The script
uses only `dialogs.step` and the events, so the same people can be run against an older
version of the dialog to compare."""

from __future__ import annotations

import statistics
from datetime import date

from dialogs import Choice, Command, Event, Session, Text, step

TODAY = date(2026, 11, 28)

# What every person below would answer, where their own script does not say.
EVERYONE_KNOWS = {"inherited": "tap own", "roth_part": "tap no", "death": "tap no"}

# Each person answers whatever they are asked: typed text, or "tap <option>".
PEOPLE: dict[str, dict[str, str]] = {
    "both, leaving a year early (the design)": {
        "topics": "tap both",
        "birth": "feb 72",
        "employment": "tap planning_to_leave",
        "separation": "end of december",
        "plan_type": "401k",
        "public_safety": "no",
        "rolled_ira": "no",
        "partial": "not sure",
        "after_tax": "yes",
        "in_plan_roth": "yes",
        "in_service": "not sure",
        "estimate": "tap yes",
        "pay": "180k",
        "own": "max",
        "employer": "4% match",
        "tax_est": "tap no",
    },
    "left at 56": {
        "topics": "tap r55",
        "birth": "March 1968",
        "employment": "tap separated",
        "separation": "June 2024",
        "plan_type": "401k",
        "public_safety": "no",
        "rolled_ira": "no",
        "partial": "yes",
        "tax_est": "tap no",
    },
    "left before the year of 55": {
        "topics": "tap r55",
        "birth": "1972",
        "employment": "tap separated",
        "separation": "June 2024",
        "plan_type": "403b",
        "public_safety": "no",
        "rolled_ira": "no",
        "partial": "no",
        "tax_est": "tap no",
    },
    "government 457(b)": {
        "topics": "tap r55",
        "birth": "May 1975",
        "employment": "tap separated",
        "separation": "last month",
        "plan_type": "tap 457b_governmental",
        "public_safety": "no",
        "rolled_ira": "no",
        "partial": "yes",
        "tax_est": "tap no",
    },
    "past 59½": {
        "topics": "tap r55",
        "birth": "1962-03-15",
        "employment": "tap separated",
        "separation": "2026-06",
        "plan_type": "401k",
        "public_safety": "no",
        "rolled_ira": "no",
        "partial": "yes",
        "tax_est": "tap no",
    },
    "an IRA": {
        "topics": "tap r55",
        "birth": "1968",
        "employment": "tap separated",
        "separation": "June 2025",
        "plan_type": "ira",
        "public_safety": "no",
        "tax_est": "tap no",
    },
    "still working, no plans to leave": {
        "topics": "tap r55",
        "birth": "July 1973",
        "employment": "tap employed",
        "plan_type": "401k",
        "public_safety": "no",
        "tax_est": "tap no",
    },
    "left at 56, wants the tax": {
        "topics": "tap r55",
        "birth": "March 1968",
        "employment": "tap separated",
        "separation": "June 2024",
        "plan_type": "401k",
        "public_safety": "no",
        "rolled_ira": "no",
        "partial": "yes",
        "tax_est": "tap yes",
        "withdrawal": "40k",
        "filing": "tap single",
        "other_income": "none",
    },
    "mega backdoor with room": {
        "topics": "tap mbr",
        "birth": "1980",
        "employment": "tap employed",
        "plan_type": "401k",
        "after_tax": "yes",
        "in_plan_roth": "yes",
        "in_service": "not sure",
        "estimate": "tap yes",
        "pay": "150k",
        "own": "10%",
        "employer": "$6,000",
    },
    "mega backdoor, no after-tax": {
        "topics": "tap mbr",
        "birth": "1975",
        "employment": "tap employed",
        "plan_type": "401k",
        "after_tax": "no",
    },
    "mega backdoor, an IRA": {
        "topics": "tap mbr",
        "birth": "1975",
        "employment": "tap employed",
        "plan_type": "ira",
    },
    "private firefighter leaving at 51": {
        "topics": "tap r55",
        "birth": "1975",
        "employment": "tap separated",
        "separation": "June 2026",
        "plan_type": "401k",
        "public_safety": "tap firefighter",
        "rolled_ira": "no",
        "partial": "yes",
        "tax_est": "tap no",
    },
    "both, government 457(b), still working": {
        "topics": "tap both",
        "birth": "March 1968",
        "employment": "tap employed",
        "plan_type": "tap 457b_governmental",
        "public_safety": "no",
        "after_tax": "no",
        "in_plan_roth": "no",
        "in_service": "no",
        "estimate": "tap no",
        "tax_est": "tap no",
    },
}


def questions_asked(knows: dict[str, str], today: date = TODAY) -> list[str]:
    """The questions asked until the results, in order (a re-ask counts again)."""
    session, _ = step(Session(), Command(name="start"), today)
    asked: list[str] = []
    while session.asked is not None and len(asked) < 60:
        qid = session.asked
        asked.append(qid)
        answer = {**EVERYONE_KNOWS, **knows}[qid]
        event: Event = (
            Choice(question_id=qid, option_id=answer[4:])
            if answer.startswith("tap ")
            else Text(text=answer)
        )
        session, _ = step(session, event, today)
    return asked


def main() -> None:
    counts = {}
    for name, knows in PEOPLE.items():
        counts[name] = len(questions_asked(knows))
        print(f"{counts[name]:3}  {name}")
    print(f"median {statistics.median(counts.values())}")


if __name__ == "__main__":
    main()
