"""Who may do what, and who sees borrowers' personal numbers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.review.helpers import flagged_call
from tests.service.helpers import auth, make_token

MOBILE, CARD = "幺三八幺二三四五六七八", "6222021234567890123"


@pytest.fixture
def client(env: dict[str, str]) -> Iterator[TestClient]:
    from service.main import create_app

    with TestClient(create_app()) as c:
        yield c


def routes(call: str) -> list[tuple[str, str, dict | None]]:
    return [
        ("GET", "/v1/calls", None),
        ("GET", f"/v1/calls/{call}", None),
        ("GET", f"/v1/calls/{call}/audio", None),
        ("GET", f"/v1/calls/{call}/audit", None),
        ("POST", f"/v1/calls/{call}/flags/1/review", {"decision": "confirmed"}),
        ("PUT", f"/v1/calls/{call}/facts/fund_usage", {"value": "diverted"}),
        ("PUT", f"/v1/calls/{call}/transcript/segments/0", {"text": "您好"}),
        ("POST", f"/v1/calls/{call}/review", {"status": "confirmed"}),
    ]


def test_unauthenticated_requests_see_nothing(client) -> None:
    call = flagged_call()
    for method, path, body in routes(call):
        reply = client.request(method, path, json=body)
        assert reply.status_code == 401, (method, path, reply.text)
        assert "张伟" not in reply.text
        assert "停工" not in reply.text


def test_only_reviewers_and_supervisors_correct(client) -> None:
    call = flagged_call()
    admin = auth(make_token("admin"))
    reply = client.put(
        f"/v1/calls/{call}/facts/fund_usage", json={"value": "diverted"}, headers=admin
    )
    assert reply.status_code == 403
    assert "role admin may not" in reply.json()["detail"]
    for role in ("reviewer", "supervisor"):
        reply = client.put(
            f"/v1/calls/{call}/facts/fund_usage",
            json={"value": "diverted"},
            headers=auth(make_token(role)),
        )
        assert reply.status_code == 200, (role, reply.text)


def test_personal_numbers_are_masked_in_replies(client) -> None:
    call = flagged_call()
    for role in ("reviewer", "supervisor"):
        headers = auth(make_token(role))
        record = client.get(f"/v1/calls/{call}", headers=headers).json()
        line = record["transcript"]["segments"][5]["text"]
        assert MOBILE not in line
        assert CARD not in line
        assert "幺三八****五六七八" in line
        assert "***************0123" in line
        listed = client.get("/v1/calls", headers=headers).json()["items"][0]
        assert CARD not in str(listed)


def test_unmasked_is_a_supervisors_right_and_is_audited(client) -> None:
    call = flagged_call()
    reviewer = auth(make_token("reviewer"))
    reply = client.get(f"/v1/calls/{call}", params={"unmasked": True}, headers=reviewer)
    assert reply.status_code == 403
    assert "unmasked" in reply.json()["detail"]
    supervisor = auth(make_token("supervisor"))
    reply = client.get(f"/v1/calls/{call}", params={"unmasked": True}, headers=supervisor)
    assert reply.status_code == 200
    assert MOBILE in reply.json()["transcript"]["segments"][5]["text"]
    trail = client.get(f"/v1/calls/{call}/audit", headers=reviewer).json()
    assert [(e["action"], e["actor"], e["role"]) for e in trail] == [
        ("call.unmasked", "test-supervisor", "supervisor")
    ]


def test_corrections_and_audit_never_show_numbers_to_reviewers(client) -> None:
    call = flagged_call()
    reviewer = auth(make_token("reviewer"))
    client.put(
        f"/v1/calls/{call}/transcript/segments/5",
        json={"text": "卡号6222021234567890123"},
        headers=reviewer,
    )
    trail = client.get(f"/v1/calls/{call}/audit", headers=reviewer).json()
    assert CARD not in str(trail)
    assert MOBILE not in str(trail)


def test_logs_mask_numbers_for_everyone(capsys) -> None:
    import structlog

    from service.logging import configure_logging

    configure_logging(level="INFO", json=True)
    structlog.get_logger("t").info("call.note", text="身份证号110101199003074514，电话13812345678")
    err = capsys.readouterr().err
    assert "110101199003074514" not in err
    assert "13812345678" not in err
    assert "**************4514" in err
    assert "138****5678" in err
