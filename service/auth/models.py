"""API tokens and their roles."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel


class Role(StrEnum):
    admin = "admin"
    supervisor = "supervisor"
    reviewer = "reviewer"


class ApiToken(SQLModel, table=True):
    __tablename__ = "api_tokens"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    role: str = Field(max_length=16)
    name: str | None = Field(default=None, max_length=200)
    created_at: datetime
    revoked_at: datetime | None = None
