"""A real HTTP server on 127.0.0.1 for the fetch tests: it serves what a test puts in `routes`, honours
ETag and Last-Modified as feed servers do, and records every request."""

from __future__ import annotations

import gzip
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    headers: dict = field(default_factory=dict)
    etag: str = ""
    last_modified: str = ""
    gzip: bool = False
    delay: float = 0.0  # before the answer
    then: "Route | None" = None  # the answer from the second request on
    stream_bytes: int = 0  # a body of this many bytes, written in 64 KiB pieces (without building it)
    reason: str = ""  # the status line's text, if not the usual one


class FeedServer:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                with server._lock:
                    server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                    route = server.routes.get(self.path)
                    if route is not None and route.then is not None:
                        server.routes[self.path] = route.then
                if route is None:
                    route = Route(b"not found", 404, "text/plain")
                if route.delay:
                    time.sleep(route.delay)
                status, body = route.status, route.body
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    status, body = 304, b""
                elif route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified:
                    status, body = 304, b""
                if route.gzip and body:
                    body = gzip.compress(body)
                try:
                    self.send_response(status, route.reason or None)
                    if status != 304:
                        self.send_header("Content-Type", route.content_type)
                    for name, value in (("ETag", route.etag), ("Last-Modified", route.last_modified)):
                        if value:
                            self.send_header(name, value)
                    if route.gzip:
                        self.send_header("Content-Encoding", "gzip")
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(route.stream_bytes or len(body)))
                    self.end_headers()
                    if route.stream_bytes:
                        piece = (b"<!-- padding -->" * 4096)[:65536]
                        for start in range(0, route.stream_bytes, len(piece)):
                            self.wfile.write(piece[: route.stream_bytes - start])
                    elif status != 304:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up, as it should
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        # shutdown() waits for serve_forever to look at its flag, which it does every poll_interval (0.5 s
        # by default): every test with a server would wait that long at its end.
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def asked(self, path: str) -> list[dict]:
        """The headers of each request for `path`, in order."""
        with self._lock:
            return [headers for asked, headers in self.requests if asked == path]

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
