"""The checker every sent message goes through must itself be right."""

from __future__ import annotations

import pytest

from tests.telegram.telegram_html import TelegramHTMLError, check_message_html, parse_html


def test_plain_text_and_entities_like_telegram() -> None:
    parsed = parse_html(
        '📋 <b>Rule of 55:</b> ok &amp; <a href="https://irs.gov/x?a=1&amp;b=2">IRS</a>'
    )
    assert parsed.text == "📋 Rule of 55: ok & IRS"
    assert parsed.entities == [
        {"type": "bold", "offset": 3, "length": 11},  # 📋 is two UTF-16 units
        {"type": "text_link", "offset": 20, "length": 3, "url": "https://irs.gov/x?a=1&b=2"},
    ]


def test_nesting_allowed() -> None:
    parsed = parse_html('<b>bold <i>both</i></b> <pre><code class="language-py">x</code></pre>')
    assert [e["type"] for e in parsed.entities] == ["bold", "italic", "pre", "code"]
    check_message_html("<blockquote>quote <tg-spoiler>hidden</tg-spoiler></blockquote>")


@pytest.mark.parametrize(
    "bad",
    [
        "<b>unclosed",
        "<b><i>crossed</b></i>",
        "stray </i>",
        "<script>alert(1)</script>",
        '<span class="x">no</span>',
        "1 < 2",
        "a > b",
        "fish & chips",
        "&nbsp;",
        '<a href="javascript:alert(1)">x</a>',
        "<a>no href</a>",
        "<code><b>x</b></code>",
        "<blockquote><blockquote>x</blockquote></blockquote>",
        '<b onclick="x">x</b>',
        "",
        "   ",
        "x" * 4097,
    ],
)
def test_rejected(bad: str) -> None:
    with pytest.raises(TelegramHTMLError):
        check_message_html(bad)


def test_length_counts_parsed_text() -> None:
    check_message_html("<b>" + "x" * 4096 + "</b>")
    with pytest.raises(TelegramHTMLError):
        check_message_html("😀" * 2049)  # 4098 UTF-16 units
