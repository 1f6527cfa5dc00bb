"""A small HTTP server on loopback, in a thread: a partner's endpoint whose answers a test decides."""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    method: str
    path: str
    headers: dict
    body: bytes


@dataclass
class Loopback:
    """`answer(request) -> (status, headers, body)` decides each answer; `delay` seconds before answering."""

    answer: object = None
    delay: float = 0.0
    received: list = field(default_factory=list)

    def handle(self, handler: BaseHTTPRequestHandler):
        length = int(handler.headers.get("Content-Length") or 0)
        request = Received(handler.command, handler.path, dict(handler.headers), handler.rfile.read(length))
        self.received.append(request)
        if self.delay:
            time.sleep(self.delay)
        status, headers, body = self.answer(request) if self.answer else (204, {}, b"")
        try:
            handler.send_response(status)
            for name, value in headers.items():
                handler.send_header(name, value)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting: what a slow partner does to us


def serve(loopback: Loopback):
    """Start the server; returns (base URL, stop function)."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            loopback.handle(self)

        def do_GET(self):
            loopback.handle(self)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop():
        server.shutdown()
        server.server_close()

    return f"http://127.0.0.1:{server.server_address[1]}", stop
