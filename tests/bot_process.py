"""`python -m bot` as a separate process against the fake Bot API server: what an
operator runs, killed and restarted the way a crash or a redeploy would."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from tests.conftest import TODAY
from tests.servers import free_port
from tests.telegram.fake_bot_api import FakeBotApi

REPO = Path(__file__).resolve().parent.parent


class BotProcess:
    def __init__(
        self,
        api: FakeBotApi,
        storage_url: str,
        workdir: Path,
        *,
        webhook_secret: str | None = None,
        log_level: str = "WARNING",
    ) -> None:
        self.api = api
        self.workdir = workdir
        self.webhook_port = free_port() if webhook_secret else None
        self.env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(workdir),
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "STORAGE_URL": storage_url,
            "RETIREMENT_BOT_TODAY": TODAY.isoformat(),
            "LOG_LEVEL": log_level,
            "TELEGRAM_RATE_LIMIT": "0",  # the fake server has no flood limit
        }
        if webhook_secret:
            self.env |= {
                "MODE": "webhook",
                "WEBHOOK_URL": f"http://127.0.0.1:{self.webhook_port}/hook",
                "WEBHOOK_LISTEN": "127.0.0.1",
                "WEBHOOK_PORT": str(self.webhook_port),
                "WEBHOOK_SECRET_TOKEN": webhook_secret,
            }
        self.log_path = workdir / f"bot-{id(self)}.log"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def webhook_url(self) -> str:
        return f"http://127.0.0.1:{self.webhook_port}/hook"

    async def start(self, timeout: float = 20.0) -> None:
        polls_before = len(self.api.calls("getUpdates"))
        hooks_before = len(self.api.calls("setWebhook"))
        with self.log_path.open("ab") as log:
            # cwd is a scratch folder so a developer's own .env is never read.
            self._process = subprocess.Popen(
                [sys.executable, "-m", "bot"],
                cwd=self.workdir,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

        def ready() -> bool:
            if not self.alive:
                return True
            if self.webhook_port is None:
                return len(self.api.calls("getUpdates")) > polls_before
            return len(self.api.calls("setWebhook")) > hooks_before

        await self.api.wait_for(ready, timeout, what="bot start-up")
        assert self.alive, f"the bot exited at start-up:\n{self.log_path.read_text()}"
        if self.webhook_port is not None:
            await self._wait_healthy(timeout)

    async def _wait_healthy(self, timeout: float) -> None:
        async def healthy() -> bool:
            try:
                async with httpx.AsyncClient(timeout=1) as client:
                    response = await client.get(f"http://127.0.0.1:{self.webhook_port}/healthz")
                return response.status_code == 200
            except httpx.HTTPError:
                return False

        for _ in range(int(timeout * 10)):
            if await healthy():
                return
            await asyncio.sleep(0.1)
        raise AssertionError("webhook health check never passed")

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def crash(self) -> None:
        """SIGKILL now, from any thread (the fake server's kill points); `kill` reaps it."""
        assert self._process is not None
        os.kill(self._process.pid, signal.SIGKILL)

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, no last save, like a crash or an OOM kill."""
        assert self._process is not None
        self._process.send_signal(signal.SIGKILL)
        self._process.wait(timeout=10)
        self._process = None

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)
            self._process = None

    def log(self) -> str:
        return self.log_path.read_text() if self.log_path.exists() else ""
