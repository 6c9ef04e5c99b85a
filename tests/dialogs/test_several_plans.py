"""Several plans in one conversation (issue 13): after the first plan's answer, "another
plan or IRA" asks only what the new plan needs (never the birth date again), names it the
person's way, and the summary puts every plan side by side with the advice across them."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.store.documents import decode
from dialogs import SCHEMA_VERSION, Choice, form, results
from dialogs.render import macros
from tests.conftest import TODAY
from tests.dialogs.chat import Chat, plain
from tests.dialogs.person import EVERYONE_KNOWS, Person

PERSON = {"topics": "tap r55", "birth": "March 1971", "tax_est": "tap no", "inherited": "tap own"}

# Born March 1971: the year of 55 is 2026.
CURRENT_403B = {
    "plan_type": "403b",
    "employment": "tap separated",
    "separation": "June 2026",
    "public_safety": "tap none",
    "rolled_ira": "tap none",
    "partial": "tap yes",
}
OLD_401K = {  # left at 52
    "plan_type": "401k",
    "employment": "tap separated",
    "separation": "June 2023",
    "public_safety": "tap none",
    "rolled_ira": "tap none",
    "partial": "tap yes",
}
ROLLOVER_IRA = {"plan_type": "rollover IRA", "employment": "tap separated", "separation": "2024-05"}
CITY_457B = {
    "plan_type": "457b with the city",
    "employment": "tap separated",
    "separation": "June 2025",
    "public_safety": "tap none",
    "rolled_ira": "tap none",
    "partial": "tap yes",
}


def add_plan(person: Person, name: str | None, knows: dict[str, str]) -> None:
    """Tap "another plan", give its name (or skip), and answer what is asked."""
    person.tap("more", "menu")
    assert person.asked == "plan_name"
    if name is None:
        person.tap("skip", "plan_name")
    else:
        person.say(name)
    person.knows = {**EVERYONE_KNOWS, **PERSON, **knows}
    person.converse_from_here()


def plan_lines(person: Chat) -> list[str]:
    text = plain(person.summary() or "")
    lines = text.split("\n")
    start = lines.index("Rule of 55, plan by plan:")
    return [line for line in lines[start + 1 :] if line[:1] in "✅❌🟡❔"]


def test_two_plans_typed_side_by_side() -> None:
    person = Person(**PERSON, **CURRENT_403B).converse()
    add_plan(person, "my old Boeing 401k", OLD_401K)
    assert person.asked_in_order.count("birth") == 1  # the birth date is never asked twice
    assert "plan_type" not in person.questions[person.questions.index("birth") + 2 :]
    lines = plan_lines(person)
    assert len(lines) == 2
    assert lines[0].startswith("✅ your 403(b): yes")
    assert lines[1].startswith("❌ my old Boeing 401k: no")
    assert "free of the 10% now" in lines[0]  # it was from 1 June 2026
    side_by_side = next(r for r in person.replies if "Your plans, side by side" in r.text)
    assert "my old Boeing 401k" in side_by_side.text


def test_four_plans_tapped_fit_one_summary() -> None:
    person = Person(**PERSON, **CURRENT_403B).converse()
    add_plan(person, "Boeing 401k", OLD_401K)
    add_plan(person, "the rollover IRA", ROLLOVER_IRA)
    add_plan(person, None, CITY_457B)
    lines = plan_lines(person)
    assert [line[0] for line in lines] == ["✅", "❌", "❌", "✅"]
    assert "the rollover IRA: no" in lines[2]
    assert lines[3].startswith("✅ your government 457(b): not needed")
    summary = person.summary() or ""
    assert len(summary) < 1_500, len(summary)


def test_cross_plan_advice_names_the_plans() -> None:
    person = Person(**PERSON, **CURRENT_403B).converse()
    add_plan(person, "the rollover IRA", ROLLOVER_IRA)
    summary = plain(person.summary() or "")
    assert "→" in summary and "IRA" in summary  # keep early money out of the IRA


def test_a_plan_can_be_checked_again_and_changed() -> None:
    person = Person(**PERSON, **CURRENT_403B).converse()
    add_plan(person, "Boeing 401k", OLD_401K)
    person.tap("s0", "plans")  # the 403(b) is the one on screen again
    assert person.answers["plan_type"] == "403b"
    person.send(Choice(question_id="separation", option_id="unsure"))
    person.knows = {**EVERYONE_KNOWS, **PERSON, **CURRENT_403B}
    person.converse_from_here()
    lines = plan_lines(person)
    assert lines[0].startswith("❌ Boeing 401k") and "403(b)" in lines[1]


def test_a_plan_can_be_removed() -> None:
    person = Person(**PERSON, **CURRENT_403B).converse()
    add_plan(person, "Boeing 401k", OLD_401K)
    person.tap("r0", "plans")
    assert person.session.plans == []
    assert "plan by plan" not in (person.summary() or "")


def test_plan_names_are_escaped_and_capped() -> None:
    person = Person(**PERSON, **CURRENT_403B).converse()
    add_plan(person, "<b>Acme</b> & Sons retirement plan with a very long name indeed", OLD_401K)
    summary = person.summary() or ""
    assert "&lt;b&gt;Acme&lt;/b&gt; &amp; Sons" in summary
    assert "indeed" not in summary


def test_a_plan_name_of_invisible_characters_is_no_name() -> None:
    """A name of zero-width characters showed as a blank title: the plan is called by its
    kind instead, and invisible characters inside a name are dropped."""
    person = Person(**PERSON, **CURRENT_403B).converse()
    add_plan(person, "\u200b\u200d\u2060\ufeff", OLD_401K)
    add_plan(person, "Ac\u200bme\u200d 401k", CITY_457B)
    lines = plan_lines(person)
    assert lines[1].startswith("❌ your 401(k): no"), lines
    assert lines[2].split(" ", 1)[1].startswith("Acme 401k:"), lines


def test_a_saved_one_plan_conversation_opens_and_takes_another_plan() -> None:
    person = Person(**PERSON, **CURRENT_403B).converse()
    saved = person.session.model_dump(mode="json")
    saved = {k: v for k, v in saved.items() if k not in {"plans", "plan_name"}}
    saved["schema_version"] = 2
    person.session = decode(json.dumps(saved))
    assert person.session.schema_version == SCHEMA_VERSION and person.session.plans == []
    add_plan(person, "Boeing 401k", OLD_401K)
    assert len(plan_lines(person)) == 2


PLANS = [CURRENT_403B, OLD_401K, ROLLOVER_IRA, CITY_457B]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(order=st.permutations(range(4)), count=st.integers(2, 4))
def test_each_plan_reads_the_same_in_the_chat_and_in_the_summary(
    order: list[int], count: int
) -> None:
    """Every plan's line in the summary is the headline its own results showed, and a plan
    added later never changes an earlier plan's line."""
    chosen = [PLANS[i] for i in order[:count]]
    person = Person(**PERSON, **chosen[0]).converse()
    heads = [_chat_headline(person)]
    before: list[str] = []
    for knows in chosen[1:]:
        before = plan_lines(person) if len(heads) > 1 else []
        add_plan(person, None, knows)
        heads.append(_chat_headline(person))
        after = plan_lines(person)
        assert after[: len(before)] == before
    lines = plan_lines(person)
    for head, line in zip(heads, lines, strict=True):
        mark, _, words = head.partition(" Rule of 55: ")
        assert line.startswith(mark) and line.split(": ", 1)[1].startswith(words)


