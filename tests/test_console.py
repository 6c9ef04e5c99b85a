"""The terminal shell: a whole conversation piped through it, in-process and as
`python -m bot` without a Telegram token."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.console import run_console, to_plain
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[1]

# Both checks, as a newcomer would type them: numbers pick the buttons shown last.
CONVERSATION = "\n".join(
    [
        "3",  # Both
        "feb 72",
        "401k",
        "1",  # Yes, and I plan to leave
        "end of december",
        "no",  # public safety
        "1",  # rolled over to an IRA: No, it's all in the plan
        "yes",  # after-tax
        "1",  # in-plan Roth: Yes
        "1",  # estimate: Yes
        "180k",
        "max",
        "4% match",
        "2",  # tax estimate: No thanks
        "more",  # the details folded under the verdicts
        "1",  # 📋 Summary
        "",
    ]
)


def check_transcript(out: str) -> None:
    assert "Rule of 55" in out and "Mega backdoor Roth" in out
    assert "  1) Rule of 55" in out and "  3) Both" in out
    assert "February 1972 ✔︎" in out and "December 2026 ✔︎" in out
    assert "❌ Rule of 55" in out
    assert "$40,300" in out
    summary = out[out.index("Retirement plan check —") :]
    assert "28 Nov 2026" in summary and "$40,300" in summary and "2027 or later" in summary
    assert "Not tax advice" in summary
    assert "<b>" not in out and "&amp;" not in out and "Q&A-20" in out
    # the details come only when asked for, as in Telegram's folded quote
    asked = out.index("> more")
    assert 'type "more" for the details' in out[:asked] and "Q&A-20" not in out[:asked]


def test_a_whole_conversation_through_the_console() -> None:
    out = io.StringIO()
    code = run_console(io.StringIO(CONVERSATION), out, lambda: TODAY)
    assert code == 0
    check_transcript(out.getvalue())


def test_commands_and_free_text_in_the_console() -> None:
    out = io.StringIO()
    script = "/help\n2\n/back\n/summary\nfeb 72\n/privacy\n/forget\n/start\n"
    assert run_console(io.StringIO(script), out, lambda: TODAY) == 0
    text = out.getvalue()
    assert "/back" in text and "deleted" in text and "SQLite" in text
    assert text.count("Hi! I can check two things") >= 2


def test_letters_pick_an_earlier_button_in_the_same_batch() -> None:
    out = io.StringIO()
    run_console(io.StringIO("1\nfeb 72\na\nmarch 1970\n"), out, lambda: TODAY)
    text = out.getvalue()
    assert "  a) Change" in text
    assert "Now: February 1972" in text and "March 1970 ✔︎" in text


def test_eof_at_once_and_ctrl_c_exit_cleanly(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_console(io.StringIO(""), io.StringIO(), lambda: TODAY) == 0

    def interrupted(*args: object) -> str:
        raise KeyboardInterrupt

    stream = io.StringIO("3\n")
    monkeypatch.setattr(stream, "readline", interrupted)
    out = io.StringIO()
    assert run_console(stream, out, lambda: TODAY) == 0
    assert "Bye" in out.getvalue()


def test_quit() -> None:
    out = io.StringIO()
    assert run_console(io.StringIO("/quit\n3\n"), out, lambda: TODAY) == 0
    assert "When were you born" not in out.getvalue()


@pytest.mark.parametrize(
    ("html", "plain"),
    [
        ("<b>Rule of 55</b>: yes", "Rule of 55: yes"),
        ('<a href="https://irs.gov/x">Topic 558</a>', "Topic 558 (https://irs.gov/x)"),
        ("<i>Q&amp;A-20</i> &lt;3", "Q&A-20 <3"),
        ("<blockquote>a</blockquote><code>b</code>", "ab"),
    ],
)
def test_html_becomes_plain_text(html: str, plain: str) -> None:
    assert to_plain(html) == plain


@pytest.mark.skipif(not (ROOT / "bot" / "__main__.py").exists(), reason="bot/__main__.py not yet")
def test_python_dash_m_bot_without_a_token_talks_in_the_terminal(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    env["RETIREMENT_BOT_TODAY"] = TODAY.isoformat()
    result = subprocess.run(
        [sys.executable, "-m", "bot"],
        input=CONVERSATION,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    check_transcript(result.stdout)
