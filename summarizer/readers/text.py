"""Text a document is made of: never empty, never holding what no UTF-8 writer can write, its
layout read (a transcript, minutes, or prose), and its publication date checked."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from summarizer.errors import InputError
from summarizer.readers import detect
from summarizer.readers.document import Document
from summarizer.readers.structure import InputFormat


def from_text(
    text: str,
    *,
    source: str,
    name: str,
    suffix: str = "",
    records: bool = True,
    forced: InputFormat | None = None,
) -> Document:
    """A document of `text`, its layout read (as `forced` says, else by suffix and content)
    unless `records` is off (an HTML page's text, unless a format is forced)."""
    if not text.strip():
        raise InputError(f"{source}: holds no text; nothing to summarize")
    text = valid_text(text)
    if not records and forced is None:
        return Document(text=text, source=source, name=name)
    read, found = detect.layout(text, source=source, suffix=suffix, forced=forced)
    return Document(text=read, source=source, name=name, layout=found)


# Code points that are half of a UTF-16 pair: a JSON string may hold one alone ("\\ud800"),
# and no UTF-8 writer (spaCy, a summary file) can encode it.
SURROGATES = re.compile("[\ud800-\udfff]")


def valid_text(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD: one character for one, so every
    offset into it is an offset into the text as given."""
    return SURROGATES.sub("\ufffd", text)


ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def publication_day(value: object, name: str) -> str | None:
    """`value` as a publication date: a day like 2024-03-05, with a time after it or not,
    kept as given; None when absent. Raises InputError naming `name` otherwise: a date that
    is not one would leave "today" and "on Monday" unanchored without a word."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and _is_day(value[:10]) and value[10:11] in ("", "T", " "):
        return value
    raise InputError(f"{name} is {value!r}, not a date like 2024-03-05; fix it or leave it out")


def _is_day(text: str) -> bool:
    if not ISO_DAY.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def document_from_text(
    text: str,
    *,
    source: str = "<text>",
    published: str | None = None,
    input_format: InputFormat | None = None,
) -> Document:
    """A Document for text a caller already holds (the library entry point); its layout is read
    from its content unless `input_format` says it."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}; decode bytes first")
    name = Path(source).stem or "document"
    document = from_text(text, source=source, name=name, forced=input_format)
    day = publication_day(published, f"{source}: published")
    return replace(document, published=day)
