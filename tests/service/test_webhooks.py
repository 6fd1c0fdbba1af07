"""The generic webhook as a platform uses it: signed deliveries, duplicates, bad input."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from standardwebhooks.webhooks import Webhook

from tests.conftest import AUDIO, SECRET, multipart, sign
from tests.service.helpers import auth, make_token, post_json, post_recording

CLIP = (AUDIO / "dev007.stereo.mp3").read_bytes()
META = {
    "call_id": "CALL-1",
    "loan_id": "L-1",
    "customer_id": "C-1",
    "agent_id": "A-7",
    "product": "business_loan",
    "started_at": "2026-11-20T10:03:00+08:00",
}


@pytest.fixture
def client(env: dict[str, str]) -> Iterator[TestClient]:
    from service.main import create_app

    with TestClient(create_app()) as c:
        yield c


def test_new_call_is_accepted_and_stored(client: TestClient) -> None:
    reply = post_recording(client, META, CLIP)
    assert reply.status_code == 202, reply.text
    body = reply.json()
    assert body["status"] == "queued"
    assert body["duplicate"] is False
    token = make_token("reviewer")
    record = client.get(f"/v1/calls/{body['id']}", headers=auth(token)).json()
    assert record["call_id"] == "CALL-1"
    assert record["loan_id"] == "L-1"
    assert record["product"] == "business_loan"
    assert record["status"] == "queued"
    assert record["started_at"].startswith("2026-11-20T02:03:00")
    audio = client.get(f"/v1/calls/{body['id']}/audio", headers=auth(token))
    assert audio.status_code == 200
    assert audio.content == CLIP


def test_same_call_twice_answers_200_with_the_first_id_and_queues_nothing(
    client: TestClient,
) -> None:
    first = post_recording(client, META, CLIP).json()
    assert client.get("/readyz").json()["queue_pending"] == 1
    again = post_recording(client, META, CLIP)
    assert again.status_code == 200
    assert again.json() == {"id": first["id"], "status": "queued", "duplicate": True}
    assert client.get("/readyz").json()["queue_pending"] == 1


def test_same_webhook_id_is_a_duplicate_even_with_other_metadata(client: TestClient) -> None:
    first = post_recording(client, META, CLIP, msg_id="msg_fixed").json()
    again = post_recording(client, {**META, "call_id": "OTHER"}, CLIP, msg_id="msg_fixed")
    assert again.status_code == 200
    assert again.json()["id"] == first["id"]


def test_json_body_with_recording_url_is_accepted(client: TestClient) -> None:
    reply = post_json(client, {**META, "recording_url": "http://127.0.0.1:9/rec.mp3"})
    assert reply.status_code == 202, reply.text


def test_signature_from_the_standardwebhooks_package_is_accepted(client: TestClient) -> None:
    from datetime import UTC, datetime

    body = json.dumps({**META, "recording_url": "http://127.0.0.1:9/rec.mp3"})
    now = datetime.now(UTC)
    signature = Webhook(SECRET).sign("msg_lib", now, body)
    headers = {
        "webhook-id": "msg_lib",
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
        "content-type": "application/json",
    }
    assert client.post("/v1/webhooks/recordings", content=body, headers=headers).status_code == 202


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda h: h.pop("webhook-signature"), "missing signature"),
        (lambda h: h.update({"webhook-signature": "v1,AAAA"}), "bad webhook signature"),
        (lambda h: h.update({"webhook-timestamp": str(int(time.time()) - 3600)}), "replayed"),
        (lambda h: h.update({"webhook-timestamp": "yesterday"}), "Unix seconds"),
    ],
)
def test_bad_signatures_are_401_and_store_nothing(client: TestClient, change, needle) -> None:
    body, content_type = multipart(META, CLIP)
    headers = {**sign(body), "content-type": content_type}
    change(headers)
    reply = client.post("/v1/webhooks/recordings", content=body, headers=headers)
    assert reply.status_code == 401
    assert needle in reply.json()["detail"]
    listed = client.get("/v1/calls", headers=auth(make_token())).json()
    assert listed["items"] == []


def test_body_tampered_after_signing_is_401(client: TestClient) -> None:
    body, content_type = multipart(META, CLIP)
    headers = {**sign(body), "content-type": content_type}
    reply = client.post("/v1/webhooks/recordings", content=body[:-50] + b"x" * 50, headers=headers)
    assert reply.status_code == 401


@pytest.mark.parametrize(
    ("metadata", "audio", "code", "needle"),
    [
        ({**META}, b"this is a text file, not audio", 415, "not a recording"),
        ({**META}, b"", 422, "empty"),
        ({**META}, None, 422, "missing part 'audio'"),
        ({k: v for k, v in META.items() if k != "call_id"}, CLIP, 422, "call_id"),
        ({**META, "product": "car_loan"}, CLIP, 422, "unknown product 'car_loan'"),
        ({**META, "started_at": "next tuesday"}, CLIP, 422, "started_at"),
        ({**META, "channels": {"2": "agent"}}, CLIP, 422, "channel '2'"),
        ({**META, "channels": {"0": "boss"}}, CLIP, 422, "channels.0"),
        ({**META, "disposition": "maybe"}, CLIP, 422, "disposition"),
    ],
)
def test_bad_input_is_a_clear_4xx(client: TestClient, metadata, audio, code, needle) -> None:
    reply = post_recording(client, metadata, audio)
    assert reply.status_code == code, reply.text
    assert needle in reply.json()["detail"]


def test_metadata_that_is_not_json_is_422(client: TestClient) -> None:
    boundary = "b0undary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n{{call_id:'
        f"\r\n--{boundary}--\r\n"
    ).encode()
    headers = {**sign(body), "content-type": f"multipart/form-data; boundary={boundary}"}
    reply = client.post("/v1/webhooks/recordings", content=body, headers=headers)
    assert reply.status_code == 422
    assert "not valid JSON" in reply.json()["detail"]


def test_json_without_recording_url_is_422(client: TestClient) -> None:
    reply = post_json(client, META)
    assert reply.status_code == 422
    assert "recording_url" in reply.json()["detail"]


def test_other_content_types_are_415(client: TestClient) -> None:
    body = b"call_id=1"
    headers = {**sign(body), "content-type": "application/x-www-form-urlencoded"}
    reply = client.post("/v1/webhooks/recordings", content=body, headers=headers)
    assert reply.status_code == 415
    assert "multipart/form-data" in reply.json()["detail"]


def test_recording_over_the_size_limit_is_413(env, monkeypatch) -> None:
    from service.config import get_settings
    from service.main import create_app

    monkeypatch.setenv("HUIFANG_MAX_UPLOAD_MB", "0.05")
    get_settings.cache_clear()
    with TestClient(create_app()) as client:
        reply = post_recording(client, META, CLIP)
    assert reply.status_code == 413
    assert "0.05 MB limit" in reply.json()["detail"]


def test_unanswered_call_is_a_no_answer_record_with_a_retry_tomorrow(client: TestClient) -> None:
    reply = post_recording(client, {**META, "disposition": "no_answer"}, None)
    assert reply.status_code == 202
    assert reply.json()["status"] == "done"
    record = client.get(f"/v1/calls/{reply.json()['id']}", headers=auth(make_token())).json()
    assert record["facts"]["contact_result"] == "no_answer"
    assert record["next_followup_at"] == "2026-11-21"
    assert record["transcript"] is None


def test_queue_down_still_accepts_and_keeps_the_call(env, monkeypatch) -> None:
    """The record is stored before queueing; the sweeper queues it once the queue is back."""
    from service.config import get_settings
    from service.main import create_app
    from service.worker import queue

    monkeypatch.setenv("HUIFANG_QUEUE_URL", "redis://127.0.0.1:1/0")
    get_settings.cache_clear()
    queue.reset()
    with TestClient(create_app()) as client:
        reply = post_recording(client, META, CLIP)
        assert reply.status_code == 202, reply.text
        record = client.get(f"/v1/calls/{reply.json()['id']}", headers=auth(make_token()))
    assert record.json()["status"] == "queued"
