"""getUpdates answers (bot/transport.py's UpdatesRequest): while updates are in hand every
answer repeats them, and only the new ones are parsed again. Whatever Telegram sends, the
bot must read exactly what a full JSON parse reads: no update lost, none stale."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram.error import TelegramError

from bot.transport import UpdatesRequest


def update(update_id: int, text: str) -> dict[str, Any]:
    chat = {"id": 7, "type": "private", "first_name": "Ada"}
    message = {"message_id": update_id, "date": 0, "chat": chat, "text": text}
    return {"update_id": update_id, "message": message}


def answer(updates: list[dict[str, Any]], compact: bool = True) -> bytes:
    separators = (",", ":") if compact else (", ", ": ")
    return json.dumps({"ok": True, "result": updates}, separators=separators).encode()


def test_repeated_updates_are_read_as_before_and_new_ones_as_sent() -> None:
    request = UpdatesRequest()
    first = [update(1, "hi"), update(2, "feb 72")]
    read_first = request.parse_json_payload(answer(first))
    assert read_first == {"ok": True, "result": first}
    changed = [update(2, "march 72"), update(3, '{"update_id": 99} ]}')]
    later = [first[0], *changed]
    read_later = request.parse_json_payload(answer(later))
    assert read_later == {"ok": True, "result": later}
    assert read_later["result"][0] is read_first["result"][0], "not parsed again"
    assert request.parse_json_payload(answer(later[1:])) == {"ok": True, "result": later[1:]}


@pytest.mark.parametrize(
    "payload",
    [
        b'{"ok":false,"error_code":409,"description":"Conflict"}',
        b'{"ok":true,"result":[]}',
        b'{"ok":true,"result":[{"update_id":1,"message":{}},{"message":{},"update_id":2}]}',
        b'{"result":[{"update_id":1}],"ok":true}',
        b'{"ok":true,"result":[{"update_id":1} {"update_id":2}]}',
    ],
)
def test_any_other_answer_is_read_whole_or_refused_as_ptb_does(payload: bytes) -> None:
    request = UpdatesRequest()
    request.parse_json_payload(answer([update(1, "seen before")]))
    try:
        expected = json.loads(payload)
    except ValueError:
        with pytest.raises(TelegramError):
            request.parse_json_payload(payload)
        return
    assert request.parse_json_payload(payload) == expected


texts = st.text(st.sampled_from('ab{}[]",: \\\n\u00bd'), max_size=12)
answers = st.lists(
    st.tuples(st.lists(st.tuples(st.integers(1, 6), texts), max_size=6), st.booleans()),
    min_size=1,
    max_size=6,
)


@given(answers)
@settings(max_examples=200, deadline=None)
def test_a_run_of_answers_reads_as_full_parses_do(
    run: list[tuple[list[tuple[int, str]], bool]],
) -> None:
    request = UpdatesRequest()
    for updates, compact in run:
        payload = answer([update(n, text) for n, text in sorted(updates)], compact)
        assert request.parse_json_payload(payload) == json.loads(payload)
