"""How requests reach the Bot API: python-telegram-bot's `BaseRequest` on aiohttp.

PTB's default transport is httpx (TELEGRAM_TRANSPORT=httpx selects it). Measured on
2026-11-29 with the full-stack benchmark of that time, its
per-request cost was most of our bot's CPU: httpcore checks every pooled connection,
idle ones included, on each request (a `getpeername` and a `poll` per connection), and
the request and response pass through several layers of pure-Python parsing. aiohttp
parses HTTP in C and hands out an idle connection without scanning the pool; on the
typed-answers run the bot's CPU per update fell from 3.1 to 1.7 ms.

Same behaviour as PTB's `HTTPXRequest` where it matters here: the parameters of a call, or
multipart when a file is uploaded (the timeline picture); the proxy the environment names
(HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY); certificates from certifi; a timeout is
`telegram.error.TimedOut`, any other failure on the way `telegram.error.NetworkError`
(bot/requests.py retries both for messages). aiohttp has no timeout for writing the
request alone: the write timeout bounds the whole request instead, with the connect and
read timeouts.

A request without a file travels as a JSON object (`application/json`, which the Bot API
takes for every request without a file, as grammY and Telegraf send theirs): the same
parameters with their own JSON types, a keyboard as an object. Form-encoding, as PTB does,
percent-escapes a message's text one byte at a time in Python (urllib's quote): about 40 us
for a results message, 3% of the bot's CPU on the full-stack benchmark; `json.dumps` does it
in C. Given a dict, aiohttp would build a multipart writer and a uuid4 boundary for every
request first; the body is bytes, made once."""

from __future__ import annotations

import json
import re
import ssl
import urllib.request
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import certifi
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

# Connections to the Bot API: about 30 messages a second at Telegram's ~0.1 s round trip is
# 3 in flight, plus press answers and edits. A request beyond them waits for a free one.
CONNECTION_POOL_SIZE = 8
DEFAULT_TIMEOUT = 15.0  # seconds, for each of connecting, writing, reading, waiting for the pool
MEDIA_WRITE_TIMEOUT = 20.0  # PTB's default for uploads
JSON_HEADERS = {"Content-Type": "application/json"}


def timeouts(seconds: float) -> dict[str, float]:
    """The same limit for connecting, writing, reading and waiting for a free connection."""
    return {
        "read_timeout": seconds,
        "write_timeout": seconds,
        "connect_timeout": seconds,
        "pool_timeout": seconds,
    }


