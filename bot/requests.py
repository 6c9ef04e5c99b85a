"""Requests to the Bot API: what is paced (Telegram's ~30 messages a second) and what is
retried. How they travel: bot/transport.py."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import AIORateLimiter

from bot.metrics import API_CALLS, API_ERRORS

log = logging.getLogger(__name__)

# What a Bot API call answers, and the call itself, as the rate limiter is given them.
Answer = bool | dict[str, Any] | list[dict[str, Any]]
Call = Callable[..., Coroutine[Any, Any, Answer]]

SEND_ATTEMPTS = 3  # a Bot API request that failed on the way (5xx, dropped) is tried again


# What Telegram's ~30 messages a second counts: messages sent. Edits (marking a pressed
# question), answering a press, "typing…", inline answers, getUpdates and the profile
# calls are not messages and never wait behind them; a 429 on any of them still waits
# for its retry_after.
PACED_ENDPOINTS = frozenset(
    {"sendMessage", "copyMessage", "forwardMessage", "sendPhoto", "sendDocument"}
)


class PatientRateLimiter(AIORateLimiter):
    """PTB's AIORateLimiter (Telegram's flood limits, 429 retry_after honoured) for the
    calls Telegram counts as messages (`PACED_ENDPOINTS`), which also retries a request
    that failed on the way: a 5xx or a dropped connection. A timed-out send is retried
    too; a rare duplicate message is better than a silent bot."""

    def __init__(
        self, overall_max_rate: float = 30, max_retries: int = 5, attempts: int = SEND_ATTEMPTS
    ) -> None:
        super().__init__(overall_max_rate=overall_max_rate, max_retries=max_retries)
        self._retries_after_429 = max_retries  # ours: the parent's count is private
        self._attempts = attempts

    async def process_request(
        self,
        callback: Call,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Answer:
        API_CALLS.labels(endpoint).inc()
        try:
            return await self._with_retries(callback, args, kwargs, endpoint, data, rate_limit_args)
        except Exception as error:
            API_ERRORS.labels(endpoint, type(error).__name__).inc()
            raise

    async def _with_retries(
        self,
        callback: Call,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Answer:
        for attempt in range(1, self._attempts + 1):
            try:
                if endpoint not in PACED_ENDPOINTS:
                    return await self._unpaced(callback, args, kwargs, endpoint)
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except BadRequest:
                raise
            except NetworkError as error:
                if attempt == self._attempts:
                    raise
                log.warning(
                    "Bot API %s failed (%s), attempt %d of %d",
                    endpoint,
                    type(error).__name__,
                    attempt,
                    self._attempts,
                )
                await asyncio.sleep(0.1 * 2**attempt)
        raise AssertionError("unreachable")

    async def _unpaced(
        self,
        callback: Call,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
    ) -> Answer:
        """Not held by the pacing, but a 429's retry_after is still honoured."""
        for retry in range(self._retries_after_429 + 1):
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if retry == self._retries_after_429:
                    raise
                wait = error.retry_after
                seconds = wait if isinstance(wait, int | float) else wait.total_seconds()
                log.info("Bot API %s: flood control, retrying in %.1f s", endpoint, seconds)
                await asyncio.sleep(seconds + 0.1)
        raise AssertionError("unreachable")
