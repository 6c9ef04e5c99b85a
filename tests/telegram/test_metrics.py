"""What an operator watches (issue 20): /metrics in Prometheus's format on the webhook
server and, in polling mode, on METRICS_PORT with /healthz; no chat id or text in them."""

from __future__ import annotations

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.telegram.conftest import settings_for, start, webhook_settings
from tests.telegram.fake_bot_api import FakeBotApi
from tests.telegram.journeys import drive


async def _get(port: int, path: str) -> httpx.Response:
    async with httpx.AsyncClient(timeout=5) as client:
        return await client.get(f"http://127.0.0.1:{port}{path}")


async def test_polling_serves_metrics_and_health_on_metrics_port(api: FakeBotApi) -> None:
    running = await start(api, settings_for(api).model_copy(update={"metrics_port": 0}))
    try:
        user = api.user(5101)
        await drive(running, user, [("say", "/start"), ("tap", "Both"), ("say", "feb 72")])
        port = running.running.metrics_port
        assert port is not None
        health = await _get(port, "/healthz")
        assert health.status_code == 200 and health.json()["status"] == "ok"
        text = (await _get(port, "/metrics")).text
        assert 'bot_updates_total{kind="message",outcome="ok"}' in text
        assert 'bot_updates_total{kind="callback_query",outcome="ok"}' in text
        assert 'bot_api_calls_total{method="sendMessage"}' in text
        assert "bot_update_handling_seconds_bucket" in text and "bot_outbox_replies" in text
        # No personal data: no label names a user or holds what they typed (the numbers
        # themselves, counts and timestamps, may contain any digits).
        labels = [
            value
            for family in text_string_to_metric_families(text)
            for sample in family.samples
            for value in sample.labels.values()
        ]
        assert labels and not [v for v in labels if str(user.id) in v or "feb" in v]
        assert "feb 72" not in text
    finally:
        await running.running.stop()


async def test_no_metrics_port_unless_asked(api: FakeBotApi) -> None:
    running = await start(api, settings_for(api))
    try:
        assert running.running.metrics_port is None
    finally:
        await running.running.stop()


async def test_the_webhook_server_serves_metrics(api: FakeBotApi) -> None:
    running = await start(api, webhook_settings(api))
    try:
        user = api.user(5102)
        await drive(running, user, [("say", "/start")])
        port = running.running.webhook_port
        assert port is not None
        response = await _get(port, "/metrics")
        assert response.status_code == 200
        assert "bot_updates_total" in response.text
    finally:
        await running.running.stop()
