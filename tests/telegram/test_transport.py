"""How requests travel to the Bot API (bot/transport.py): a bounded pool of kept-alive
connections, uploads as multipart, and failures as PTB's own errors, without the token."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
from telegram import InputFile, LinkPreviewOptions
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.transport import CONNECTION_POOL_SIZE, AiohttpRequest

TOKEN = "123456:SECRET-token-part"
OK = json.dumps({"ok": True, "result": True}).encode()


@dataclass
class TinyBotApi:
    """An HTTP/1.1 server on 127.0.0.1 that answers every request with `{"ok": true}`
    after `delay` seconds, keeps connections alive, and counts what it saw."""

    delay: float = 0.0
    connections: int = 0
    open_now: int = 0
    most_open: int = 0
    requests: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    request_lines: list[str] = field(default_factory=list)
    port: int = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self.open_now += 1
        self.most_open = max(self.most_open, self.open_now)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode().split("\r\n")
                self.request_lines.append(lines[0])
                headers = {
                    k.strip().lower(): v.strip()
                    for k, v in (line.split(":", 1) for line in lines[1:] if ":" in line)
                }
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                self.requests.append((headers, body))
                await asyncio.sleep(self.delay)
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + f"Content-Length: {len(OK)}\r\n\r\n".encode()
                    + OK
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            self.open_now -= 1
            writer.close()

    def url(self, method: str) -> str:
        return f"http://127.0.0.1:{self.port}/bot{TOKEN}/{method}"


@pytest.fixture
async def tiny_api() -> AsyncIterator[TinyBotApi]:
    api = TinyBotApi()
    server = await asyncio.start_server(api.handle, "127.0.0.1", 0)
    api.port = server.sockets[0].getsockname()[1]
    async with server:
        yield api
        server.close()


@pytest.fixture
async def transport() -> AsyncIterator[AiohttpRequest]:
    request = AiohttpRequest(read_timeout=2, connect_timeout=2, pool_timeout=5)
    await request.initialize()
    yield request
    await request.shutdown()


async def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (any more)."""
    server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = int(server.sockets[0].getsockname()[1])
    server.close()
    await server.wait_closed()
    return port


def message(text: str) -> RequestData:
    return RequestData(
        [RequestParameter.from_input("chat_id", 1), RequestParameter.from_input("text", text)]
    )


async def test_a_burst_of_requests_shares_a_bounded_pool_of_connections(
    tiny_api: TinyBotApi, transport: AiohttpRequest
) -> None:
    tiny_api.delay = 0.02  # long enough for the burst to need every connection
    results = await asyncio.gather(
        *(transport.post(tiny_api.url("sendMessage"), message(f"{n}")) for n in range(100))
    )
    assert results == [True] * 100
    assert tiny_api.most_open <= CONNECTION_POOL_SIZE, "never more at once than the pool"
    opened = tiny_api.connections
    for n in range(20):  # one at a time: an idle connection is reused, none is opened
        await transport.post(tiny_api.url("sendMessage"), message(f"again {n}"))
    assert tiny_api.connections == opened


async def test_parameters_travel_as_json_and_a_picture_as_multipart(
    tiny_api: TinyBotApi, transport: AiohttpRequest
) -> None:
    keyboard = {"inline_keyboard": [[{"callback_data": "q:y", "text": "Yes"}]]}
    text = 'Tom & Jerry → 55½ "quoted" + 100%'
    request = RequestData(
        [
            RequestParameter.from_input("chat_id", 7),
            RequestParameter.from_input("text", text),
            RequestParameter.from_input("reply_markup", keyboard),
            RequestParameter.from_input("link_preview_options", LinkPreviewOptions(True)),
            RequestParameter.from_input("protect_content", True),
        ]
    )
    await transport.post(tiny_api.url("sendMessage"), request)
    headers, body = tiny_api.requests[-1]
    assert headers["content-type"] == "application/json"
    assert "python-telegram-bot" in headers["user-agent"]
    assert json.loads(body) == {
        "chat_id": 7,
        "text": text,
        "reply_markup": keyboard,
        "link_preview_options": {"is_disabled": True},
        "protect_content": True,
    }, "each parameter with its JSON type, as the Bot API reads it"

    photo = RequestData(
        [
            RequestParameter.from_input("chat_id", 1),
            RequestParameter.from_input("photo", InputFile(b"\x89PNG fake", filename="t.png")),
        ]
    )
    await transport.post(tiny_api.url("sendPhoto"), photo)
    headers, body = tiny_api.requests[-1]
    assert headers["content-type"].startswith("multipart/form-data")
    assert b'name="chat_id"' in body and b"\x89PNG fake" in body and b'filename="t.png"' in body


async def test_a_bot_api_that_does_not_answer_is_a_timeout(
    tiny_api: TinyBotApi, transport: AiohttpRequest
) -> None:
    tiny_api.delay = 5
    with pytest.raises(TimedOut):
        await transport.post(tiny_api.url("sendMessage"), message("hello"), read_timeout=0.2)


async def test_an_unreachable_bot_api_is_a_network_error_that_does_not_quote_the_token(
    transport: AiohttpRequest,
) -> None:
    port = await closed_port()
    with pytest.raises(NetworkError) as raised:
        await transport.post(f"http://127.0.0.1:{port}/bot{TOKEN}/getMe")
    assert "SECRET" not in str(raised.value)
    assert not isinstance(raised.value, TimedOut)


async def test_a_request_before_initialize_is_a_clear_error() -> None:
    with pytest.raises(RuntimeError, match="not initialized"):
        await AiohttpRequest().do_request("http://127.0.0.1:9/x", "POST")


async def test_the_proxy_named_in_the_environment_is_used_as_httpx_would(
    tiny_api: TinyBotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{tiny_api.port}")
    request = AiohttpRequest(read_timeout=2, connect_timeout=2)
    await request.initialize()
    try:
        url = f"http://bot-api.invalid/bot{TOKEN}/sendMessage"  # reachable only via the proxy
        assert await request.post(url, message("via the proxy")) is True
        assert tiny_api.request_lines[-1] == f"POST {url} HTTP/1.1", "asked of the proxy"

        closed = await closed_port()
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        bypassing = AiohttpRequest(read_timeout=2, connect_timeout=2)
        await bypassing.initialize()
        try:
            with pytest.raises(NetworkError):  # straight there, where nothing listens
                await bypassing.post(f"http://127.0.0.1:{closed}/bot{TOKEN}/sendMessage")
        finally:
            await bypassing.shutdown()
    finally:
        await request.shutdown()
