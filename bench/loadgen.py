"""A lean HTTP/1.1 keep-alive client, to measure the fake Bot API server on its own.

`python -m bench.loadgen PORT PATH CHAT_ID SECONDS CONNECTIONS` posts sendMessage (HTML,
about the size of one of our questions) for SECONDS on CONNECTIONS connections and prints
"<requests answered> <seconds>"."""

from __future__ import annotations

import asyncio
import sys
import time
from urllib.parse import urlencode

TEXT = (
    "<b>When do you plan to leave your job?</b>\n\nA month and year is enough, like "
    "<i>March 2027</i> or <i>next June</i>."
)


async def _client(port: int, request: bytes, until: float) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    done = 0
    try:
        while time.monotonic() < until:
            writer.write(request)
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = await reader.readexactly(length)
            if b'"ok": true' not in body and b'"ok":true' not in body:
                raise RuntimeError(body.decode()[:200])
            done += 1
    finally:
        writer.close()
    return done


async def _main(port: int, path: str, chat_id: int, seconds: float, connections: int) -> None:
    body = urlencode({"chat_id": chat_id, "text": TEXT, "parse_mode": "HTML"}).encode()
    request = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    started = time.monotonic()
    counts = await asyncio.gather(
        *(_client(port, request, started + seconds) for _ in range(connections))
    )
    print(sum(counts), time.monotonic() - started)


if __name__ == "__main__":
    port, path, chat, seconds, connections = sys.argv[1:6]
    asyncio.run(_main(int(port), path, int(chat), float(seconds), int(connections)))
