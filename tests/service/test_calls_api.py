"""The calls API as a bank's system reads it: tokens, filters, paging, the recording."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from tests.service.helpers import auth, make_call, make_token


@pytest.fixture
def client(env: dict[str, str]) -> Iterator[TestClient]:
    from service.main import create_app

    with TestClient(create_app()) as c:
        yield c


def test_no_token_is_401_and_unknown_token_is_401(client: TestClient) -> None:
    make_call()
    assert client.get("/v1/calls").status_code == 401
    reply = client.get("/v1/calls", headers=auth("hf_not-a-token"))
    assert reply.status_code == 401
    assert "unknown" in reply.json()["detail"]


def test_unknown_call_is_404(client: TestClient) -> None:
    reply = client.get("/v1/calls/nope", headers=auth(make_token()))
    assert reply.status_code == 404
    assert "nope" in reply.json()["detail"]


def test_filters_select_the_right_calls(client: TestClient) -> None:
    token = make_token("reviewer")
    base = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
    a = make_call(
        call_id="a",
        agent_id="A-1",
        loan_id="L-1",
        status="done",
        started_at=base,
        risk_level="high",
        product="business_loan",
        risk_flags=[{"category": "business_distress", "phrase": "停工了", "speaker": "customer"}],
    )
    b = make_call(
        call_id="b",
        agent_id="A-2",
        customer_id="C-2",
        status="failed",
        started_at=base + timedelta(days=2),
        risk_level=None,
    )
    c = make_call(call_id="c", agent_id="A-1", status="queued", started_at=base - timedelta(days=5))

    def ids(**params: object) -> set[str]:
        reply = client.get("/v1/calls", params=params, headers=auth(token))
        assert reply.status_code == 200, reply.text
        return {item["id"] for item in reply.json()["items"]}

    assert ids() == {a, b, c}
    assert ids(status="done") == {a}
    assert ids(status=["done", "queued"]) == {a, c}
    assert ids(agent_id="A-1") == {a, c}
    assert ids(loan_id="L-1") == {a}
    assert ids(customer_id="C-2") == {b}
    assert ids(since="2026-11-20T00:00:00+00:00") == {a, b}
    assert ids(until="2026-11-20T00:00:00+00:00") == {c}
    assert ids(since="2026-11-20", until="2026-11-21") == {a}  # dates in the bank's time zone
    assert ids(risk_level="high") == {a}
    assert ids(category="business_distress") == {a}
    assert ids(product="business_loan") == {a}
    item = next(
        i for i in client.get("/v1/calls", headers=auth(token)).json()["items"] if i["id"] == a
    )
    assert "transcript" not in item
    assert item["risk_flags"][0]["phrase"] == "停工了"


def test_cursor_pages_through_everything_once(client: TestClient) -> None:
    token = make_token()
    made = {make_call(call_id=f"p{i}") for i in range(7)}
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = client.get("/v1/calls", params=params, headers=auth(token)).json()
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(made)
    assert len(seen) == 7


@pytest.mark.parametrize(
    ("params", "code", "needle"),
    [
        ({"status": "finished"}, 422, "status"),
        ({"risk_level": "extreme"}, 422, "risk_level"),
        ({"since": "last week"}, 422, "since"),
        ({"limit": 0}, 422, "limit"),
        ({"category": "bad_vibes"}, 422, "unknown category bad_vibes"),
        ({"cursor": "not-a-cursor"}, 400, "cursor"),
        ({"cursor": "W1siMjAyNiJdXQ"}, 400, "cursor"),
    ],
)
def test_bad_queries_are_clear_4xx(client: TestClient, params, code, needle) -> None:
    reply = client.get("/v1/calls", params=params, headers=auth(make_token()))
    assert reply.status_code == code, reply.text
    assert needle in reply.json()["detail"]


def test_audio_supports_range_requests(client: TestClient, tmp_path) -> None:
    path = tmp_path / "rec.wav"
    path.write_bytes(b"RIFF" + bytes(range(256)) * 40)
    call_pk = make_call(audio_path=str(path), audio_content_type="audio/wav")
    token = make_token("reviewer")
    whole = client.get(f"/v1/calls/{call_pk}/audio", headers=auth(token))
    assert whole.status_code == 200
    assert whole.headers["accept-ranges"] == "bytes"
    part = client.get(f"/v1/calls/{call_pk}/audio", headers={**auth(token), "Range": "bytes=4-9"})
    assert part.status_code == 206
    assert part.content == bytes(range(6))
    assert part.headers["content-range"] == f"bytes 4-9/{path.stat().st_size}"


def test_openapi_describes_the_contract(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/v1/webhooks/recordings",
        "/v1/webhooks/twilio/recording",
        "/v1/calls",
        "/v1/calls/{id}",
        "/v1/calls/{id}/audio",
        "/v1/analyze",
        "/healthz",
        "/readyz",
        "/metrics",
    ):
        assert path in paths


def test_health_and_metrics(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.json()["database"] == "ok"
    assert ready.json()["queue"] == "ok"
    assert "huifang_queue_pending" in client.get("/metrics").text
