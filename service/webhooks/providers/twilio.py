"""Twilio's RecordingStatusCallback: form fields to a record."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from email.utils import parsedate_to_datetime

from fastapi import HTTPException, Request, status
from pydantic import ValidationError

from service.calls.models import CallCreate
from service.webhooks.errors import describe
from service.webhooks.providers.generic import Metadata


def signed_url(request: Request, public_url: str | None) -> str:
    """The URL Twilio signed: ours as the platform sees it (behind a proxy, HUIFANG_PUBLIC_URL)."""
    if not public_url:
        return str(request.url)
    query = f"?{request.url.query}" if request.url.query else ""
    return public_url.rstrip("/") + request.url.path + query


def _started(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None


def to_create(form: Mapping[str, str], query: Mapping[str, str], *, tz: str) -> CallCreate:
    missing = [k for k in ("CallSid", "RecordingSid", "RecordingUrl") if not form.get(k)]
    if missing:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, f"missing Twilio field(s): {', '.join(missing)}"
        )
    url = form["RecordingUrl"]
    if form.get("RecordingChannels") == "2":
        url += ("&" if "?" in url else "?") + "RequestedChannels=2"
    answered = form.get("RecordingStatus", "completed") == "completed"
    try:
        metadata = Metadata.model_validate(
            {
                **query,
                "call_id": form["CallSid"],
                "started_at": _started(form.get("RecordingStartTime")) or query.get("started_at"),
                "recording_url": url,
                "disposition": "answered" if answered else "failed",
            }
        )
    except ValidationError as exc:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, f"bad callback metadata: {describe(exc)}"
        ) from exc
    call_in = metadata.to_create(
        provider="twilio", webhook_id=f"twilio:{form['RecordingSid']}", tz=tz
    )
    call_in.extra = {
        **(call_in.extra or {}),
        **{k: form[k] for k in ("AccountSid", "RecordingSid", "RecordingDuration") if k in form},
    }
    return call_in
