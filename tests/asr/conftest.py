"""Shared fixtures: one real model per test session, cached under the repo's .cache/models."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing may come from a model hub

from service.asr.transcriber import Transcriber, Transcript
from service.config import Settings

REPO = Path(__file__).resolve().parents[2]
AUDIO = REPO / "tests" / "fixtures" / "audio"
MODEL_CACHE = REPO / ".cache" / "models"


def make_settings(**asr: object) -> Settings:
    base = Settings(data_dir=REPO / ".cache" / "data")
    values = {"cache_dir": MODEL_CACHE, "use_prompt": False, **asr}
    return base.model_copy(update={"asr": base.asr.model_copy(update=values)})


def reference(call_id: str) -> dict:
    return json.loads((AUDIO / f"{call_id}.json").read_text())


@pytest.fixture(scope="session")
def transcriber() -> Transcriber:
    return Transcriber(make_settings())


@pytest.fixture(scope="session")
def transcribe(transcriber: Transcriber) -> Callable[[str], Transcript]:
    """Transcribe a fixture file once per session; tests share the result."""
    done: dict[str, Transcript] = {}

    def run(name: str) -> Transcript:
        if name not in done:
            done[name] = transcriber.transcribe(AUDIO / name)
        return done[name]

    return run
