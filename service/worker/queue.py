"""The durable task queue (huey): SQLite in the data dir by default, Redis when configured.

Huey removes a job from the queue when a worker takes it; a worker killed mid-job would lose it,
so workers also sweep for records no one holds (service.calls.lifecycle.stranded) and queue
them again. The lease in lifecycle makes a doubled job harmless.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import structlog
from huey import Huey, RedisHuey, SqliteHuey
from huey.consumer import Consumer

from service.calls import lifecycle
from service.config import Settings, get_settings
from service.db import session_scope

log = structlog.get_logger(__name__)


def make_huey(*, name: str, queue_url: str | None, data_dir: Path) -> Huey:
    url = queue_url
    if url and url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey(name, url=url, results=False, utc=True)
    if url and not url.startswith("sqlite:///"):
        raise ValueError(f"HUIFANG_QUEUE_URL must be redis://... or sqlite:///PATH, not {url!r}")
    path = url.removeprefix("sqlite:///") if url else str(data_dir / "queue.db")
    data_dir.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(name, filename=path, results=False, utc=True)


@lru_cache
def _queue(name: str, queue_url: str | None, data_dir: Path) -> tuple[Huey, Any]:
    from service.worker.tasks import process_call

    huey = make_huey(name=name, queue_url=queue_url, data_dir=data_dir)
    task = huey.task(name="process_call")(process_call)
    return huey, task


def get_queue() -> tuple[Huey, Any]:
    settings = get_settings()
    return _queue(settings.queue_name, settings.queue_url, settings.data_dir)


def lower_priority(niceness: int) -> None:
    """Let this thread, and the threads it starts (CTranslate2's, ONNX's), yield the CPU to the
    web server's threads, so webhooks answer at once while a call is transcribed. On Linux nice
    is per thread and inherited by new threads."""
    if niceness <= 0 or not hasattr(os, "setpriority"):
        return
    tid = threading.get_native_id()
    try:
        if os.getpriority(os.PRIO_PROCESS, tid) < niceness:
            os.setpriority(os.PRIO_PROCESS, tid, niceness)
    except OSError:
        log.warning("worker.nice_failed", niceness=niceness)


def reset() -> None:
    """Forget queues made for earlier settings (tests switch settings within one process)."""
    _queue.cache_clear()


def enqueue(call_pk: str) -> None:
    _huey, task = get_queue()
    task(call_pk)


def enqueue_or_leave_for_sweep(call_pk: str) -> bool:
    """Queue a stored record; if the queue is down, the sweeper queues it later (nothing lost)."""
    try:
        enqueue(call_pk)
    except Exception:
        log.exception("queue.enqueue_failed", call=call_pk)
        return False
    return True


def pending() -> int:
    huey, _task = get_queue()
    return int(huey.pending_count())


def requeue_stranded(settings: Settings) -> int:
    with session_scope() as session:
        stranded = lifecycle.stranded(session=session, queued_for_s=settings.worker_requeue_after_s)
    for call_pk in stranded:
        enqueue(call_pk)
    if stranded:
        log.warning("queue.requeued_stranded", calls=len(stranded))
    return len(stranded)


class InProcessConsumer(Consumer):  # type: ignore[misc]
    """huey's consumer run from a server thread: the server owns the signals."""

    def _set_signal_handlers(self) -> None:
        pass


class Sweeper(threading.Thread):
    def __init__(self, settings: Settings) -> None:
        super().__init__(name="huifang-sweeper", daemon=True)
        self.settings = settings
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                requeue_stranded(self.settings)
            except Exception:
                log.exception("queue.sweep_failed")
            self.stopped.wait(self.settings.worker_sweep_interval_s)


def make_consumer(settings: Settings, *, in_process: bool) -> Consumer:
    huey, _task = get_queue()
    cls = InProcessConsumer if in_process else Consumer
    return cls(
        huey,
        workers=settings.worker_threads,
        worker_type="thread",
        periodic=False,
        max_delay=1.0,
        shutdown_timeout=5.0,
    )
