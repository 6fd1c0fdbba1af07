"""Decoding: every container the platforms send, and a clear AudioError for what cannot be used."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from service.asr.audio import AudioError, load
from tests.asr.conftest import AUDIO

LIMIT = 3 * 3600.0


def write_wav(path: Path, samples: np.ndarray, rate: int = 8000) -> Path:
    """samples: int16, shaped (n,) for mono or (n, 2) for stereo."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1 if samples.ndim == 1 else samples.shape[1])
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.astype(np.int16).tobytes())
    return path


@pytest.mark.parametrize(
    ("name", "channels"),
    [
        ("clip8k.ogg", 2),
        ("clip16k.ogg", 1),
        ("clip8k.m4a", 1),
        ("clip16k.m4a", 1),
        ("clip16k.wav", 1),
        ("dev014.mono.wav", 1),
        ("dev014.stereo.mp3", 2),
    ],
)
def test_containers_and_rates_decode_to_16k(name: str, channels: int) -> None:
    audio = load(AUDIO / name, max_duration_s=LIMIT)
    assert len(audio.channels) == channels
    assert all(ch.dtype == np.float32 for ch in audio.channels)
    expected = 27.57 if name.startswith("dev014") else 7.0
    assert audio.duration_s == pytest.approx(expected, abs=0.1)
    assert audio.channels[0].size == pytest.approx(audio.duration_s * 16000, abs=1)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match="recording not found"):
        load(tmp_path / "nope.wav", max_duration_s=LIMIT)


def test_zero_byte_file(tmp_path: Path) -> None:
    (tmp_path / "empty.mp3").write_bytes(b"")
    with pytest.raises(AudioError, match="recording is empty"):
        load(tmp_path / "empty.mp3", max_duration_s=LIMIT)


@pytest.mark.parametrize(
    "content",
    [b"<html><body>404 Not Found</body></html>", bytes(range(256)) * 64, b"%PDF-1.4\n" * 100],
)
def test_not_audio(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "call.wav"
    path.write_bytes(content)
    with pytest.raises(AudioError, match="recording is not decodable audio"):
        load(path, max_duration_s=LIMIT)


def test_wav_header_without_samples(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "empty.wav", np.zeros(0, dtype=np.int16))
    with pytest.raises(AudioError, match="recording is empty"):
        load(path, max_duration_s=LIMIT)


def test_truncated_mp3_decodes_what_is_there(tmp_path: Path) -> None:
    data = (AUDIO / "dev014.stereo.mp3").read_bytes()
    path = tmp_path / "cut.mp3"
    path.write_bytes(data[: len(data) // 2])
    audio = load(path, max_duration_s=LIMIT)
    assert 10 < audio.duration_s < 20


def test_too_long(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match=r"recording is too long: 0 min, the limit is 0 min"):
        load(AUDIO / "clip16k.m4a", max_duration_s=5)


def test_two_hour_wav_is_refused_before_decoding(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "long.wav", np.zeros(2 * 3600 * 8000, dtype=np.int16))
    with pytest.raises(AudioError, match="recording is too long: 120 min"):
        load(path, max_duration_s=3600)


def test_identical_channels_become_mono(tmp_path: Path) -> None:
    mono = (load(AUDIO / "clip16k.wav", max_duration_s=LIMIT).channels[0] * 32767).astype(np.int16)
    path = write_wav(tmp_path / "dup.wav", np.stack([mono, mono], axis=1), rate=16000)
    assert len(load(path, max_duration_s=LIMIT).channels) == 1


def test_scaled_copy_on_both_channels_becomes_mono(tmp_path: Path) -> None:
    mono = load(AUDIO / "clip16k.wav", max_duration_s=LIMIT).channels[0] * 32767
    noise = np.random.default_rng(0).normal(0, 30, mono.size)
    path = write_wav(tmp_path / "dup.wav", np.stack([mono, mono * 0.5 + noise], axis=1), 16000)
    assert len(load(path, max_duration_s=LIMIT).channels) == 1


def test_real_stereo_call_stays_stereo() -> None:
    assert len(load(AUDIO / "dev007.stereo.mp3", max_duration_s=LIMIT).channels) == 2
