"""A tiny HTTP receiver on 127.0.0.1 that records what webhooks post and answers as told."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    url: str
    #: Statuses to answer, in order; the last one repeats.
    statuses: list[int] = field(default_factory=lambda: [200])
    received: list[Received] = field(default_factory=list)
    arrived: threading.Event = field(default_factory=threading.Event)

    def wait_for(self, count: int, timeout: float) -> bool:
        deadline = threading.Event()
        timer = threading.Timer(timeout, deadline.set)
        timer.start()
        try:
            while len(self.received) < count and not deadline.is_set():
                self.arrived.wait(0.05)
                self.arrived.clear()
            return len(self.received) >= count
        finally:
            timer.cancel()


def start_receiver(port: int) -> tuple[Receiver, ThreadingHTTPServer]:
    receiver = Receiver(url=f"http://127.0.0.1:{port}/hook")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            receiver.received.append(Received(self.path, dict(self.headers.items()), body))
            index = min(len(receiver.received), len(receiver.statuses)) - 1
            status = receiver.statuses[index]
            self.send_response(status)
            if status in (301, 302, 307, 308):
                self.send_header("Location", f"http://127.0.0.1:{port}/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()
            receiver.arrived.set()

        do_PURGE = do_POST  # what a caching proxy's purge looks like (tests/cms/core/test_tasks.py)
        do_BAN = do_POST  # Varnish's ban by surrogate keys (tests/sites/test_purge_tasks.py)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return receiver, server
