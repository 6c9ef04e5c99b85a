"""The timeline picture over real HTTP (issue 14): sendPhoto as a multipart upload with a
short caption right after the results, again from the summary's button (by file id),
shared as a cached photo in inline mode, and a failed upload that turns into text."""

from __future__ import annotations

from typing import Any

import pytest

from bot import photos
from bot.timeline_png import size_for
from dialogs.timeline import timeline_of_answers
from tests.conftest import TODAY
from tests.telegram.conftest import BotUnderTest
from tests.telegram.fake_bot_api import ApiCall, FakeUser
from tests.telegram.journeys import BOTH_TOPICS, drive
from tests.telegram.telegram_html import parse_html, utf16_length

PICTURE_BUTTON = "🗓 Picture of my dates"


def _calls(bot: BotUnderTest, user: FakeUser) -> list[ApiCall]:
    return [
        c
        for c in bot.api.calls()
        if c.params.get("chat_id") == user.id and c.method.lower() in {"sendmessage", "sendphoto"}
    ]


async def test_the_picture_follows_the_results_as_an_upload(bot: BotUnderTest) -> None:
    user = bot.api.user(3001)
    await drive(bot, user, BOTH_TOPICS)

    [upload] = bot.api.calls("sendPhoto")
    assert upload.status == 200 and upload.multipart, "a multipart/form-data upload"
    photo: dict[str, Any] = upload.params["photo"]
    assert photo["upload"].startswith(b"\x89PNG\r\n\x1a\n")
    caption = str(upload.params["caption"])
    # The verdicts it shows, so the photo reads on its own when shared (issue 21).
    words = parse_html(caption).text
    assert utf16_length(words) < 1024
    assert "Rule of 55:" in words and "Mega backdoor Roth:" in words
    assert "the same dates as in the messages above" not in words

    # Right after the last result (the mega backdoor), before the plan questions.
    sent = _calls(bot, user)
    at = sent.index(upload)
    assert str(sent[at - 1].params["text"]).startswith("✅ <b>Mega backdoor Roth")
    assert "plan administrator" in str(sent[at + 1].params["text"])

    [message] = bot.api.photos[user.id]
    session = await bot.store.load(user.id)
    assert session is not None
    timeline = timeline_of_answers(session.answers, TODAY)
    assert timeline is not None
    width, height = size_for(timeline)
    assert (message["photo"][-1]["width"], message["photo"][-1]["height"]) == (width, height)
    assert bot.shell.photos.file_id(timeline) == message["photo"][-1]["file_id"]


async def test_the_summary_button_sends_it_again_by_file_id(bot: BotUnderTest) -> None:
    user = bot.api.user(3002)
    await drive(bot, user, BOTH_TOPICS)
    await bot.tap(user, PICTURE_BUTTON)
    first, again = bot.api.calls("sendPhoto")
    assert first.multipart
    assert again.status == 200 and not again.multipart, "no second upload"
    assert again.params["photo"] == bot.api.photos[user.id][0]["photo"][-1]["file_id"]
    assert len(bot.api.photos[user.id]) == 2
    # one message: the photo alone, captioned with the verdicts (no text line before it)
    assert "Rule of 55" in again.params["caption"]
    assert user.last_bot_message()["text"] != "🗓 Your key dates, from today on:"


async def test_sharing_offers_the_picture_as_a_cached_photo(bot: BotUnderTest) -> None:
    user = bot.api.user(3003)
    await drive(bot, user, BOTH_TOPICS)
    update_id, query_id = user.ask_inline("")
    await bot.settle(update_id)
    article, picture = bot.api.inline_answers[query_id]["results"]
    assert article["type"] == "article"
    assert picture["type"] == "photo"
    assert picture["photo_file_id"] == bot.api.photos[user.id][0]["photo"][-1]["file_id"]
    assert utf16_length(parse_html(picture["caption"]).text) <= 1024


async def test_sharing_before_any_picture_is_text_only(bot: BotUnderTest) -> None:
    user = bot.api.user(3004)
    await drive(bot, user, BOTH_TOPICS)
    bot.shell.photos = photos.Photos()  # e.g. another process: no file id here
    update_id, query_id = user.ask_inline("")
    await bot.settle(update_id)
    [article] = bot.api.inline_answers[query_id]["results"]
    assert article["type"] == "article"


def _fallback_sent(bot: BotUnderTest, user: FakeUser) -> list[str]:
    return [t for t in bot.api.sent_texts(user.id) if t.startswith("🗓 <b>Your key dates</b>")]


async def test_a_failed_upload_sends_the_dates_as_text(bot: BotUnderTest) -> None:
    user = bot.api.user(3005)
    bot.api.add_fault("sendPhoto", status=400, description="Bad Request: IMAGE_PROCESS_FAILED")
    await drive(bot, user, BOTH_TOPICS)
    [failed] = bot.api.calls("sendPhoto")
    assert failed.status == 400
    assert user.id not in bot.api.photos
    [fallback] = _fallback_sent(bot, user)
    assert "Dec 2026" in fallback and "1 Jan 2027" in fallback and "Today" in fallback
    texts = bot.api.sent_texts(user.id)
    assert "Something went wrong" not in "\n".join(texts), "no error for the person"
    assert bot.shell.error_count == 0
    bot.api.invalid_requests.clear()  # the refusal was staged, not a bug


async def test_a_picture_that_cannot_be_drawn_sends_the_dates_as_text(
    bot: BotUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(timeline: object) -> bytes:
        raise OSError("no fonts, no memory, anything")

    monkeypatch.setattr(photos, "render", broken)
    user = bot.api.user(3006)
    await drive(bot, user, BOTH_TOPICS)
    assert not bot.api.calls("sendPhoto")
    assert len(_fallback_sent(bot, user)) == 1
    assert bot.shell.error_count == 0


async def test_a_dropped_upload_is_retried_then_sent(bot: BotUnderTest) -> None:
    user = bot.api.user(3007)
    bot.api.add_fault("sendPhoto", status=502)
    await drive(bot, user, BOTH_TOPICS)
    assert [c.status for c in bot.api.calls("sendPhoto")] == [502, 200]
    assert not _fallback_sent(bot, user)


async def test_a_file_id_telegram_no_longer_knows_is_uploaded_again(bot: BotUnderTest) -> None:
    user = bot.api.user(3008)
    await drive(bot, user, BOTH_TOPICS)
    remembered = bot.shell.photos._file_ids
    for key in remembered:
        remembered[key] = "AgACAgGone"
    await bot.tap(user, PICTURE_BUTTON)
    statuses = [(c.status, c.multipart) for c in bot.api.calls("sendPhoto")]
    assert statuses == [(200, True), (400, False), (200, True)]
    assert len(bot.api.photos[user.id]) == 2 and not _fallback_sent(bot, user)
    bot.api.invalid_requests.clear()  # the refusal was staged, not a bug
