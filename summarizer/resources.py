"""Where prompt templates and generated schemas live: inside a built wheel, or the source tree."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """`prompts` or `schemas`: the wheel's bundled copy if present, else the checkout's."""
    bundled = _PACKAGE / "_data" / name
    return bundled if bundled.is_dir() else _PACKAGE.parent / name
