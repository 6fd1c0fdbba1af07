"""Calls API: one record, a filtered list, the recording."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status
from fastapi import Path as PathParam
from fastapi.responses import FileResponse

from service.calls import service
from service.calls.models import CallList, CallPublic, CallStatus, ReviewStatus, RiskLevel
from service.db import SessionDep
from service.deps import AnyRole, SettingsDep
from service.search.service import BadQuery

router = APIRouter(prefix="/v1/calls", tags=["calls"])
CallPk = Annotated[str, PathParam(alias="id", max_length=64, description="The record id")]

CATEGORIES = (
    "repayment_difficulty",
    "income_loss",
    "business_distress",
    "fund_diversion",
    "legal_or_complaint",
    "hardship",
    "contact_loss",
    "fraud_identity",
    "collateral_risk",
    "multi_debt",
    "agent_misconduct",
)


def _not_found(call_pk: str) -> HTTPException:
    return HTTPException(status.HTTP_404_NOT_FOUND, f"no call with id {call_pk!r}")


@router.get("", response_model=CallList)
def list_calls(
    session: SessionDep,
    settings: SettingsDep,
    _who: AnyRole,
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
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> CallList:
    unknown = sorted(set(category or ()) - set(CATEGORIES))
    if unknown:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"unknown category {', '.join(unknown)}; expected one of {', '.join(CATEGORIES)}",
        )
    filters = service.CallFilters(
        status=status_,
        risk_level=risk_level,
        category=category,
        product=product,
        agent_id=agent_id,
        loan_id=loan_id,
        customer_id=customer_id,
        review_status=review_status,
        since=since and service.aware(since, settings.timezone),
        until=until and service.aware(until, settings.timezone),
        q=q,
    )
    try:
        items, next_cursor = service.list_calls(
            session=session, filters=filters, limit=limit, cursor=cursor
        )
    except service.BadCursor as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from exc
    except BadQuery as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from exc
    return CallList(items=items, next_cursor=next_cursor)


@router.get("/{id}", response_model=CallPublic)
def get_call(call_pk: CallPk, session: SessionDep, _who: AnyRole) -> CallPublic:
    call = service.get(session=session, call_pk=call_pk)
    if call is None:
        raise _not_found(call_pk)
    return service.to_public(session=session, call=call)


@router.get(
    "/{id}/audio",
    response_class=FileResponse,
    responses={
        200: {"content": {"audio/*": {}}},
        206: {"description": "A byte range (Range header)"},
    },
)
def get_audio(call_pk: CallPk, session: SessionDep, _who: AnyRole) -> FileResponse:
    call = service.get(session=session, call_pk=call_pk)
    if call is None:
        raise _not_found(call_pk)
    if not call.audio_path or not Path(call.audio_path).exists():
        raise HTTPException(status.HTTP_404_NOT_FOUND, "this call has no recording (yet)")
    return FileResponse(
        call.audio_path, media_type=call.audio_content_type or "application/octet-stream"
    )
