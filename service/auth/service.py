"""Creating and checking bearer tokens. Only a hash of each token is stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from sqlmodel import Session, select

from service.auth.models import ApiToken, Role


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(*, session: Session, role: Role, name: str | None = None) -> str:
    """Store a new token's hash and return the token itself (shown once)."""
    token = "hf_" + secrets.token_urlsafe(32)
    session.add(
        ApiToken(token_hash=hash_token(token), role=role, name=name, created_at=datetime.now(UTC))
    )
    session.flush()
    return token


def find_token(*, session: Session, token: str) -> ApiToken | None:
    row = session.exec(select(ApiToken).where(ApiToken.token_hash == hash_token(token))).first()
    if row is None or row.revoked_at is not None:
        return None
    return row
