"""The review workflow over the API: flags, facts, transcript lines, status, and the audit trail."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.review.helpers import flagged_call
from tests.service.helpers import auth, make_token


@pytest.fixture
def client(env: dict[str, str]) -> Iterator[TestClient]:
    from service.main import create_app

    with TestClient(create_app()) as c:
        yield c


@pytest.fixture
def reviewer() -> dict[str, str]:
    return auth(make_token("reviewer"))


def test_confirm_and_reject_flags_are_kept_and_audited(client, reviewer) -> None:
    call = flagged_call()
    flags = client.get(f"/v1/calls/{call}", headers=reviewer).json()["risk_flags"]
    assert [f["review"] for f in flags] == ["pending", "pending"]
    first, second = flags[0]["id"], flags[1]["id"]
    reply = client.post(
        f"/v1/calls/{call}/flags/{first}/review", json={"decision": "confirmed"}, headers=reviewer
    )
    assert reply.status_code == 200, reply.text
    assert reply.json()["risk_flags"][0]["review"] == "confirmed"
    assert reply.json()["review"]["status"] == "pending"
    reply = client.post(
        f"/v1/calls/{call}/flags/{second}/review", json={"decision": "rejected"}, headers=reviewer
    )
    assert reply.json()["review"]["status"] == "corrected"
    assert reply.json()["review"]["reviewer"] == "test-reviewer"
    trail = client.get(f"/v1/calls/{call}/audit", headers=reviewer).json()
    assert [(e["action"], e["before"], e["after"]) for e in trail] == [
        ("flag.review", "pending", "confirmed"),
        ("flag.review", "pending", "rejected"),
    ]
    assert all(e["actor"] == "test-reviewer" and e["at"] for e in trail)


def test_fact_corrections_take_values_from_records_md(client, reviewer) -> None:
    call = flagged_call()
    reply = client.put(
        f"/v1/calls/{call}/facts/repayment_intent", json={"value": "unable"}, headers=reviewer
    )
    assert reply.status_code == 200, reply.text
    assert reply.json()["facts"]["repayment_intent"] == "unable"
    assert reply.json()["review"]["status"] == "corrected"
    for field, value in (
        ("promise_amount", 15000),
        ("promise_date", "2026-12-20"),
        ("identity_verified", False),
        ("risk_level", "medium"),
    ):
        assert (
            client.put(
                f"/v1/calls/{call}/facts/{field}", json={"value": value}, headers=reviewer
            ).status_code
            == 200
        )
    record = client.get(f"/v1/calls/{call}", headers=reviewer).json()
    assert record["facts"]["promise_amount"] == 15000
    assert record["facts"]["promise_date"] == "2026-12-20"
    assert record["risk_level"] == "medium"
    trail = client.get(f"/v1/calls/{call}/audit", headers=reviewer).json()
    assert (trail[0]["target"], trail[0]["before"], trail[0]["after"]) == (
        "repayment_intent",
        "partial",
        "unable",
    )


@pytest.mark.parametrize(
    ("field", "value", "needle"),
    [
        ("repayment_intent", "maybe", "repayment_intent must be one of will_repay"),
        ("income_change", None, "income_change must be one of"),
        ("promise_amount", "两万", "promise_amount must be a number"),
        ("promise_amount", -5, "promise_amount must be a number"),
        ("promise_date", "下个月", "promise_date must be an ISO date"),
        ("identity_verified", "yes", "identity_verified must be true or false"),
        ("mood", "happy", "unknown field 'mood'"),
    ],
)
def test_a_value_outside_records_md_is_422(client, reviewer, field, value, needle) -> None:
    call = flagged_call()
    reply = client.put(f"/v1/calls/{call}/facts/{field}", json={"value": value}, headers=reviewer)
    assert reply.status_code == 422, reply.text
    assert needle in reply.json()["detail"]
    assert client.get(f"/v1/calls/{call}/audit", headers=reviewer).json() == []


def test_correcting_a_line_reanalyzes_but_keeps_reviewers_work(client, reviewer) -> None:
    call = flagged_call()
    record = client.get(f"/v1/calls/{call}", headers=reviewer).json()
    flag = next(f for f in record["risk_flags"] if f["phrase"] == "停工了")
    client.post(
        f"/v1/calls/{call}/flags/{flag['id']}/review",
        json={"decision": "confirmed"},
        headers=reviewer,
    )
    client.put(f"/v1/calls/{call}/facts/fund_usage", json={"value": "as_agreed"}, headers=reviewer)
    reply = client.put(
        f"/v1/calls/{call}/transcript/segments/4",
        json={"text": "那这期的还款您怎么安排？我们会告诉你单位。"},
        headers=reviewer,
    )
    assert reply.status_code == 200, reply.text
    record = reply.json()
    assert record["transcript"]["segments"][4]["text"].endswith("告诉你单位。")
    categories = {f["category"]: f for f in record["risk_flags"]}
    assert "agent_misconduct" in categories  # the analyzer ran on the corrected line
    assert categories["business_distress"]["review"] == "confirmed"
    assert record["facts"]["fund_usage"] == "as_agreed"
    actions = [e["action"] for e in client.get(f"/v1/calls/{call}/audit", headers=reviewer).json()]
    assert actions == ["flag.review", "fact.correct", "segment.correct"]


def test_review_status_and_unknown_targets(client, reviewer) -> None:
    call = flagged_call()
    reply = client.post(f"/v1/calls/{call}/review", json={"status": "confirmed"}, headers=reviewer)
    assert reply.json()["review"]["status"] == "confirmed"
    assert (
        client.post(
            f"/v1/calls/{call}/review", json={"status": "done"}, headers=reviewer
        ).status_code
        == 422
    )
    assert (
        client.post(
            f"/v1/calls/{call}/flags/99999/review", json={"decision": "confirmed"}, headers=reviewer
        ).status_code
        == 404
    )
    reply = client.put(
        f"/v1/calls/{call}/transcript/segments/42", json={"text": "x"}, headers=reviewer
    )
    assert reply.status_code == 404
    assert "line 42" in reply.json()["detail"]
    assert (
        client.put(
            "/v1/calls/nope/facts/fund_usage", json={"value": "diverted"}, headers=reviewer
        ).status_code
        == 404
    )
