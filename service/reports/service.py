"""Counts for supervisors, and every row of a filtered list for export, in constant memory."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, tuple_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from service.calls.models import Call, RiskFlag
from service.calls.service import CallFilters, filtered, flags_of
from service.reports.models import AgentStats, Bucket, Period, Stats


def _bucket(day: date | None, period: Period) -> date | None:
    if day is None or period == "day":
        return day
    return day - timedelta(days=day.weekday())


def _calls_part(session: Session, ids: Any, period: Period) -> dict[str, Any]:
    rows = session.execute(
        sa_select(
            col(Call.call_date),
            col(Call.risk_level),
            col(Call.product),
            col(Call.agent_id),
            func.count(),
        )
        .where(col(Call.id).in_(ids))
        .group_by(col(Call.call_date), col(Call.risk_level), col(Call.product), col(Call.agent_id))
    )
    per_bucket: dict[date | None, Counter[str]] = defaultdict(Counter)
    by_level: Counter[str] = Counter()
    by_product: Counter[str] = Counter()
    agents: Counter[str] = Counter()
    for day, level, product, agent, count in rows:
        per_bucket[_bucket(day, period)][level or "none"] += count
        by_level[level or "none"] += count
        by_product[product or "unknown"] += count
        agents[agent or "unknown"] += count
    return {"per_bucket": per_bucket, "level": by_level, "product": by_product, "agents": agents}


def _flags_part(session: Session, ids: Any, period: Period) -> dict[str, Any]:
    rows = session.execute(
        sa_select(
            col(Call.call_date),
            col(Call.agent_id),
            col(RiskFlag.category),
            func.count(),
            func.count(func.distinct(RiskFlag.call_pk)),
        )
        .join(Call, col(Call.id) == col(RiskFlag.call_pk))
        .where(col(RiskFlag.call_pk).in_(ids), col(RiskFlag.review) != "rejected")
        .group_by(col(Call.call_date), col(Call.agent_id), col(RiskFlag.category))
    )
    per_bucket: dict[date | None, Counter[str]] = defaultdict(Counter)
    per_agent: dict[str, Counter[str]] = defaultdict(Counter)
    for day, agent, category, count, _calls in rows:
        per_bucket[_bucket(day, period)][category] += count
        per_agent[agent or "unknown"][category] += count
    flagged = session.execute(
        sa_select(col(Call.call_date), func.count(func.distinct(RiskFlag.call_pk)))
        .join(Call, col(Call.id) == col(RiskFlag.call_pk))
        .where(col(RiskFlag.call_pk).in_(ids), col(RiskFlag.review) != "rejected")
        .group_by(col(Call.call_date))
    )
    flagged_per: Counter[date | None] = Counter()
    for day, count in flagged:
        flagged_per[_bucket(day, period)] += count
    return {"per_bucket": per_bucket, "per_agent": per_agent, "flagged": flagged_per}


def _missing_compliance(session: Session, ids: Any) -> Counter[str]:
    missing: Counter[str] = Counter()
    rows = session.execute(
        sa_select(col(Call.agent_id), col(Call.compliance))
        .where(col(Call.id).in_(ids), col(Call.compliance).is_not(None))
        .execution_options(yield_per=2000)
    )
    for agent, compliance in rows:
        items = (compliance or {}).get("items") or []
        missing[agent or "unknown"] += sum(1 for item in items if not item.get("said"))
    return missing


def stats(*, session: Session, filters: CallFilters, period: Period, top: int = 20) -> Stats:
    ids = filtered(filters, session=session).with_only_columns(col(Call.id))
    calls = _calls_part(session, ids, period)
    flags = _flags_part(session, ids, period)
    missing = _missing_compliance(session, ids)
    buckets = sorted(set(calls["per_bucket"]) - {None})
    series = [
        Bucket(
            period=b,
            calls=sum(calls["per_bucket"][b].values()),
            flagged_calls=flags["flagged"][b],
            by_risk_level=dict(calls["per_bucket"][b]),
            by_category=dict(flags["per_bucket"][b]),
        )
        for b in buckets
    ]
    by_category: Counter[str] = Counter()
    for counter in flags["per_bucket"].values():
        by_category.update(counter)
    agents = [
        AgentStats(
            agent_id=agent,
            calls=count,
            agent_misconduct=flags["per_agent"][agent]["agent_misconduct"],
            missing_compliance=missing[agent],
            flags=dict(flags["per_agent"][agent]),
        )
        for agent, count in calls["agents"].items()
    ]
    agents.sort(key=lambda a: (-a.agent_misconduct, -a.missing_compliance, a.agent_id))
    return Stats(
        since=filters.since.date() if filters.since else None,
        until=filters.until.date() if filters.until else None,
        period=period,
        calls=sum(calls["agents"].values()),
        flagged_calls=sum(flags["flagged"].values()),
        flags=sum(by_category.values()),
        by_risk_level=dict(calls["level"]),
        by_category=dict(by_category),
        by_product=dict(calls["product"]),
        series=series,
        agents=agents[:top],
    )


def iter_calls(
    *, session: Session, filters: CallFilters, batch: int = 1000
) -> Iterator[tuple[Call, list[RiskFlag]]]:
    """Every call of the filtered list, newest first, a batch at a time (constant memory)."""
    after: tuple[Any, str] | None = None
    while True:
        query = filtered(filters, session=session, wanted=batch)
        if after is not None:
            query = query.where(tuple_(col(Call.created_at), col(Call.id)) < tuple_(*after))
        query = query.order_by(col(Call.created_at).desc(), col(Call.id).desc()).limit(batch)
        page = list(session.exec(query))
        if not page:
            return
        flags = flags_of(session=session, call_pks=[c.id for c in page])
        for call in page:
            yield call, flags[call.id]
        after = (page[-1].created_at, page[-1].id)
        session.expunge_all()
