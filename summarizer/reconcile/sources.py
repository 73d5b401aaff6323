"""What the reconciler reads: each document's summary beside the text its offsets point into.

A `MeetingReport` is plain data (name, text, publisher, date, summary), so the library call, the
CLI and the scorer build it the same way. Quotes leave here only as exact spans of their own
source: an evidence whose offsets do not give back its quote is not carried into a reconciled
meeting.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from summarizer.models import Evidence, MeetingSummary
from summarizer.readers import Document
from summarizer.reconcile.models import Quoted, SourceRef


@dataclass(frozen=True, slots=True)
class MeetingReport:
    """One document about a meeting: its summary and the text that summary is grounded in.
    `name` is the document's output name (`OUT/<name>.json`); sources are cited by it."""

    name: str
    summary: MeetingSummary
    text: str
    source: str = ""  # path or id; the name when empty
    publisher: str | None = None
    published: str | None = None

    @classmethod
    def of(cls, document: Document, summary: MeetingSummary) -> MeetingReport:
        """From a document as read and its summary (the CLI's and the library's way)."""
        return cls(
            name=document.name,
            summary=summary,
            text=document.text,
            source=document.source,
            publisher=document.metadata.get("publisher"),
            published=document.published,
        )

    def ref(self) -> SourceRef:
        return SourceRef(
            name=self.name,
            source=self.source or self.name,
            publisher=self.publisher,
            published=self.published,
            sha256=hashlib.sha256(self.text.encode("utf-8")).hexdigest(),
        )

    def quoted(self, evidence: Iterable[Evidence]) -> list[Quoted]:
        """The evidence that is an exact span of this text, as quotes citing this source."""
        return list(self._spans(evidence))

    def _spans(self, evidence: Iterable[Evidence]) -> Iterator[Quoted]:
        for item in evidence:
            start, end = item.start, item.end
            if start is None or end is None or not 0 <= start < end <= len(self.text):
                continue
            if self.text[start:end] != item.quote:
                continue
            yield Quoted(source=self.name, quote=item.quote, start=start, end=end)

    def span(self, start: int, end: int) -> Quoted:
        """The text from start to end, cited as this source."""
        return Quoted(source=self.name, quote=self.text[start:end], start=start, end=end)

    def find(self, phrase: str, *, near: Quoted | None = None) -> Quoted | None:
        """`phrase` where this text has it, preferring the occurrence inside `near`."""
        if not phrase:
            return None
        if near is not None:
            inside = self.text.find(phrase, near.start, near.end)
            if inside >= 0:
                return self.span(inside, inside + len(phrase))
        where = self.text.find(phrase)
        return self.span(where, where + len(phrase)) if where >= 0 else None
