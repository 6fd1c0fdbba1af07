"""Creating and checking bearer tokens. Only a hash of each token is stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from sqlmodel import Session, col, select

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


class TokenNotFound(LookupError):
    pass


def list_tokens(*, session: Session) -> list[ApiToken]:
    return list(session.exec(select(ApiToken).order_by(col(ApiToken.id))))


def revoke_token(*, session: Session, key: str) -> ApiToken:
    """Revoke a token given by its id (as `huifang token list` shows it) or the token itself.

    Only a hash is stored, so a token cannot be found by a part of it. Revoking twice is fine.
    """
    key = key.strip()
    if key.isdigit():
        row = session.get(ApiToken, int(key))
    else:
        row = session.exec(select(ApiToken).where(ApiToken.token_hash == hash_token(key))).first()
    if row is None:
        raise TokenNotFound(f"no token with id or value {key[:12]!r}; see `huifang token list`")
    if row.revoked_at is None:
        row.revoked_at = datetime.now(UTC)
        session.add(row)
        session.flush()
    return row
