"""Decode a recording into 16 kHz float channels with PyAV, refusing what cannot be transcribed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
import structlog

log = structlog.get_logger(__name__)

SAMPLE_RATE = 16000
# Channels that agree this closely carry the same signal (a dialer that writes the mixed call to
# both legs); transcribing both would double every word.
_SAME_SIGNAL_CORRELATION = 0.97
_SILENT_RMS = 1e-4


class AudioError(ValueError):
    """The recording cannot be transcribed; the message says why in words a person can act on."""


@dataclass(frozen=True)
class Audio:
    channels: tuple[np.ndarray, ...]  # float32 in [-1, 1] at SAMPLE_RATE, one array per channel
    duration_s: float

    @property
    def is_stereo(self) -> bool:
        return len(self.channels) == 2


def load(path: Path, *, max_duration_s: float) -> Audio:
    """Decode `path`; a stereo file whose two channels carry the same signal comes back mono."""
    _check_file(path)
    try:
        samples = _decode(path, max_duration_s=max_duration_s)
    except av.error.FFmpegError as exc:
        raise AudioError(f"recording is not decodable audio: {exc}") from exc
    if samples.shape[1] == 0:
        raise AudioError("recording is empty: it holds no audio samples (truncated or zero-length)")
    channels = tuple(np.ascontiguousarray(ch) for ch in samples)
    if len(channels) == 2 and same_signal(channels[0], channels[1]):
        log.info("asr.channels_identical", path=str(path))
        channels = (channels[0],)
    return Audio(channels=channels, duration_s=samples.shape[1] / SAMPLE_RATE)


def _check_file(path: Path) -> None:
    if not path.is_file():
        raise AudioError(f"recording not found: {path}")
    if path.stat().st_size == 0:
        raise AudioError("recording is empty: the file has zero bytes")


def _decode(path: Path, *, max_duration_s: float) -> np.ndarray:
    """Return int16-scaled float32 samples shaped (channels, n); stops early on an overlong file."""
    with av.open(str(path), mode="r", metadata_errors="ignore") as container:
        if not container.streams.audio:
            raise AudioError("recording is not decodable audio: the file has no audio stream")
        stream = container.streams.audio[0]
        _check_declared_duration(container, max_duration_s)
        layout = "stereo" if stream.channels == 2 else "mono"
        resampler = av.AudioResampler(format="s16", layout=layout, rate=SAMPLE_RATE)
        chunks: list[np.ndarray] = []
        limit = int(max_duration_s * SAMPLE_RATE)
        decoded = 0
        for frame in container.decode(stream):
            for out in resampler.resample(frame):
                chunk = out.to_ndarray().reshape(-1)
                chunks.append(chunk)
                decoded += chunk.size // (2 if layout == "stereo" else 1)
            if decoded > limit:
                raise _too_long(decoded / SAMPLE_RATE, max_duration_s)
        for out in resampler.resample(None):
            chunks.append(out.to_ndarray().reshape(-1))
    pcm = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)
    n = 2 if layout == "stereo" else 1
    return (pcm.reshape(-1, n).T.astype(np.float32) / 32768.0).reshape(n, -1)


def _check_declared_duration(container: av.container.InputContainer, max_s: float) -> None:
    if container.duration is not None and container.duration / av.time_base > max_s:
        raise _too_long(container.duration / av.time_base, max_s)


def _too_long(seconds: float, max_s: float) -> AudioError:
    return AudioError(
        f"recording is too long: {seconds / 60:.0f} min, the limit is {max_s / 60:.0f} min "
        "(HUIFANG_ASR__MAX_DURATION_S)"
    )


def same_signal(left: np.ndarray, right: np.ndarray) -> bool:
    """True when both channels carry one signal (identical or a scaled copy)."""
    if np.array_equal(left, right):
        return True
    l_rms, r_rms = float(np.sqrt(np.mean(left**2))), float(np.sqrt(np.mean(right**2)))
    if l_rms < _SILENT_RMS or r_rms < _SILENT_RMS:
        return False
    correlation = float(np.mean((left - left.mean()) * (right - right.mean())) / (l_rms * r_rms))
    return correlation > _SAME_SIGNAL_CORRELATION


def is_silent(samples: np.ndarray) -> bool:
    return samples.size == 0 or float(np.sqrt(np.mean(samples**2))) < _SILENT_RMS
