"""How files are read: regular files only, never more than a document could take, decoded
from whatever encoding they are in; and how a path is shown when its name is not UTF-8."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from summarizer.errors import InputError

# The most characters read as one document unless SUMMARIZER_MAX_DOCUMENT_CHARS says.
DEFAULT_MAX_CHARS = 200_000
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text", ".vtt", ".srt"})

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})

RECORD_SUFFIXES = frozenset({".json"})

SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES

STDIN = "-"

_BINARY_PROBE = 8192

# Bytes a document may hold per character it may have, checked before reading: UTF-8 needs at
# most 4 per character; an HTML page carries markup and scripts around its text.
_BYTES_PER_CHAR = 4

_HTML_BYTES_PER_CHAR = 20


def shown_path(path: Path) -> str:
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_regular(path: Path, *, max_bytes: int, too_large: str) -> bytes:
    """A file's bytes, for every file the tool reads (inputs, gold records, saved summaries):
    a regular file only (a FIFO would block, a device never end), at most `max_bytes` of it;
    a larger one is refused before it is read whole, its message ending with `too_large`."""
    with open_regular(path) as file:
        try:
            raw = file.read(max_bytes + 1)
        except OSError as exc:
            raise _unreadable(path, exc) from None
    if len(raw) > max_bytes:
        raise InputError(f"{shown_path(path)}: over {max_bytes:,} bytes, {too_large}")
    return raw


@contextmanager
def open_regular(path: Path, *, fix: str = "pass a text file") -> Iterator[BinaryIO]:
    """`path` opened for reading without blocking, once it is known to be a regular file (else
    an InputError ending with `fix`)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    try:
        mode = os.fstat(descriptor).st_mode
    except OSError as exc:
        os.close(descriptor)
        raise _unreadable(path, exc) from None
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        raise InputError(f"{shown_path(path)}: not a regular file ({_kind(mode)}); {fix}")
    with os.fdopen(descriptor, "rb") as file:
        yield file


def _unreadable(path: Path, exc: OSError) -> InputError:
    shown = shown_path(path)
    if isinstance(exc, PermissionError):
        return InputError(f"{shown}: permission denied; make the file readable")
    if isinstance(exc, IsADirectoryError):
        return InputError(f"{shown}: is a folder; pass the folder itself to read its files")
    reason = exc.strerror or type(exc).__name__
    return InputError(f"{shown}: cannot be read ({reason}); check the path")


def byte_limit(max_chars: int, suffix: str = "") -> int:
    """The most bytes a document of at most `max_chars` characters can take (HTML: with its
    markup), so a larger input is refused before it is read."""
    per_char = _HTML_BYTES_PER_CHAR if suffix in HTML_SUFFIXES else _BYTES_PER_CHAR
    return max_chars * per_char


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((label for test, label in kinds if test(mode)), "not a plain file")


def decode(raw: bytes, source: str) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; otherwise the most likely encoding."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{source}: broken UTF-16 text; re-save it as UTF-8") from None
    if b"\x00" in raw[:_BINARY_PROBE]:
        raise InputError(
            f"{source}: looks like a binary file, not text; pass .txt, .md, .html or .json"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    candidates = from_bytes(raw)
    guess = candidates.best()
    if guess is None or guess.encoding is None:
        raise InputError(f"{source}: cannot tell its text encoding; convert it to UTF-8 (iconv)")
    # Several single-byte code pages fit short texts equally well; Western news is Windows-1252.
    if any(match.encoding in ("cp1252", "latin_1") for match in candidates):
        return raw.decode("cp1252", errors="replace")
    return str(guess)
