"""The embedded llama.cpp server: started on a free loopback port on first use, stopped on close.

Tests of the server's life (its port, its death) run a small HTTP server of their own as the
child, on the socket ManagedServer hands it (`CHILD`); the `embedded` ones start the real model.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import sys
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx2
import pytest

import summarizer.engines.build as build
from summarizer import EmbeddedServerError, Settings, Summarizer
from summarizer.config import EngineName
from summarizer.engine_kinds import EMBEDDED_MODEL
from summarizer.errors import ServerDiedError
from summarizer.readers import discover
from summarizer.server import ManagedServer
from summarizer.transport import RetryPolicy
from tests.conftest import FakeClock
from tests.fake_openai import chat_answer
from tests.test_assisted import PUBLISHED, TEXT, meeting


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


# Longer than anything here takes, far shorter than a request left waiting on a dead server.
ONLY_A_HANG = 90.0


# A stand-in model server for ManagedServer: serves on the socket whose descriptor it is given,
# lists one model and answers every POST with who it is. Given a folder, it counts its starts
# there and does what the folder's `plan` says for its start: "answer" with `answer.json`; "die"
# (SIGKILL itself, as `kill -9` would, on the first POST); or "exit" (answer the readiness check,
# then take no request and exit with code 3 a second later).
CHILD = """
import json, os, signal, socket, sys, time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

step, answer = "answer", {"served_by": "our child"}
if len(sys.argv) > 2:
    state = Path(sys.argv[2])
    starts = int((state / "starts").read_text()) if (state / "starts").exists() else 0
    (state / "starts").write_text(str(starts + 1))
    plan = (state / "plan").read_text().split()
    step = plan[min(starts, len(plan) - 1)]
    answer = json.loads((state / "answer.json").read_text())

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        self.answer({"object": "list", "data": [{"id": "ours", "owned_by": "me"}]})

    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        if step == "die":
            os.kill(os.getpid(), signal.SIGKILL)
        self.answer(answer)

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
if step == "exit":
    server.handle_request()
    time.sleep(1)
    sys.exit(3)
server.serve_forever()
"""


def child(fd: int, state: Path | None = None) -> list[str]:
    return [sys.executable, "-c", CHILD, str(fd), *([str(state)] if state else [])]


def plan(folder: Path, *steps: str) -> Path:
    """A folder telling the stand-in child what to do at each start (see CHILD)."""
    folder.mkdir()
    (folder / "plan").write_text(" ".join(steps))
    (folder / "answer.json").write_text(json.dumps(chat_answer(meeting()).body))
    return folder


def starts(folder: Path) -> int:
    return int((folder / "starts").read_text())


def died(server: ManagedServer) -> str:
    """Why the server's child died, once it has (a test of a death that never comes fails)."""
    return asyncio.run(asyncio.wait_for(server.wait_for_death(), ONLY_A_HANG))


@pytest.fixture
def embedded_is(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Path]:
    """The embedded model's server becomes the stand-in child following `plan(*steps)`."""

    def install(*steps: str) -> Path:
        state = plan(tmp_path / "server", *steps)
        monkeypatch.setattr(
            build,
            "embedded_server",
            lambda _context: ManagedServer(lambda fd: child(fd, state), name="embedded model"),
        )
        return state

    return install


def assisted(**changes: Any) -> Summarizer:
    """The assisted engine on the embedded server, retry waits on a fake clock."""
    policy = RetryPolicy(sleep=FakeClock().sleep, budget_seconds=30)
    return Summarizer(Settings(engine=EngineName.ASSISTED, **changes), retry_policy=policy)


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


def test_a_dead_childs_port_stays_ours_and_the_restarted_child_serves_there(
    tmp_path: Path,
) -> None:
    """Killed mid-request, the child is named with its pid and signal; while it is dead no
    other server can take its port; restarted once, on the same URL; not a second time."""
    state = plan(tmp_path / "server", "die", "die")
    server = ManagedServer(lambda fd: child(fd, state), name="test")
    foreign = Foreign()
    try:
        url = server.start()
        first = server.pid
        with pytest.raises(httpx2.TransportError):
            httpx2.post(f"{url}/chat/completions", json={}, trust_env=False)
        assert died(server) == f"the test server (pid {first}) died: signal 9 (SIGKILL)"
        foreign.try_to_serve(server.port or 0)
        assert len(foreign.refused) == 1
        assert server.restart() == url
        assert server.pid != first
        with pytest.raises(httpx2.TransportError):
            httpx2.post(f"{url}/chat/completions", json={}, trust_env=False)
        assert "signal 9" in died(server)
        with pytest.raises(ServerDiedError, match="restarted once already"):
            server.restart()
    finally:
        server.close()
        foreign.stop()
    assert starts(state) == 2


def test_a_request_waiting_on_a_child_that_dies_is_given_up_with_the_cause(
    tmp_path: Path,
) -> None:
    """The child answers its readiness check, then takes no request and exits: a request
    already sent (queued on the socket we hold, which nobody would ever answer) ends when the
    child does, with its exit code, not at the client's timeout."""
    state = plan(tmp_path / "server", "exit")
    server = ManagedServer(lambda fd: child(fd, state), name="test")

    async def ask(url: str) -> None:
        transport = server.watched(httpx2.AsyncHTTPTransport())
        async with httpx2.AsyncClient(transport=transport, timeout=3600) as client:
            await client.post(f"{url}/chat/completions", json={})

    try:
        url = server.start()
        with pytest.raises(ServerDiedError, match=r"\(pid \d+\) died: exit code 3"):
            asyncio.run(asyncio.wait_for(ask(url), ONLY_A_HANG))
    finally:
        server.close()


def test_a_model_server_killed_mid_document_is_restarted_and_the_document_done(
    embedded_is: Callable[..., Path],
) -> None:
    """`kill -9` of the embedded server while it reads a document: the server is started again
    (once) and the document read anew by the assisted engine, with a warning naming the pid
    and the signal, not 'is the server running? check --base-url'."""
    state = embedded_is("die", "answer")
    with assisted() as summarizer:
        summary = summarizer.summarize(TEXT, published=PUBLISHED)
    assert summary.provenance.engine == "assisted"
    assert summary.provenance.fallback_from is None
    [warning] = [w for w in summary.provenance.warnings if "died" in w]
    assert re.search(r"embedded model server \(pid \d+\) died: signal 9 \(SIGKILL\)", warning)
    assert "started again" in warning
    assert starts(state) == 2


def test_a_model_server_that_keeps_dying_falls_back_for_every_document_and_says_why(
    embedded_is: Callable[..., Path], tmp_path: Path
) -> None:
    """Killed again after its one restart: no document is skipped, each gets the extractive
    result with the real cause (pid, signal), and the server is not started a third time."""
    state = embedded_is("die", "die")
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(3):
        (folder / f"d{number}.txt").write_text(f"{TEXT} Note {number}.")
    with assisted() as summarizer:
        results = list(summarizer.summarize_many(discover([str(folder)]), out_dir=None))
    assert [r.skipped for r in results] == [False, False, False]
    for result in results:
        assert result.summary is not None, result.error
        provenance = result.summary.provenance
        assert provenance.fallback_from == "assisted"
        [warning] = provenance.warnings
        assert re.search(r"server \(pid \d+\) died: signal 9 \(SIGKILL\)", warning)
        assert "--base-url" not in warning
    assert starts(state) == 2
