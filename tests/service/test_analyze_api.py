"""POST /v1/analyze: reviewers and platforms send a transcript, get the visit record back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.service.helpers import auth, make_token

CALL = [
    {
        "speaker": "agent",
        "text": "您好，这里是宁波银行贷后回访中心，本次通话将被录音。请问是王建国先生吗？",
    },
    {"speaker": "customer", "text": "是我。"},
    {"speaker": "agent", "text": "您的经营贷这个月要还款了，厂里最近经营情况怎么样？"},
    {"speaker": "customer", "text": "不太好，工厂停工了两个月，资金链断了，这个月还不上。"},
    {"speaker": "customer", "text": "我下个月十五号之前先还两万，剩下的再想办法。"},
    {"speaker": "agent", "text": "好的，我这边记录一下，再见。"},
]


@pytest.fixture
def client(env: dict[str, str]) -> Iterator[TestClient]:
    from service.main import create_app

    with TestClient(create_app()) as c:
        yield c


def test_segments_give_facts_flags_and_compliance(client: TestClient) -> None:
    body = {"segments": CALL, "product": "business_loan", "call_date": "2026-11-20"}
    reply = client.post("/v1/analyze", json=body, headers=auth(make_token("reviewer")))
    assert reply.status_code == 200, reply.text
    result = reply.json()
    assert result["facts"]["promise_amount"] == 20000
    assert result["facts"]["promise_date"] == "2026-12-15"
    assert result["facts"]["project_status"] == "suspended"
    assert result["risk_level"] == "high"
    flags = {(f["category"], f["speaker"]) for f in result["risk_flags"]}
    assert ("business_distress", "customer") in flags
    evidence = result["facts"]["evidence"]["promise_amount"]
    assert CALL[evidence["segment"]]["text"] == evidence["text"]
    items = {i["id"]: i["said"] for i in result["compliance"]["items"]}
    assert items["recording_notice"] is True
    assert result["compliance"]["script"] == "business_loan"


def test_plain_text_is_read_too(client: TestClient) -> None:
    text = "\n".join(turn["text"] for turn in CALL)
    reply = client.post(
        "/v1/analyze", json={"text": text, "call_date": "2026-11-20"}, headers=auth(make_token())
    )
    assert reply.status_code == 200, reply.text
    assert any(f["category"] == "business_distress" for f in reply.json()["risk_flags"])


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({"segments": CALL, "text": "两个都给"}, "either 'segments'"),
        ({}, "either 'segments'"),
        ({"text": "你好", "product": "car_loan"}, "unknown product"),
        ({"segments": [{"speaker": "boss", "text": "你好"}]}, "speaker"),
        ({"text": "你好", "call_date": "2026-13-45"}, "call_date"),
    ],
)
def test_bad_requests_are_422_with_a_reason(client: TestClient, body, needle) -> None:
    reply = client.post("/v1/analyze", json=body, headers=auth(make_token()))
    assert reply.status_code == 422
    assert needle in reply.json()["detail"]


def test_needs_a_token(client: TestClient) -> None:
    assert client.post("/v1/analyze", json={"text": "你好"}).status_code == 401
