"""A document to summarize: its text exactly as read, where it came from, and its layout (a
meeting's own record has turns or minutes' lists; prose has neither)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from summarizer.readers.structure import InputFormat, Layout


@dataclass(frozen=True, slots=True)
class Document:
    """A text to summarize. `published` (ISO date) anchors relative dates like 'today'."""

    text: str
    source: str
    name: str
    published: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    # What reading it found that a reader of the summary should know (its provenance says it).
    warnings: tuple[str, ...] = ()
    # A meeting's own record: its format and turns (or minutes' lists); prose has neither.
    layout: Layout = field(default_factory=lambda: Layout(format=InputFormat.PROSE))

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()
