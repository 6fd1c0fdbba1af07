"""People who log in to the web pages with a user name and password."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=100, unique=True)
    password_hash: str = Field(max_length=300)
    role: str = Field(max_length=16)
    display_name: str | None = Field(default=None, max_length=200)
    created_at: datetime
    disabled_at: datetime | None = None
