"""Where a transcript becomes a visit record: the bridge from nlp/ to the stored call."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from nlp import Turn, analyze, load_lexicon, load_scripts
from service.calls.models import Call
from service.calls.service import replace_flags


def turns_of(transcript: dict[str, Any] | None) -> list[Turn]:
    segments = (transcript or {}).get("segments") or []
    return [
        Turn(
            speaker=s.get("speaker") or "unknown",
            text=s["text"],
            start=s.get("start"),
            end=s.get("end"),
        )
        for s in segments
    ]


def day_of(call: Call) -> date:
    return call.call_date or call.created_at.date()


def analyze_call(call: Call) -> dict[str, Any]:
    """The analysis of a stored call's transcript, as the API shows it. With no transcript
    (nobody answered) it is a no_answer record with a retry call from the call script."""
    analysis = analyze(turns_of(call.transcript), product=call.product, call_date=day_of(call))
    return analysis.to_dict()


def warm_up() -> None:
    """Load the lexicons and call scripts now, so a bad YAML file stops start-up with its
    file and line, and the first real call does not pay for jieba's dictionary."""
    load_lexicon()
    load_scripts()
    analyze([Turn("customer", "你好，我下个月十五号还两万")], product=None, call_date=date.today())


def store_analysis(*, session: Session, call: Call, result: dict[str, Any]) -> None:
    call.facts = result["facts"]
    call.risk_level = result["risk_level"]
    call.compliance = result["compliance"]
    followup = result.get("next_followup_at")
    call.next_followup_at = date.fromisoformat(followup) if followup else None
    session.add(call)
    replace_flags(session=session, call_pk=call.id, flags=result["risk_flags"])
