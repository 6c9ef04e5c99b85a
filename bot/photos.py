"""The timeline picture in Telegram (issue 14): sent as a photo after the reply that carries
it, with a one-line caption; its file id remembered so the same picture is never uploaded
twice and so sharing the summary (inline mode) can offer it as a cached photo.

Rendering runs in a worker thread, never on the event loop. Whatever goes wrong with the
picture (drawing, upload, a file id Telegram no longer knows), the person gets the same
dates as a short text instead, and no error message."""

from __future__ import annotations

import asyncio
import hashlib
import html
import logging
from datetime import date
from typing import Any

from telegram import InlineQueryResult, InlineQueryResultCachedPhoto, InputFile
from telegram.error import BadRequest, Forbidden

from bot import timeline_text
from bot.bounded import Bounded
from dialogs import Session, picture
from dialogs.marks import Timeline

log = logging.getLogger(__name__)

REMEMBERED_PICTURES = 10_000  # file ids are short strings: about 1 MB at most
FILENAME = "key-dates.png"


async def render(timeline: Timeline) -> bytes:
    """The PNG, drawn in a worker thread (Pillow is imported there on first use)."""
    from bot import timeline_png  # no imaging code on the start-up path

    return await asyncio.to_thread(timeline_png.render_png, timeline)


def picture_key(timeline: Timeline) -> str:
    """Equal pictures, equal keys: the picture holds nothing but these dates and codes."""
    return hashlib.sha256(timeline.model_dump_json().encode()).hexdigest()[:32]


class Photos:
    def __init__(self, limit: int = REMEMBERED_PICTURES) -> None:
        self._file_ids: Bounded[str, str] = Bounded(limit)
        self.sent = 0
        self.fallbacks = 0

    def file_id(self, timeline: Timeline) -> str | None:
        return self._file_ids.get(picture_key(timeline))

    def _remember(self, timeline: Timeline, message: Any) -> None:
        photo = getattr(message, "photo", None)
        if not photo:
            return
        self._file_ids.remember(picture_key(timeline), str(photo[-1].file_id))  # the largest

    async def send(
        self, bot: Any, chat_id: int, timeline: Timeline, caption_html: str | None = None
    ) -> None:
        """The photo with its caption; the dates as text if it cannot be sent."""
        caption = caption_html or html.escape(timeline_text.caption())
        cached = self.file_id(timeline)
        try:
            if cached is not None:
                try:
                    message = await bot.send_photo(chat_id, cached, caption=caption)
                    self.sent += 1
                    return
                except BadRequest as error:  # a file id from before a change on Telegram's side
                    log.info("cached picture refused (%s); uploading it again", error.message)
                    self._file_ids.pop(picture_key(timeline), None)
            png = await render(timeline)
            message = await bot.send_photo(
                chat_id, InputFile(png, filename=FILENAME), caption=caption
            )
        except Forbidden:
            raise  # blocked by the person: nothing else would reach them either
        except Exception as error:  # the picture is a bonus: the dates still reach them
            log.warning("timeline picture not sent (%s); sending the dates as text", error)
            self.fallbacks += 1
            await bot.send_message(chat_id, timeline_text.fallback_html(timeline))
            return
        self.sent += 1
        self._remember(timeline, message)

    def shared(self, session: Session, today: date, summary_html: str) -> list[InlineQueryResult]:
        """For inline mode: the picture as a cached photo, once Telegram has it (a file id
        from sending it in the private chat). Its caption is the summary when that fits,
        else the one line; nothing when the picture was never sent from this process."""
        timeline = picture(session, today)
        if timeline is None:
            return []
        file_id = self.file_id(timeline)
        if file_id is None:
            return []
        fits = len(summary_html) <= timeline_text.MAX_CAPTION
        caption = summary_html if fits else html.escape(timeline_text.caption())
        return [
            InlineQueryResultCachedPhoto(
                id="p" + picture_key(timeline),
                photo_file_id=file_id,
                title=timeline_text.title(today),
                description=timeline_text.caption(),
                caption=caption,
            )
        ]
