"""The review workflow: the audit trail table and the shapes of reviewers' corrections."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel
from pydantic import Field as PydanticField
from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from nlp.lexicon import LEVEL_FACTS
from service.calls.models import RiskLevel

# The values records.md allows for each categorical fact: one list, kept by the analyzer.
ENUM_FACTS: dict[str, tuple[str, ...]] = {
    **LEVEL_FACTS,
    "risk_level": tuple(level.value for level in RiskLevel),
}
FACT_FIELDS = (*ENUM_FACTS, "identity_verified", "promise_amount", "promise_date")


class FlagReview(StrEnum):
    pending = "pending"
    confirmed = "confirmed"
    rejected = "rejected"


class AuditAction(StrEnum):
    flag_review = "flag.review"
    fact_correct = "fact.correct"
    segment_correct = "segment.correct"
    review_status = "review.status"
    unmasked_view = "call.unmasked"


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    call_pk: str | None = Field(default=None, max_length=32, index=True)
    actor: str = Field(max_length=200)
    role: str = Field(max_length=16)
    action: str = Field(max_length=32, index=True)
    target: str | None = Field(default=None, max_length=100)
    before: Any = Field(default=None, sa_column=Column(JSON))
    after: Any = Field(default=None, sa_column=Column(JSON))
    at: datetime = Field(index=True)


class AuditPublic(BaseModel):
    id: int
    call_pk: str | None
    actor: str
    role: str
    action: str
    target: str | None
    before: Any
    after: Any
    at: datetime


class FlagDecision(BaseModel):
    decision: Literal["confirmed", "rejected", "pending"]


class FactCorrection(BaseModel):
    value: Any = PydanticField(
        description="A value from records.md for this field (null clears amounts and dates)"
    )


class SegmentCorrection(BaseModel):
    text: str = PydanticField(min_length=1, max_length=2000)
    speaker: Literal["agent", "customer", "unknown"] | None = None


class StatusChange(BaseModel):
    status: Literal["pending", "confirmed", "corrected"]
