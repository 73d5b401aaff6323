"""A scripted OpenAI-compatible HTTP server on 127.0.0.1, for tests that need real HTTP.

Each request to /v1/chat/completions pops the next scripted reply: a chat answer, an HTTP status
with headers, a connection cut mid-body, a body dripped a byte at a time, raw bytes (a huge or
gzip-bomb body), or an error that echoes the request's Authorization header. `GET /models` answers
with `probe` when one is scripted. Every request body is kept for assertions.

A new fault is one field here and one branch in `_send`; tests script it in one line.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    cut: bool = False  # send headers and half the body, then close the connection
    delay: float = 0.0  # seconds to wait before answering (longer than the client's timeout)
    drip: float = 0.0  # seconds between the body's bytes (each read is quick, the whole is not)
    raw: bytes | None = None  # the body's bytes as they are (set content-encoding in headers)
    echo_key: bool = False  # an error body quoting the request's Authorization header


def chat_answer(content: str, *, finish_reason: str = "stop") -> Reply:
    return Reply(
        body={
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 0,
            "model": "scripted",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": finish_reason,
                }
            ],
            "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150},
        }
    )


@dataclass
class FakeOpenAI:
    replies: list[Reply] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    owned_by: str = "openai"
    probe: Reply | None = None  # the answer to GET /models, when not the usual listing
    base_url: str = ""
    closing: threading.Event = field(default_factory=threading.Event)
    in_flight: int = 0
    most_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Answer when no reply is scripted: a server error, unless a test sets a standing answer.
    default: Reply = field(
        default_factory=lambda: Reply(status=500, body={"error": "no reply scripted"})
    )

    def chat_requests(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["path"].endswith("/chat/completions")]


def _handler(fake: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args: Any) -> None:
            pass

        def do_GET(self) -> None:
            fake.requests.append({"path": self.path, "headers": dict(self.headers)})
            body = {
                "object": "list",
                "data": [{"id": "scripted", "object": "model", "owned_by": fake.owned_by}],
            }
            self._send(fake.probe or Reply(body=body))

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", 0))
            payload = json.loads(self.rfile.read(length) or b"{}")
            with fake.lock:
                fake.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "json": payload}
                )
                reply = fake.replies.pop(0) if fake.replies else fake.default
                fake.in_flight += 1
                fake.most_in_flight = max(fake.most_in_flight, fake.in_flight)
            try:
                self._send(reply)
            finally:
                with fake.lock:
                    fake.in_flight -= 1

        def _send(self, reply: Reply) -> None:
            if reply.delay and fake.closing.wait(reply.delay):
                return  # the server is stopping: never answer
            data = reply.raw if reply.raw is not None else json.dumps(self._body(reply)).encode()
            self.send_response(reply.status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if reply.cut:
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            if reply.drip:
                self._drip(data, reply.drip)
                return
            self.wfile.write(data)

        def _body(self, reply: Reply) -> dict[str, Any]:
            if not reply.echo_key:
                return reply.body or {}
            sent = self.headers.get("authorization", "")
            return {"error": {"message": f"invalid request; you sent authorization: {sent}"}}

        def _drip(self, data: bytes, seconds: float) -> None:
            try:
                for byte in data:
                    if fake.closing.wait(seconds):
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
            except OSError:  # the client gave up: that is what the test wants to see
                self.close_connection = True

    return Handler


@contextmanager
def serve(fake: FakeOpenAI) -> Iterator[FakeOpenAI]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        fake.closing.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
