"""The generic webhook's metadata: what a bank's own dialer sends with a recording."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, field_validator

from service.calls.models import CallCreate, Product
from service.calls.service import aware


class Disposition(StrEnum):
    answered = "answered"
    no_answer = "no_answer"
    busy = "busy"
    failed = "failed"


class Role(StrEnum):
    agent = "agent"
    customer = "customer"
    third_party = "third_party"
    unknown = "unknown"


class Metadata(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)

    call_id: str = Field(min_length=1, max_length=200)
    loan_id: str | None = Field(default=None, max_length=200)
    customer_id: str | None = Field(default=None, max_length=200)
    customer_name: str | None = Field(default=None, max_length=200)
    agent_id: str | None = Field(default=None, max_length=200)
    product: Product | None = None
    started_at: datetime | None = None
    disposition: Disposition = Disposition.answered
    channels: dict[str, Role] | None = None
    recording_url: AnyHttpUrl | None = None

    @field_validator("channels")
    @classmethod
    def _channel_numbers(cls, value: dict[str, Role] | None) -> dict[str, Role] | None:
        for key in value or {}:
            if key not in ("0", "1"):
                raise ValueError(
                    f"channel {key!r} does not exist: a call recording has channels 0 and 1"
                )
        return value

    def to_create(self, *, provider: str, webhook_id: str | None, tz: str) -> CallCreate:
        extra: dict[str, Any] = dict(self.model_extra or {})
        return CallCreate(
            provider=provider,
            webhook_id=webhook_id,
            call_id=self.call_id,
            loan_id=self.loan_id,
            customer_id=self.customer_id,
            customer_name=self.customer_name,
            agent_id=self.agent_id,
            product=self.product,
            started_at=aware(self.started_at, tz) if self.started_at else None,
            disposition=self.disposition.value,
            channels={k: v.value for k, v in self.channels.items()} if self.channels else None,
            recording_url=str(self.recording_url) if self.recording_url else None,
            extra=extra or None,
        )
