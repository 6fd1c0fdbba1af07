"""Review API: reviewers' decisions on flags, facts, transcript lines and status; the trail."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi import Path as PathParam

from service.auth.models import Role
from service.calls import service as calls
from service.calls.models import Call, CallPublic
from service.db import SessionDep
from service.deps import AnyRole, Principal, require
from service.privacy.mask import mask_value
from service.privacy.service import present
from service.review import service
from service.review.models import (
    AuditPublic,
    FactCorrection,
    FlagDecision,
    SegmentCorrection,
    StatusChange,
)

router = APIRouter(prefix="/v1/calls/{id}", tags=["review"])
Corrector = Annotated[Principal, Depends(require(Role.reviewer, Role.supervisor))]
CallPk = Annotated[str, PathParam(alias="id", max_length=64, description="The record id")]


def _call(session: SessionDep, call_pk: CallPk) -> Call:
    call = calls.get(session=session, call_pk=call_pk)
    if call is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no call with id {call_pk!r}")
    return call


CallDep = Annotated[Call, Depends(_call)]


def _errors_as_http(exc: Exception) -> HTTPException:
    if isinstance(exc, service.NotFound):
        return HTTPException(status.HTTP_404_NOT_FOUND, str(exc))
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc))


@router.post("/flags/{flag_id}/review", response_model=CallPublic)
def review_flag(
    flag_id: int, body: FlagDecision, who: Corrector, call: CallDep, session: SessionDep
) -> CallPublic:
    try:
        service.review_flag(
            session=session, who=who, call=call, flag_id=flag_id, decision=body.decision
        )
    except service.NotFound as exc:
        raise _errors_as_http(exc) from exc
    return present(session=session, call=call, who=who)


@router.put("/facts/{field}", response_model=CallPublic)
def correct_fact(
    field: str, body: FactCorrection, who: Corrector, call: CallDep, session: SessionDep
) -> CallPublic:
    try:
        service.correct_fact(session=session, who=who, call=call, field=field, value=body.value)
    except service.ReviewError as exc:
        raise _errors_as_http(exc) from exc
    return present(session=session, call=call, who=who)


@router.put("/transcript/segments/{index}", response_model=CallPublic)
def correct_segment(
    index: int, body: SegmentCorrection, who: Corrector, call: CallDep, session: SessionDep
) -> CallPublic:
    try:
        service.correct_segment(
            session=session, who=who, call=call, index=index, text=body.text, speaker=body.speaker
        )
    except service.NotFound as exc:
        raise _errors_as_http(exc) from exc
    return present(session=session, call=call, who=who)


@router.post("/review", response_model=CallPublic)
def set_status(
    body: StatusChange, who: Corrector, call: CallDep, session: SessionDep
) -> CallPublic:
    service.set_status(session=session, who=who, call=call, status=body.status)
    return present(session=session, call=call, who=who)


@router.get("/audit", response_model=list[AuditPublic])
def audit_trail(_who: AnyRole, call: CallDep, session: SessionDep) -> list[AuditPublic]:
    entries = service.trail(session=session, call_pk=call.id)
    shown = [AuditPublic.model_validate(e, from_attributes=True) for e in entries]
    return [
        e.model_copy(update={"before": mask_value(e.before), "after": mask_value(e.after)})
        for e in shown
    ]
