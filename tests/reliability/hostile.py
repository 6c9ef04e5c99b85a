"""Hostile input for the fuzz tests, and the checks every reply must pass whatever came in.

The strategies make what a careless, curious or malicious person can type or forge: HTML
and Markdown, `<script>`, character references, zero-width and right-to-left characters,
emoji, empty and 10,000-character texts, unknown commands and odd /start payloads,
forged callback data. `probe` texts carry a marker (`PROBE`) behind markup; if the
marker ever reaches a message, the markup in front of it must reach the person as the
very characters they typed (escaped), never as formatting or as a tag."""

from __future__ import annotations

import os
import re

from hypothesis import strategies as st

from dialogs import Choice, Command, Event, Session, Text
from dialogs.form import QUESTIONS
from tests.telegram.telegram_html import check_message_html

# `make reliability` sets this to run many more examples than `make test`.
SCALE = float(os.environ.get("RELIABILITY_FUZZ_SCALE", "1"))


def examples(base: int) -> int:
    return max(1, round(base * SCALE))


PROBE = "zq7x"
# Markup typed in front of the marker; shown to the person, it must read exactly so.
PROBE_PREFIXES = (
    "<script>",
    "<b>",
    "<i>",
    "</b>",
    '<a href="https://evil.example">',
    "<tg-spoiler>",
    "&amp;",
    "&lt;",
    "&#60;",
    "**",
    "__",
    "[",
    "`",
)
ZERO_WIDTH_AND_BIDI = (
    "\u200b\u200c\u200d\u2060\ufeff"  # zero-width spaces, joiners, BOM
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2069\u061c"  # bidi controls
)
EMOJI = ["😀", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇺🇸", "👍🏽", "🧓", "💵", "\U0001f9d1\u200d\U0001f4bc"]
SPECIAL = list("<>&\"'/\\*_[]()~`#+-=|{}.!:;@%$\n\t\r") + list(ZERO_WIDTH_AND_BIDI) + EMOJI
NASTY = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">tap</a>',
    "<b>bold</b>",
    "</b></i></a>",
    "<b><i>unclosed",
    "&amp;",
    "&lt;b&gt;",
    "&#0;&#x110000;&bogus;",
    "&",
    "<",
    ">",
    "**bold** __under__ ~~strike~~ `code` ```pre```",
    "[click](https://evil.example)",
    "\\*escaped\\*",
    "\u202efeb 72",
    "feb\u200b 72",
    "\ufeff180k",
    "١٩٧٢",  # Arabic-Indic digits
    "ＦＥＢ ７２",  # full-width
    "ﬁfty",
    "e\u0301\u0301\u0301",
    "\x00\x01\x1b[31m",
    "",
    " ",
    "\n\n\n",
    "👨‍👩‍👧‍👦" * 50,
    "x" * 10_000,
    "<" * 5000,
    "&amp;" * 2000,
    "1972" + "\u200b" * 100,
    "null",
    "None",
    "{{ 7*7 }} {% raise %}",
    "%s %d {0} ${x}",
    "'; DROP TABLE sessions; --",
]
# Plausible answers, so that sequences reach deep into the form and the results.
PLAUSIBLE = [
    "both", "rule of 55", "mega backdoor", "feb 72", "I'm 54", "March 1971", "1962-03-15",
    "yes", "no", "not sure", "Yes, and I plan to leave", "end of december", "June 2024",
    "401k", "457", "180k", "max", "10%", "4% match", "40k", "none", "single", "26",
    "why?", "back", "summary", "what if I leave in March 2027",
]  # fmt: skip
COMMAND_NAMES = ["start", "help", "back", "restart", "summary", "privacy", "forget"]
START_PAYLOADS = [
    "", "r55", "mbr", "both", "share", "shared", "from_group", "R55", "both both",
    "../../etc/passwd", "<script>", "%00", "a" * 64, "🧓", "r55\u200b",
]  # fmt: skip
QUESTION_IDS = [q.id for q in QUESTIONS] + ["edit", "menu", "whatif", "why", ""]
OPTION_IDS = [
    *sorted({o for q in QUESTIONS for o in q.options}),
    "why", "sum", "edit", "list", "restart", "2027-01", "u2027-01", "u1999-13", "a54",
    "y1954", "a-1", "y99999999", "birth", "separation",
]  # fmt: skip

