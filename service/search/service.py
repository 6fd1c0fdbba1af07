"""Keeping the search index in step with transcripts, and turning `q` into a condition."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import ColumnElement, func, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from service.calls.models import Call
from service.search.models import CallSearch
from service.search.tokens import index_tokens, query_phrases

log = structlog.get_logger(__name__)

# Writers on other machines may stamp updated_at a little behind the newest indexed row.
_CLOCK_SLACK = timedelta(seconds=120)
_BATCH = 2000


class BadQuery(ValueError):
    pass


def index_call(
    *, session: Session, call_pk: str, transcript_text: str, updated_at: datetime
) -> None:
    """Store (or replace) one call's tokens."""
    values = {
        "call_pk": call_pk,
        "tokens": index_tokens(transcript_text),
        "source_updated_at": updated_at,
    }
    dialect = session.get_bind().dialect.name
    insert: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(CallSearch).values(**values)
    statement = statement.on_conflict_do_update(
        index_elements=["call_pk"],
        set_={"tokens": values["tokens"], "source_updated_at": updated_at},
    )
    session.execute(statement)


def refresh(*, session: Session, batch: int = _BATCH) -> int:
    """Index transcripts written since the last refresh; how many were (re)indexed."""
    mark = session.exec(select(func.max(CallSearch.source_updated_at))).one()
    query = select(Call.id, Call.transcript_text, Call.updated_at).where(
        col(Call.transcript_text).is_not(None)
    )
    if mark is not None:
        query = query.where(col(Call.updated_at) > mark - _CLOCK_SLACK)
    rows = list(session.exec(query.order_by(col(Call.updated_at)).limit(batch)))
    known = dict(
        session.exec(
            select(CallSearch.call_pk, CallSearch.source_updated_at).where(
                col(CallSearch.call_pk).in_([r[0] for r in rows])
            )
        ).all()
    )
    count = 0
    for call_pk, transcript_text, updated_at in rows:
        if known.get(call_pk) != updated_at:
            index_call(
                session=session,
                call_pk=call_pk,
                transcript_text=transcript_text or "",
                updated_at=updated_at,
            )
            count += 1
    if count:
        session.flush()
        log.info("search.indexed", calls=count)
    return count


def _fts5_query(phrases: list[list[str]]) -> str:
    parts = [p[0] if p[0].endswith("*") else '"' + " ".join(p) + '"' for p in phrases]
    return " AND ".join(parts)


def _tsquery(phrases: list[list[str]]) -> str:
    parts = [
        p[0].removesuffix("*") + ":*" if p[0].endswith("*") else " <-> ".join(p) for p in phrases
    ]
    return " & ".join(f"({p})" for p in parts)


def check_query(q: str) -> list[list[str]]:
    """The query's phrases, or BadQuery when it has nothing to search for."""
    phrases = query_phrases(q)
    if not phrases:
        raise BadQuery("q has nothing to search for: give letters, digits or Chinese characters")
    return phrases


def matching(q: str, *, dialect: str) -> ColumnElement[bool]:
    """A condition on Call: its transcript contains every word of q."""
    phrases = check_query(q)
    if dialect == "postgresql":
        hits = text(
            "SELECT call_pk FROM call_search "
            "WHERE to_tsvector('simple', tokens) @@ to_tsquery('simple', :q)"
        ).bindparams(q=_tsquery(phrases))
    else:
        hits = text(
            "SELECT s.call_pk FROM call_search_fts f JOIN call_search s ON s.id = f.rowid "
            "WHERE call_search_fts MATCH :q"
        ).bindparams(q=_fts5_query(phrases))
    return col(Call.id).in_(hits.columns(call_pk=Call.id.type))  # type: ignore[attr-defined]
