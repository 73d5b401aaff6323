"""One input read into a Document: the reader its suffix and content call for."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from summarizer.errors import InputError
from summarizer.readers.discover import InputSpec
from summarizer.readers.document import Document
from summarizer.readers.files import (
    DEFAULT_MAX_CHARS,
    HTML_SUFFIXES,
    RECORD_SUFFIXES,
    STDIN,
    byte_limit,
    decode,
    read_regular,
)
from summarizer.readers.html import from_html
from summarizer.readers.record import from_record
from summarizer.readers.structure import InputFormat
from summarizer.readers.text import from_text, publication_day


def read_document(
    spec: InputSpec,
    stdin: bytes | None = None,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    published: str | None = None,
    input_format: InputFormat | None = None,
) -> Document:
    """Read and decode one input. Raises InputError naming the file and the fix.

    Only regular files are read (a FIFO or a device would block or never end), and a file far
    larger than `max_chars` characters could take is refused before it is read. `published` is
    the publication date of a document that does not state one itself (a JSON record's field
    or an HTML page's metadata win). A record's `published` that is not a date is an InputError,
    as `published` itself is. `input_format` says the layout outright (`--input-format`);
    else the suffix and the content tell it."""
    published = publication_day(published, "published")
    document = _read(spec, stdin, max_chars=max_chars, published=published, forced=input_format)
    if document.published is None and published is not None:
        return replace(document, published=published)
    return document


def _read(
    spec: InputSpec,
    stdin: bytes | None,
    *,
    max_chars: int,
    published: str | None,
    forced: InputFormat | None,
) -> Document:
    if spec.error is not None:
        raise InputError(spec.error)
    if spec.path is None:
        raw = stdin if stdin is not None else b""
        return from_text(decode(raw, STDIN), source=STDIN, name=spec.name, forced=forced)
    suffix = spec.path.suffix.lower()
    raw = _read_bytes(spec.path, max_bytes=byte_limit(max_chars, suffix), max_chars=max_chars)
    if suffix in RECORD_SUFFIXES:
        text = decode(raw, spec.source)
        return from_record(text, source=spec.source, name=spec.name, forced=forced)
    text = decode(raw, spec.source)
    if suffix in HTML_SUFFIXES:
        return from_html(
            text, source=spec.source, name=spec.name, published=published, forced=forced
        )
    return from_text(text, source=spec.source, name=spec.name, suffix=suffix, forced=forced)


def _read_bytes(path: Path, *, max_bytes: int, max_chars: int) -> bytes:
    return read_regular(
        path,
        max_bytes=max_bytes,
        too_large=f"more than the {max_chars:,} characters read at once could take; split it, "
        "or raise SUMMARIZER_MAX_DOCUMENT_CHARS",
    )
