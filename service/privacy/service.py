"""Who sees personal numbers: everyone masked by default; supervisors may ask, and it is audited."""

from __future__ import annotations

from typing import Any

import structlog
from sqlmodel import Session

from service.auth.models import Role
from service.calls import service as calls
from service.calls.models import Call, CallPublic, CallSummary
from service.deps import Principal
from service.privacy.mask import mask_value

log = structlog.get_logger(__name__)

UNMASK_ROLES = (Role.supervisor,)


class UnmaskForbidden(PermissionError):
    pass


def may_unmask(who: Principal) -> bool:
    return who.role in UNMASK_ROLES


def check_unmask(*, session: Session, who: Principal, call_pk: str | None, what: str) -> None:
    """Allow (and audit) an unmasked view, or refuse it."""
    from service.review.models import AuditAction
    from service.review.service import audit

    if not may_unmask(who):
        raise UnmaskForbidden(f"role {who.role.value} may not see unmasked personal data")
    audit(
        session=session,
        who=who,
        action=AuditAction.unmasked_view,
        call_pk=call_pk,
        target=what,
    )


def masked_summary(summary: dict[str, Any]) -> dict[str, Any]:
    out = dict(summary)
    for key in ("facts", "transcript", "transcript_text", "risk_flags"):
        if out.get(key) is not None:
            out[key] = mask_value(out[key])
    return out


def present(*, session: Session, call: Call, who: Principal, unmasked: bool = False) -> CallPublic:
    """A call as this person may see it."""
    if unmasked:
        check_unmask(session=session, who=who, call_pk=call.id, what="call record")
    public = calls.to_public(session=session, call=call)
    if unmasked:
        return public
    return CallPublic(**masked_summary(public.model_dump()))


def present_items(items: list[CallSummary]) -> list[CallSummary]:
    return [CallSummary(**masked_summary(item.model_dump())) for item in items]