def _chat_headline(person: Chat) -> str:
    for reply in person.replies:
        for line in plain(reply.text).split("\n"):
            if " Rule of 55: " in line and line[:1] in "✅❌🟡❔":
                return line
    raise AssertionError(person.text)


def test_two_plans_all_typed() -> None:
    person = Person(
        topics="rule of 55",
        birth="born march 1971",
        plan_type="the school districts 403b",
        employment="retired in june",
        public_safety="nope",
        rolled_ira="nope its all still in the plan",
        partial="yes",
        tax_est="no thanks",
    ).converse()
    add_plan(
        person,
        "my old boeing 401k",
        {"employment": "I left in 2019", "separation": "june 2019", "public_safety": "no",
         "rolled_ira": "no", "partial": "no idea"},
    )  # fmt: skip
    lines = plan_lines(person)
    assert lines[0].startswith("✅ your 403(b)") and lines[1].startswith("❌ my old boeing 401k")
    assert "free of the 10% in Sep 2030" in lines[1]  # at 59½: born March 1971, day not given


def test_the_mega_backdoor_stays_with_the_plan_still_worked_at() -> None:
    person = Person(
        topics="tap both",
        birth="March 1971",
        plan_type="401k",
        employment="tap employed",
        public_safety="tap none",
        after_tax="tap yes",
        in_plan_roth="tap yes",
        estimate="tap no",
        tax_est="tap no",
    ).converse()
    before = [line for line in plain(person.summary() or "").split("\n") if "Mega backdoor" in line]
    assert before and "✅" in before[0]
    add_plan(person, "Boeing 401k", OLD_401K)  # an old plan, left: no contributions there
    after = [line for line in plain(person.summary() or "").split("\n") if "Mega backdoor" in line]
    assert after == before
    assert not any("Mega backdoor Roth:" in r.text for r in person.replies)  # not re-told


