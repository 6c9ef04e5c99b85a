"""The webhook server (tornado, as PTB's own): an update is acknowledged (HTTP 200) only
once it has been handled and saved; GET /healthz for a load balancer and GET /metrics for
Prometheus — also served alone, in polling mode, on METRICS_PORT."""

from __future__ import annotations

import hmac
import json
import logging
import re
from typing import Any

import tornado.httpserver
import tornado.netutil
import tornado.web
from prometheus_client import CONTENT_TYPE_LATEST
from telegram import (
    Update,
)

from bot import metrics
from bot.settings import Settings, SettingsError
from bot.shell import TelegramApp, shell_of

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
    server = tornado.httpserver.HTTPServer(tornado.web.Application(_operator_routes(application)))
    sockets = tornado.netutil.bind_sockets(port, listen)
    server.add_sockets(sockets)
    return server, int(sockets[0].getsockname()[1])


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
    server = tornado.httpserver.HTTPServer(app, max_body_size=MAX_WEBHOOK_BODY, xheaders=True)
    sockets = tornado.netutil.bind_sockets(settings.webhook_port, settings.webhook_listen)
    server.add_sockets(sockets)
    return server, int(sockets[0].getsockname()[1])
