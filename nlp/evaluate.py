"""Score the analyzer against labelled calls (the dev.jsonl format) and print the result.

`huifang eval CORPUS.jsonl` calls evaluate() then format_report(), so a bank can check its own
edited lexicons against its own labelled calls.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from call_scripts.schema import Script
from nlp.analyze import analyze
from nlp.lexicon import CATEGORIES, LEVEL_FACTS, Lexicon
from nlp.models import Analysis, Turn

CATEGORICAL = (
    "contact_result",
    "identity_verified",
    "repayment_intent",
    "income_change",
    "project_status",
    "fund_usage",
    "risk_level",
)
EXACT = ("promise_amount", "promise_date")
INTENTS = LEVEL_FACTS["repayment_intent"]


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    support: int  # gold (call, category) pairs


@dataclass(frozen=True)
class Miss:
    call_id: str
    field: str
    expected: Any
    got: Any


@dataclass(frozen=True)
class EvalReport:
    calls: int
    accuracy: Mapping[str, float]  # the categorical fields, then promise_amount and promise_date
    risk_micro: Score
    risk_by_category: Mapping[str, Score]
    intent_confusion: Mapping[tuple[str, str], int]  # (expected, got) -> calls
    misses: tuple[Miss, ...]


def evaluate(
    examples: Iterable[Mapping[str, Any]],
    lexicon: Lexicon | None = None,
    scripts: Mapping[str, Script] | None = None,
) -> EvalReport:
    hits: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    misses: list[Miss] = []
    gold_pairs: set[tuple[str, str]] = set()
    got_pairs: set[tuple[str, str]] = set()
    calls = 0
    for example in examples:
        calls += 1
        call_id, gold = str(example["id"]), example["gold"]
        got = _predict(example, lexicon, scripts)
        for field in (*CATEGORICAL, *EXACT):
            if _same(gold.get(field), got[field]):
                hits[field] += 1
            else:
                misses.append(Miss(call_id, field, gold.get(field), got[field]))
        confusion[(str(gold.get("repayment_intent")), str(got["repayment_intent"]))] += 1
        expected = {(call_id, flag["category"]) for flag in gold.get("risk_flags", [])}
        found = {(call_id, category) for category in got["categories"]}
        gold_pairs |= expected
        got_pairs |= found
        for _, category in sorted(expected - found):
            misses.append(Miss(call_id, "risk_flags", category, None))
        for _, category in sorted(found - expected):
            misses.append(Miss(call_id, "risk_flags", None, category))
    return EvalReport(
        calls=calls,
        accuracy=MappingProxyType(
            {field: hits[field] / calls if calls else 0.0 for field in (*CATEGORICAL, *EXACT)}
        ),
        risk_micro=_score(gold_pairs, got_pairs),
        risk_by_category=MappingProxyType(
            {
                category: _score(
                    {p for p in gold_pairs if p[1] == category},
                    {p for p in got_pairs if p[1] == category},
                )
                for category in CATEGORIES
            }
        ),
        intent_confusion=MappingProxyType(dict(confusion)),
        misses=tuple(misses),
    )


def _predict(
    example: Mapping[str, Any], lexicon: Lexicon | None, scripts: Mapping[str, Script] | None
) -> dict[str, Any]:
    turns = [
        Turn(speaker=turn.get("speaker", "unknown"), text=turn["text"]) for turn in example["turns"]
    ]
    call_date = date.fromisoformat(example["call_date"]) if example.get("call_date") else None
    analysis: Analysis = analyze(
        turns, product=example.get("product"), call_date=call_date, lexicon=lexicon, scripts=scripts
    )
    result = analysis.to_dict()
    got = dict(result["facts"])
    got["risk_level"] = result["risk_level"]
    got["categories"] = {flag["category"] for flag in result["risk_flags"]}
    return got


def _same(expected: Any, got: Any) -> bool:
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        return isinstance(got, int | float) and float(expected) == float(got)
    return bool(expected == got)


def _score(gold: set[tuple[str, str]], got: set[tuple[str, str]]) -> Score:
    true = len(gold & got)
    precision = true / len(got) if got else (1.0 if not gold else 0.0)
    recall = true / len(gold) if gold else (1.0 if not got else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, len(gold))


def format_report(report: EvalReport) -> str:
    lines = [f"calls: {report.calls}", "", "field                 accuracy"]
    lines += [f"{field:<21} {value:8.3f}" for field, value in report.accuracy.items()]
    lines += ["", "risk category          precision  recall      f1  support"]
    rows = [("micro (all)", report.risk_micro), *report.risk_by_category.items()]
    for name, score in rows:
        lines.append(
            f"{name:<22} {score.precision:9.3f} {score.recall:7.3f} {score.f1:7.3f} {score.support:8d}"
        )
    lines += ["", "repayment_intent confusion (rows: expected, columns: got)"]
    present = [i for i in INTENTS if any(i in pair for pair in report.intent_confusion)]
    present += sorted({v for pair in report.intent_confusion for v in pair} - set(present))
    short = {name: name[:8] for name in present}
    lines.append(" " * 15 + " ".join(f"{short[name]:>8}" for name in present))
    for expected in present:
        counts = [report.intent_confusion.get((expected, got), 0) for got in present]
        lines.append(f"{expected:<15}" + " ".join(f"{count or '.':>8}" for count in counts))
    lines += ["", f"misses: {len(report.misses)}"]
    lines += [
        f"  {miss.call_id:<10} {miss.field:<18} expected={miss.expected!s:<22} got={miss.got!s}"
        for miss in report.misses
    ]
    return "\n".join(lines)