special_text = st.lists(
    st.one_of(st.sampled_from(SPECIAL), st.characters(codec="utf-8")), max_size=60
).map("".join)


@st.composite
def probe(draw: st.DrawFn) -> str:
    """Markup right in front of the marker, inside otherwise plausible or random text."""
    prefix = draw(st.sampled_from(PROBE_PREFIXES))
    around = draw(st.sampled_from(PLAUSIBLE))
    return draw(st.sampled_from([f"{prefix}{PROBE}", f"{around} {prefix}{PROBE}"]))


hostile_text = st.one_of(
    st.sampled_from(NASTY),
    probe(),
    special_text,
    st.builds(lambda a, b: a + b, st.sampled_from(PLAUSIBLE), special_text),
    st.builds(lambda a, b: a + b, special_text, st.sampled_from(PLAUSIBLE)),
    st.text(max_size=300),
)
command_name = st.one_of(
    st.sampled_from(COMMAND_NAMES),
    st.from_regex(r"[A-Za-z0-9_]{1,64}", fullmatch=True),
    st.sampled_from(["START", "Start", "forget_me", "s", "x" * 64, "_", "0"]),
)
forged_choice = st.builds(
    Choice,
    question_id=st.one_of(st.sampled_from(QUESTION_IDS), hostile_text),
    option_id=st.one_of(st.sampled_from(OPTION_IDS), hostile_text),
)
hostile_event: st.SearchStrategy[Event] = st.one_of(
    st.builds(Text, text=hostile_text),
    st.builds(
        Command,
        name=command_name,
        argument=st.one_of(st.sampled_from(START_PAYLOADS), hostile_text),
    ),
    st.builds(Command, name=hostile_text, argument=hostile_text),
    forged_choice,
)

# Callback data as a forger would write it: random strings, other questions' ids, huge
# or negative versions, extra colons, the oversized-key prefix, over 64 bytes.
forged_callback_data = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda q, o, v: f"{q}:{o}:{v}",
        st.sampled_from(QUESTION_IDS),
        st.sampled_from(OPTION_IDS),
        st.one_of(st.just(""), st.integers(-5, 2**80).map(str), st.sampled_from(["x", "1e9", "٣"])),
    ),
    st.builds(lambda parts: ":".join(parts), st.lists(st.text(max_size=8), min_size=0, max_size=6)),
    st.builds(lambda key: "~" + key, st.text(alphabet="0123456789abcdef", max_size=40)),
    st.sampled_from(["", ":", "::", ":::", "birth:why:", "topics:both:99999999999999999999"]),
)


# ---- what every reply must satisfy --------------------------------------------------------

_MARKER = re.compile(re.escape(PROBE))


def check_sent_html(source: str) -> None:
    """Valid Telegram HTML of our subset, at most 4096 characters, and no echo of markup."""
    parsed = check_message_html(source)
    assert "<script" not in source.lower(), source
    check_no_markup_echo(parsed.text)


def check_no_markup_echo(shown: str) -> None:
    """Wherever the marker reaches the person, the markup typed right before it is shown
    exactly as typed. Had a reply put the text into HTML unescaped, the person would see
    "zq7x" in bold, or "&zq7x" for "&amp;zq7x", and this fails."""
    for match in _MARKER.finditer(shown):
        before = shown[: match.start()]
        assert before.endswith(PROBE_PREFIXES), (
            f"typed markup reached the person altered: {shown[max(0, match.start() - 40) :]!r}"
        )


def check_session(session: Session) -> None:
    """The session round-trips through its stored JSON form and validates."""
    again = Session.model_validate_json(session.model_dump_json())
    # `forgotten` tells the shell to delete instead of saving; it is never stored.
    assert again == session.model_copy(update={"forgotten": False})
    Session.model_validate(session.model_dump(mode="json"))
