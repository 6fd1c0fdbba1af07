"""analyze() end to end on labelled dialogues, the api.md JSON shape, unlabelled speakers, follow-up."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from call_scripts import load_scripts
from nlp import PRODUCTS, Turn, analyze, evaluate, format_report, turns_from_text
from nlp.compliance import next_followup

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "dialogues.jsonl"
DIALOGUES = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]


def _run(example: dict, unknown: bool = False):
    turns = [Turn("unknown" if unknown else t["speaker"], t["text"]) for t in example["turns"]]
    return analyze(turns, example["product"], date.fromisoformat(example["call_date"]))


@pytest.mark.parametrize("example", DIALOGUES, ids=[d["id"] for d in DIALOGUES])
def test_labelled_dialogue(example: dict) -> None:
    result = _run(example).to_dict()
    gold = example["gold"]
    for field in ("contact_result", "repayment_intent", "promise_amount", "promise_date"):
        assert result["facts"][field] == gold[field], field
    assert result["risk_level"] == gold["risk_level"]
    assert {f["category"] for f in result["risk_flags"]} == {
        f["category"] for f in gold["risk_flags"]
    }


@pytest.mark.parametrize("example", DIALOGUES, ids=[d["id"] for d in DIALOGUES])
def test_unlabelled_speakers_are_inferred(example: dict) -> None:
    labelled, unlabelled = _run(example), _run(example, unknown=True)
    assert unlabelled.facts.repayment_intent == labelled.facts.repayment_intent
    assert {f.category for f in unlabelled.risk_flags} == {f.category for f in labelled.risk_flags}


def test_turn_split_across_segments_still_gives_the_promise() -> None:
    turns = [
        Turn("agent", "这期的三万您打算怎么还"),
        Turn("customer", "我下个月十五号之前"),
        Turn("customer", "先还两万 剩下的再说"),
    ]
    facts = analyze(turns, call_date=date(2026, 11, 20)).facts
    assert (facts.repayment_intent, facts.promise_amount, facts.promise_date) == (
        "partial",
        20000,
        date(2026, 12, 15),
    )
    assert facts.evidence["promise_amount"].segment == 2


def test_to_dict_has_the_api_shape() -> None:
    result = _run(DIALOGUES[0]).to_dict()
    assert set(result) == {"facts", "risk_level", "risk_flags", "compliance", "next_followup_at"}
    assert set(result["facts"]) == {
        "contact_result",
        "identity_verified",
        "repayment_intent",
        "promise_amount",
        "promise_date",
        "income_change",
        "project_status",
        "fund_usage",
        "evidence",
    }
    assert set(result["risk_flags"][0]) == {
        "category",
        "phrase",
        "speaker",
        "segment",
        "start",
        "end",
    }
    assert set(result["compliance"]) == {"script", "items"}
    assert set(result["compliance"]["items"][0]) == {"id", "said", "segment"}
    json.dumps(result)  # plain JSON types only
    assert result["next_followup_at"] == "2026-03-25"  # high risk: a week after 2026-03-18


def test_evidence_points_at_the_segment_with_the_words() -> None:
    facts = _run(DIALOGUES[0]).facts
    evidence = facts.evidence["repayment_intent"]
    assert "先还一万" in evidence.text
    assert evidence.segment == 11


def test_compliance_notices_a_missing_recording_notice() -> None:
    dev020 = next(d for d in DIALOGUES if d["id"] == "dev020")
    items = {item.id: item for item in _run(dev020).compliance.items}
    assert items["recording_notice"].said is False
    assert items["identity_check"].said is True
    assert items["identity_check"].segment == 0


def test_unknown_product_has_no_compliance() -> None:
    analysis = analyze([Turn("agent", "您好")], product=None, call_date=date(2026, 1, 5))
    assert analysis.compliance is None


def test_unlabelled_text_is_split_into_turns() -> None:
    text = "您好，这里是中国银行贷后回访中心，本次通话将被录音。请问是刘洋先生吗？是我。我被裁员了，这个月还不上。"
    turns = turns_from_text(text)
    assert len(turns) == 4
    flags = analyze(turns, call_date=date(2026, 1, 5)).risk_flags
    assert {(f.category, f.speaker) for f in flags} == {
        ("income_loss", "customer"),
        ("repayment_difficulty", "customer"),
    }


CADENCE = load_scripts()["housing_loan"].cadence


@pytest.mark.parametrize(
    ("level", "disbursed", "expected"),
    [
        ("high", None, date(2026, 11, 27)),
        ("medium", None, date(2026, 12, 20)),
        ("low", None, date(2027, 2, 20)),
        ("low", date(2026, 6, 10), date(2026, 12, 10)),  # the 6-month call
        ("low", date(2025, 1, 31), date(2027, 1, 31)),  # yearly after the 12-month call
    ],
)
def test_next_followup(level: str, disbursed: date | None, expected: date) -> None:
    got = next_followup(
        call_date=date(2026, 11, 20),
        risk_level=level,
        contact_result="connected",
        cadence=CADENCE,
        disbursed_on=disbursed,
    )
    assert got == expected


def test_scripts_exist_for_every_product() -> None:
    assert set(load_scripts()) == set(PRODUCTS)


def test_evaluate_scores_and_lists_misses() -> None:
    wrong = json.loads(json.dumps(DIALOGUES[1]))
    wrong["gold"]["repayment_intent"] = "will_repay"
    report = evaluate([DIALOGUES[0], wrong])
    assert report.calls == 2
    assert report.accuracy["repayment_intent"] == 0.5
    assert report.intent_confusion[("will_repay", "unknown")] == 1
    assert [(m.call_id, m.field) for m in report.misses] == [(wrong["id"], "repayment_intent")]
    assert report.risk_micro.f1 == 1.0
    text = format_report(report)
    assert "repayment_intent" in text
    assert wrong["id"] in text
