"""What the analyzer reads (turns) and what it returns (an Analysis), as frozen dataclasses."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any

SPEAKERS = ("agent", "customer", "third_party", "unknown")


@dataclass(frozen=True)
class Turn:
    """One transcript segment: who spoke (agent, customer, third_party or unknown) and the words."""

    speaker: str
    text: str
    start: float | None = None
    end: float | None = None


@dataclass(frozen=True)
class Evidence:
    """Where a fact came from: the segment index and that segment's words."""

    segment: int
    text: str


@dataclass(frozen=True)
class Facts:
    contact_result: str = "connected"
    identity_verified: bool = False
    repayment_intent: str = "unknown"
    promise_amount: int | float | None = None
    promise_date: date | None = None
    income_change: str = "unknown"
    project_status: str = "unknown"
    fund_usage: str = "unknown"
    evidence: Mapping[str, Evidence] = field(default_factory=lambda: MappingProxyType({}))

    def to_dict(self) -> dict[str, Any]:
        return {
            "contact_result": self.contact_result,
            "identity_verified": self.identity_verified,
            "repayment_intent": self.repayment_intent,
            "promise_amount": self.promise_amount,
            "promise_date": self.promise_date.isoformat() if self.promise_date else None,
            "income_change": self.income_change,
            "project_status": self.project_status,
            "fund_usage": self.fund_usage,
            "evidence": {
                name: {"segment": ev.segment, "text": ev.text} for name, ev in self.evidence.items()
            },
        }


@dataclass(frozen=True)
class RiskFlag:
    """A risk phrase heard in the call.

    `speaker` is the segment's speaker as given; when it was "unknown" (mono audio, unlabelled text)
    it is the role the analyzer inferred ("agent" or "customer").
    """

    category: str
    phrase: str
    speaker: str
    segment: int
    start: float | None = None
    end: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "phrase": self.phrase,
            "speaker": self.speaker,
            "segment": self.segment,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class ComplianceItem:
    id: str
    said: bool
    segment: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "said": self.said, "segment": self.segment}


@dataclass(frozen=True)
class Compliance:
    script: str
    items: tuple[ComplianceItem, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"script": self.script, "items": [item.to_dict() for item in self.items]}


@dataclass(frozen=True)
class Analysis:
    facts: Facts
    risk_level: str
    risk_flags: tuple[RiskFlag, ...]
    compliance: Compliance | None
    next_followup_at: date | None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of api.md (dates as ISO strings)."""
        return {
            "facts": self.facts.to_dict(),
            "risk_level": self.risk_level,
            "risk_flags": [flag.to_dict() for flag in self.risk_flags],
            "compliance": self.compliance.to_dict() if self.compliance else None,
            "next_followup_at": self.next_followup_at.isoformat()
            if self.next_followup_at
            else None,
        }
