"""A document read part by part: each part told who the parts before it named and what they
covered, its progress reported, the parts' results merged with every offset moved into the
whole text. The endpoint engine and the engines that cite sentences share it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from summarizer import progress
from summarizer.chunking import Chunk, merge, shift
from summarizer.engines import EngineResult
from summarizer.models import Usage
from summarizer.prompts import PartNote
from summarizer.readers import Document
from summarizer.support import judge

ReadPart = Callable[[Document, PartNote], Awaitable[EngineResult]]


async def read_in_parts(document: Document, chunks: list[Chunk], read: ReadPart) -> EngineResult:
    """`read` each part in order; one result, its cost the parts' sum."""
    results: list[EngineResult] = []
    people: list[str] = []
    agenda: list[str] = []
    for number, chunk in enumerate(chunks, start=1):
        progress.part(number, len(chunks))
        part = Document(
            text=chunk.text,
            source=f"{document.source}#part{number}",
            name=document.name,
            published=document.published,
        )
        result = await read(part, PartNote(number, len(chunks), list(people), list(agenda)))
        people += [p.name for p in result.grounded.participants if p.name not in people]
        agenda += [t.label for t in result.grounded.agenda_topics if t.label not in agenda]
        results.append(result)
    merged = merge([shift(r.grounded, c.start) for r, c in zip(results, chunks, strict=True)])
    return EngineResult(
        grounded=judge(merged),
        attempts=sum(r.attempts for r in results),
        reasks=sum(r.reasks for r in results),
        usage=sum((r.usage for r in results), start=Usage()),
        warnings=list(dict.fromkeys(w for r in results for w in r.warnings)),
        chunks=len(chunks),
    )
