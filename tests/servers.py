"""Real servers the tests start and stop themselves, on loopback only."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RedisServer:
    """A throwaway redis-server on 127.0.0.1 that can be stopped and started again on
    the same port (to test that the bot reconnects)."""

    def __init__(self, workdir: Path, durable: bool = False, snapshots: bool = False) -> None:
        executable = shutil.which("redis-server")
        if executable is None:
            raise RuntimeError("redis-server is not installed: run `make test`, which installs it")
        self.executable = executable
        self.workdir = workdir
        # Durable: every change written to an append-only file before Redis answers, so a
        # stop and a start on the same port lose nothing.
        self.durable = durable
        # Snapshots: RDB saves on (so a failed one makes Redis refuse writes, its "disk
        # full"), and CONFIG SET dir allowed from 127.0.0.1 to give it a folder again.
        self.snapshots = snapshots
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self._process = subprocess.Popen(
            [
                self.executable,
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "3600 1" if self.snapshots else "",
                "--enable-protected-configs", "local" if self.snapshots else "no",
                "--appendonly", "yes" if self.durable else "no",
                "--appendfsync", "always",
                "--dir", str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start within 10 s")

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)
            self._process = None


@contextmanager
def running_redis(workdir: Path) -> Iterator[RedisServer]:
    server = RedisServer(workdir)
    server.start()
    try:
        yield server
    finally:
        server.stop()
