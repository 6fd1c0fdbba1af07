"""Calls API: one record, a filtered list, the recording."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status
from fastapi import Path as PathParam
from fastapi.responses import FileResponse

from service.calls import service
from service.calls.filters import FiltersDep
from service.calls.models import CallList, CallPublic
from service.db import SessionDep
from service.deps import AnyRole
from service.privacy.service import UnmaskForbidden, check_unmask, present, present_items
from service.search.service import BadQuery

router = APIRouter(prefix="/v1/calls", tags=["calls"])
CallPk = Annotated[str, PathParam(alias="id", max_length=64, description="The record id")]
Unmasked = Annotated[
    bool,
    Query(description="Show personal numbers unmasked (supervisors only; written to the audit)"),
]


def _not_found(call_pk: str) -> HTTPException:
    return HTTPException(status.HTTP_404_NOT_FOUND, f"no call with id {call_pk!r}")


@router.get("", response_model=CallList)
def list_calls(
    who: AnyRole,
    session: SessionDep,
    filters: FiltersDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    unmasked: Unmasked = False,
) -> CallList:
    try:
        if unmasked:
            check_unmask(session=session, who=who, call_pk=None, what="call list")
        items, next_cursor = service.list_calls(
            session=session, filters=filters, limit=limit, cursor=cursor
        )
    except UnmaskForbidden as exc:
        raise HTTPException(status.HTTP_403_FORBIDDEN, str(exc)) from exc
    except service.BadCursor as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from exc
    except BadQuery as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from exc
    return CallList(items=items if unmasked else present_items(items), next_cursor=next_cursor)


@router.get("/{id}", response_model=CallPublic)
def get_call(
    who: AnyRole, call_pk: CallPk, session: SessionDep, unmasked: Unmasked = False
) -> CallPublic:
    call = service.get(session=session, call_pk=call_pk)
    if call is None:
        raise _not_found(call_pk)
    try:
        return present(session=session, call=call, who=who, unmasked=unmasked)
    except UnmaskForbidden as exc:
        raise HTTPException(status.HTTP_403_FORBIDDEN, str(exc)) from exc


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
