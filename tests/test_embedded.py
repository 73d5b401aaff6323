"""The embedded llama.cpp server: started on a free loopback port on first use, stopped on close."""

from __future__ import annotations

import os
import sys

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
