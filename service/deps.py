"""Request dependencies: who is calling and what they may do."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.auth.models import Role
from service.auth.service import find_token
from service.config import Settings, get_settings
from service.db import SessionDep

_bearer = HTTPBearer(auto_error=False, description="A token from `huifang token create`.")


@dataclass(frozen=True)
class Principal:
    name: str
    role: Role


def current_principal(
    request: Request,
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "missing bearer token: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    token = find_token(session=session, token=credentials.credentials)
    if token is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "unknown or revoked token",
            headers={"WWW-Authenticate": "Bearer"},
        )
    principal = Principal(name=token.name or f"token-{token.id}", role=Role(token.role))
    request.state.principal = principal
    return principal


def require(*roles: Role) -> Callable[[Principal], Principal]:
    """A dependency that lets only the given roles through (403 otherwise)."""

    def check(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        if principal.role not in roles:
            allowed = ", ".join(r.value for r in roles)
            raise HTTPException(
                status.HTTP_403_FORBIDDEN,
                f"role {principal.role.value} may not do this ({allowed})",
            )
        return principal

    return check


AnyRole = Annotated[Principal, Depends(require(Role.admin, Role.supervisor, Role.reviewer))]
Supervisor = Annotated[Principal, Depends(require(Role.admin, Role.supervisor))]
Admin = Annotated[Principal, Depends(require(Role.admin))]

SettingsDep = Annotated[Settings, Depends(get_settings)]
