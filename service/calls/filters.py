"""The filters of GET /v1/calls as one dependency, shared by the list, exports, stats and pages."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Depends, HTTPException, Query, status

from nlp import CATEGORIES, PRODUCTS
from service.calls.models import CallStatus, ReviewStatus, RiskLevel
from service.calls.service import CallFilters, aware
from service.deps import SettingsDep


def _check(name: str, given: list[str] | None, allowed: tuple[str, ...] | list[str]) -> None:
    unknown = sorted(set(given or ()) - set(allowed))
    if unknown:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"unknown {name} {', '.join(unknown)}; expected one of {', '.join(allowed)}",
        )


def call_filters(
    settings: SettingsDep,
    status_: Annotated[list[CallStatus] | None, Query(alias="status")] = None,
    risk_level: Annotated[list[RiskLevel] | None, Query()] = None,
    category: Annotated[
        list[str] | None, Query(description="Risk flag category; repeatable")
    ] = None,
    product: Annotated[list[str] | None, Query()] = None,
    agent_id: Annotated[str | None, Query(max_length=200)] = None,
    loan_id: Annotated[str | None, Query(max_length=200)] = None,
    customer_id: Annotated[str | None, Query(max_length=200)] = None,
    review_status: Annotated[list[ReviewStatus] | None, Query()] = None,
    since: Annotated[datetime | None, Query(description="started_at on or after")] = None,
    until: Annotated[datetime | None, Query(description="started_at before")] = None,
    q: Annotated[
        str | None,
        Query(max_length=200, description="Words the transcript contains (Chinese or not)"),
    ] = None,
) -> CallFilters:
    _check("category", category, tuple(CATEGORIES))
    _check("product", product, tuple(PRODUCTS))
    if since and until and aware(since, settings.timezone) >= aware(until, settings.timezone):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "since must be before until")
    return CallFilters(
        status=status_,
        risk_level=[str(r) for r in risk_level] if risk_level else None,
        category=category,
        product=product,
        agent_id=agent_id,
        loan_id=loan_id,
        customer_id=customer_id,
        review_status=[str(r) for r in review_status] if review_status else None,
        since=since and aware(since, settings.timezone),
        until=until and aware(until, settings.timezone),
        q=q or None,
    )


FiltersDep = Annotated[CallFilters, Depends(call_filters)]
