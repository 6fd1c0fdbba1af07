"""Where a webhook becomes a record: dedupe, store the recording, create the call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

import structlog
from sqlmodel import Session

from service.calls import service as calls
from service.calls.analysis import analyze_call, store_analysis
from service.calls.models import Call, CallCreate, CallStatus
from service.calls.storage import RecordingStore

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Recording:
    file: BinaryIO
    content_type: str
    ext: str


@dataclass(frozen=True)
class Ingested:
    call: Call
    duplicate: bool

    @property
    def needs_worker(self) -> bool:
        return not self.duplicate and self.call.status == CallStatus.queued


def ingest(
    *, session: Session, store: RecordingStore, call_in: CallCreate, recording: Recording | None
) -> Ingested:
    """Create the record for a delivery, or find the one an earlier delivery created."""
    earlier = calls.find_duplicate(
        session=session,
        provider=call_in.provider,
        call_id=call_in.call_id,
        webhook_id=call_in.webhook_id,
    )
    if earlier is not None:
        return Ingested(earlier, duplicate=True)
    call = calls.create(session=session, call_in=call_in)
    if call is None:  # a concurrent delivery of the same call committed first
        earlier = calls.find_duplicate(
            session=session,
            provider=call_in.provider,
            call_id=call_in.call_id,
            webhook_id=call_in.webhook_id,
        )
        assert earlier is not None
        return Ingested(earlier, duplicate=True)
    if call.disposition != "answered":
        _record_no_answer(session=session, call=call)
    elif recording is not None:
        path = store.save(recording.file, call.id, recording.ext)
        call.audio_path = str(path)
        call.audio_bytes = path.stat().st_size
        call.audio_content_type = recording.content_type
    session.add(call)
    session.flush()
    log.info(
        "call.received",
        call=call.id,
        provider=call.provider,
        call_id=call.call_id,
        disposition=call.disposition,
        bytes=call.audio_bytes,
    )
    return Ingested(call, duplicate=False)


def _record_no_answer(*, session: Session, call: Call) -> None:
    call.status = CallStatus.done
    session.add(call)
    session.flush()
    store_analysis(session=session, call=call, result=analyze_call(call))
