"""A bot process under test (bench/bot_process.py): start, watch its CPU time, stop."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
READY_TIMEOUT = 60.0
STOP_TIMEOUT = 30.0


def child_env(**extra: str) -> dict[str, str]:
    """This environment without the bot's own settings, so only `extra` configures it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "STORAGE_"))}
    return {**env, "PYTHONPATH": str(ROOT), **extra}


class BotProcess:
    """`python -m bench.bot_process <kind>`; each update id it writes on the notify pipe
    (once that update was handled) goes to `on_line`, from a reader thread."""

    def __init__(self, kind: str, workdir: Path, **env: str) -> None:
        self.kind, self.workdir, self.env = kind, workdir, env
        self.on_line: Callable[[str], None] = lambda line: None
        self.failure: Exception | None = None  # raised by on_line, in the reader thread
        self._ready = threading.Event()
        self._reader: threading.Thread | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr = tempfile.TemporaryFile(dir=workdir)  # noqa: SIM115 (closed in __exit__)

    def __enter__(self) -> BotProcess:
        read_fd, write_fd = os.pipe()
        self._process = subprocess.Popen(
            [sys.executable, "-m", "bench.bot_process", self.kind],
            env=child_env(BENCH_NOTIFY_FD=str(write_fd), **self.env),
            cwd=self.workdir,
            pass_fds=(write_fd,),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._stderr,
        )
        os.close(write_fd)
        self._reader = threading.Thread(target=self._read, args=(read_fd,), daemon=True)
        self._reader.start()
        if not self._ready.wait(READY_TIMEOUT):
            self.stop()
            raise RuntimeError(f"{self.kind} bot did not start:\n{self.stderr()}")
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(Exception):
            self.stop()
        self._stderr.close()

    def _read(self, fd: int) -> None:
        with os.fdopen(fd, encoding="utf-8") as pipe:
            for line in pipe:
                self._dispatch(line.rstrip("\n"))

    def _dispatch(self, line: str) -> None:
        if line == "ready":
            self._ready.set()
        elif self.failure is None:
            try:
                self.on_line(line)
            except Exception as error:  # reported by whoever waits on the bot
                self.failure = error

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def cpu_seconds(self) -> float:
        """User + system CPU time of the bot so far."""
        assert self._process is not None
        stat = Path(f"/proc/{self._process.pid}/stat").read_text()
        fields = stat.rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def stderr(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode(errors="replace")[-4000:]

    def stop(self) -> int:
        """SIGTERM, wait for a clean stop (killed after STOP_TIMEOUT); the exit status."""
        process, self._process = self._process, None
        if process is None:
            return 0
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            status = process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            status = process.wait(STOP_TIMEOUT)
        if self._reader is not None:
            self._reader.join(STOP_TIMEOUT)
        return status
