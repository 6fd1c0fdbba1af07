"""Call records: the table, the flags table, and the API's shapes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated, Any
from uuid import uuid4

from pydantic import AfterValidator, BaseModel, ConfigDict
from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint, event, inspect
from sqlmodel import Field, SQLModel

from nlp import PRODUCTS


class CallStatus(StrEnum):
    queued = "queued"
    transcribing = "transcribing"
    analyzing = "analyzing"
    done = "done"
    failed = "failed"


class ReviewStatus(StrEnum):
    pending = "pending"
    confirmed = "confirmed"
    corrected = "corrected"


class RiskLevel(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"


def _known_product(value: str) -> str:
    if value not in PRODUCTS:
        raise ValueError(f"unknown product {value!r}; expected one of {', '.join(PRODUCTS)}")
    return value


Product = Annotated[str, AfterValidator(_known_product)]
"""A loan product named in call_scripts/ (housing_loan, business_loan, ...)."""


def new_id() -> str:
    return uuid4().hex


class CallBase(SQLModel):
    call_id: str = Field(max_length=200)
    loan_id: str | None = Field(default=None, max_length=200, index=True)
    customer_id: str | None = Field(default=None, max_length=200, index=True)
    customer_name: str | None = Field(default=None, max_length=200)
    agent_id: str | None = Field(default=None, max_length=200, index=True)
    product: str | None = Field(default=None, max_length=64, index=True)
    started_at: datetime | None = Field(default=None, index=True)
    disposition: str = Field(default="answered", max_length=32)


class Call(CallBase, table=True):
    __tablename__ = "calls"
    __table_args__ = (
        UniqueConstraint("provider", "call_id", name="uq_calls_provider_call_id"),
        Index("ix_calls_created_at_id", "created_at", "id"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    provider: str = Field(default="generic", max_length=32)
    webhook_id: str | None = Field(default=None, max_length=300, unique=True)
    status: str = Field(default=CallStatus.queued, max_length=16, index=True)
    error: str | None = Field(default=None, sa_column=Column(Text))
    call_date: date | None = None
    channels: dict[str, str] | None = Field(default=None, sa_column=Column(JSON))
    extra: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    recording_url: str | None = Field(default=None, sa_column=Column(Text))
    audio_path: str | None = Field(default=None, max_length=500)
    audio_bytes: int | None = None
    audio_content_type: str | None = Field(default=None, max_length=100)
    duration_s: float | None = None
    transcript: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    transcript_text: str | None = Field(default=None, sa_column=Column(Text))
    # When transcript_text last changed (the search index follows it, not every update).
    transcript_at: datetime | None = Field(default=None, index=True)
    facts: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    risk_level: str | None = Field(default=None, max_length=8, index=True)
    compliance: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    next_followup_at: date | None = None
    review_status: str = Field(default=ReviewStatus.pending, max_length=16, index=True)
    reviewer: str | None = Field(default=None, max_length=200)
    review_updated_at: datetime | None = None
    attempts: int = 0
    lease_token: str | None = Field(default=None, max_length=32)
    lease_until: datetime | None = None
    processing_s: float | None = None
    created_at: datetime
    updated_at: datetime = Field(index=True)


class RiskFlag(SQLModel, table=True):
    __tablename__ = "risk_flags"

    id: int | None = Field(default=None, primary_key=True)
    call_pk: str = Field(foreign_key="calls.id", index=True, ondelete="CASCADE", max_length=32)
    category: str = Field(max_length=32, index=True)
    phrase: str = Field(max_length=200)
    speaker: str = Field(max_length=16)
    segment: int | None = None
    start: float | None = None
    end: float | None = None
    review: str = Field(default="pending", max_length=16)


class CallCreate(CallBase):
    """What a webhook's metadata becomes."""

    provider: str = "generic"
    webhook_id: str | None = None
    channels: dict[str, str] | None = None
    recording_url: str | None = None
    extra: dict[str, Any] | None = None


class ReviewPublic(BaseModel):
    status: str
    reviewer: str | None
    updated_at: datetime | None


class RiskFlagPublic(BaseModel):
    id: int | None = None
    review: str = "pending"
    category: str
    phrase: str
    speaker: str
    segment: int | None
    start: float | None
    end: float | None


class CallSummary(BaseModel):
    """A record as listed: everything but the transcript's segments."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    call_id: str
    provider: str
    status: str
    error: str | None
    loan_id: str | None
    customer_id: str | None
    customer_name: str | None
    agent_id: str | None
    product: str | None
    started_at: datetime | None
    disposition: str
    duration_s: float | None
    facts: dict[str, Any] | None
    risk_level: str | None
    risk_flags: list[RiskFlagPublic]
    compliance: dict[str, Any] | None
    next_followup_at: date | None
    review: ReviewPublic
    created_at: datetime


class CallPublic(CallSummary):
    transcript: dict[str, Any] | None


class CallList(BaseModel):
    items: list[CallSummary]
    next_cursor: str | None


class IngestReply(BaseModel):
    id: str
    status: str
    duplicate: bool


@event.listens_for(Call, "before_insert")
@event.listens_for(Call, "before_update")
def _stamp_transcript(_mapper: object, _connection: object, target: Call) -> None:
    """ORM writes of the transcript stamp transcript_at; the worker's UPDATE stamps it itself."""
    changed = inspect(target).attrs.transcript_text.history.has_changes()
    if changed and target.transcript_text is not None:
        target.transcript_at = datetime.now(UTC)
