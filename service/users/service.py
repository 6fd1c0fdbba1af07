"""User accounts: scrypt password hashes, creation and sign-in checks."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import UTC, datetime

from sqlmodel import Session, select

from service.auth.models import Role
from service.users.models import User

_N, _R, _P = 2**14, 8, 1


class UserExists(ValueError):
    pass


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    encode = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${encode(salt).decode()}${encode(digest).decode()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(base64.b64decode(digest)),
        )
    except ValueError:
        return False
    return hmac.compare_digest(got, base64.b64decode(digest))


def create_user(
    *, session: Session, username: str, password: str, role: Role, display_name: str | None = None
) -> User:
    if session.exec(select(User).where(User.username == username)).first() is not None:
        raise UserExists(f"user {username!r} exists already")
    user = User(
        username=username,
        password_hash=hash_password(password),
        role=role.value,
        display_name=display_name,
        created_at=datetime.now(UTC),
    )
    session.add(user)
    session.flush()
    return user


def authenticate(*, session: Session, username: str, password: str) -> User | None:
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None or user.disabled_at is not None:
        # Same work either way, so timing does not tell which user names exist.
        check_password(password, _DUMMY)
        return None
    return user if check_password(password, user.password_hash) else None


def disable_user(*, session: Session, username: str) -> User:
    """Stop a user signing in; pages they have open stop working at their next request."""
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        raise LookupError(f"no user {username!r}")
    if user.disabled_at is None:
        user.disabled_at = datetime.now(UTC)
        session.add(user)
        session.flush()
    return user


_DUMMY = hash_password(secrets.token_hex(8))
