"""Containment: an exception nobody planned for becomes an InternalError for that document alone.

A bug of ours, or a library raising what it should not (spaCy's UnicodeEncodeError, a
RecursionError in a parser), must fail the one document that triggers it, never the batch. The
error names where it was raised, in the package's own terms ("nlp/items.py:_cue_phrase"), keeps
the traceback for the ledger, and keeps the original as `__cause__`.
"""

from __future__ import annotations

import re
import traceback
from pathlib import Path

from summarizer.errors import InternalError

_PACKAGE = Path(__file__).resolve().parent
# A traceback made in a worker process reaches us as text (concurrent.futures' _RemoteTraceback).
_REMOTE_FRAME = re.compile(r'^\s*File "([^"]+)", line \d+, in (\S+)', re.MULTILINE)
_MESSAGE_LIMIT = 300


def contained(error: Exception, *, source: str) -> InternalError:
    """The InternalError that reports `error` for the document `source`; raise it `from error`."""
    frames = _frames(error)
    where = _where(frames)
    reason = " ".join(f"{type(error).__name__}: {error}".split())
    if len(reason) > _MESSAGE_LIMIT:
        reason = reason[: _MESSAGE_LIMIT - 1] + "\u2026"
    message = (
        f"{source}: internal error in {where}: {reason} "
        "(a bug in summarizer; this document reproduces it, please report it)"
    )
    details = "".join(traceback.format_exception(error))
    internal = InternalError(message, where=where, details=details)
    internal.__cause__ = error
    return internal


def _frames(error: BaseException) -> list[tuple[str, str]]:
    """(file, function) of each frame, outermost first, the worker process's where it had one."""
    remote = error.__cause__
    if remote is not None and type(remote).__name__ == "_RemoteTraceback":
        return _REMOTE_FRAME.findall(str(remote))
    return [(frame.filename, frame.name) for frame in traceback.extract_tb(error.__traceback__)]


def _where(frames: list[tuple[str, str]]) -> str:
    """The innermost frame in this package; a library's name is added where it raised."""
    ours = [(file, name) for file, name in frames if _relative(file) is not None]
    if not ours:
        return _library(frames[-1][0]) if frames else "an unknown place"
    file, name = ours[-1]
    where = f"{_relative(file)}:{name}"
    if frames and _relative(frames[-1][0]) is None:
        where += f" (raised in {_library(frames[-1][0])})"
    return where


def _relative(file: str) -> str | None:
    try:
        return Path(file).resolve().relative_to(_PACKAGE).as_posix()
    except (ValueError, OSError):
        return None


def _library(file: str) -> str:
    """The top-level package a file belongs to ('spacy'), or the file's own name."""
    parts = Path(file).parts
    for at, part in enumerate(parts[:-1]):
        if part in ("site-packages", "dist-packages") or _STDLIB.fullmatch(part):
            following = parts[at + 1]
            if following not in ("site-packages", "dist-packages"):
                return following.removesuffix(".py")
    return Path(file).name


_STDLIB = re.compile(r"python3\.\d+")
