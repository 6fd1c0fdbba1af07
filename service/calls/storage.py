"""Where recordings live on disk, and telling audio from other files by their first bytes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import BinaryIO

# (magic bytes at offset, offset, content type, file extension)
_SIGNATURES: tuple[tuple[bytes, int, str, str], ...] = (
    (b"RIFF", 0, "audio/wav", ".wav"),
    (b"ID3", 0, "audio/mpeg", ".mp3"),
    (b"OggS", 0, "audio/ogg", ".ogg"),
    (b"fLaC", 0, "audio/flac", ".flac"),
    (b"ftyp", 4, "audio/mp4", ".m4a"),
    (b"\x1a\x45\xdf\xa3", 0, "audio/webm", ".webm"),
    (b"#!AMR", 0, "audio/amr", ".amr"),
)


def sniff_audio(head: bytes) -> tuple[str, str] | None:
    """The (content type, extension) of a recording from its first bytes, or None if not audio."""
    for magic, offset, content_type, ext in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            if magic == b"RIFF" and head[8:12] != b"WAVE":
                return None
            return content_type, ext
    # A bare MPEG audio frame: 11 sync bits set.
    if len(head) >= 2 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0:
        return "audio/mpeg", ".mp3"
    return None


class RecordingStore:
    """Recordings as files named by record id, written atomically."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, call_pk: str, ext: str) -> Path:
        return self.root / call_pk[:2] / f"{call_pk}{ext}"

    def save(self, src: BinaryIO, call_pk: str, ext: str) -> Path:
        dest = self.path_for(call_pk, ext)
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_suffix(dest.suffix + ".part")
        with tmp.open("wb") as out:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        tmp.replace(dest)
        return dest
