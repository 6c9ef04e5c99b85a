"""Webhook mode: Telegram (the fake) POSTs updates with the secret header; anything
without the right secret is refused and changes nothing; /healthz answers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from bot.webhook import CappedHTTPServer
from tests.telegram.conftest import WEBHOOK_SECRET, BotUnderTest, start, webhook_settings
from tests.telegram.fake_bot_api import SECRET_HEADER, FakeBotApi
from tests.telegram.journeys import drive


@pytest.fixture
async def hooked(api: FakeBotApi) -> AsyncIterator[BotUnderTest]:
    running = await start(api, webhook_settings(api))
    try:
        yield running
        running.check_everything_sent()
    finally:
        await running.running.stop()


def local_url(bot: BotUnderTest, path: str) -> str:
    return f"http://127.0.0.1:{bot.running.webhook_port}{path}"


async def test_registers_the_webhook_with_its_secret(hooked: BotUnderTest) -> None:
    api = hooked.api
    [call] = api.calls("setWebhook")
    assert call.params["url"] == local_url(hooked, "/telegram-hook")
    assert call.params["secret_token"] == WEBHOOK_SECRET
    assert {"message", "callback_query", "inline_query"} <= set(call.params["allowed_updates"])
    assert not api.calls("getUpdates"), "no polling in webhook mode"


async def test_conversation_over_the_webhook(hooked: BotUnderTest) -> None:
    user = hooked.api.user(3001)
    await drive(hooked, user, [("say", "/start"), ("tap", "Both"), ("say", "feb 72")])
    session = await hooked.store.load(user.id)
    assert session is not None and session.answers.get("topics") == "both"
    assert all(status == 200 for _, status in hooked.api.webhook_deliveries)


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", WEBHOOK_SECRET + "x"])
async def test_wrong_secret_is_refused_and_changes_nothing(
    hooked: BotUnderTest, secret: str | None
) -> None:
    api = hooked.api
    user = api.user(3002)
    await hooked.say(user, "/start")
    before = await hooked.store.load(user.id)
    handled = hooked.shell.handled_count
    sent = len(api.calls("sendMessage"))

    forged = {"update_id": api.next_update_id(), "message": user.message(text="/forget")}
    assert await api.post_to_webhook(forged, secret) == 403

    assert await hooked.store.load(user.id) == before
    assert hooked.shell.handled_count == handled
    assert len(api.calls("sendMessage")) == sent


async def test_health_check_and_bad_bodies(hooked: BotUnderTest) -> None:
    async with httpx.AsyncClient(timeout=5) as client:
        health = await client.get(local_url(hooked, "/healthz"))
        assert health.status_code == 200
        assert health.json()["status"] == "ok"
        garbage = await client.post(
            local_url(hooked, "/telegram-hook"),
            content=b"{not json",
            headers={SECRET_HEADER: WEBHOOK_SECRET},
        )
        assert garbage.status_code == 400
        elsewhere = await client.post(
            local_url(hooked, "/other"), json={}, headers={SECRET_HEADER: WEBHOOK_SECRET}
        )
        assert elsewhere.status_code == 404


async def test_redelivered_update_is_applied_once(hooked: BotUnderTest) -> None:
    api = hooked.api
    user = api.user(3003)
    await hooked.say(user, "/start")
    update_id = api.next_update_id()
    update = {"update_id": update_id, "message": user.message(text="both")}
    assert await api.post_to_webhook(update, WEBHOOK_SECRET) == 200
    await hooked.settle(update_id)
    once = await hooked.store.load(user.id)
    sent = len(api.calls("sendMessage"))
    assert await api.post_to_webhook(update, WEBHOOK_SECRET) == 200  # Telegram retried
    await api.wait_for(lambda: hooked.shell.handled_count >= 3, what="the retry handled")
    assert await hooked.store.load(user.id) == once
    assert len(api.calls("sendMessage")) == sent


async def test_the_webhook_acknowledges_only_what_it_has_saved(hooked: BotUnderTest) -> None:
    # A 200 tells Telegram not to deliver the update again, so it must come after the
    # answer is stored and replied to: a process that dies before has not acknowledged.
    api = hooked.api
    user = api.user(3004)
    await hooked.say(user, "/start")
    update = {"update_id": api.next_update_id(), "message": user.message(text="both")}
    sent = len(api.calls("sendMessage"))
    assert await api.post_to_webhook(update, WEBHOOK_SECRET) == 200
    session = await hooked.store.load(user.id)
    assert session is not None and session.answers.get("topics") == "both"
    assert len(api.calls("sendMessage")) > sent, "the reply went out before the 200"


async def _post_raw(bot: BotUnderTest, body: bytes) -> int:
    headers = {SECRET_HEADER: WEBHOOK_SECRET, "Content-Type": "application/json"}
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.post(
            local_url(bot, "/telegram-hook"), content=body, headers=headers
        )
    return response.status_code


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 100_000 + b"]" * 100_000,  # deep enough to exhaust the JSON parser's stack
        b'{"update_id": 5, "message": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_001,
        b"[1, 2, 3]",
        b'"just a string"',
        b"\xff\xfe not utf-8",
    ],
    ids=["deep-list", "deep-object", "a-list", "a-string", "not-utf8"],
)
async def test_a_body_that_is_no_update_gets_400_never_a_traceback(
    hooked: BotUnderTest, body: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    """Issue 20 item 7: with the secret, a body that is not a Telegram update is refused
    with 400 and one warning line; nothing reaches the handler and nothing is logged as an
    error."""
    handled = hooked.shell.handled_count
    assert await _post_raw(hooked, body) == 400
    assert hooked.shell.handled_count == handled
    assert not [r for r in caplog.records if r.levelname in {"ERROR", "CRITICAL"}]


async def test_a_message_without_a_chat_is_refused_quietly(
    hooked: BotUnderTest, caplog: pytest.LogCaptureFixture
) -> None:
    forged = {"update_id": hooked.api.next_update_id(), "message": {"message_id": 1, "date": 0}}
    status = await hooked.api.post_to_webhook(forged, WEBHOOK_SECRET)
    assert status in {200, 400}
    assert not [r for r in caplog.records if r.levelname in {"ERROR", "CRITICAL"}]


async def test_slow_clients_beyond_the_cap_never_block_updates_or_health(api: FakeBotApi) -> None:
    """Issue 20 item 6: more slow connections than the server keeps (here a cap of 8, in
    production half the file limit) — each new connection closes the oldest, so a normal
    update and /healthz are still answered and no file handle runs out."""
    running = await start(api, webhook_settings(api, webhook_max_connections=8))
    slow: list[asyncio.StreamWriter] = []
    try:
        port = running.running.webhook_port
        assert port is not None
        for _ in range(20):  # open, send half a request line, then nothing
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"POST /telegram-hook HTTP/1.1\r\nHost: x\r\n")
            await writer.drain()
            slow.append(writer)
        await asyncio.sleep(0)  # let the server accept them
        user = api.user(3101)
        update = {"update_id": api.next_update_id(), "message": user.message(text="/start")}
        assert await api.post_to_webhook(update, WEBHOOK_SECRET) == 200
        async with httpx.AsyncClient(timeout=5) as client:
            health = await client.get(local_url(running, "/healthz"))
        assert health.status_code == 200
        server = running.running.webhook_server
        assert isinstance(server, CappedHTTPServer) and server.open_connections <= 8
    finally:
        for writer in slow:
            writer.close()
        await running.running.stop()
