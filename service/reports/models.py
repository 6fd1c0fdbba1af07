"""Shapes of the supervisors' statistics."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel

Period = Literal["day", "week"]


class Bucket(BaseModel):
    """One day (or the Monday starting a week)."""

    period: date
    calls: int
    flagged_calls: int
    by_risk_level: dict[str, int]
    by_category: dict[str, int]


class AgentStats(BaseModel):
    agent_id: str
    calls: int
    agent_misconduct: int
    missing_compliance: int
    flags: dict[str, int]


class Stats(BaseModel):
    since: date | None
    until: date | None
    period: Period
    calls: int
    flagged_calls: int
    flags: int
    by_risk_level: dict[str, int]
    by_category: dict[str, int]
    by_product: dict[str, int]
    series: list[Bucket]
    agents: list[AgentStats]
