"""Where a transcript becomes a visit record: the bridge from nlp/ to the stored call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlmodel import Session

from nlp import Lexicon, Script, Turn, analyze, load_lexicon, load_scripts
from service.calls.models import Call
from service.calls.service import replace_flags
from service.config import get_settings


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


@lru_cache(maxsize=4)
def _knowledge(lexicon_dir: Path | None, scripts_dir: Path | None, cache_dir: Path) -> Knowledge:
    return Knowledge(load_lexicon(lexicon_dir, cache_dir=cache_dir), load_scripts(scripts_dir))


@dataclass(frozen=True)
class Knowledge:
    """The lexicons and call scripts in force: the bundled ones, or a bank's own folders
    (HUIFANG_LEXICON_DIR, HUIFANG_CALL_SCRIPTS_DIR), read once per process."""

    lexicon: Lexicon
    scripts: Mapping[str, Script]


def knowledge() -> Knowledge:
    settings = get_settings()
    # The models learnt from labelled calls are kept beside the Whisper model between runs.
    learned = settings.model_cache_dir / "learned"
    return _knowledge(settings.lexicon_dir, settings.call_scripts_dir, learned)


def analyze_turns(turns: list[Turn], *, product: str | None, call_date: date) -> dict[str, Any]:
    """nlp.analyze with the lexicons and scripts in force, as the API shows it."""
    known = knowledge()
    result = analyze(
        turns, product=product, call_date=call_date, lexicon=known.lexicon, scripts=known.scripts
    )
    return result.to_dict()


def analyze_call(call: Call) -> dict[str, Any]:
    """The analysis of a stored call's transcript. With no transcript (nobody answered) it is a
    no_answer record with a retry call from the call script."""
    return analyze_turns(turns_of(call.transcript), product=call.product, call_date=day_of(call))


def warm_up() -> None:
    """Load the lexicons and call scripts now, so a bad YAML file stops start-up with its
    file and line, and the first real call does not pay for jieba's dictionary."""
    analyze_turns(
        [Turn("customer", "你好，我下个月十五号还两万")], product=None, call_date=date.today()
    )


def store_analysis(*, session: Session, call: Call, result: dict[str, Any]) -> None:
    call.facts = result["facts"]
    call.risk_level = result["risk_level"]
    call.compliance = result["compliance"]
    followup = result.get("next_followup_at")
    call.next_followup_at = date.fromisoformat(followup) if followup else None
    session.add(call)
    replace_flags(session=session, call_pk=call.id, flags=result["risk_flags"])
