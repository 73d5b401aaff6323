"""`python -m summarizer.engines.serve_llama --fd N ...`: llama.cpp's OpenAI-compatible server on a
socket its parent bound and handed over, instead of a port it would bind itself.

The parent holds the socket for as long as it may need a server, so no other program on the
machine can take the port between its choice and the child's start, nor while a child that died
is replaced: whatever answers on it is our child. Runs in the child only (imports llama_cpp).
"""

from __future__ import annotations

import argparse
import socket


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fd", type=int, required=True, help="the bound socket to serve on")
    parser.add_argument("--model", required=True, help="the GGUF file")
    parser.add_argument("--model-alias", required=True, help="the model name to answer to")
    parser.add_argument("--n-ctx", type=int, required=True, help="the context, in tokens")
    args = parser.parse_args(argv)
    listener = socket.socket(fileno=args.fd)

    import uvicorn
    from llama_cpp.server.app import create_app
    from llama_cpp.server.settings import ModelSettings, ServerSettings

    model = ModelSettings(
        model=args.model, model_alias=args.model_alias, n_ctx=args.n_ctx, seed=0, verbose=False
    )
    # Given here, not read from the environment: an API_KEY set for other programs would lock
    # our own requests out.
    server = ServerSettings(api_key=None)
    app = create_app(server_settings=server, model_settings=[model])
    uvicorn.Server(uvicorn.Config(app)).run(sockets=[listener])


if __name__ == "__main__":
    main()
