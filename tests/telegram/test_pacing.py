"""Only what Telegram counts as messages (sent ones) waits for the 30-a-second pacing:
answering a press, "typing…" or marking a pressed question never queues behind them."""

from __future__ import annotations

import asyncio
import contextlib
import time

from bot.requests import PatientRateLimiter


async def test_only_messages_are_paced() -> None:
    limiter = PatientRateLimiter(overall_max_rate=1)
    await limiter.initialize()
    calls: list[str] = []

    async def call(name: str) -> bool:
        calls.append(name)
        return True

    messages = [
        asyncio.create_task(
            limiter.process_request(call, ("message",), {}, "sendMessage", {"chat_id": 1}, None)
        )
        for _ in range(3)
    ]
    await asyncio.sleep(0.05)
    assert calls.count("message") == 1, "one a second: the others wait"
    started = time.perf_counter()
    await limiter.process_request(
        call, ("answer",), {}, "answerCallbackQuery", {"callback_query_id": "7"}, None
    )
    await limiter.process_request(call, ("typing",), {}, "sendChatAction", {"chat_id": 1}, None)
    await limiter.process_request(call, ("edit",), {}, "editMessageText", {"chat_id": 1}, None)
    assert time.perf_counter() - started < 0.3
    assert calls.count("message") == 1
    assert {"answer", "typing", "edit"} <= set(calls)
    for task in messages:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    await limiter.shutdown()
