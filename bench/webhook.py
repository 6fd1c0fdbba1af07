"""Webhook answer time while the worker is busy transcribing (a benchmark, not a test).

Starts the real service (`huifang serve`, in-process worker) on a free port, queues a few long
calls so the worker is transcribing, then times webhook deliveries. The baseline, measured in the
same run on the same busy server, is GET /healthz: the ratio shows what ingest itself costs.

    python bench/webhook.py [--requests 200] [--audio FILE]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import AUDIO  # noqa: E402
from tests.service.live import LiveService  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    reply = fn()
    elapsed = (time.perf_counter() - started) * 1000
    assert reply.status_code in (200, 202), reply.text
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--audio", type=Path, default=AUDIO / "dev024.stereo.mp3")
    args = parser.parse_args()
    audio = args.audio.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        live = LiveService(Path(tmp) / "data", extra_env={"HUIFANG_LOG_LEVEL": "WARNING"})
        live.start()
        try:
            token = live.token()
            for i in range(4):  # keep the worker busy for the whole run
                live.post_recording({"call_id": f"busy-{i}"}, audio)
            time.sleep(2)
            busy = httpx.get(live.url + "/readyz").json().get("queue_pending")
            hooks = [
                timed(lambda i=i: live.post_recording({"call_id": f"bench-{i}"}, audio))
                for i in range(args.requests)
            ]
            health = [timed(lambda: httpx.get(live.url + "/healthz")) for _ in range(args.requests)]
            status = httpx.get(
                f"{live.url}/v1/calls",
                params={"status": "transcribing"},
                headers={"Authorization": f"Bearer {token}"},
            ).json()
        finally:
            live.stop()
    print(f"recording: {args.audio.name} ({len(audio) / 1024:.0f} KiB), {args.requests} requests")
    print(f"worker busy during run: {len(status['items'])} transcribing, {busy} queued at start")
    for name, values in (("webhook (multipart)", hooks), ("baseline GET /healthz", health)):
        print(
            f"{name:24s} p50 {statistics.median(values):7.1f} ms   "
            f"p99 {percentile(values, 0.99):7.1f} ms   max {max(values):7.1f} ms"
        )
    print(
        f"ratio webhook/healthz    p50 {statistics.median(hooks) / statistics.median(health):5.2f}x"
        f"   p99 {percentile(hooks, 0.99) / percentile(health, 0.99):5.2f}x"
    )
    print(f"goal: webhook p99 < 100 ms -> {'met' if percentile(hooks, 0.99) < 100 else 'NOT met'}")


if __name__ == "__main__":
    main()
