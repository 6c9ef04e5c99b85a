"""A person with their own answers, whatever order they are asked in.

`Person(topics="tap r55", birth="I'm 58", ...)` answers each question the dialog asks
from what they know (typed text, or "tap <option>"); a question they have no answer for
fails the test, and so does any question asked three times in a row. At the end
`asked` lists the questions in the order they came."""

from __future__ import annotations

from datetime import date
from typing import Any

from dialogs import Choice, form
from tests.conftest import TODAY
from tests.dialogs.chat import Chat, plain

MAX_STEPS = 60
EVERYONE_KNOWS = {"inherited": "tap own", "roth_part": "tap no"}


class Person(Chat):
    def __init__(self, today: date = TODAY, /, **knows: str) -> None:
        super().__init__(today)
        # Everyone here owns their accounts unless they say otherwise ("own or inherited?"
        # is asked for IRAs and whenever a death is mentioned), and their payouts are
        # pre-tax money ("any Roth or after-tax money?" comes with every tax estimate).
        self.knows = {**EVERYONE_KNOWS, **knows}
        self.asked_in_order: list[str] = []
        self.answers_when_asked: dict[str, dict[str, Any]] = {}

    def converse(self, opening: str | None = None) -> Person:
        """Start, then answer until the results are shown."""
        self.start()
        if opening is not None:
            self.say(opening)
        return self.converse_from_here()

    def converse_from_here(self) -> Person:
        """Answer whatever is asked until the results are shown."""
        steps = 0
        while self.asked is not None:
            question = self.asked
            self.asked_in_order.append(question)
            self.answers_when_asked.setdefault(question, dict(self.answers))
            assert self.asked_in_order[-3:] != [question] * 3, f"{question} asked 3 times"
            assert question in self.knows, (
                f"asked {question!r}, which this person was not expected to be asked "
                f"(asked so far: {self.asked_in_order})\n{self.text}"
            )
            self.answer(self.knows[question])
            steps += 1
            assert steps < MAX_STEPS, "the conversation does not end"
        assert every_asked_question_mattered(self) == [], "a question that changed nothing"
        return self

    def converse_until(self, question: str) -> Person:
        """Start, then answer what is asked until `question` is on screen."""
        self.start()
        while self.asked != question:
            assert self.asked is not None, f"{question} was never asked"
            self.answer(self.knows[self.asked])
        return self

    def offered(self) -> list[str]:
        """The readings offered as buttons with the last re-ask, as their labels read."""
        return [plain(o.label) for o in self.replies[-1].options if o.id.startswith("c")]

    def answer(self, what: str) -> None:
        if not what.startswith("tap "):
            self.say(what)
            return
        option = what[4:]
        if option in self.buttons().get(self.asked or "", []):
            self.tap(option, self.asked)
        else:  # the question's message is further up the chat (after a pop-up, say)
            assert self.asked is not None
            self.send(Choice(question_id=self.asked, option_id=option))

    @property
    def questions(self) -> list[str]:
        """The distinct questions asked, in order."""
        return list(dict.fromkeys(self.asked_in_order))

    def results(self) -> str:
        assert self.asked is None, f"still asking {self.asked}"
        return self.text


def every_asked_question_mattered(person: Person) -> list[str]:
    """The asked questions none of whose answers would have changed what the person is
    told, given what they had said when it was asked (should be none). A question can
    still turn out moot after a later answer (two routes to Roth: once one is yes, the
    other no longer matters); that is not a wasted question."""
    wasted = []
    for qid in person.questions:
        question = form.BY_ID[qid]
        if question.tries is None:
            continue  # a choice of what to see (an estimate, the tax)
        if not form.would_change(question, person.answers_when_asked[qid], person.today):
            wasted.append(qid)
    return wasted
