"""POST /v1/analyze: read a transcript without audio."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field, model_validator

from nlp import Turn, turns_from_text
from service.calls.analysis import analyze_turns
from service.calls.models import Product
from service.deps import AnyRole

router = APIRouter(prefix="/v1", tags=["analysis"])


class SegmentIn(BaseModel):
    speaker: str = Field(default="unknown", pattern="^(agent|customer|third_party|unknown)$")
    text: str = Field(max_length=5000)
    start: float | None = None
    end: float | None = None


class AnalyzeRequest(BaseModel):
    segments: list[SegmentIn] | None = Field(default=None, max_length=2000)
    text: str | None = Field(default=None, max_length=100_000)
    product: Product | None = None
    call_date: date | None = None

    @model_validator(mode="after")
    def _one_input(self) -> AnalyzeRequest:
        if (self.segments is None) == (self.text is None):
            raise ValueError(
                "send either 'segments' (a list of {speaker, text}) or 'text', not both"
            )
        return self

    def turns(self) -> list[Turn]:
        if self.segments is not None:
            return [
                Turn(speaker=s.speaker, text=s.text, start=s.start, end=s.end)
                for s in self.segments
            ]
        return turns_from_text(self.text or "")


class AnalyzeReply(BaseModel):
    facts: dict[str, Any]
    risk_level: str
    risk_flags: list[dict[str, Any]]
    compliance: dict[str, Any] | None
    next_followup_at: date | None


@router.post("/analyze", response_model=AnalyzeReply)
def analyze_transcript(body: AnalyzeRequest, _who: AnyRole) -> AnalyzeReply:
    result = analyze_turns(
        body.turns(), product=body.product, call_date=body.call_date or date.today()
    )
    return AnalyzeReply(**result)
