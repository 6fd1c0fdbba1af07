"""Recording in, Transcript out: per-channel Whisper with VAD, speakers from the channel map.

A stereo call is transcribed one channel at a time (both at once, on a model with two workers), so
each channel's VAD drops the other party's turns and every segment knows its speaker. Segments are
split where the words pause, then merged into one timeline sorted by start.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import structlog
from faster_whisper import WhisperModel

from service.asr import audio
from service.asr.audio import AudioError
from service.asr.models import ensure_model
from service.asr.prompt import decoding_hints
from service.asr.text import clean
from service.config import Settings

log = structlog.get_logger(__name__)

__all__ = ["DEFAULT_CHANNELS", "AudioError", "Segment", "Transcriber", "Transcript"]

DEFAULT_CHANNELS: Mapping[int, str] = {0: "agent", 1: "customer"}
UNKNOWN_SPEAKER = "unknown"
# Words further apart than this start a new segment: within one channel a pause that long is
# the other party talking, and a segment spanning it would sort wrongly against their turn.
SPLIT_GAP_S = 1.0
Progress = Callable[[float], None]


@dataclass(frozen=True)
class Segment:
    index: int
    start: float
    end: float
    speaker: str
    text: str


@dataclass(frozen=True)
class Transcript:
    language: str
    model: str
    duration_s: float
    segments: tuple[Segment, ...]

    def to_dict(self) -> dict[str, Any]:
        """The api.md transcript shape."""
        return {
            "language": self.language,
            "model": self.model,
            "segments": [asdict(s) for s in self.segments],
        }

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


_model_lock = threading.Lock()


@lru_cache(maxsize=4)
def _load_model(model_dir: str, compute_type: str, threads: int) -> WhisperModel:
    started = time.perf_counter()
    model = WhisperModel(
        model_dir,
        device="cpu",
        compute_type=compute_type,
        cpu_threads=threads,
        num_workers=2,  # the two channels of a stereo call decode concurrently
        local_files_only=True,
    )
    log.info(
        "asr.model_loaded", model_dir=model_dir, seconds=round(time.perf_counter() - started, 2)
    )
    return model


def get_model(model_dir: Path, compute_type: str, threads: int) -> WhisperModel:
    """The process-wide model for these parameters, loaded on first use."""
    with _model_lock:
        return _load_model(str(model_dir), compute_type, threads)


class Transcriber:
    def __init__(self, settings: Settings, *, model_dir: Path | None = None) -> None:
        self._asr = settings.asr
        self.model_dir = model_dir or ensure_model(settings)
        self.model_name = self.model_dir.name
        self._hints = decoding_hints(settings)

    @property
    def model(self) -> WhisperModel:
        return get_model(self.model_dir, self._asr.compute_type, self._asr.threads)

    def transcribe(
        self,
        path: Path | str,
        channels: Mapping[int, str] | None = None,
        progress: Progress | None = None,
    ) -> Transcript:
        """Transcribe one recording. Raises AudioError for input that cannot be transcribed."""
        started = time.perf_counter()
        recording = audio.load(Path(path), max_duration_s=self._asr.max_duration_s)
        speakers = _speakers(recording, channels or DEFAULT_CHANNELS)
        tracker = _ProgressTracker(len(speakers), recording.duration_s, progress)
        jobs = list(zip(recording.channels, speakers, range(len(speakers)), strict=True))
        with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
            parts = pool.map(
                lambda job: self._channel(job[0], job[1], tracker.reporter(job[2])), jobs
            )
            pieces = [piece for part in parts for piece in part]
        transcript = Transcript(
            language=self._asr.language,
            model=self.model_name,
            duration_s=round(recording.duration_s, 3),
            segments=_timeline(pieces),
        )
        tracker.done()
        seconds = time.perf_counter() - started
        log.info(
            "asr.transcribed",
            path=str(path),
            audio_seconds=transcript.duration_s,
            seconds=round(seconds, 2),
            rtf=round(seconds / max(recording.duration_s, 1e-9), 3),
            channels=len(speakers),
            segments=len(transcript.segments),
        )
        return transcript

    def _channel(
        self, samples: np.ndarray, speaker: str, report: Progress
    ) -> list[tuple[float, float, str, str]]:
        if audio.is_silent(samples):
            return []
        segments, _info = self.model.transcribe(
            samples,
            language=self._asr.language,
            beam_size=self._asr.beam_size,
            vad_filter=self._asr.vad,
            condition_on_previous_text=False,  # a mistake in one turn must not feed the next
            word_timestamps=True,
            **self._hints,
        )
        pieces = []
        for segment in segments:
            report(segment.end)
            for start, end, text in _split_on_pauses(segment):
                if cleaned := clean(text):
                    pieces.append((start, end, speaker, cleaned))
        return pieces


def _speakers(recording: audio.Audio, channels: Mapping[int, str]) -> list[str]:
    if not recording.is_stereo:
        return [UNKNOWN_SPEAKER]
    return [channels.get(i, UNKNOWN_SPEAKER) for i in range(2)]


def _split_on_pauses(segment: Any) -> Iterable[tuple[float, float, str]]:
    """Cut a Whisper segment where consecutive words are more than SPLIT_GAP_S apart."""
    words = segment.words or []
    if not words:
        yield segment.start, segment.end, segment.text
        return
    group = [words[0]]
    for word in words[1:]:
        if word.start - group[-1].end > SPLIT_GAP_S:
            yield group[0].start, group[-1].end, "".join(w.word for w in group)
            group = []
        group.append(word)
    yield group[0].start, group[-1].end, "".join(w.word for w in group)


def _timeline(pieces: list[tuple[float, float, str, str]]) -> tuple[Segment, ...]:
    ordered = sorted(pieces, key=lambda p: (p[0], p[1]))
    return tuple(
        Segment(
            index=i,
            start=round(float(start), 2),
            end=round(float(end), 2),
            speaker=speaker,
            text=text,
        )
        for i, (start, end, speaker, text) in enumerate(ordered)
    )


class _ProgressTracker:
    """Combines per-channel positions into one fraction of the whole job, never going backwards."""

    def __init__(self, channels: int, duration_s: float, callback: Progress | None) -> None:
        self._positions = [0.0] * channels
        self._duration = max(duration_s, 1e-9)
        self._callback = callback
        self._lock = threading.Lock()
        self._last = 0.0

    def reporter(self, channel: int) -> Progress:
        def report(position_s: float) -> None:
            if self._callback is None:
                return
            with self._lock:
                self._positions[channel] = min(position_s / self._duration, 1.0)
                fraction = sum(self._positions) / len(self._positions)
                if fraction > self._last:
                    self._last = fraction
                    self._callback(fraction)

        return report

    def done(self) -> None:
        if self._callback is not None and self._last < 1.0:
            self._callback(1.0)


def get_transcriber(settings: Settings) -> Transcriber:
    """A transcriber for these settings; the model itself loads once per process (get_model)."""
    transcriber = Transcriber(settings)
    transcriber.model  # noqa: B018 - load the weights now, not on the first call
    return transcriber
