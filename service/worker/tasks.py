"""The job behind every webhook: fetch, transcribe, analyze, store. One record per run."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import structlog
from huey.exceptions import RetryTask

from service.asr.transcriber import AudioError, get_transcriber
from service.calls import lifecycle
from service.calls.analysis import analyze_call, store_analysis
from service.calls.models import Call, CallStatus
from service.calls.service import utcnow
from service.calls.storage import RecordingStore
from service.config import Settings, get_settings
from service.db import session_scope
from service.metrics import CALLS_FINISHED, PROCESSING_SECONDS
from service.worker import queue
from service.worker.download import DownloadError, fetch

log = structlog.get_logger(__name__)

_client: httpx.Client | None = None


def http_client(settings: Settings) -> httpx.Client:
    """One HTTP client per worker process."""
    global _client
    if _client is None:
        _client = httpx.Client(timeout=httpx.Timeout(settings.download_timeout_s))
    return _client


def process_call(call_pk: str) -> None:
    settings = get_settings()
    queue.lower_priority(settings.worker_nice)
    with session_scope() as session:
        token = lifecycle.claim(session=session, call_pk=call_pk, lease_s=settings.worker_lease_s)
    if token is None:
        log.info("call.skipped", call=call_pk, reason="done or held by another run")
        return
    started = time.monotonic()
    log.info("call.claimed", call=call_pk)
    try:
        with _holding(settings, call_pk, token):
            call = _load(call_pk)
            path = _recording(settings, call, token)
            _transcribe(settings, call, token, path)
            _analyze(call_pk, token, started)
    except DownloadError as exc:
        _download_failed(settings, call_pk, token, exc)
    except AudioError as exc:
        _fail(call_pk, token, str(exc))
    except RetryTask:
        raise
    except Exception as exc:
        log.exception("call.crashed", call=call_pk)
        _fail(call_pk, token, f"internal error while processing ({type(exc).__name__}: {exc})")


def _load(call_pk: str) -> Call:
    with session_scope() as session:
        call = session.get(Call, call_pk)
        assert call is not None
        session.expunge(call)
        return call


def _recording(settings: Settings, call: Call, token: str) -> Path:
    call_pk = call.id
    if call.audio_path:
        return Path(call.audio_path)
    if not call.recording_url:
        raise AudioError("the webhook carried neither a recording nor a recording_url")
    auth = _auth_for(settings, call)
    path, content_type = fetch(
        client=http_client(settings),
        url=call.recording_url,
        store=RecordingStore(settings.recordings_dir),
        call_pk=call_pk,
        max_bytes=int(settings.max_upload_mb * 2**20),
        auth=auth,
    )
    _advance(
        settings,
        call_pk,
        token,
        audio_path=str(path),
        audio_bytes=path.stat().st_size,
        audio_content_type=content_type,
    )
    log.info("call.downloaded", call=call_pk, bytes=path.stat().st_size)
    return path


def _advance(settings: Settings, call_pk: str, token: str, **values: Any) -> None:
    """Write progress and renew the lease, if this run still holds the record."""
    with session_scope() as session:
        lifecycle.advance(
            session=session, call_pk=call_pk, token=token, lease_s=settings.worker_lease_s, **values
        )


def _auth_for(settings: Settings, call: Call) -> tuple[str, str] | None:
    if call.provider == "twilio" and settings.twilio_auth_token:
        account = (call.extra or {}).get("AccountSid") or settings.twilio_account_sid
        return (account, settings.twilio_auth_token)
    return None


def _transcribe(settings: Settings, call: Call, token: str, path: Path) -> None:
    call_pk = call.id
    channels = {int(k): v for k, v in (call.channels or {}).items()} or None
    transcript = get_transcriber(settings).transcribe(path, channels=channels)
    _advance(
        settings,
        call_pk,
        token,
        status=CallStatus.analyzing,
        transcript=transcript.to_dict(),
        transcript_text="\n".join(s.text for s in transcript.segments),
        transcript_at=utcnow(),
        duration_s=transcript.duration_s,
    )
    log.info(
        "call.transcribed",
        call=call_pk,
        segments=len(transcript.segments),
        audio_s=transcript.duration_s,
    )


@contextmanager
def _holding(settings: Settings, call_pk: str, token: str) -> Iterator[None]:
    """Renew this run's lease while it works, so only a dead worker's lease lapses."""
    done = threading.Event()

    def renew() -> None:
        while not done.wait(settings.worker_lease_s / 3):
            _advance(settings, call_pk, token)

    thread = threading.Thread(target=renew, name=f"lease-{call_pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def _analyze(call_pk: str, token: str, started: float) -> None:
    with session_scope() as session:
        call = session.get(Call, call_pk)
        assert call is not None
        if call.lease_token != token:
            log.warning("call.lease_lost", call=call_pk)
            return
        store_analysis(session=session, call=call, result=analyze_call(call))
        seconds = time.monotonic() - started
        lifecycle.release(
            session=session,
            call_pk=call_pk,
            token=token,
            status=CallStatus.done,
            error=None,
            processing_s=seconds,
        )
    PROCESSING_SECONDS.observe(seconds)
    CALLS_FINISHED.labels(status="done").inc()
    log.info("call.done", call=call_pk, seconds=round(seconds, 2))


def _download_failed(settings: Settings, call_pk: str, token: str, exc: DownloadError) -> None:
    attempts = _load(call_pk).attempts
    if exc.permanent or attempts >= settings.download_retries:
        tries = "1 try" if attempts == 1 else f"{attempts} tries"
        _fail(call_pk, token, f"download failed after {tries}: {exc.reason}")
        return
    delay = settings.download_backoff_s * 2 ** (attempts - 1)
    with session_scope() as session:
        lifecycle.release(
            session=session,
            call_pk=call_pk,
            token=token,
            status=CallStatus.queued,
            error=f"download failed ({exc.reason}); retry {attempts + 1} in {delay:.0f}s",
        )
    log.warning("call.download_retry", call=call_pk, reason=exc.reason, delay=delay)
    raise RetryTask(delay=delay)


def _fail(call_pk: str, token: str, error: str) -> None:
    with session_scope() as session:
        lifecycle.release(
            session=session, call_pk=call_pk, token=token, status=CallStatus.failed, error=error
        )
    CALLS_FINISHED.labels(status="failed").inc()
    log.warning("call.failed", call=call_pk, error=error)
