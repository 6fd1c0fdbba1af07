"""Re-running analysis over stored transcripts, in batches."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import structlog
from sqlmodel import col, select

from service.calls.analysis import analyze_call, store_analysis
from service.calls.models import Call, CallStatus
from service.db import session_scope

log = structlog.get_logger(__name__)


def reanalyze_all(
    *,
    since: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    batch: int = 200,
) -> int:
    query = select(Call.id).where(
        col(Call.status) == CallStatus.done, col(Call.transcript).is_not(None)
    )
    if since is not None:
        query = query.where(col(Call.started_at) >= since)
    with session_scope() as session:
        ids = list(session.exec(query.order_by(col(Call.id))))
    done = 0
    for start in range(0, len(ids), batch):
        with session_scope() as session:
            for call in session.exec(
                select(Call).where(col(Call.id).in_(ids[start : start + batch]))
            ):
                store_analysis(session=session, call=call, result=analyze_call(call))
                done += 1
        if progress:
            progress(done, len(ids))
    log.info("calls.reanalyzed", count=done, since=since.isoformat() if since else None)
    return done
