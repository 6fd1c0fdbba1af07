"""Fetching a recording_url into the recording store."""

from __future__ import annotations

from pathlib import Path

import httpx

from service.calls.storage import RecordingStore, sniff_audio


class DownloadError(Exception):
    """A download that failed; `permanent` ones are not worth retrying."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


def fetch(
    *,
    client: httpx.Client,
    url: str,
    store: RecordingStore,
    call_pk: str,
    max_bytes: int,
    auth: tuple[str, str] | None = None,
) -> tuple[Path, str]:
    """Stream url to disk; returns (path, content type). Raises DownloadError."""
    tmp = store.root / "incoming" / f"{call_pk}.download"
    tmp.parent.mkdir(parents=True, exist_ok=True)
    try:
        with client.stream("GET", url, auth=auth, follow_redirects=True) as response:
            if response.status_code >= 400:
                raise DownloadError(f"{response.status_code} {response.reason_phrase}".strip())
            size = 0
            with tmp.open("wb") as out:
                for chunk in response.iter_bytes(1 << 16):
                    size += len(chunk)
                    if size > max_bytes:
                        raise DownloadError(
                            f"recording is larger than the {max_bytes // 2**20} MB limit",
                            permanent=True,
                        )
                    out.write(chunk)
    except httpx.TimeoutException as exc:
        raise DownloadError(f"timed out ({type(exc).__name__})") from exc
    except httpx.HTTPError as exc:
        raise DownloadError(f"{type(exc).__name__}: {exc}") from exc
    with tmp.open("rb") as src:
        kind = sniff_audio(src.read(16))
        if kind is None:
            tmp.unlink(missing_ok=True)
            raise DownloadError("the URL did not return an audio file", permanent=True)
        src.seek(0)
        path = store.save(src, call_pk, kind[1])
    tmp.unlink(missing_ok=True)
    return path, kind[0]
