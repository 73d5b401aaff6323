"""A scripted OpenAI-compatible HTTP server on 127.0.0.1, for tests that need real HTTP.

Each request to /v1/chat/completions pops the next scripted reply: a chat answer, an HTTP status
with headers, or a connection cut mid-body. Every request body is kept for assertions.
"""

from __future__ import annotations

import json
import threading
import time
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
    base_url: str = ""
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
            self._send(Reply(body=body))

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
            if reply.delay:
                time.sleep(reply.delay)
            data = json.dumps(reply.body or {}).encode()
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
            self.wfile.write(data)

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
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
