"""What an operator watches, as Prometheus metrics: updates by kind and outcome, the time
to handle one, Bot API calls and errors by method, store errors, and replies saved but
not yet sent. Served at /metrics by the webhook server, or in polling mode on
METRICS_PORT (which also answers /healthz). No chat id, text or answer is ever a label."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

REGISTRY = CollectorRegistry(auto_describe=True)

UPDATES = Counter("bot_updates", "Telegram updates handled", ["kind", "outcome"], registry=REGISTRY)
HANDLING_SECONDS = Histogram(
    "bot_update_handling_seconds",
    "Time from receiving an update to its last reply sent",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
    registry=REGISTRY,
)
API_CALLS = Counter("bot_api_calls", "Bot API requests made", ["method"], registry=REGISTRY)
API_ERRORS = Counter(
    "bot_api_errors", "Bot API requests that failed", ["method", "error"], registry=REGISTRY
)
STORE_ERRORS = Counter(
    "bot_store_errors",
    "Session store failures (transient: tried again; disk_full; other)",
    ["kind"],
    registry=REGISTRY,
)
OUTBOX = Gauge(
    "bot_outbox_replies", "Replies saved with their session and not yet sent", registry=REGISTRY
)


def exposition() -> bytes:
    """The metrics in Prometheus's text format."""
    return generate_latest(REGISTRY)
