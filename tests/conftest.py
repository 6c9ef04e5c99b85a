from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from tests.servers import RedisServer, running_redis

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    with running_redis(tmp_path_factory.mktemp("redis")) as server:
        yield server
