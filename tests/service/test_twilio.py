"""Twilio's RecordingStatusCallback: signed with Twilio's own validator, media from a local server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from twilio.request_validator import RequestValidator

from tests.conftest import AUDIO
from tests.service.helpers import auth, make_token
from tests.service.media_server import MediaServer, serve_media

TOKEN = "twilio-auth-token-for-tests"
ACCOUNT = "AC" + "0" * 32


@pytest.fixture
def client(env, monkeypatch) -> Iterator[TestClient]:
    from service.config import get_settings
    from service.main import create_app

    monkeypatch.setenv("HUIFANG_TWILIO_AUTH_TOKEN", TOKEN)
    monkeypatch.setenv("HUIFANG_PUBLIC_URL", "https://huifang.example.cn")
    get_settings.cache_clear()
    with TestClient(create_app()) as c:
        yield c


def callback(media_url: str, **overrides: str) -> dict[str, str]:
    return {
        "AccountSid": ACCOUNT,
        "CallSid": "CA" + "1" * 32,
        "RecordingSid": "RE" + "2" * 32,
        "RecordingUrl": media_url,
        "RecordingStatus": "completed",
        "RecordingDuration": "66",
        "RecordingChannels": "2",
        "RecordingSource": "DialVerb",
        "RecordingStartTime": "Fri, 20 Nov 2026 02:03:00 +0000",
        **overrides,
    }


def post(client: TestClient, form: dict[str, str], query: str = "", token: str = TOKEN):
    path = "/v1/webhooks/twilio/recording" + query
    signature = RequestValidator(token).compute_signature("https://huifang.example.cn" + path, form)
    return client.post(path, data=form, headers={"X-Twilio-Signature": signature})


def test_signed_callback_creates_a_record_with_metadata_from_the_url(client) -> None:
    reply = post(client, callback("http://127.0.0.1:9/rec"), "?loan_id=L-9&product=housing_loan")
    assert reply.status_code == 202, reply.text
    record = client.get(f"/v1/calls/{reply.json()['id']}", headers=auth(make_token())).json()
    assert record["provider"] == "twilio"
    assert record["loan_id"] == "L-9"
    assert record["product"] == "housing_loan"
    assert record["call_id"].startswith("CA")
    assert record["started_at"].startswith("2026-11-20T02:03:00")


def test_redelivered_callback_is_a_duplicate(client) -> None:
    first = post(client, callback("http://127.0.0.1:9/rec")).json()
    again = post(client, callback("http://127.0.0.1:9/rec"))
    assert again.status_code == 200
    assert again.json()["id"] == first["id"]


def test_bad_signature_is_401(client) -> None:
    reply = post(client, callback("http://127.0.0.1:9/rec"), token="someone-elses-token")
    assert reply.status_code == 401
    assert "X-Twilio-Signature" in reply.json()["detail"]
    missing = client.post("/v1/webhooks/twilio/recording", data=callback("http://x/y"))
    assert missing.status_code == 401


def test_callback_missing_fields_is_422(client) -> None:
    form = callback("http://127.0.0.1:9/rec")
    del form["RecordingUrl"]
    reply = post(client, form)
    assert reply.status_code == 422
    assert "RecordingUrl" in reply.json()["detail"]


def test_worker_downloads_dual_channel_media_with_basic_auth(client) -> None:
    from service.calls.models import Call
    from service.db import session_scope
    from service.worker.tasks import process_call

    media = MediaServer(
        files={"/rec": (AUDIO / "dev007.stereo.mp3").read_bytes()}, basic_auth=(ACCOUNT, TOKEN)
    )
    with serve_media(media):
        reply = post(client, callback(media.url("/rec")))
        process_call(reply.json()["id"])
    assert media.requests == ["/rec?RequestedChannels=2"]
    with session_scope() as session:
        call = session.get(Call, reply.json()["id"])
        assert call is not None
        assert call.status == "done", call.error
        assert call.transcript_at is not None  # the search index follows it
        speakers = {s["speaker"] for s in call.transcript["segments"]}
    assert speakers == {"agent", "customer"}
