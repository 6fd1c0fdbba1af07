"""Shared fixtures: a fresh data dir and settings per test, tokens, signed webhook requests."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import socket
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
AUDIO = FIXTURES / "audio"
MODEL_CACHE = ROOT / ".cache" / "models"
SECRET = "whsec_" + base64.b64encode(b"huifang-test-secret-0123456789").decode()


def service_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """Environment for a service under test: its own data dir, the shared model cache."""
    return {
        "HUIFANG_DATA_DIR": str(data_dir),
        "HUIFANG_ASR__CACHE_DIR": str(MODEL_CACHE),
        "HUIFANG_WEBHOOK_SECRET": SECRET,
        "HUIFANG_LOG_JSON": "true",
        "HUIFANG_DOWNLOAD_BACKOFF_S": "0.2",
        "HUIFANG_DOWNLOAD_TIMEOUT_S": "2",
        "HUIFANG_WORKER_SWEEP_INTERVAL_S": "1",
        "HF_HUB_OFFLINE": "1",
        **extra,
    }


@contextmanager
def backend(name: str) -> Iterator[dict[str, str]]:
    """Extra settings for a database/queue backend: sqlite (embedded) or postgres (+ redis)."""
    if name == "sqlite":
        yield {}
        return
    from tests.backends import postgres_database, redis_queue

    with postgres_database() as db_url, redis_queue() as queue:
        yield {"HUIFANG_DATABASE_URL": db_url, **queue}


@pytest.fixture(params=["sqlite", "postgres"])
def env(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, str]]:
    """Settings for an in-process app on each backend: a fresh data dir and database, no worker."""
    from service import db
    from service.config import get_settings
    from service.worker import queue

    with backend(request.param) as extra:
        values = service_env(tmp_path / "data", HUIFANG_WORKER_IN_PROCESS="false", **extra)
        for key, value in values.items():
            monkeypatch.setenv(key, value)
        get_settings.cache_clear()
        queue.reset()
        yield values
        db.dispose_engines()
        queue.reset()
        get_settings.cache_clear()


def sign(
    body: bytes, *, secret: str = SECRET, msg_id: str | None = None, at: int | None = None
) -> dict[str, str]:
    """Standard Webhooks headers, computed from the spec (not from the service's code)."""
    msg_id = msg_id or f"msg_{uuid.uuid4().hex}"
    stamp = str(at if at is not None else int(time.time()))
    key = base64.b64decode(secret.removeprefix("whsec_"))
    mac = hmac.new(key, f"{msg_id}.{stamp}.".encode() + body, hashlib.sha256).digest()
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": stamp,
        "webhook-signature": "v1," + base64.b64encode(mac).decode(),
    }


def multipart(
    metadata: dict[str, Any], audio: bytes | None, filename: str = "call.mp3"
) -> tuple[bytes, str]:
    """A multipart body built by hand, so the signature covers exactly what is sent."""
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n'
        "Content-Type: application/json\r\n\r\n".encode()
        + json.dumps(metadata, ensure_ascii=False).encode()
        + b"\r\n"
    ]
    if audio is not None:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="audio"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
            + audio
            + b"\r\n"
        )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def in_ci() -> bool:
    return bool(os.environ.get("CI"))
