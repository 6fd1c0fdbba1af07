"""The real service as a user runs it: `huifang serve` in a subprocess, on a free port."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import ROOT, free_port, multipart, service_env, sign

HUIFANG = str(Path(sys.executable).with_name("huifang"))


@dataclass
class LiveService:
    data_dir: Path
    extra_env: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None
    logs: list[Path] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self, **overrides: str) -> dict[str, str]:
        return {
            **os.environ,
            **service_env(self.data_dir, **self.extra_env),
            **overrides,
            "HUIFANG_PORT": str(self.port),
            "PYTHONPATH": str(ROOT),
        }

    def start(self, *, wait_ready: bool = True, **overrides: str) -> None:
        log = self.data_dir.parent / f"service-{len(self.logs)}.log"
        self.logs.append(log)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [HUIFANG, "serve"],
            cwd=ROOT,
            env=self.env(**overrides),
            stdout=subprocess.DEVNULL,
            stderr=log.open("wb"),
        )
        try:
            self.wait("/readyz" if wait_ready else "/healthz")
        except AssertionError:
            self.stop()  # never leave a service running behind a failed start
            raise

    def wait(self, path: str, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc is not None
            assert self.proc.poll() is None, self.log_text()
            try:
                if httpx.get(self.url + path, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"service not ready at {path}:\n{self.log_text()}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def log_text(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-4000:] for p in self.logs if p.exists())

    def events(self, name: str) -> list[dict[str, Any]]:
        found = []
        for path in self.logs:
            for line in path.read_text(errors="replace").splitlines():
                if line.startswith("{") and f'"{name}"' in line:
                    found.append(json.loads(line))
        return found

    def token(self, role: str = "supervisor") -> str:
        out = subprocess.run(
            [HUIFANG, "token", "create", "--role", role],
            env=self.env(),
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()

    def post_recording(self, metadata: dict[str, Any], audio: bytes) -> httpx.Response:
        body, content_type = multipart(metadata, audio)
        return httpx.post(
            self.url + "/v1/webhooks/recordings",
            content=body,
            headers={**sign(body), "content-type": content_type},
            timeout=10,
        )

    def post_json(self, metadata: dict[str, Any]) -> httpx.Response:
        body = json.dumps(metadata).encode()
        return httpx.post(
            self.url + "/v1/webhooks/recordings",
            content=body,
            headers={**sign(body), "content-type": "application/json"},
            timeout=10,
        )

    def call(self, call_pk: str, token: str) -> dict[str, Any]:
        reply = httpx.get(
            f"{self.url}/v1/calls/{call_pk}",
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        reply.raise_for_status()
        return dict(reply.json())

    def wait_for(
        self,
        call_pk: str,
        token: str,
        statuses: tuple[str, ...] = ("done", "failed"),
        timeout: float = 180,
    ) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            record = self.call(call_pk, token)
            if record["status"] in statuses:
                return record
            time.sleep(0.3)
        raise AssertionError(f"call {call_pk} not in {statuses}: {record}\n{self.log_text()}")
