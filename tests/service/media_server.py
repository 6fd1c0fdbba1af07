"""A real local HTTP server standing in for a platform's media host (Twilio, a dialer)."""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class MediaServer:
    files: dict[str, bytes] = field(default_factory=dict)
    basic_auth: tuple[str, str] | None = None
    hang_paths: set[str] = field(default_factory=set)
    requests: list[str] = field(default_factory=list)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def _handler(media: MediaServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            media.requests.append(self.path)
            path = self.path.split("?")[0]
            if path in media.hang_paths:
                time.sleep(30)
                return
            if media.basic_auth is not None:
                expected = "Basic " + base64.b64encode(":".join(media.basic_auth).encode()).decode()
                if self.headers.get("Authorization") != expected:
                    self.send_response(401)
                    self.end_headers()
                    return
            body = media.files.get(path)
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "audio/x-wav")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def serve_media(media: MediaServer) -> Iterator[MediaServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(media))
    server.daemon_threads = True
    media.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield media
    finally:
        server.shutdown()
        server.server_close()
