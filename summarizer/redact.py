"""Keep credentials out of everything stored or shown: messages, warnings, the ledger, files.

A server may echo the request's key in an error body, and that body becomes our message. Every
message that leaves the model layer passes through `redact`: the configured key is replaced
wherever it appears, and so is anything shaped like a bearer token or an API key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MASK = "[redacted]"
_SHAPES = re.compile(
    r"(?i)(?<![A-Za-z0-9])(?:"
    r"bearer\s+[A-Za-z0-9._~+/=-]{8,}"  # an Authorization header's value
    r"|(?:sk|pk|rk|ak)-[A-Za-z0-9_-]{12,}"  # OpenAI-style keys (sk-..., sk-proj-..., sk-ant-...)
    r"|(?:api[_-]?key|access[_-]?token|secret)[\"']?\s*[:=]\s*[\"']?[A-Za-z0-9._~+/=-]{8,}"
    r")"
)
_SHORTEST_SECRET = 6  # shorter "keys" ("none", "x") are placeholders, and masking them garbles text


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """`text` with each of `secrets` and every key-shaped string replaced by a mask."""
    for secret in secrets:
        if secret and len(secret) >= _SHORTEST_SECRET:
            text = text.replace(secret, MASK)
    return _SHAPES.sub(MASK, text)