def test_the_filing_status_is_not_asked_again_for_another_plan() -> None:
    person = Person(
        **{**PERSON, "tax_est": "tap yes"},
        **CURRENT_403B,
        withdrawal="40k",
        filing="tap married_joint",
        other_income="none",
    ).converse()
    add_plan(person, "Boeing 401k", {**OLD_401K, "tax_est": "tap yes", "withdrawal": "10k"})
    assert person.asked_in_order.count("filing") == 1
    assert person.answers["filing"] == "married_joint" and person.answers["withdrawal"] == 10_000
    person.command("back")  # undoes the last answer of the plan on screen
    assert "roth_part" not in person.answers and person.answers["withdrawal"] == 10_000


operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(0, 3)),
        st.tuples(st.just("check"), st.integers(0, 5)),
        st.tuples(st.just("remove"), st.integers(0, 5)),
        st.tuples(st.just("command"), st.sampled_from(["back", "summary", "start", "help"])),
    ),
    max_size=8,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=operations)
def test_any_mix_of_adding_checking_and_removing_plans_holds(
    steps: list[tuple[str, object]],
) -> None:
    person = Person(**PERSON, **CURRENT_403B).converse()
    for action, argument in steps:
        if action == "add":
            person.send(Choice(question_id="menu", option_id="more"))
            if person.asked == "plan_name":
                person.send(Choice(question_id="plan_name", option_id="skip"))
                person.knows = {**EVERYONE_KNOWS, **PERSON, **PLANS[int(str(argument))]}
                person.converse_from_here()
        elif action == "check":
            person.send(Choice(question_id="plans", option_id=f"s{argument}"))
            person.asked_in_order.clear()  # a /back before may have re-asked the same question
            person.knows = {**EVERYONE_KNOWS, **PERSON, **CURRENT_403B, **OLD_401K, **CITY_457B}
            person.knows.update(ROLLOVER_IRA)
            person.converse_from_here()
        elif action == "remove":
            person.send(Choice(question_id="plans", option_id=f"r{argument}"))
        else:
            person.command(str(argument))
        assert len(person.session.plans) < 6
        text = person.summary() or ""
        assert len(text) < 4_096


