"""The `huifang` command as an operator types it."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import AUDIO, FIXTURES, ROOT, service_env
from tests.service.live import HUIFANG


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [HUIFANG, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )


@pytest.mark.slow
def test_transcribe_prints_speakers_and_times(tmp_path: Path) -> None:
    result = run("transcribe", str(AUDIO / "dev007.stereo.mp3"), env=service_env(tmp_path))
    assert result.returncode == 0, result.stderr
    lines = re.findall(
        r"^\[\s*([\d.]+) -\s*([\d.]+)\]\s+(agent|customer): (.+)$", result.stdout, re.M
    )
    assert len(lines) >= 6
    assert {speaker for _s, _e, speaker, _t in lines} == {"agent", "customer"}
    starts = [float(start) for start, _e, _sp, _t in lines]
    assert starts == sorted(starts)


def test_transcribe_says_which_file_is_not_audio(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.mp3"
    bogus.write_text("not a recording")
    result = run("transcribe", str(bogus), env=service_env(tmp_path))
    assert result.returncode == 1
    assert "notes.mp3" in result.stderr
    assert "not decodable audio" in result.stderr


def test_eval_scores_a_labelled_corpus(tmp_path: Path) -> None:
    result = run("eval", str(FIXTURES / "dialogues.jsonl"), env=service_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "calls: 4" in result.stdout
    for field in ("repayment_intent", "promise_amount", "risk category", "micro"):
        assert field in result.stdout


def test_eval_uses_the_banks_lexicon_and_names_calls_it_learnt_from(tmp_path: Path) -> None:
    """HUIFANG_LEXICON_DIR is the analyzer scored; calls the models were trained on are named as
    seen, so a bank does not take optimistic figures for unseen ones."""
    import shutil

    lexicon = tmp_path / "lexicon"
    shutil.copytree(ROOT / "nlp" / "lexicons", lexicon, ignore=shutil.ignore_patterns("calls"))
    (lexicon / "calls").mkdir()
    seen = ROOT / "nlp" / "lexicons" / "calls" / "dev.jsonl"
    shutil.copy(seen, lexicon / "calls")
    risk = lexicon / "risk.yaml"
    risk.write_text(
        risk.read_text(encoding="utf-8").replace("phrases: [炒股,", "phrases: [炒期权, 炒股,")
    )
    corpus = tmp_path / "ours.jsonl"
    row = json.loads((FIXTURES / "dialogues.jsonl").read_text(encoding="utf-8").splitlines()[0])
    row["id"] = "ours-1"
    row["turns"] = [{"speaker": "customer", "text": "钱我拿去炒期权了"}]
    row["gold"] = {
        **row["gold"],
        "risk_flags": [{"category": "fund_diversion", "phrase": "炒期权", "speaker": "customer"}],
    }
    corpus.write_text(json.dumps(row, ensure_ascii=False) + "\n" + seen.read_text(encoding="utf-8"))
    result = run("eval", str(corpus), env={"HUIFANG_LEXICON_DIR": str(lexicon)})
    assert result.returncode == 0, result.stderr
    assert "40 of these 41 calls are among the labelled calls" in result.stderr
    fund = next(line for line in result.stdout.splitlines() if line.startswith("fund_diversion"))
    assert fund.split()[2] == "1.000"  # recall: the bank's own phrase was heard


def test_eval_points_at_a_broken_line(tmp_path: Path) -> None:
    corpus = tmp_path / "calls.jsonl"
    corpus.write_text((FIXTURES / "dialogues.jsonl").read_text().splitlines()[0] + "\n{broken\n")
    result = run("eval", str(corpus))
    assert result.returncode == 2
    assert f"{corpus}:2" in result.stderr


def test_token_create_prints_a_token_that_works(tmp_path: Path) -> None:
    env = service_env(tmp_path)
    token = run("token", "create", "--role", "reviewer", env=env).stdout.strip()
    assert token.startswith("hf_")
    assert token not in (tmp_path / "huifang.db").read_bytes().decode(errors="ignore")


def test_token_revoke_by_id_or_token_stops_the_token(tmp_path: Path, monkeypatch) -> None:
    from fastapi.testclient import TestClient

    from service.config import get_settings
    from service.db import dispose_engines

    env = service_env(tmp_path)
    first = run("token", "create", "--role", "supervisor", "--name", "ops", env=env)
    second = run("token", "create", "--role", "reviewer", env=env)
    token_id = re.search(r"token (\d+) \(supervisor\)", first.stderr)
    assert token_id is not None, first.stderr
    listed = run("token", "list", env=env).stdout
    assert re.search(rf"^{token_id.group(1)}\tsupervisor\tops\t.*\tactive$", listed, re.M)

    assert run("token", "revoke", token_id.group(1), env=env).returncode == 0
    assert run("token", "revoke", second.stdout.strip(), env=env).returncode == 0
    assert run("token", "list", env=env).stdout.count("revoked") == 2
    missing = run("token", "revoke", "hf_not-a-token", env=env)
    assert missing.returncode == 1
    assert "token list" in missing.stderr

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    from service.main import create_app

    with TestClient(create_app()) as client:
        for token in (first.stdout.strip(), second.stdout.strip()):
            reply = client.get("/v1/calls", headers={"Authorization": f"Bearer {token}"})
            assert reply.status_code == 401
    dispose_engines()
    get_settings.cache_clear()


def test_model_prepare_rejects_a_directory_without_a_model(tmp_path: Path) -> None:
    env = {**service_env(tmp_path), "HUIFANG_ASR__MODEL_DIR": str(tmp_path)}
    result = run("model", "prepare", env=env)
    assert result.returncode == 1
    assert "model.bin" in result.stderr


def test_reanalyze_rewrites_records_from_their_transcripts(tmp_path: Path, monkeypatch) -> None:
    from service.calls.models import Call
    from service.config import get_settings
    from service.db import dispose_engines, session_scope
    from tests.service.helpers import make_call

    env = service_env(tmp_path)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    transcript = {
        "language": "zh",
        "model": "test",
        "segments": [
            {
                "index": 0,
                "start": 0.0,
                "end": 2.0,
                "speaker": "customer",
                "text": "厂里停工了，这个月还不上",
            }
        ],
    }
    call_pk = make_call(
        transcript=transcript,
        facts={"repayment_intent": "will_repay"},
        risk_level="low",
        product="business_loan",
    )
    dispose_engines()
    result = run("reanalyze", env=env)
    assert result.returncode == 0, result.stderr
    assert "reanalyzed 1 call(s)" in result.stderr
    with session_scope() as session:
        call = session.get(Call, call_pk)
        assert call is not None
        assert call.risk_level == "high"
        assert call.facts["repayment_intent"] == "unable"
    get_settings.cache_clear()


@pytest.mark.parametrize("folder", ["lexicon", "call_scripts"])
def test_serve_refuses_to_start_on_a_broken_yaml_naming_file_and_line(tmp_path, folder) -> None:
    import shutil

    from tests.conftest import free_port

    source = ROOT / ("nlp/lexicons" if folder == "lexicon" else "call_scripts")
    target = tmp_path / folder
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    victim = target / ("risk.yaml" if folder == "lexicon" else "business_loan.yaml")
    victim.write_text("bogus_key: 1\n" + victim.read_text(encoding="utf-8"), encoding="utf-8")
    variable = "HUIFANG_LEXICON_DIR" if folder == "lexicon" else "HUIFANG_CALL_SCRIPTS_DIR"
    env = {
        **service_env(tmp_path / "data"),
        variable: str(target),
        "HUIFANG_PORT": str(free_port()),
    }
    result = run("serve", env=env)
    assert result.returncode == 2
    assert f"{victim}:1: bogus_key" in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
