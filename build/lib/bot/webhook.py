"""The webhook server (tornado, as PTB's own): an update is acknowledged (HTTP 200) only
once it has been handled and saved; GET /healthz for a load balancer and GET /metrics for
Prometheus — also served alone, in polling mode, on METRICS_PORT."""

from __future__ import annotations

import hmac
import json
import logging
import re
import resource
from typing import Any

import tornado.httpserver
import tornado.iostream
import tornado.netutil
import tornado.web
from prometheus_client import CONTENT_TYPE_LATEST
from telegram import (
    Update,
)

from bot import metrics
from bot.settings import Settings, SettingsError
from bot.shell import OncePerMinute, TelegramApp, shell_of

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_WEBHOOK_BODY = 1 << 20


class _WebhookHandler(tornado.web.RequestHandler):
    def initialize(self, bot_application: TelegramApp, secret: str) -> None:
        self.bot_application = bot_application
        self.secret = secret

    def check_xsrf_cookie(self) -> None:
        pass

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            self.send_error(403)
            return
        update = self._update()
        if update is None:
            log.warning("webhook: not a Telegram update")
            self.send_error(400)
            return
        # Acknowledge only once the update is handled and its answers saved: if this
        # process dies first, Telegram delivers it again (to this or another process),
        # and the session's record of applied updates keeps a repeat from counting twice.
        await self.bot_application.process_update(update)
        self.set_status(200)
        self.finish()

    def _update(self) -> Update | None:
        """The body as an update, or None for anything else: bytes that are not JSON, JSON
        nested too deep to parse (RecursionError), or JSON that is not an update object."""
        try:
            data = json.loads(self.request.body)
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                return None
            return Update.de_json(data, self.bot_application.bot)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            return None

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.finish(f"{status_code}\n")


class _HealthHandler(tornado.web.RequestHandler):
    def initialize(self, bot_application: TelegramApp) -> None:
        self.bot_application = bot_application

    def get(self) -> None:
        if self.bot_application.running:
            self.finish(
                {"status": "ok", "handled_updates": shell_of(self.bot_application).handled_count}
            )
        else:
            self.set_status(503)
            self.finish({"status": "stopping"})


class _MetricsHandler(tornado.web.RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", CONTENT_TYPE_LATEST)
        self.finish(metrics.exposition())


def _operator_routes(application: TelegramApp) -> list[Any]:
    """What an operator reads: /healthz (for a load balancer) and /metrics (Prometheus)."""
    return [
        (r"/healthz", _HealthHandler, {"bot_application": application}),
        (r"/metrics", _MetricsHandler),
    ]


def start_metrics_server(
    application: TelegramApp, listen: str, port: int
) -> tuple[tornado.httpserver.HTTPServer, int]:
    """Polling mode's /metrics and /healthz, on METRICS_PORT."""
    server = _server(tornado.web.Application(_operator_routes(application)), connection_cap())
    sockets = tornado.netutil.bind_sockets(port, listen)
    server.add_sockets(sockets)
    return server, int(sockets[0].getsockname()[1])


# Slow or idle clients are cut off: headers and body each within this many seconds, and a
# kept-alive connection with nothing to say is closed after it.
CLIENT_TIMEOUT_SECONDS = 30.0
MAX_HEADER_BYTES = 16 * 1024


def connection_cap() -> int:
    """Open connections the server keeps at most: well below this process's file limit
    (the Bot API client, the store and the logs need files too), at most 1,000."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return 1_000
    return max(16, min(1_000, soft // 2))


class CappedHTTPServer(tornado.httpserver.HTTPServer):
    """An HTTP server that keeps at most `cap` connections open: a new one beyond the cap
    closes the oldest (slow clients hold theirs longest; a real request takes
    milliseconds). Without it, slow clients used up the file handles, every accept failed
    with a traceback, and normal updates and /healthz went unanswered. Evictions are
    logged at most once a minute, with a count."""

    def initialize(self, *args: Any, cap: int = 1_000, **kwargs: Any) -> None:
        super().initialize(*args, **kwargs)
        self.cap = cap
        self._open: dict[int, tornado.iostream.IOStream] = {}  # oldest first
        self._evicted = OncePerMinute("webhook: closed the oldest connection, too many open")

    @property
    def open_connections(self) -> int:
        return len(self._open)

    def handle_stream(self, stream: tornado.iostream.IOStream, address: tuple[Any, ...]) -> None:
        # (tornado's HTTP connection owns the stream's close callback: closed streams are
        # found here instead)
        self._open = {key: s for key, s in self._open.items() if not s.closed()}
        while len(self._open) >= self.cap:
            oldest = next(iter(self._open))
            self._open.pop(oldest).close()
            self._evicted.note()
        self._open[id(stream)] = stream
        super().handle_stream(stream, address)


def _server(app: tornado.web.Application, cap: int) -> CappedHTTPServer:
    return CappedHTTPServer(
        app,
        cap=cap,
        max_body_size=MAX_WEBHOOK_BODY,
        max_header_size=MAX_HEADER_BYTES,
        idle_connection_timeout=CLIENT_TIMEOUT_SECONDS,
        body_timeout=CLIENT_TIMEOUT_SECONDS,
        xheaders=True,
    )


def start_webhook_server(
    application: TelegramApp, settings: Settings
) -> tuple[tornado.httpserver.HTTPServer, int]:
    secret = settings.webhook_secret_token
    if secret is None:
        raise SettingsError("MODE=webhook needs WEBHOOK_SECRET_TOKEN")
    app = tornado.web.Application(
        [
            (
                re.escape(settings.webhook_path),
                _WebhookHandler,
                {"bot_application": application, "secret": secret.get_secret_value()},
            ),
            *_operator_routes(application),
        ]
    )
    server = _server(app, settings.webhook_max_connections or connection_cap())
    sockets = tornado.netutil.bind_sockets(settings.webhook_port, settings.webhook_listen)
    server.add_sockets(sockets)
    return server, int(sockets[0].getsockname()[1])
