"""Webhook endpoints: verify, parse, hand to the ingest service, answer at once."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response, status
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError
from sqlmodel import Session
from starlette.datastructures import UploadFile

from service.calls.models import CallCreate, IngestReply
from service.calls.storage import RecordingStore, sniff_audio
from service.config import Settings
from service.db import SessionDep
from service.deps import SettingsDep
from service.metrics import WEBHOOKS
from service.webhooks.errors import describe
from service.webhooks.providers import twilio
from service.webhooks.providers.generic import Metadata
from service.webhooks.service import Recording, ingest
from service.webhooks.signatures import verify_standard, verify_twilio
from service.worker.queue import enqueue_or_leave_for_sweep

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing or bad signature; nothing stored"},
    413: {"description": "Recording over the size limit"},
    415: {"description": "Not audio, or an unsupported content type"},
    422: {"description": "Bad metadata"},
}


async def read_body(request: Request, max_mb: float) -> bytes:
    """The raw body (signatures cover it), refused with 413 as soon as it passes the limit."""
    max_bytes = int(max_mb * 2**20)
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_mb)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(max_mb)
        chunks.append(chunk)
    body = b"".join(chunks)
    request._body = body  # let request.form() parse what was already read
    return body


def _too_large(max_mb: float) -> HTTPException:
    return HTTPException(
        status.HTTP_413_CONTENT_TOO_LARGE,
        f"recording is over the {max_mb:g} MB limit (HUIFANG_MAX_UPLOAD_MB)",
    )


def _unprocessable(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail)


async def parse_generic(request: Request, body: bytes) -> tuple[Metadata, Recording | None]:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        raw = _json_object(body, "the JSON body")
        metadata = _metadata(raw)
        if metadata.disposition == "answered" and metadata.recording_url is None:
            raise _unprocessable(
                "recording_url is required in a JSON body (or send multipart with an audio part)"
            )
        return metadata, None
    if kind == "multipart/form-data":
        form = await request.form(max_files=2, max_fields=20)
        meta_part = form.get("metadata")
        if meta_part is None:
            raise _unprocessable("missing part 'metadata' (a JSON object with at least call_id)")
        text = (await meta_part.read()).decode() if isinstance(meta_part, UploadFile) else meta_part
        metadata = _metadata(_json_object(text.encode(), "part 'metadata'"))
        audio = form.get("audio")
        if metadata.disposition != "answered":
            return metadata, None
        if not isinstance(audio, UploadFile):
            raise _unprocessable("missing part 'audio' (the recording file)")
        return metadata, await _recording(audio)
    raise HTTPException(
        status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
        "send multipart/form-data (parts 'audio' and 'metadata') or application/json with recording_url",
    )


def _json_object(raw: bytes, what: str) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _unprocessable(f"{what} is not valid JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise _unprocessable(f"{what} must be a JSON object")
    return value


def _metadata(raw: dict[str, Any]) -> Metadata:
    try:
        return Metadata.model_validate(raw)
    except ValidationError as exc:
        raise _unprocessable(f"bad metadata: {describe(exc)}") from exc


async def _recording(audio: UploadFile) -> Recording:
    head = await audio.read(16)
    if not head:
        raise _unprocessable("part 'audio' is empty: the recording has no bytes")
    kind = sniff_audio(head)
    if kind is None:
        raise HTTPException(
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
            f"part 'audio' ({audio.filename or 'unnamed'}) is not a recording this service can read: "
            "send WAV, MP3, M4A, OGG or FLAC",
        )
    await audio.seek(0)
    return Recording(file=audio.file, content_type=kind[0], ext=kind[1])


def _store(settings: Settings) -> RecordingStore:
    return RecordingStore(settings.recordings_dir)


def accept(
    *,
    session: Session,
    settings: Settings,
    call_in: CallCreate,
    recording: Recording | None,
    response: Response,
) -> IngestReply:
    result = ingest(session=session, store=_store(settings), call_in=call_in, recording=recording)
    # Commit before queueing, so the worker finds the record; the queue is the last step, and
    # a record the queue did not take is swept up later (HUIFANG_WORKER_REQUEUE_AFTER_S).
    session.commit()
    if result.needs_worker:
        enqueue_or_leave_for_sweep(result.call.id)
    response.status_code = status.HTTP_200_OK if result.duplicate else status.HTTP_202_ACCEPTED
    WEBHOOKS.labels(call_in.provider, "duplicate" if result.duplicate else "accepted").inc()
    return IngestReply(id=result.call.id, status=result.call.status, duplicate=result.duplicate)


@router.post("/recordings", status_code=202, response_model=IngestReply, responses=_ERRORS)
async def generic_recording(
    request: Request, response: Response, session: SessionDep, settings: SettingsDep
) -> IngestReply:
    """A recording from a bank's own dialer, signed per Standard Webhooks."""
    body = await read_body(request, settings.max_upload_mb)
    verify_standard(
        secret=settings.webhook_secret,
        body=body,
        headers=request.headers,
        tolerance_s=settings.webhook_tolerance_s,
    )
    metadata, recording = await parse_generic(request, body)
    call_in = metadata.to_create(
        provider="generic",
        webhook_id=f"generic:{request.headers['webhook-id']}",
        tz=settings.timezone,
    )
    return await run_in_threadpool(
        accept,
        session=session,
        settings=settings,
        call_in=call_in,
        recording=recording,
        response=response,
    )


@router.post("/twilio/recording", status_code=202, response_model=IngestReply, responses=_ERRORS)
async def twilio_recording(
    request: Request, response: Response, session: SessionDep, settings: SettingsDep
) -> IngestReply:
    """Twilio's RecordingStatusCallback. Metadata may ride on the callback URL's query string."""
    if not settings.twilio_auth_token:
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            "Twilio is not set up: set HUIFANG_TWILIO_AUTH_TOKEN",
        )
    await read_body(request, 1.0)
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    url = twilio.signed_url(request, settings.public_url)
    verify_twilio(
        auth_token=settings.twilio_auth_token,
        url=url,
        params=form,
        signature=request.headers.get("x-twilio-signature"),
    )
    call_in = twilio.to_create(form, dict(request.query_params), tz=settings.timezone)
    return await run_in_threadpool(
        accept,
        session=session,
        settings=settings,
        call_in=call_in,
        recording=None,
        response=response,
    )
