"""The embedded llama.cpp server: started on a free loopback port on first use, stopped on close.

Tests of the server's life (its port, its death) run a small HTTP server of their own as the
child, on the socket ManagedServer hands it (`CHILD`); the `embedded` ones start the real model.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx2
import pytest

from summarizer import EmbeddedServerError, Settings, Summarizer
from summarizer.config import EngineName
from summarizer.engine_kinds import EMBEDDED_MODEL
from summarizer.server import ManagedServer


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0); its state in /proc says it has exited.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split()[2] != "Z"


@pytest.mark.embedded
def test_the_embedded_server_starts_on_first_use_and_stops_on_close() -> None:
    """No server until the engine is needed; then one on 127.0.0.1 serving our model; none after."""
    summarizer = Summarizer(Settings(engine=EngineName.EMBEDDED, context_tokens=1024))
    engine = summarizer.engine
    assert engine.name == "embedded"
    assert engine.endpoint_kind == "llamacpp"
    server = engine._server  # type: ignore[attr-defined]
    assert isinstance(server, ManagedServer)
    pid, base_url = server.pid, server.base_url
    assert pid is not None
    assert base_url.startswith("http://127.0.0.1:")
    listing = httpx2.get(f"{base_url}/models", timeout=5, trust_env=False).json()
    assert [model["id"] for model in listing["data"]] == [EMBEDDED_MODEL]
    with pytest.raises(OSError, match="in use"), socket.socket() as other:  # ours alone
        other.bind(("127.0.0.1", server.port or 0))
    summarizer.close()
    assert not _alive(pid)
    with pytest.raises(httpx2.TransportError):
        httpx2.get(f"{base_url}/models", timeout=2, trust_env=False)


def test_a_server_that_dies_while_starting_reports_its_last_words() -> None:
    """A child that exits at once raises EmbeddedServerError with its exit code and output."""
    script = "import sys; print('model file is corrupt'); sys.exit(3)"
    server = ManagedServer(lambda _port: [sys.executable, "-c", script], name="test")
    with pytest.raises(EmbeddedServerError, match=r"code 3.*model file is corrupt"):
        server.start()
    assert server.pid is None


def test_a_server_that_never_answers_times_out_and_is_stopped() -> None:
    """A child that never opens its port is given up on within the startup timeout, and killed."""
    script = "import time; time.sleep(60)"
    server = ManagedServer(
        lambda _port: [sys.executable, "-c", script], name="test", startup_timeout=1.0
    )
    with pytest.raises(EmbeddedServerError, match="did not answer within 1 s"):
        server.start()
    assert server.pid is None


@pytest.mark.embedded
def test_the_installed_weights_are_the_pinned_qwen_model() -> None:
    """The 22 chunk packages assemble into the file the README names, checked before use."""
    from summarizer.engines.embedded import model_path
    from summarizer.engines.weights import QWEN_CODER_1_5B, gguf_name

    path = model_path()
    assert path.stat().st_size == QWEN_CODER_1_5B.size
    assert gguf_name(path) == "Qwen2.5 Coder 1.5B Instruct GGUF"
    assert path.with_suffix(".verified").read_text().startswith(QWEN_CODER_1_5B.sha256)


# A stand-in model server for ManagedServer: serves on the socket whose descriptor it is given,
# lists one model and answers every POST with who it is.
CHILD = """
import json, socket, sys
from http.server import BaseHTTPRequestHandler, HTTPServer

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        self.answer({"object": "list", "data": [{"id": "ours", "owned_by": "me"}]})

    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self.answer({"served_by": "our child"})

    def answer(self, body):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

server = HTTPServer(("127.0.0.1", 0), Handler, bind_and_activate=False)
server.socket.close()
server.socket = socket.socket(fileno=int(sys.argv[1]))
server.server_activate()
server.serve_forever()
"""


def child(fd: int) -> list[str]:
    return [sys.executable, "-c", CHILD, str(fd)]


class Foreign:
    """Another program's HTTP server on 127.0.0.1, which answers anything with 200."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.refused: list[OSError] = []
        self._server: ThreadingHTTPServer | None = None

    def try_to_serve(self, port: int) -> None:
        """Listen on `port` if it can be had, else note the refusal."""
        foreign = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                pass

            def do_GET(self) -> None:
                self.answer({"object": "list", "data": [{"id": "theirs", "owned_by": "me"}]})

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("content-length", 0)))
                self.answer({"served_by": "someone else"})

            def answer(self, body: dict[str, Any]) -> None:
                foreign.requests.append(self.path)
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        try:
            self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        except OSError as refused:
            self.refused.append(refused)
            return
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


def test_another_local_server_cannot_take_the_port_chosen_for_ours() -> None:
    """A local HTTP server tries to listen on the port chosen for ours just before our child
    starts: the port is already held for our child, so the readiness check and the request
    reach our child, and the other server gets nothing (it once got the documents)."""
    foreign = Foreign()

    def command(fd: int) -> list[str]:
        foreign.try_to_serve(server.port or 0)
        return child(fd)

    server = ManagedServer(command, name="test")
    try:
        base_url = server.start()
        answer = httpx2.post(f"{base_url}/chat/completions", json={}, trust_env=False).json()
    finally:
        server.close()
        foreign.stop()
    assert answer == {"served_by": "our child"}
    assert foreign.requests == []
    assert len(foreign.refused) == 1
