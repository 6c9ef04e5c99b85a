"""Telegram's HTML parse mode, strictly: what the Bot API would accept, and what it makes of it.

`parse_html(text)` returns the plain text and the message entities Telegram would store
(offsets in UTF-16 code units), or raises `TelegramHTMLError` where Telegram would answer
"Bad Request: can't parse entities". It is stricter than Telegram in one way on purpose:
only the tags our replies may use are accepted (b, i, u, s, a, code, pre, blockquote,
tg-spoiler), and a bare `&`, `<` or `>` is an error even where Telegram would guess.

Used by the fake Bot API server (so the bot sees real-looking messages) and by every test
that checks what the bot sent."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

MAX_MESSAGE_LENGTH = 4096
MAX_CALLBACK_ANSWER_LENGTH = 200

ENTITY_TYPES = {
    "b": "bold",
    "i": "italic",
    "u": "underline",
    "s": "strikethrough",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-spoiler": "spoiler",
}
# Telegram: bold, italic, underline, strikethrough and spoiler may nest in anything but
# code and pre; blockquotes don't nest; the other entities contain no other entity.
FORMATTING = {"b", "i", "u", "s", "tg-spoiler"}

_OPEN_TAG = re.compile(r'<([a-z-]+)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>')
_CLOSE_TAG = re.compile(r"</([a-z-]+)\s*>")
_ATTRIBUTE = re.compile(r'\s+([a-z-]+)(?:="([^"<>]*)")?')
_CHAR_REF = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
_ALLOWED_ATTRIBUTES = {"a": {"href"}, "code": {"class"}, "blockquote": {"expandable"}}
_URL = re.compile(r"^(https?://|tg://)[^\s]+$")


class TelegramHTMLError(ValueError):
    pass


@dataclass
class ParsedMessage:
    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def parse_html(source: str) -> ParsedMessage:
    """Plain text and entities of an HTML-mode message, or `TelegramHTMLError`."""
    text_parts: list[str] = []
    position = 0  # in UTF-16 code units of the plain text so far
    open_tags: list[tuple[str, dict[str, str], int, int]] = []
    opened = 0
    entities: list[tuple[int, dict[str, Any]]] = []
    index = 0
    while index < len(source):
        char = source[index]
        if char == "<":
            closing = _CLOSE_TAG.match(source, index)
            if closing:
                name = closing.group(1)
                if not open_tags or open_tags[-1][0] != name:
                    raise TelegramHTMLError(f"unexpected end tag </{name}> at byte {index}")
                _, attributes, start, order = open_tags.pop()
                if position > start:
                    entity = _entity(name, attributes, start, position - start)
                    entities.append((order, entity))
                index = closing.end()
                continue
            opening = _OPEN_TAG.match(source, index)
            if not opening:
                raise TelegramHTMLError(f"unescaped '<' or malformed tag at {index}")
            name = opening.group(1)
            if name not in ENTITY_TYPES:
                raise TelegramHTMLError(f"unsupported tag <{name}>")
            attributes = _attributes(name, opening.group(2))
            _check_nesting(name, [tag for tag, _, _, _ in open_tags])
            open_tags.append((name, attributes, position, opened))
            opened += 1
            index = opening.end()
            continue
        if char == "&":
            reference = _CHAR_REF.match(source, index)
            if not reference:
                raise TelegramHTMLError(f"unescaped '&' at {index}")
            decoded = html.unescape(reference.group(0))
            text_parts.append(decoded)
            position += utf16_length(decoded)
            index = reference.end()
            continue
        if char == ">":
            raise TelegramHTMLError(f"unescaped '>' at {index}")
        text_parts.append(char)
        position += utf16_length(char)
        index += 1
    if open_tags:
        raise TelegramHTMLError(f"unclosed tag <{open_tags[-1][0]}>")
    # Telegram's order: by offset, the outer entity first.
    entities.sort(key=lambda item: (item[1]["offset"], -item[1]["length"], item[0]))
    return ParsedMessage("".join(text_parts), [entity for _, entity in entities])


def _attributes(name: str, raw: str) -> dict[str, str]:
    attributes = {key: value or "" for key, value in _ATTRIBUTE.findall(raw)}
    unknown = set(attributes) - _ALLOWED_ATTRIBUTES.get(name, set())
    if unknown:
        raise TelegramHTMLError(f"unsupported attribute(s) {sorted(unknown)} on <{name}>")
    if name == "a":
        href = html.unescape(attributes.get("href", ""))
        if not _URL.match(href):
            raise TelegramHTMLError(f"<a> needs an http(s) or tg:// href, got {href!r}")
        attributes["href"] = href
    if name == "code" and "class" in attributes and not attributes["class"].startswith("language-"):
        raise TelegramHTMLError("<code class> must be language-…")
    return attributes


def _check_nesting(name: str, outer: list[str]) -> None:
    for parent in outer:
        if parent == "pre" and name == "code" and parent == outer[-1]:
            continue
        if parent in ("code", "pre"):
            raise TelegramHTMLError(f"<{name}> inside <{parent}>")
        if parent == "a" and name not in FORMATTING:
            raise TelegramHTMLError(f"<{name}> inside <a>")
        if parent == "blockquote" and name == "blockquote":
            raise TelegramHTMLError("nested <blockquote>")
        if parent in FORMATTING and name == parent:
            raise TelegramHTMLError(f"<{name}> inside <{name}>")


def _entity(name: str, attributes: dict[str, str], offset: int, length: int) -> dict[str, Any]:
    entity: dict[str, Any] = {"type": ENTITY_TYPES[name], "offset": offset, "length": length}
    if name == "a":
        entity["url"] = attributes["href"]
    if name == "blockquote" and "expandable" in attributes:
        entity["type"] = "expandable_blockquote"
    return entity


def check_message_html(source: str) -> ParsedMessage:
    """What every message the bot sends must satisfy; raises `TelegramHTMLError`."""
    parsed = parse_html(source)
    if not parsed.text.strip():
        raise TelegramHTMLError("message text is empty")
    if utf16_length(parsed.text) > MAX_MESSAGE_LENGTH:
        raise TelegramHTMLError(
            f"message is {utf16_length(parsed.text)} characters, over {MAX_MESSAGE_LENGTH}"
        )
    return parsed


def check_alert_text(text: str) -> None:
    """A callback-query answer is plain text of at most 200 characters."""
    if len(text) > MAX_CALLBACK_ANSWER_LENGTH:
        raise TelegramHTMLError(f"callback answer is {len(text)} characters, over 200")
    if re.search(r"</?(b|i|u|s|a|code|pre|blockquote)\b", text):
        raise TelegramHTMLError("callback answers are plain text, not HTML")
