"""Every Ask / Reject code a reader returns; each has a macro in templates/reask.j2
(tests/dialogs/test_reading.py checks both ways)."""

from __future__ import annotations

REASK_CODES = frozenset(
    {
        # any kind
        "unreadable",
        # one message, answers that disagree (dialogs/reading/several.py)
        "birth_several",
        "date_several",
        "money_several",
        "years_several",
        "choice_unreadable",
        "choice_which",
        # a message about another question than the one on screen (dialogs/engine.py)
        "another_question",
        "about_another_question",  # dialogs/engine.py: part of another answer, none of this
        "question_asked",  # dialogs/engine.py: a question of theirs while ours waits
        "others_taken",  # dialogs/engine.py: other questions answered, none of this one
        "greeting",  # dialogs/engine.py: "hi" while a question waits
        # topics
        "topics_unreadable",
        "topics_backdoor",
        "topics_other_rule",
        # birth, birthday, birth month
        "birth_unreadable",
        "birth_age_or_year",
        "birth_age_conflict",
        "birth_decade",
        "birth_unsure_age",
        "birth_year_missing",
        "birth_which",
        "birth_in_future",
        "age_too_old",
        "age_too_young",
        "birthday_passed_unclear",
        "birthday_passed_unreadable",
        "month_unreadable",
        "month_not_a_month",
        # dates
        "date_unreadable",
        "date_day_or_year",
        "date_which",
        "date_no_such_day",
        "date_season",
        "date_year_end",
        "date_part_of_year",
        "date_vague",
        "date_range",
        "date_other_event",
        "date_plan_changed",
        # employment and separation
        "employment_unreadable",
        "employment_yes_which",
        "employment_rehired",
        "employment_undecided",
        "separation_month_missing",  # no longer asked; kept for sessions saved mid-question
        "separation_age_based",
        "work_someone_elses",
        "left_in_future",
        "leaving_in_past",
        "work_before_14",
        "work_too_long_ago",
        "work_too_far",
        # plan, public safety, yes/no, rolled, filing, service
        "plan_type_unreadable",
        "plan_type_two",
        "plan_type_457_which",
        "public_safety_yes_which",
        "public_safety_unclear",
        "yes_no_both",
        "inherited_both",
        "rolled_unreadable",
        "rolled_other_plan",
        "rolled_how_much",
        "filing_unreadable",
        "filing_unsure",
        "filing_married_which",
        "filing_single_or_hoh",
        "filing_widowed",
        "years_unreadable",
        "years_too_many",
        "years_negative",
        "years_in_future",
        "years_range",
        # money
        "money_unreadable",
        "money_negative",
        "money_too_big",
        "money_unit",
        "money_no_percent",
        "money_range",
        "money_vague",
        "money_per_paycheck",
        "pay_hours",
        "pay_net",
        "pay_household",
        "pay_extra",
        "pay_part_year",
        "money_net",
        "money_extra",
        "money_in_doubt",
        "money_someone_elses",
        "own_percent_or_dollars",
        "own_over_limit",
        "own_match_depends",
        "own_stopped",
        "contribution_over_pay",
        "percent_too_big",
        "employer_match_cap",
        "employer_match_formula",
        "employer_match_plus",
        "employer_plus_unsized",
        "employer_not_plan_money",
        "employer_match_tiers",
    }
)
