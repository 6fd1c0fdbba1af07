"""Reviewers' decisions on a call: flags, facts, transcript lines, status. Each one is audited."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import structlog
from sqlalchemy import case
from sqlmodel import Session, col, select

from service.calls.analysis import analyze_call, store_analysis
from service.calls.models import Call, RiskFlag
from service.calls.service import CallFilters, filtered, flags_of
from service.deps import Principal
from service.review.models import ENUM_FACTS, FACT_FIELDS, AuditAction, AuditEntry
from service.search import service as search

log = structlog.get_logger(__name__)


class ReviewError(ValueError):
    """A correction that cannot be applied; the message says why."""


class NotFound(LookupError):
    pass


def audit(
    *,
    session: Session,
    who: Principal,
    action: AuditAction,
    call_pk: str | None,
    target: str | None = None,
    before: Any = None,
    after: Any = None,
) -> AuditEntry:
    entry = AuditEntry(
        call_pk=call_pk,
        actor=who.name,
        role=who.role.value,
        action=action.value,
        target=target,
        before=before,
        after=after,
        at=datetime.now(UTC),
    )
    session.add(entry)
    session.flush()
    log.info("review.audited", call=call_pk, actor=who.name, action=action.value, target=target)
    return entry


def trail(*, session: Session, call_pk: str) -> list[AuditEntry]:
    rows = session.exec(
        select(AuditEntry).where(col(AuditEntry.call_pk) == call_pk).order_by(col(AuditEntry.id))
    )
    return list(rows)


def _touch(call: Call, who: Principal, *, corrected: bool) -> None:
    call.reviewer = who.name
    call.review_updated_at = datetime.now(UTC)
    if corrected:
        call.review_status = "corrected"


def review_flag(
    *, session: Session, who: Principal, call: Call, flag_id: int, decision: str
) -> RiskFlag:
    flag = session.get(RiskFlag, flag_id)
    if flag is None or flag.call_pk != call.id:
        raise NotFound(f"call {call.id} has no risk flag {flag_id}")
    before, flag.review = flag.review, decision
    session.add(flag)
    _touch(call, who, corrected=decision == "rejected")
    session.add(call)
    audit(
        session=session,
        who=who,
        action=AuditAction.flag_review,
        call_pk=call.id,
        target=f"flag {flag_id} {flag.category} 「{flag.phrase}」",
        before=before,
        after=decision,
    )
    return flag


def checked_fact(field: str, value: Any) -> Any:
    """The value as stored, or ReviewError saying what records.md allows."""
    if field not in FACT_FIELDS:
        raise ReviewError(f"unknown field {field!r}; expected one of {', '.join(FACT_FIELDS)}")
    if field in ENUM_FACTS:
        if value not in ENUM_FACTS[field]:
            allowed = ", ".join(ENUM_FACTS[field])
            raise ReviewError(f"{field} must be one of {allowed}, not {value!r}")
        return value
    if field == "identity_verified":
        if not isinstance(value, bool):
            raise ReviewError(f"identity_verified must be true or false, not {value!r}")
        return value
    if value is None:
        return None
    if field == "promise_amount":
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ReviewError(f"promise_amount must be a number of yuan (0 or more), not {value!r}")
        return value
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError as exc:
        raise ReviewError(
            f"promise_date must be an ISO date like 2026-12-15, not {value!r}"
        ) from exc


def _current(call: Call, field: str) -> Any:
    return call.risk_level if field == "risk_level" else (call.facts or {}).get(field)


def _apply_fact(call: Call, field: str, value: Any) -> None:
    if field == "risk_level":
        call.risk_level = value
    else:
        call.facts = {**(call.facts or {}), field: value}


def correct_fact(*, session: Session, who: Principal, call: Call, field: str, value: Any) -> None:
    value = checked_fact(field, value)
    before = _current(call, field)
    _apply_fact(call, field, value)
    _touch(call, who, corrected=True)
    session.add(call)
    audit(
        session=session,
        who=who,
        action=AuditAction.fact_correct,
        call_pk=call.id,
        target=field,
        before=before,
        after=value,
    )


def correct_segment(
    *, session: Session, who: Principal, call: Call, index: int, text: str, speaker: str | None
) -> None:
    """Change one transcript line, then analyze the call again (keeping reviewers' decisions)."""
    segments = list((call.transcript or {}).get("segments") or [])
    if not 0 <= index < len(segments):
        raise NotFound(f"call {call.id} has no transcript line {index} (it has {len(segments)})")
    old = segments[index]
    new = {**old, "text": text, **({"speaker": speaker} if speaker else {})}
    segments[index] = new
    call.transcript = {**(call.transcript or {}), "segments": segments}
    call.transcript_text = "\n".join(s["text"] for s in segments)
    call.updated_at = datetime.now(UTC)
    _touch(call, who, corrected=True)
    audit(
        session=session,
        who=who,
        action=AuditAction.segment_correct,
        call_pk=call.id,
        target=f"line {index}",
        before={"speaker": old.get("speaker"), "text": old.get("text")},
        after={"speaker": new.get("speaker"), "text": text},
    )
    reanalyze(session=session, call=call)


def reanalyze(*, session: Session, call: Call) -> None:
    """Analysis anew, with the facts reviewers corrected and their flag decisions kept."""
    decisions = {
        (f.category, f.segment): f.review
        for f in session.exec(select(RiskFlag).where(col(RiskFlag.call_pk) == call.id))
    }
    store_analysis(session=session, call=call, result=analyze_call(call))
    for entry in trail(session=session, call_pk=call.id):
        if entry.action == AuditAction.fact_correct and entry.target:
            _apply_fact(call, entry.target, entry.after)
    for flag in session.exec(select(RiskFlag).where(col(RiskFlag.call_pk) == call.id)):
        flag.review = decisions.get((flag.category, flag.segment), "pending")
        session.add(flag)
    session.add(call)
    session.flush()


def set_status(*, session: Session, who: Principal, call: Call, status: str) -> None:
    before = call.review_status
    call.review_status = status
    _touch(call, who, corrected=False)
    session.add(call)
    audit(
        session=session,
        who=who,
        action=AuditAction.review_status,
        call_pk=call.id,
        target="review.status",
        before=before,
        after=status,
    )


def queue_page(
    *, session: Session, filters: CallFilters, page: int, per_page: int = 50
) -> tuple[list[tuple[Call, list[RiskFlag]]], bool]:
    """One page of the review queue: highest risk first, then the newest calls."""
    if filters.q:
        search.refresh(session=session)
    rank = case({"high": 3, "medium": 2, "low": 1}, value=col(Call.risk_level), else_=0)
    query = (
        filtered(filters, session=session)
        .order_by(rank.desc(), col(Call.started_at).desc(), col(Call.id))
        .offset((page - 1) * per_page)
        .limit(per_page + 1)
    )
    rows = list(session.exec(query))
    flags = flags_of(session=session, call_pks=[c.id for c in rows[:per_page]])
    return [(c, flags[c.id]) for c in rows[:per_page]], len(rows) > per_page
