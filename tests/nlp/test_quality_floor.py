"""The analyzer's measured quality on the labelled dialogue sets may not slip.

The floors sit a little under what `huifang eval` measured on each set after tuning (see the
README); a lexicon or rule change that loses a field on any set fails here, not in production.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp import evaluate

CALLS = Path(__file__).resolve().parents[2] / "nlp" / "lexicons" / "calls"
SETS = ("extra", "holdout", "final", "blind")
FIELD_FLOOR = 0.80
PROMISE_FLOOR = 0.85
RISK_F1_FLOOR = 0.93
RISK_PRECISION_FLOOR = 0.90  # the clause model trades a little precision for recall


@pytest.fixture(scope="module", params=SETS)
def report(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    lines = (CALLS / f"{request.param}.jsonl").read_text(encoding="utf-8").splitlines()
    return evaluate([json.loads(line) for line in lines if line.strip()])


def test_every_categorical_field_holds_its_floor(report) -> None:
    low = {
        f: a for f, a in report.accuracy.items() if not f.startswith("promise") and a < FIELD_FLOOR
    }
    assert low == {}


def test_promises_hold_their_floor(report) -> None:
    assert report.accuracy["promise_amount"] >= PROMISE_FLOOR
    assert report.accuracy["promise_date"] >= PROMISE_FLOOR


def test_risk_categories_hold_their_floor(report) -> None:
    assert report.risk_micro.f1 >= RISK_F1_FLOOR
    assert report.risk_micro.precision >= RISK_PRECISION_FLOOR
