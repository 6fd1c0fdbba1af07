"""The PostgreSQL and Redis on this machine, for running the same tests on them.

On a machine without them the tests skip with the reason; with CI set they fail instead, so a
broken service cannot pass CI silently.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tests.conftest import in_ci

PG_ADMIN = os.environ.get("HUIFANG_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS = os.environ.get("HUIFANG_TEST_REDIS", "redis://127.0.0.1:6379/15")


def unavailable(what: str, exc: Exception) -> None:
    message = f"{what} is not reachable ({type(exc).__name__}: {exc})"
    if in_ci():
        pytest.fail(f"{message}; CI is set, so this is a failure, not a skip")
    print(f"SKIP: {message}")  # noqa: T201 - the reason shows with pytest -rs too
    pytest.skip(message)


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh, empty database; dropped afterwards. Yields its SQLAlchemy URL."""
    import psycopg

    name = f"huifang_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        unavailable(f"PostgreSQL at {PG_ADMIN}", exc)
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        yield f"{base}/{name}"
    finally:
        from service.db import dispose_engines

        dispose_engines()
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def redis_queue() -> Iterator[dict[str, str]]:
    """A Redis queue of its own (a unique name, so parallel runs never share jobs); its settings."""
    import redis

    name = f"huifang-test-{uuid.uuid4().hex[:12]}"
    client = redis.Redis.from_url(REDIS, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as exc:
        unavailable(f"Redis at {REDIS}", exc)
    try:
        yield {"HUIFANG_QUEUE_URL": REDIS, "HUIFANG_QUEUE_NAME": name}
    finally:
        for key in client.scan_iter(f"huey.*{name}*"):
            client.delete(key)
        client.close()
