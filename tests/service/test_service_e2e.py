"""The real service and queue, run as `huifang serve`: a webhook in, a record out, nothing lost."""

from __future__ import annotations

import io
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import AUDIO, backend
from tests.service.live import LiveService
from tests.service.media_server import MediaServer, serve_media

pytestmark = pytest.mark.slow

STEREO = (AUDIO / "dev007.stereo.mp3").read_bytes()
META = {"product": "housing_loan", "loan_id": "L-1", "started_at": "2026-07-15T10:00:00+08:00"}


@pytest.fixture
def live(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveService]:
    """`huifang serve` on SQLite + the SQLite queue, or (param "postgres") PostgreSQL + Redis."""
    with backend(getattr(request, "param", "sqlite")) as extra:
        service = LiveService(tmp_path / "data", extra_env=dict(extra))
        yield service
        service.stop()


both_backends = pytest.mark.parametrize("live", ["sqlite", "postgres"], indirect=True)


def wav_bytes(seconds: float, *, rate: int = 8000) -> bytes:
    """A silent mono 16-bit WAV."""
    frames = bytes(2 * int(seconds * rate))
    buf = io.BytesIO()
    with wave.open(buf, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)
    return buf.getvalue()


@both_backends
def test_stereo_call_becomes_a_record_with_speakers_and_facts(live: LiveService) -> None:
    """A corpus call (consumer loan, a part payment promised for tomorrow, commission down)."""
    live.start()
    token = live.token("reviewer")
    metadata = {
        "call_id": "e2e-1",
        "product": "consumer_loan",
        "agent_id": "A-7",
        "started_at": "2026-06-26T15:20:00+08:00",
    }
    reply = live.post_recording(metadata, (AUDIO / "dev024.stereo.mp3").read_bytes())
    assert reply.status_code == 202, reply.text
    record = live.wait_for(reply.json()["id"], token)
    assert record["status"] == "done", record["error"]
    segments = record["transcript"]["segments"]
    assert {s["speaker"] for s in segments} == {"agent", "customer"}
    assert [s["index"] for s in segments] == list(range(len(segments)))
    assert record["duration_s"] == pytest.approx(53, abs=3)
    facts = record["facts"]
    assert facts["contact_result"] == "connected"
    assert facts["repayment_intent"] == "partial"
    assert facts["promise_amount"] == 1500
    assert facts["promise_date"] == "2026-06-27"
    evidence = facts["evidence"]["promise_amount"]
    assert segments[evidence["segment"]]["speaker"] == "customer"
    categories = {f["category"] for f in record["risk_flags"]}
    assert "repayment_difficulty" in categories
    assert all(f["speaker"] == "customer" for f in record["risk_flags"])
    assert record["risk_level"] == "medium"
    assert record["compliance"]["script"] == "consumer_loan"
    assert record["next_followup_at"] is not None


@both_backends
def test_queued_job_survives_a_restart(live: LiveService) -> None:
    live.start(HUIFANG_WORKER_IN_PROCESS="false", wait_ready=False)
    token = live.token()
    call_pk = live.post_recording({**META, "call_id": "restart-1"}, STEREO).json()["id"]
    live.stop()
    live.start()
    assert live.wait_for(call_pk, token)["status"] == "done"


@both_backends
def test_worker_killed_mid_transcription_completes_exactly_once(live: LiveService) -> None:
    live.extra_env["HUIFANG_WORKER_LEASE_S"] = "4"
    live.start()
    token = live.token()
    call_pk = live.post_recording({**META, "call_id": "kill-1"}, STEREO).json()["id"]
    live.wait_for(call_pk, token, statuses=("transcribing",), timeout=30)
    live.kill()
    live.start()
    record = live.wait_for(call_pk, token)
    assert record["status"] == "done", record["error"]
    assert len(live.events("call.done")) == 1
    assert len(live.events("call.claimed")) == 2


