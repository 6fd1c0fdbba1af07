"""Supervisors' statistics and exports (and reviewers kept out of them)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.review.helpers import flagged_call
from tests.service.helpers import auth, make_call, make_token

DAY = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)  # a Monday, 10:00 in Shanghai


@pytest.fixture
def client(env: dict[str, str]) -> Iterator[TestClient]:
    from service.main import create_app

    with TestClient(create_app()) as c:
        yield c


def seed() -> None:
    def at(days: int) -> dict:
        when = DAY + timedelta(days=days)
        return {"started_at": when, "call_date": when.date()}

    flagged_call(call_id="f1", **at(0))
    make_call(
        call_id="m1",
        agent_id="A-9",
        product="consumer_loan",
        risk_level="high",
        risk_flags=[{"category": "agent_misconduct", "phrase": "让你坐牢", "speaker": "agent"}],
        compliance={"script": "x", "items": [{"id": "greeting", "said": False}]},
        **at(1),
    )
    make_call(call_id="l1", agent_id="A-7", product="business_loan", risk_level="low", **at(8))
    make_call(call_id="old", agent_id="A-7", risk_level="low", **at(-30))


def test_stats_count_calls_and_flags_per_day_and_week(client) -> None:
    seed()
    supervisor = auth(make_token("supervisor"))
    params = {"since": "2026-11-16", "until": "2026-11-30"}
    stats = client.get("/v1/stats", params=params, headers=supervisor).json()
    assert stats["calls"] == 3
    assert stats["flagged_calls"] == 2
    assert stats["by_risk_level"] == {"high": 2, "low": 1}
    assert stats["by_category"] == {
        "business_distress": 1,
        "repayment_difficulty": 1,
        "agent_misconduct": 1,
    }
    assert stats["by_product"] == {"business_loan": 2, "consumer_loan": 1}
    assert [(b["period"], b["calls"], b["flagged_calls"]) for b in stats["series"]] == [
        ("2026-11-16", 1, 1),
        ("2026-11-17", 1, 1),
        ("2026-11-24", 1, 0),
    ]
    assert stats["agents"][0] == {
        "agent_id": "A-9",
        "calls": 1,
        "agent_misconduct": 1,
        "missing_compliance": 1,
        "flags": {"agent_misconduct": 1},
    }
    weekly = client.get("/v1/stats", params={**params, "period": "week"}, headers=supervisor)
    assert [(b["period"], b["calls"]) for b in weekly.json()["series"]] == [
        ("2026-11-16", 2),
        ("2026-11-23", 1),
    ]


def test_reviewers_cannot_see_stats_or_export(client) -> None:
    seed()
    reviewer = auth(make_token("reviewer"))
    for path in ("/v1/stats", "/v1/exports/calls.csv", "/v1/exports/calls.xlsx"):
        assert client.get(path, headers=reviewer).status_code == 403
        assert client.get(path).status_code == 401


def test_csv_export_of_a_filtered_list_is_masked(client) -> None:
    seed()
    supervisor = auth(make_token("supervisor"))
    reply = client.get("/v1/exports/calls.csv", params={"risk_level": "high"}, headers=supervisor)
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(reply.content.decode("utf-8-sig"))))
    assert sorted(r["通话ID"] for r in rows) == ["f1", "m1"]
    f1 = next(r for r in rows if r["通话ID"] == "f1")
    assert f1["风险类别"] == "business_distress;repayment_difficulty"
    assert f1["还款意愿"] == "partial"
    assert "停工了两个月" in f1["转写文本"]
    assert "6222021234567890123" not in f1["转写文本"]
    assert "***************0123" in f1["转写文本"]


def test_xlsx_export_and_audited_unmasked_export(client) -> None:
    seed()
    supervisor = auth(make_token("supervisor"))
    reply = client.get(
        "/v1/exports/calls.xlsx", params={"unmasked": True, "q": "停工"}, headers=supervisor
    )
    assert reply.status_code == 200, reply.text
    sheet = load_workbook(io.BytesIO(reply.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "通话ID"
    assert [r[1] for r in rows[1:]] == ["f1"]
    assert "6222021234567890123" in rows[1][-1]
    from service import db
    from service.review.models import AuditEntry

    with db.session_scope() as session:
        actions = [(e.action, e.target, e.actor) for e in session.query(AuditEntry).all()]
    assert actions == [("call.unmasked", "export", "test-supervisor")]


@pytest.mark.parametrize(
    ("params", "needle"),
    [
        ({"period": "month"}, "period"),
        ({"since": "2026-13-01"}, "since"),
        ({"since": "2026-11-20", "until": "2026-11-01"}, "since must be before until"),
        ({"product": "yacht_loan"}, "unknown product yacht_loan"),
        ({"q": "**"}, "nothing to search"),
    ],
)
def test_bad_report_queries_are_422(client, params, needle) -> None:
    supervisor = auth(make_token("supervisor"))
    for path in ("/v1/stats", "/v1/exports/calls.csv"):
        reply = client.get(path, params=params, headers=supervisor)
        if path.endswith(".csv") and "period" in params:
            continue
        assert reply.status_code == 422, (path, reply.text)
        assert needle in reply.json()["detail"]