class AiohttpRequest(BaseRequest):
    """One aiohttp session (and connection pool) per instance; PTB uses one instance for
    getUpdates and another for everything else."""

    def __init__(
        self,
        connection_pool_size: int = CONNECTION_POOL_SIZE,
        *,
        read_timeout: float = DEFAULT_TIMEOUT,
        write_timeout: float = DEFAULT_TIMEOUT,
        connect_timeout: float = DEFAULT_TIMEOUT,
        pool_timeout: float = DEFAULT_TIMEOUT,
        media_write_timeout: float = MEDIA_WRITE_TIMEOUT,
    ) -> None:
        self.connection_pool_size = connection_pool_size
        self._timeouts = {
            "read": read_timeout,
            "write": write_timeout,
            "connect": connect_timeout,
            "pool": pool_timeout,
        }
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[str, str | None] = {}  # origin -> proxy URL, from the environment

    @property
    def read_timeout(self) -> float:
        return self._timeouts["read"]

    async def initialize(self) -> None:
        # The session belongs to the running event loop, so it is made here, not in __init__.
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(
                limit=self.connection_pool_size,
                ssl=ssl.create_default_context(cafile=certifi.where()),
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                headers={"User-Agent": self.USER_AGENT},
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data else None
        read = self._chosen(read_timeout, "read")
        connect = self._chosen(connect_timeout, "connect")
        pool = self._chosen(pool_timeout, "pool")
        if files and write_timeout is BaseRequest.DEFAULT_NONE:
            write: float | None = self._media_write_timeout
        else:
            write = self._chosen(write_timeout, "write")
        timeout = aiohttp.ClientTimeout(
            total=_total(connect, pool, write, read),
            connect=None if connect is None or pool is None else connect + pool,
            sock_connect=connect,
            sock_read=read,
        )
        body: Any
        if files and request_data:
            headers: dict[str, str] = {}
            body = aiohttp.FormData()
            for name, value in request_data.json_parameters.items():
                body.add_field(name, value)
            for name, (filename, content, mime) in files.items():
                body.add_field(name, content, filename=filename, content_type=mime)
        else:
            parameters = request_data.parameters if request_data else {}
            headers, body = JSON_HEADERS, json.dumps(parameters).encode()
        try:
            async with self._session.request(
                method,
                url,
                data=body,
                headers=headers,
                timeout=timeout,
                proxy=self._proxy_for(url),
                allow_redirects=False,  # as httpx: a redirected POST must not become a GET
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:  # aiohttp's timeouts are TimeoutErrors too
            raise TimedOut from error
        except aiohttp.ClientError as error:
            # Logged messages are redacted of the token (bot/logs.py).
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error

    def _proxy_for(self, url: str) -> str | None:
        """The proxy the environment names for this URL (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY,
        NO_PROXY), as httpx reads it. Looked up once per origin: aiohttp's own `trust_env`
        reads the environment again on every request, which cost 0.4 ms of CPU per update."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._proxies:
            proxies = urllib.request.getproxies()
            proxy = proxies.get(parts.scheme) or proxies.get("all")
            host = parts.hostname or ""
            if proxy and urllib.request.proxy_bypass(host):
                proxy = None
            self._proxies[origin] = proxy
        return self._proxies[origin]

    def _chosen(self, given: object, kind: str) -> float | None:
        """A timeout passed in, or ours when PTB passes its "not set" marker (compared as
        PTB's documentation says: `is BaseRequest.DEFAULT_NONE`); None is no timeout."""
        if given is None or isinstance(given, int | float):
            return None if given is None else float(given)
        return self._timeouts[kind]


def _total(*parts: float | None) -> float | None:
    """The whole request's bound: every phase at its longest (None: no bound)."""
    if any(part is None for part in parts):
        return None
    return sum(part for part in parts if part is not None)


# A getUpdates answer as Telegram (and every JSON encoder) writes it: {"ok": true,
# "result": [...]}, each update an object whose first key is "update_id". A raw `{"` cannot
# occur inside a JSON string (a quote there is escaped), so each match starts an update.
_UPDATES_HEAD = re.compile(r'\s*\{\s*"ok"\s*:\s*true\s*,\s*"result"\s*:\s*\[\s*')
_UPDATE_START = re.compile(r'\{\s*"update_id"\s*:')
_BETWEEN = re.compile(r"\s*,\s*")
_TAIL = re.compile(r"\s*\]\s*\}\s*")
_DECODER = json.JSONDecoder()


class UpdatesRequest(AiohttpRequest):
    """The transport for getUpdates, which parses again only the updates it has not seen.

    bot/polling.py confirms an update only once it is handled, so while updates are in
    hand each getUpdates returns all of them again, and each answer was parsed whole: on
    the full-stack benchmark ~18 updates parsed per new one, ~14% of the bot's CPU. Here an
    update whose text is exactly that of one in the previous answer is that answer's
    parsed update; only new text is parsed. An answer of any other shape (an error, an
    update that does not begin with "update_id", anything but whitespace and commas between
    updates) is parsed whole, as PTB does. A repeated update is the same dict as before:
    the poller only reads them (PTB's `Update.de_json` copies what it is given)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An update's text (with what follows it up to the next) -> the update, parsed.
        self._previous: dict[str, dict[str, Any]] = {}

    def parse_json_payload(self, payload: bytes) -> dict[str, Any]:  # type: ignore[override]
        text = payload.decode("utf-8", "replace")
        pieces = self._pieces(text)
        if pieces is None:
            self._previous = {}
            return BaseRequest.parse_json_payload(payload)
        self._previous = dict(pieces)
        return {"ok": True, "result": [update for _, update in pieces]}

    def _pieces(self, text: str) -> list[tuple[str, dict[str, Any]]] | None:
        """Each update's text and the update, in order; None for any other shape."""
        head = _UPDATES_HEAD.match(text)
        if head is None:
            return None
        starts = [match.start() for match in _UPDATE_START.finditer(text, head.end())]
        if not starts or starts[0] != head.end():
            return None
        pieces: list[tuple[str, dict[str, Any]]] = []
        for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
            piece, last = text[start:end], end == len(text)
            update = self._previous.get(piece)
            if update is not None and piece.rstrip().endswith(",") == last:
                return None  # a text seen before, in the wrong place
            if update is None:
                try:
                    update, after = _DECODER.raw_decode(text, start)
                except ValueError:
                    return None
                rest = (_TAIL if last else _BETWEEN).fullmatch(text, after, end)
                if rest is None or not isinstance(update, dict):
                    return None
            pieces.append((piece, update))
        return pieces
