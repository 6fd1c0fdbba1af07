"""Keeping the search index in step with transcripts, and turning `q` into a condition."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import ColumnElement, TextClause, func, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from service.calls.models import Call
from service.search.models import CallSearch
from service.search.tokens import index_tokens, query_phrases

log = structlog.get_logger(__name__)

# Writers on other machines may stamp transcript_at a little behind the newest indexed row.
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
    query = select(Call.id, Call.transcript_text, Call.transcript_at).where(
        col(Call.transcript_at).is_not(None)
    )
    if mark is not None:
        query = query.where(col(Call.transcript_at) > mark - _CLOCK_SLACK)
    rows = list(session.exec(query.order_by(col(Call.transcript_at)).limit(batch)))
    known = dict(
        session.exec(
            select(CallSearch.call_pk, CallSearch.source_updated_at).where(
                col(CallSearch.call_pk).in_([r[0] for r in rows])
            )
        ).all()
    )
    count = 0
    for call_pk, transcript_text, updated_at in rows:
        if updated_at is not None and known.get(call_pk) != updated_at:
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


# Checking one call as a walk reaches it costs a few times more than taking one match from
# the index (a phrase more than a word): measured on SQLite, 14-44 µs against about 12 µs.
_WALK_COST = 4


def _hits_sql(dialect: str) -> str:
    """The ids of the calls whose tokens match :q, straight from the full-text index."""
    if dialect == "postgresql":
        return "SELECT call_pk FROM call_search WHERE tsv @@ to_tsquery('simple', :q)"
    return (
        "SELECT s.call_pk FROM call_search_fts f JOIN call_search s ON s.id = f.rowid "
        "WHERE call_search_fts MATCH :q"
    )


def _walk_sql(dialect: str) -> str:
    """True for the call in the outer query (table `calls`) when its tokens match :q."""
    if dialect == "postgresql":
        return (
            "EXISTS (SELECT 1 FROM call_search s WHERE s.call_pk = calls.id "
            "AND s.tsv @@ to_tsquery('simple', :q))"
        )
    return (
        "EXISTS (SELECT 1 FROM call_search s JOIN call_search_fts f ON f.rowid = s.id "
        "WHERE s.call_pk = calls.id AND call_search_fts MATCH :q)"
    )


def _index_first(dialect: str, q_text: str) -> ColumnElement[bool] | TextClause:
    if dialect == "postgresql":
        # ARRAY(...) runs once, before the calls are read: the planner can no longer turn it
        # into a walk over created_at, which it did whenever it took a rare word for common.
        return text(f"calls.id = ANY(ARRAY({_hits_sql(dialect)}))").bindparams(q=q_text)
    # SQLite always reads an IN list first (the plan is LIST SUBQUERY, then id=? lookups).
    hits = text(_hits_sql(dialect)).bindparams(q=q_text)
    return col(Call.id).in_(hits.columns(call_pk=Call.id.type))  # type: ignore[attr-defined]


def matching(
    q: str, *, session: Session, wanted: int | None = None
) -> ColumnElement[bool] | TextClause:
    """A condition on Call (table `calls`): its transcript contains every word of q.

    `wanted` is how many rows the caller reads in created_at order (a page); None when it
    needs every match (stats, the review queue's risk order). Two plans find the same
    calls at very different costs, and neither database picks well by itself:
    PostgreSQL guesses from statistics how many calls match and, for a word it wrongly
    takes for common, walks the newest calls checking each one (258 ms for a rare word);
    SQLite always reads every match from FTS5 and sorts them all (237 ms for a word in
    most calls). So we count the matches, up to a point, in the index alone (cheap): the
    index-first plan costs about one step a match, the walk about wanted × calls / matches
    checks, and they break even near sqrt(wanted × calls × _WALK_COST).
    """
    phrases = check_query(q)
    dialect = session.get_bind().dialect.name
    q_text = _tsquery(phrases) if dialect == "postgresql" else _fts5_query(phrases)
    if wanted is None:
        hits = text(_hits_sql(dialect)).bindparams(q=q_text)
        return col(Call.id).in_(hits.columns(call_pk=Call.id.type))  # type: ignore[attr-defined]
    calls = session.exec(select(func.max(CallSearch.id))).one() or 0
    enough = max(math.isqrt(wanted * calls * _WALK_COST), wanted)
    count = text(f"SELECT count(*) FROM ({_hits_sql(dialect)} LIMIT :n) AS hits")
    found = session.execute(count, {"q": q_text, "n": enough + 1}).scalar_one()
    if found <= enough:
        return _index_first(dialect, q_text)
    return text(_walk_sql(dialect)).bindparams(q=q_text)
