"""Queries and rules for call records. Services flush; the caller commits."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, delete, or_, tuple_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from service.calls.models import (
    Call,
    CallCreate,
    CallPublic,
    CallStatus,
    CallSummary,
    ReviewPublic,
    RiskFlag,
    RiskFlagPublic,
)
from service.search import service as search


def utcnow() -> datetime:
    return datetime.now(UTC)


def aware(value: datetime, tz: str) -> datetime:
    """A datetime given without an offset is read in the bank's time zone."""
    return value if value.tzinfo is not None else value.replace(tzinfo=ZoneInfo(tz))


def find_duplicate(
    *, session: Session, provider: str, call_id: str, webhook_id: str | None
) -> Call | None:
    """The record an earlier delivery of the same call (or the same webhook) created."""
    conditions: list[ColumnElement[bool]] = [
        and_(col(Call.provider) == provider, col(Call.call_id) == call_id)
    ]
    if webhook_id:
        conditions.append(col(Call.webhook_id) == webhook_id)
    return session.exec(select(Call).where(or_(*conditions))).first()


def create(*, session: Session, call_in: CallCreate) -> Call | None:
    """Insert a new record; None if a concurrent delivery of the same call won the race."""
    now = utcnow()
    call = Call.model_validate(call_in, update={"created_at": now, "updated_at": now})
    call.call_date = call_date_of(call_in.started_at)
    try:
        with session.begin_nested():
            session.add(call)
    except IntegrityError:
        return None
    return call


def call_date_of(started_at: datetime | None) -> date | None:
    """The calendar day the borrower lived the call in (their own UTC offset)."""
    return started_at.date() if started_at is not None else None


def get(*, session: Session, call_pk: str) -> Call | None:
    return session.get(Call, call_pk)


def flags_of(*, session: Session, call_pks: list[str]) -> dict[str, list[RiskFlag]]:
    out: dict[str, list[RiskFlag]] = {pk: [] for pk in call_pks}
    if call_pks:
        rows = session.exec(
            select(RiskFlag).where(col(RiskFlag.call_pk).in_(call_pks)).order_by(col(RiskFlag.id))
        )
        for flag in rows:
            out[flag.call_pk].append(flag)
    return out


def replace_flags(*, session: Session, call_pk: str, flags: list[dict[str, Any]]) -> None:
    session.exec(delete(RiskFlag).where(col(RiskFlag.call_pk) == call_pk))  # type: ignore[call-overload]
    for flag in flags:
        session.add(
            RiskFlag.model_validate({"call_pk": call_pk, **{k: flag.get(k) for k in _FLAG_FIELDS}})
        )
    session.flush()


_FLAG_FIELDS = ("category", "phrase", "speaker", "segment", "start", "end")


def to_summary(call: Call, flags: list[RiskFlag]) -> dict[str, Any]:
    return {
        **call.model_dump(exclude={"transcript"}),
        "risk_flags": [RiskFlagPublic.model_validate(f, from_attributes=True) for f in flags],
        "review": ReviewPublic(
            status=call.review_status,
            reviewer=call.reviewer,
            updated_at=call.review_updated_at,
        ),
    }


def to_public(*, session: Session, call: Call) -> CallPublic:
    flags = flags_of(session=session, call_pks=[call.id])[call.id]
    return CallPublic(**to_summary(call, flags), transcript=call.transcript)


@dataclass(frozen=True)
class CallFilters:
    status: list[CallStatus] | None = None
    risk_level: list[str] | None = None
    category: list[str] | None = None
    product: list[str] | None = None
    agent_id: str | None = None
    loan_id: str | None = None
    customer_id: str | None = None
    review_status: list[str] | None = None
    since: datetime | None = None
    until: datetime | None = None
    q: str | None = None


class BadCursor(ValueError):
    pass


def encode_cursor(call: Call) -> str:
    raw = json.dumps([call.created_at.isoformat(), call.id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        created, pk = json.loads(base64.urlsafe_b64decode(padded))
        return datetime.fromisoformat(created), str(pk)
    except (ValueError, TypeError) as exc:
        raise BadCursor("cursor is not one this service gave out; start again without it") from exc


def filtered(
    filters: CallFilters, *, session: Session, wanted: int | None = None
) -> SelectOfScalar[Call]:
    """The calls the filters let through; `wanted`: how many are read newest first (a page)."""
    query = select(Call)
    for column, values in (
        (Call.status, filters.status),
        (Call.risk_level, filters.risk_level),
        (Call.product, filters.product),
        (Call.review_status, filters.review_status),
    ):
        if values:
            query = query.where(col(column).in_([str(v) for v in values]))
    for column, value in (
        (Call.agent_id, filters.agent_id),
        (Call.loan_id, filters.loan_id),
        (Call.customer_id, filters.customer_id),
    ):
        if value is not None:
            query = query.where(col(column) == value)
    if filters.since is not None:
        query = query.where(col(Call.started_at) >= filters.since)
    if filters.until is not None:
        query = query.where(col(Call.started_at) < filters.until)
    if filters.category:
        flagged = select(RiskFlag.call_pk).where(col(RiskFlag.category).in_(filters.category))
        query = query.where(col(Call.id).in_(flagged))
    if filters.q:
        query = query.where(search.matching(filters.q, session=session, wanted=wanted))
    return query


def list_calls(
    *, session: Session, filters: CallFilters, limit: int, cursor: str | None
) -> tuple[list[CallSummary], str | None]:
    if filters.q:
        search.refresh(session=session)
    query = filtered(filters, session=session, wanted=limit + 1)
    if cursor:
        created, pk = decode_cursor(cursor)
        query = query.where(tuple_(col(Call.created_at), col(Call.id)) < tuple_(created, pk))
    query = query.order_by(col(Call.created_at).desc(), col(Call.id).desc()).limit(limit + 1)
    rows = list(session.exec(query))
    page, more = rows[:limit], len(rows) > limit
    flags = flags_of(session=session, call_pks=[c.id for c in page])
    items = [CallSummary(**to_summary(c, flags[c.id])) for c in page]
    return items, (encode_cursor(page[-1]) if more else None)
