"""The search index: one row of tokens per transcribed call.

SQLite keeps an FTS5 table (call_search_fts) over `tokens`, synced by triggers (migration 0002);
PostgreSQL a stored column tsv = to_tsvector('simple', tokens) with a GIN index (migration 0004).
Neither is declared here: queries reach them through service.py's SQL.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel


class CallSearch(SQLModel, table=True):
    __tablename__ = "call_search"

    id: int | None = Field(default=None, primary_key=True)
    call_pk: str = Field(foreign_key="calls.id", unique=True, ondelete="CASCADE", max_length=32)
    tokens: str = Field(sa_column=Column(Text, nullable=False))
    source_updated_at: datetime = Field(index=True)
