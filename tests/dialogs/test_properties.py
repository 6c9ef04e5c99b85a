"""Whatever a person sends, in any order, the dialog answers and stays valid."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogs import Choice, Command, Event, Reply, Session, Text, results, step, summary, wording
from dialogs.form import BY_ID, QUESTIONS
from tests.conftest import TODAY
from tests.dialogs.chat import check_reply

MEANINGFUL_TEXT = [
    "both",
    "rule of 55",
    "feb 72",
    "I'm 54",
    "54",
    "1962-03-15",
    "yes",
    "no",
    "not sure",
    "next March",
    "June 2024",
    "end of 2026",
    "401k",
    "it's a 457",
    "TSP",
    "180k",
    "max",
    "10%",
    "4% match",
    "-5",
    "why?",
    "back",
    "what if I leave in March 2027",
    "",
    "<b>hi</b> & bye",
]
COMMANDS = ["start", "help", "back", "restart", "summary", "privacy", "forget", "nonsense"]
QUESTION_IDS = [q.id for q in QUESTIONS] + ["edit", "menu", "whatif", "plans", "plan_name", "bogus"]
OPTION_IDS = [
    *sorted({o for q in QUESTIONS for o in q.options}),
    *["why", "sum", "edit", "list", "restart", "2027-01", "u2027-01", "a54", "y1954"],
    *["birth", "separation", "zzz"],
    *["more", "skip", "s0", "r0", "s5", "c0", "c3", "picture"],
]

# A plausible answer to whatever is on screen, so that sequences reach the results.
FREE_TEXT = {
    "birth": ["feb 72", "I'm 54", "1962-03-15", "1980", "May 1975"],
    "separation": ["next March", "June 2024", "end of 2026", "now", "last month"],
    "birth_month": ["March"],
    "service_years": ["26"],
    "pay": ["180k", "40,000"],
    "own": ["max", "10%", "$80,000"],
    "employer": ["4% match", "$6,000"],
    "withdrawal": ["40k"],
    "other_income": ["none", "30000"],
}

random_events = st.one_of(
    st.builds(Text, text=st.one_of(st.sampled_from(MEANINGFUL_TEXT), st.text(max_size=40))),
    st.builds(
        Command,
        name=st.sampled_from(COMMANDS),
        argument=st.one_of(st.just(""), st.sampled_from(["r55", "mbr", "both", "x"])),
    ),
    st.builds(
        Choice,
        question_id=st.sampled_from(QUESTION_IDS),
        option_id=st.sampled_from(OPTION_IDS),
    ),
)


def _answer(session: Session, replies: list[Reply], pick: int) -> Event | None:
    """Answer the question on screen: a plausible text, or one of its buttons."""
    asked = session.asked
    choices = [
        o for r in replies if asked and r.question_id == asked for o in r.options if o.id != "why"
    ]
    if asked in FREE_TEXT and (pick % 4 or not choices):
        texts = FREE_TEXT[asked]
        return Text(text=texts[pick % len(texts)])
    if choices and asked is not None:
        option = choices[pick % len(choices)]
        return Choice(question_id=option.question_id or asked, option_id=option.id)
    offered = [(r, o) for r in replies if r.question_id for o in r.options]
    if not offered:
        return None
    reply, option = offered[pick % len(offered)]
    assert reply.question_id is not None
    return Choice(question_id=option.question_id or reply.question_id, option_id=option.id)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    picks=st.lists(st.integers(0, 1000), min_size=1, max_size=30),
    noise=st.lists(st.tuples(st.integers(0, 30), random_events), max_size=6),
)
def test_any_sequence_never_raises_and_always_answers(
    picks: list[int], noise: list[tuple[int, Event]]
) -> None:
    """Mostly answers that move the dialog on, with random texts, taps and commands
    (stale buttons, nonsense, /back, /forget...) dropped in anywhere."""
    session = Session()
    replies: list[Reply] = []
    plan: list[int | Event] = [Command(name="start"), *picks]
    for position, noisy in sorted(noise, key=lambda item: item[0], reverse=True):
        plan.insert(min(position, len(plan)), noisy)
    for item in plan:
        event = _answer(session, replies, item) if isinstance(item, int) else item
        if event is None:
            continue
        before = session.version
        session, replies = step(session, event, TODAY)
        assert session.version == before + 1
        assert replies
        for reply in replies:
            check_reply(reply, session.version)
        Session.model_validate(session.model_dump(mode="json"))
        shared = summary(session, TODAY)
        assert shared is None or len(shared) < 4096


# Typed answers of every kind, some for the question on screen, some ahead of theirs.
TYPED = [
    *[text for texts in FREE_TEXT.values() for text in texts],
    *["still working, no plans", "i left in june 2024", "retiring next march", "both"],
    *["no i didnt leave, still here", "firefigher for the county", "403b", "yes", "no"],
    *["58 and left my job in may", "110k base plus 10k bonus", "married filing jointly"],
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TYPED), min_size=3, max_size=18))
def test_no_typed_answer_changes_anything_without_being_said_back(texts: list[str]) -> None:
    """Issue 19: an answer read from typed text is always said back ("✔︎") — when it is
    taken, or when it was said ahead of its question — so a misreading that would change a
    verdict is never applied silently."""
    session = Session()
    session, _ = step(session, Command(name="start"), TODAY)
    session, _ = step(session, Choice(question_id="topics", option_id="both"), TODAY)
    said = ""  # everything the bot has said so far
    for text in texts:
        before = dict(session.answers)
        session, replies = step(session, Text(text=text), TODAY)
        now = "\n".join(r.text for r in replies)
        said += now
        ctx = results.answers_context(session.answers, TODAY)
        for qid, answer in session.answers.items():
            if before.get(qid) == answer or qid in {"topics"}:
                continue
            question = BY_ID[qid]
            if answer == question.given_up_as and "I'll take that as" in now:
                continue  # given up after two misses, and said so
            shown = question.echoed_as or qid
            assert wording.read_back("echo", shown, ctx) in said, (text, qid, answer)