def test_silence_is_a_no_answer_record(live: LiveService) -> None:
    live.start()
    token = live.token()
    call_pk = live.post_recording({**META, "call_id": "silence"}, wav_bytes(20)).json()["id"]
    record = live.wait_for(call_pk, token)
    assert record["status"] == "done", record["error"]
    assert record["transcript"]["segments"] == []
    assert record["facts"]["contact_result"] == "no_answer"


def test_two_hour_recording_is_accepted_and_processed(live: LiveService) -> None:
    live.start()
    token = live.token()
    reply = live.post_recording({**META, "call_id": "two-hours"}, wav_bytes(2 * 3600))
    assert reply.status_code == 202, reply.text
    record = live.wait_for(reply.json()["id"], token, timeout=600)
    assert record["status"] == "done", record["error"]
    assert record["duration_s"] == pytest.approx(7200, abs=1)
    assert record["facts"]["contact_result"] == "no_answer"


def test_separate_worker_process_does_the_work(live: LiveService) -> None:
    """Web without a worker, plus `huifang worker` on its own, as on a second machine."""
    import subprocess

    from tests.service.live import HUIFANG

    live.start(HUIFANG_WORKER_IN_PROCESS="false", wait_ready=False)
    token = live.token()
    call_pk = live.post_recording({**META, "call_id": "own-worker"}, STEREO).json()["id"]
    log = (live.data_dir.parent / "worker.log").open("wb")
    worker = subprocess.Popen([HUIFANG, "worker"], env=live.env(), stderr=log)
    try:
        record = live.wait_for(call_pk, token)
    finally:
        worker.terminate()
        worker.wait(30)
    assert record["status"] == "done", record["error"]
    assert record["transcript"]["segments"]


def test_undecodable_audio_ends_as_a_failed_record_that_says_why(live: LiveService) -> None:
    live.start()
    token = live.token()
    broken = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 200
    call_pk = live.post_recording({**META, "call_id": "broken"}, broken).json()["id"]
    record = live.wait_for(call_pk, token)
    assert record["status"] == "failed"
    assert record["error"].startswith("recording is not decodable audio")


def test_truncated_recording_is_transcribed_up_to_the_cut(live: LiveService) -> None:
    live.start()
    token = live.token()
    cut = STEREO[: int(len(STEREO) * 0.4)]
    call_pk = live.post_recording({**META, "call_id": "truncated"}, cut).json()["id"]
    record = live.wait_for(call_pk, token)
    assert record["status"] == "done", record["error"]
    assert 5 < record["duration_s"] < 20
    assert record["transcript"]["segments"]


def test_recording_url_404_fails_after_the_retries_with_the_reason(live: LiveService) -> None:
    live.extra_env["HUIFANG_DOWNLOAD_RETRIES"] = "3"
    with serve_media(MediaServer()) as media:
        live.start()
        token = live.token()
        reply = live.post_json({**META, "call_id": "404", "recording_url": media.url("/gone.mp3")})
        record = live.wait_for(reply.json()["id"], token, timeout=60)
    assert record["status"] == "failed"
    assert record["error"] == "download failed after 3 tries: 404 Not Found"
    assert len(media.requests) == 3


def test_recording_url_that_never_answers_fails_with_a_timeout(live: LiveService) -> None:
    live.extra_env["HUIFANG_DOWNLOAD_RETRIES"] = "2"
    with serve_media(MediaServer(hang_paths={"/slow.mp3"})) as media:
        live.start()
        token = live.token()
        reply = live.post_json({**META, "call_id": "hang", "recording_url": media.url("/slow.mp3")})
        record = live.wait_for(reply.json()["id"], token, timeout=60)
    assert record["status"] == "failed"
    assert "download failed after 2 tries: timed out" in record["error"]


def test_recording_url_download_is_transcribed(live: LiveService) -> None:
    with serve_media(MediaServer(files={"/call.mp3": STEREO})) as media:
        live.start()
        token = live.token()
        reply = live.post_json({**META, "call_id": "dl", "recording_url": media.url("/call.mp3")})
        record = live.wait_for(reply.json()["id"], token)
    assert record["status"] == "done", record["error"]
    assert record["transcript"]["segments"]
