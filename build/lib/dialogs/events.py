"""The data that crosses the line between a shell (Telegram, terminal) and the dialog.
Nothing here knows Telegram: a reply is text in Telegram's HTML subset plus options."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from dialogs.marks import Timeline


class Text(BaseModel):
    """Free text the person typed."""

    model_config = ConfigDict(frozen=True)
    kind: Literal["text"] = "text"
    text: str


class Choice(BaseModel):
    """A tapped option: which question it belonged to and which option."""

    model_config = ConfigDict(frozen=True)
    kind: Literal["choice"] = "choice"
    question_id: str
    option_id: str


class Command(BaseModel):
    """/start, /help, /back, /restart, /summary, /privacy, /forget (name without the slash)."""

    model_config = ConfigDict(frozen=True)
    kind: Literal["command"] = "command"
    name: str
    argument: str = ""


Event = Annotated[Text | Choice | Command, Field(discriminator="kind")]


class Option(BaseModel):
    """One button. `label` is plain text (not HTML), short enough for a phone screen."""

    model_config = ConfigDict(frozen=True)
    id: str
    label: str
    # The question this button answers, when it is not the reply's own `question_id`
    # (an echo's "Change" button travelling with the next question).
    question_id: str | None = None


class Reply(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str  # Telegram HTML subset: b, i, u, s, a, code, pre, blockquote
    options: list[Option] = Field(default_factory=list)
    question_id: str | None = None  # the options belong to this question
    alert: bool = False  # a short notice, shown as a pop-up when answering a button press
    shareable: bool = False  # the summary: the shell adds a Share button
    timeline: Timeline | None = None  # the shell sends it as a picture after the text
    # The picture's caption (Telegram HTML, under 1,024 characters): the verdicts it shows,
    # so the photo reads on its own when shared. None: a short generic caption.
    caption: str | None = None
