"""Full-text search `q` on GET /v1/calls, as a supervisor types it (each backend of `env`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.service.helpers import auth, make_call, make_token

TRANSCRIPTS = {
    "factory": "您好，这里是宁波银行。\n工厂停工了两个月，资金链断了。",
    "job": "我被裁员了，现在没有收入。\n下个月十五号之前先还两万。",
    "fine": "生意还行，没停工。\nOK，我会按时还款的，ID 12378。",
    "stock": "钱拿去炒股了，亏了不少。",
}


@pytest.fixture
def client(env: dict[str, str]) -> Iterator[TestClient]:
    from service.main import create_app

    with TestClient(create_app()) as c:
        yield c


@pytest.fixture
def calls(client: TestClient) -> dict[str, str]:
    made = {
        name: make_call(call_id=name, transcript_text=text) for name, text in TRANSCRIPTS.items()
    }
    make_call(call_id="untranscribed", status="queued")
    return made


def found(client: TestClient, token: str, **params: object) -> set[str]:
    reply = client.get("/v1/calls", params=params, headers=auth(token))
    assert reply.status_code == 200, reply.text
    return {item["call_id"] for item in reply.json()["items"]}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("停工", {"factory", "fine"}),  # a word inside a longer sentence
        ("工厂停工了两个月", {"factory"}),
        ("停工 资金链", {"factory"}),  # every word must be there
        ("资金链 裁员", set()),
        ("裁员", {"job"}),
        ("炒", {"stock"}),  # one character
        ("股", {"stock"}),  # one character at the end of a word
        ("银行", {"factory"}),
        ("ok", {"fine"}),  # case-insensitive
        ("12378", {"fine"}),
        ("停工了两个月了", set()),  # longer than what was said
        ("工厂。停工", {"factory"}),  # punctuation separates words
        ("两月", set()),  # not adjacent
    ],
)
def test_q_finds_chinese_words_in_transcripts(client, calls, q, expected) -> None:
    assert found(client, make_token("supervisor"), q=q) == expected


def test_q_combines_with_other_filters_and_pages(client, calls) -> None:
    token = make_token("supervisor")
    assert found(client, token, q="停工", product="business_loan") == set()
    reply = client.get("/v1/calls", params={"q": "停工", "limit": 1}, headers=auth(token)).json()
    assert len(reply["items"]) == 1
    second = client.get(
        "/v1/calls",
        params={"q": "停工", "limit": 1, "cursor": reply["next_cursor"]},
        headers=auth(token),
    ).json()
    assert {reply["items"][0]["call_id"], second["items"][0]["call_id"]} == {"factory", "fine"}
    assert second["next_cursor"] is None


def test_a_new_transcript_is_found_without_reindexing(client, calls) -> None:
    token = make_token("supervisor")
    assert found(client, token, q="离婚") == set()
    make_call(call_id="late", transcript_text="我们离婚了，房子归她。")
    assert found(client, token, q="离婚") == {"late"}


@pytest.mark.parametrize(
    ("q", "needle"),
    [
        ("停工" + "x" * 9_998, "q: String should have at most 200 characters"),
        ('"', "nothing to search"),
        ("*", "nothing to search"),
        ("()", "nothing to search"),
    ],
)
def test_bad_q_is_a_clear_4xx(client, calls, q, needle) -> None:
    reply = client.get("/v1/calls", params={"q": q}, headers=auth(make_token()))
    assert reply.status_code == 422, reply.text
    assert needle in reply.json()["detail"]


@pytest.mark.parametrize(
    "q",
    ['停工"', "停工*", "停工 OR 裁员", "NEAR(停工 裁员)", "停工' OR 1=1 --", "^停工", "停工 -裁员"],
)
def test_search_syntax_is_just_text(client, calls, q) -> None:
    """FTS operators and SQL in q are searched for as words, never interpreted."""
    reply = client.get("/v1/calls", params={"q": q}, headers=auth(make_token()))
    assert reply.status_code == 200, reply.text
    assert {i["call_id"] for i in reply.json()["items"]} <= {"factory", "fine"}
    assert "job" not in {i["call_id"] for i in reply.json()["items"]}


@pytest.mark.parametrize("walk_cost", [0, 10**9], ids=["walk-newest-first", "index-first"])
@pytest.mark.parametrize(
    ("q", "expected"),
    [("停工", {"factory", "fine"}), ("了", {"factory", "job", "stock"}), ("离婚", set())],
)
def test_both_search_plans_find_the_same_calls_in_order(
    client, calls, monkeypatch, walk_cost, q, expected
) -> None:
    """Many matches walk the newest calls, few are read from the index: the pages agree."""
    from service.search import service as search

    monkeypatch.setattr(search, "_WALK_COST", walk_cost)
    token, seen, cursor = make_token("supervisor"), [], None
    while True:
        params = {"q": q, "limit": 1, **({"cursor": cursor} if cursor else {})}
        reply = client.get("/v1/calls", params=params, headers=auth(token)).json()
        seen += [(i["created_at"], i["call_id"]) for i in reply["items"]]
        if not (cursor := reply["next_cursor"]):
            break
    assert {call_id for _, call_id in seen} == expected
    assert seen == sorted(seen, reverse=True)


def test_index_follows_transcript_changes_not_other_updates(client, calls) -> None:
    """A lease renewal or a review bumps updated_at but leaves the tokens alone; a corrected
    transcript is indexed again, and searching finds the new words."""
    from datetime import UTC, datetime

    from service.calls.models import Call
    from service.db import session_scope
    from service.search.service import refresh

    token = make_token()
    assert found(client, token, q="炒股") == {"stock"}  # the first search indexes everything
    with session_scope() as session:
        assert refresh(session=session) == 0
        call = session.get(Call, calls["stock"])
        assert call is not None
        call.review_status = "confirmed"
        call.updated_at = datetime.now(UTC)  # as a lease renewal or a review does
        session.add(call)
    with session_scope() as session:
        assert refresh(session=session) == 0
        call = session.get(Call, calls["stock"])
        assert call is not None
        call.transcript_text = "钱拿去买了基金。"
        session.add(call)
    assert found(client, token, q="基金") == {"stock"}
    assert found(client, token, q="炒股") == set()
