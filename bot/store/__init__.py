"""Where sessions live between messages."""

from bot.store.base import SessionStore
from bot.store.memory import MemoryStore

__all__ = ["MemoryStore", "SessionStore"]
