"""The scale-out store: several bot processes share one Redis.

The compare-and-set runs on the server as one Lua script, so two processes can never
both win a race for the same chat. A lost connection is retried with back-off, so a
restarted Redis is picked up again without restarting the bot.

Redis's "disk full": when it cannot write its snapshot (RDB) or append-only file, it
refuses every write with `MISCONF ...` until a save works again, and reads go on. A write
refused so raises `RedisCannotSaveError`, which the shell treats as SQLite's full disk
(its own apology, one log line a minute); the next write after Redis can save again
works, without a restart."""

from __future__ import annotations

import errno
import time
from collections.abc import Awaitable
from typing import TypeVar

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError, ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

from bot.store.documents import Outbox, decode, decode_outbox, encode, encode_outbox
from dialogs import Session

T = TypeVar("T")

KEY_PREFIX = "retirement-bot:session:"
# A sorted set: chat id -> Unix time of its next reminder (the reminder scan's index).
REMINDERS_KEY = "retirement-bot:reminders"
MAX_CONNECTIONS = 32

# KEYS[1] session hash, KEYS[2] the reminder index; ARGV: expected version ('' = none
# stored), new version, document, expiry in seconds ('' = keep forever), outbox update
# id and outbox ('' = none), next reminder's Unix time ('' = none) and the chat id.
_COMPARE_AND_SET = """
local current = redis.call('HGET', KEYS[1], 'version')
if (current == false and ARGV[1] == '') or current == ARGV[1] then
  redis.call('HSET', KEYS[1], 'version', ARGV[2], 'document', ARGV[3])
  if ARGV[5] == '' then
    redis.call('HDEL', KEYS[1], 'outbox_id', 'outbox')
  else
    redis.call('HSET', KEYS[1], 'outbox_id', ARGV[5], 'outbox', ARGV[6])
  end
  if ARGV[4] ~= '' then redis.call('EXPIRE', KEYS[1], ARGV[4]) end
  if KEYS[2] then
    if ARGV[7] == '' then
      redis.call('ZREM', KEYS[2], ARGV[8])
    else
      redis.call('ZADD', KEYS[2], ARGV[7], ARGV[8])
    end
  end
  return 1
end
return 0
"""

# KEYS[1] session hash; ARGV[1] the update id whose outbox (partly) went out, ARGV[2]
# what is left of it ('' = nothing).
_DELIVERED = """
if redis.call('HGET', KEYS[1], 'outbox_id') == ARGV[1] then
  if ARGV[2] == '' then
    redis.call('HDEL', KEYS[1], 'outbox_id', 'outbox')
  else
    redis.call('HSET', KEYS[1], 'outbox', ARGV[2])
  end
end
return 0
"""


class RedisCannotSaveError(OSError):
    """Redis refuses writes because it cannot save to disk (MISCONF): to the bot, a full
    disk (errno ENOSPC), whatever Redis's own reason (a full disk, mostly)."""

    def __init__(self, detail: str) -> None:
        super().__init__(errno.ENOSPC, f"Redis cannot save to disk: {detail}")


async def _written(write: Awaitable[T]) -> T:
    """The write's result; a MISCONF refusal (also from inside a script) as
    `RedisCannotSaveError`."""
    try:
        return await write
    except ResponseError as error:
        if str(error).startswith("MISCONF"):
            raise RedisCannotSaveError(str(error).split(". ")[0]) from error
        raise


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value or "")


class RedisStore:
    def __init__(self, url: str, expire_seconds: int | None = None) -> None:
        self.expire_seconds = expire_seconds
        # A burst waits for a free connection instead of failing with "too many".
        pool = BlockingConnectionPool.from_url(
            url,
            max_connections=MAX_CONNECTIONS,
            timeout=10,
            retry=Retry(ExponentialBackoff(cap=2.0, base=0.05), retries=8),
            retry_on_error=[RedisConnectionError, RedisTimeoutError],
            health_check_interval=30,
        )
        self._redis: Redis = Redis(connection_pool=pool)
        self._compare_and_set = self._redis.register_script(_COMPARE_AND_SET)
        self._delivered = self._redis.register_script(_DELIVERED)

    async def persistence_problem(self) -> str | None:
        """Why a Redis restart would lose every conversation (neither the append-only file
        nor RDB snapshots are on), or None. None too when CONFIG is not allowed (managed
        servers often rename it): then it cannot be told from here."""
        try:
            appendonly = await self._redis.config_get("appendonly")
            save = await self._redis.config_get("save")
        except RedisError:
            return None
        if _text(appendonly.get("appendonly")) == "yes" or _text(save.get("save")).strip():
            return None
        return (
            "this Redis keeps nothing on disk (neither appendonly nor save is set): a restart "
            "resets every conversation; set `appendonly yes`"
        )

    @staticmethod
    def _key(chat_id: int) -> str:
        return f"{KEY_PREFIX}{chat_id}"

    async def load(self, chat_id: int) -> Session | None:
        document = await self._redis.hget(self._key(chat_id), "document")
        return None if document is None else decode(document)

    async def save(
        self,
        chat_id: int,
        session: Session,
        expected_version: int | None,
        outbox: Outbox | None = None,
        reminder_due: float | None = None,
    ) -> bool:
        expire = self.expire_seconds
        if expire is not None and reminder_due is not None:
            # Kept until its next reminder, and the usual time after it.
            expire += max(0, int(reminder_due - time.time()))
        won = await _written(
            self._compare_and_set(
                keys=[self._key(chat_id), REMINDERS_KEY],
                args=[
                    "" if expected_version is None else str(expected_version),
                    str(session.version),
                    encode(session),
                    "" if expire is None else str(expire),
                    "" if outbox is None else str(outbox.update_id),
                    encode_outbox(outbox) or "",
                    "" if reminder_due is None else repr(reminder_due),
                    str(chat_id),
                ],
            )
        )
        return bool(won)

    async def due(self, now: float, limit: int) -> list[int]:
        found = await self._redis.zrangebyscore(REMINDERS_KEY, "-inf", now, start=0, num=limit)
        return [int(_text(chat_id)) for chat_id in found]

    async def unschedule(self, chat_id: int) -> None:
        await self._redis.zrem(REMINDERS_KEY, str(chat_id))

    async def outbox(self, chat_id: int) -> Outbox | None:
        return decode_outbox(await self._redis.hget(self._key(chat_id), "outbox"))

    async def delivered(self, chat_id: int, update_id: int, left: Outbox | None) -> None:
        await _written(
            self._delivered(
                keys=[self._key(chat_id)], args=[str(update_id), encode_outbox(left) or ""]
            )
        )

    async def delete(self, chat_id: int) -> bool:
        async with self._redis.pipeline(transaction=True) as both:
            both.delete(self._key(chat_id))
            both.zrem(REMINDERS_KEY, str(chat_id))
            deleted, _ = await _written(both.execute())
        return bool(deleted)

    async def close(self) -> None:
        await self._redis.aclose()
