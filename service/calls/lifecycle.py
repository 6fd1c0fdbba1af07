"""A record's way through the worker: claim, progress, done or failed.

A job may run more than once (a retried or recovered task, two workers racing); the lease makes
sure only one run writes its result. A claim succeeds on a queued record, or on one whose
previous run stopped renewing its lease (a killed worker).
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy import and_, or_, update
from sqlmodel import Session, col, select

from service.calls.models import Call, CallStatus
from service.calls.service import utcnow

ACTIVE = (CallStatus.transcribing, CallStatus.analyzing)


def claim(*, session: Session, call_pk: str, lease_s: float) -> str | None:
    """Take the record for one run; the lease token, or None if another run holds it or it is over."""
    now = utcnow()
    token = secrets.token_hex(8)
    claimable = or_(
        col(Call.status) == CallStatus.queued,
        and_(col(Call.status).in_(ACTIVE), col(Call.lease_until) < now),
    )
    result = session.exec(  # type: ignore[call-overload]
        update(Call)
        .where(col(Call.id) == call_pk, claimable)
        .values(
            status=CallStatus.transcribing,
            lease_token=token,
            lease_until=now + timedelta(seconds=lease_s),
            attempts=col(Call.attempts) + 1,
            updated_at=now,
        )
    )
    return token if result.rowcount == 1 else None


def advance(*, session: Session, call_pk: str, token: str, lease_s: float, **values: Any) -> bool:
    """Write values (and renew the lease) if this run still holds the record."""
    now = utcnow()
    result = session.exec(  # type: ignore[call-overload]
        update(Call)
        .where(col(Call.id) == call_pk, col(Call.lease_token) == token)
        .values(lease_until=now + timedelta(seconds=lease_s), updated_at=now, **values)
    )
    return bool(result.rowcount == 1)


def release(
    *, session: Session, call_pk: str, token: str, status: CallStatus, **values: Any
) -> bool:
    """End this run: done, failed, or back to queued for a later retry."""
    result = session.exec(  # type: ignore[call-overload]
        update(Call)
        .where(col(Call.id) == call_pk, col(Call.lease_token) == token)
        .values(status=status, lease_token=None, lease_until=None, updated_at=utcnow(), **values)
    )
    return bool(result.rowcount == 1)


def stranded(*, session: Session, queued_for_s: float) -> list[str]:
    """Records no worker is on: a lapsed lease, or queued for longer than any queue would take."""
    now = utcnow()
    rows = session.exec(
        select(Call.id).where(
            or_(
                and_(col(Call.status).in_(ACTIVE), col(Call.lease_until) < now),
                and_(
                    col(Call.status) == CallStatus.queued,
                    col(Call.updated_at) < now - timedelta(seconds=queued_for_s),
                ),
            )
        )
    )
    return list(rows)