def test_three_plans_each_keep_their_own_questions_for_the_administrator() -> None:
    """rules-reference §10 "Several plans": every plan's open questions in the summary;
    "does my current plan accept roll-ins?" is asked of the plan still worked at."""
    current = {
        "plan_type": "401k",
        "employment": "still working there, leaving next june",
        "separation": "June 2027",
        "public_safety": "tap none",
        "rolled_ira": "tap none",
        "partial": "tap unsure",
    }
    person = Person(**PERSON, **current).converse()
    add_plan(person, "Boeing 401k", {**OLD_401K, "rolled_ira": "tap unsure"})
    add_plan(
        person, "old 403b", {**CURRENT_403B, "rolled_ira": "tap unsure", "partial": "tap unsure"}
    )
    asks = [line for line in plain(person.summary() or "").splitlines() if line.startswith("Ask ")]
    assert asks == [
        "Ask your 401(k): partial withdrawals after leaving?"
        " · does my current plan accept roll-ins?",
        "Ask old 403b: partial withdrawals after leaving? · how much is still in the plan?",
    ]


def test_no_roll_in_question_when_no_plan_is_a_current_one() -> None:
    person = Person(**PERSON, **CURRENT_403B).converse()
    add_plan(person, "Boeing 401k", OLD_401K)
    assert "accept roll-ins" not in plain(person.summary() or "")


def test_each_estimate_names_its_plan_and_each_plan_has_its_based_on_line() -> None:
    """Several plans, one summary (rules-reference §10): a tax estimate says which plan it
    is for, in the chat and in the summary; every plan's answers stay in "Based on"."""
    person = Person(
        **{**PERSON, "tax_est": "tap yes"},
        **CURRENT_403B,
        withdrawal="40k",
        filing="tap married_joint",
        other_income="none",
    ).converse()
    add_plan(person, "Boeing 401k", {**OLD_401K, "tax_est": "tap yes", "withdrawal": "10k"})
    assert "Tax on a $10,000 withdrawal from Boeing 401k" in plain(person.text)
    add_plan(person, None, {**ROLLOVER_IRA})
    summary = plain(person.summary() or "")
    assert "Tax on $40,000 from your 403(b)" in summary
    assert "Tax on $10,000 from Boeing 401k" in summary
    based_on = summary[summary.index("Based on:") :]
    assert "born March 1971 · married filing jointly" in based_on
    assert "your 403(b): left June 2026" in based_on
    assert "Boeing 401k: 401(k) · left June 2023" in based_on
    assert "your IRA:" in based_on


UNSURE_OR_KNOWN = st.sampled_from(["tap unsure", "tap yes", "tap no"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    extra=st.lists(st.sampled_from([OLD_401K, CITY_457B, ROLLOVER_IRA]), min_size=1, max_size=2),
    partial=st.lists(UNSURE_OR_KNOWN, min_size=3, max_size=3),
)
def test_every_plans_open_questions_are_in_the_summary(
    extra: list[dict[str, str]], partial: list[str]
) -> None:
    """Property (rules-reference §10 "Several plans"): whatever the plans, each plan's
    open questions for its administrator are on that plan's "Ask" line of the summary."""
    person = Person(**PERSON, **{**CURRENT_403B, "partial": partial[0]}).converse()
    for n, knows in enumerate(extra, start=1):
        add_plan(person, f"plan {n}", {**knows, "partial": partial[n]})
    summary = plain(person.summary() or "")
    asks = {
        line.split(":", 1)[0].removeprefix("Ask "): line
        for line in summary.splitlines()
        if line.startswith("Ask ")
    }
    plans = form.all_plans(person.session.answers, person.session.plans, person.session.plan_name)
    for name, answers in plans:
        finding = form.assessment(form.facts_from(answers, TODAY), TODAY).rule_of_55
        title = plain(str(results.plan_title(name, answers)))
        for question in finding.plan_questions:
            if question.code == "ask_accepts_roll_ins":
                continue  # asked of the plan that would take the money
            words = macros("asks.j2", ctx={})(question.code, **question.params)
            assert words in asks.get(title, ""), (title, question.code, summary)
