"""Supervisors' reports: statistics and exports of any filtered list."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status
from fastapi.responses import FileResponse, StreamingResponse

from service.calls.filters import FiltersDep
from service.calls.service import CallFilters
from service.db import SessionDep
from service.deps import Supervisor
from service.privacy.service import UnmaskForbidden, check_unmask
from service.reports import export, service
from service.reports.models import Period, Stats
from service.search import service as search

router = APIRouter(prefix="/v1", tags=["reports"])
Unmasked = Annotated[
    bool, Query(description="Personal numbers unmasked (supervisors; written to the audit)")
]


@router.get("/stats", response_model=Stats)
def get_stats(
    _who: Supervisor,
    session: SessionDep,
    filters: FiltersDep,
    period: Annotated[Period, Query(description="Bucket the series by day or ISO week")] = "day",
) -> Stats:
    try:
        if filters.q:
            search.refresh(session=session)
        return service.stats(session=session, filters=filters, period=period)
    except search.BadQuery as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from exc


def _prepare(session: SessionDep, who: Supervisor, filters: CallFilters, unmasked: bool) -> None:
    try:
        if unmasked:
            check_unmask(session=session, who=who, call_pk=None, what="export")
        if filters.q:
            search.check_query(filters.q)
            search.refresh(session=session)
    except UnmaskForbidden as exc:
        raise HTTPException(status.HTTP_403_FORBIDDEN, str(exc)) from exc
    except search.BadQuery as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from exc
    # The rows stream from a session of their own, after this one is gone: it must see the
    # audit entry and the refreshed search index now.
    session.commit()


@router.get("/exports/calls.csv", response_class=StreamingResponse)
def export_csv(
    who: Supervisor, session: SessionDep, filters: FiltersDep, unmasked: Unmasked = False
) -> StreamingResponse:
    _prepare(session, who, filters, unmasked)
    return export.csv_response(filters, unmasked=unmasked)


@router.get("/exports/calls.xlsx", response_class=FileResponse)
def export_xlsx(
    who: Supervisor, session: SessionDep, filters: FiltersDep, unmasked: Unmasked = False
) -> FileResponse:
    _prepare(session, who, filters, unmasked)
    return export.xlsx_response(filters, unmasked=unmasked)
