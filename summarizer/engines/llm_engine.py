"""The LLM engine: prompt, validated draft, grounding, and one corrective re-ask for what failed."""

from __future__ import annotations

import summarizer.calls as calls
from summarizer.chunking import CHARS_PER_TOKEN, Chunk, split, split_turns
from summarizer.engines import EngineResult
from summarizer.engines.on_endpoint import OnEndpoint
from summarizer.engines.parts import read_in_parts
from summarizer.errors import InvalidOutputError, ProviderError
from summarizer.grounding import GroundedDraft, SourceIndex, ground_draft
from summarizer.llm import CallOptions, LLMClient
from summarizer.models import Usage
from summarizer.prompts import (
    Hints,
    PartNote,
    PromptSet,
    build_messages,
    grounding_reask_message,
)
from summarizer.readers import Document
from summarizer.server import ManagedServer


class LLMEngine(OnEndpoint):
    """Any OpenAI-compatible endpoint; with `server`, one this engine started and must stop."""

    def __init__(
        self,
        client: LLMClient,
        *,
        name: str,
        prompts: PromptSet,
        options: CallOptions,
        server: ManagedServer | None = None,
        warnings: tuple[str, ...] = (),
        assist: bool = False,
        chunk_tokens: int = 6000,
        seconds_per_part: float | None = None,
    ) -> None:
        """`seconds_per_part`: how long one part of a document (all its calls, re-asks and
        retry waits) may take before the document is given up (None: no bound)."""
        super().__init__(client, name=name, prompts=prompts, options=options, server=server)
        self._warnings = warnings
        self._assist = assist
        self._chunk_chars = chunk_tokens * CHARS_PER_TOKEN
        self._seconds_per_part = seconds_per_part

    async def run(self, document: Document) -> EngineResult:
        """One call (plus re-asks) per document, or per part of a document too long for one;
        the whole document within `seconds_per_part` times its parts."""
        size, overlap = self._chunk_chars, self._chunk_chars // 10
        chunks = (
            split_turns(document.text, document.layout.turns, max_chars=size, overlap_chars=overlap)
            if document.layout.turns
            else split(document.text, max_chars=size, overlap_chars=overlap)
        )
        bound = None if self._seconds_per_part is None else self._seconds_per_part * len(chunks)
        return await self._served(lambda: self._within(bound, self._run_chunks(document, chunks)))

    async def _run_chunks(self, document: Document, chunks: list[Chunk]) -> EngineResult:
        if len(chunks) == 1:
            return await self._run_part(document, None)
        return await read_in_parts(document, chunks, self._run_part)

    async def _run_part(self, document: Document, part: PartNote | None) -> EngineResult:
        log = calls.current()
        if log is not None:
            log.part = part.number if part is not None else None
        index = SourceIndex(document.text)
        messages = build_messages(
            self._prompts,
            document,
            system_role=self._client.endpoint.system_role,
            hints=index_hints(document.text) if self._assist else None,
            part=part,
        )
        first = await self._client.extract(messages, self._options)
        grounded = ground_draft(first.draft, index, published=document.published)
        answers = [first]
        spent: list[tuple[int, Usage]] = []  # failed calls: their attempts and tokens count too
        warnings = list(self._warnings)
        failures = grounded.failures()
        if failures:
            retry = [
                *messages,
                {"role": "assistant", "content": first.answer},
                grounding_reask_message(self._prompts, failures),
            ]
            try:
                second = await self._client.extract(
                    retry, self._options, purpose="grounding re-ask"
                )
            except (InvalidOutputError, ProviderError) as exc:
                warnings.append(f"grounding re-ask failed, first answer kept: {exc}")
                spent.append(_spent_by(exc))
            else:
                answers.append(second)
                regrounded = ground_draft(second.draft, index, published=document.published)
                if regrounded.ungrounded_count() <= grounded.ungrounded_count():
                    grounded = regrounded
        spent.extend((call.attempts, call.usage) for call in answers)
        return _result(grounded, spent, warnings)


def index_hints(text: str) -> Hints:
    """Candidate people (with their titles) and the body's sentences, from one spaCy pass."""
    from summarizer.nlp.index import build_index  # spaCy loads only when hints are asked for

    index = build_index(text)
    people = [f"{p.role} {p.name}" if p.role else p.name for p in index.people]
    sentences = [" ".join(s.text.split()) for s in index.body]
    return Hints(people=people, sentences=sentences)


def _spent_by(error: InvalidOutputError | ProviderError) -> tuple[int, Usage]:
    if not isinstance(error, InvalidOutputError):
        return 1, Usage()
    return error.attempts, Usage.of(error.tokens)


def _result(
    grounded: GroundedDraft, spent: list[tuple[int, Usage]], warnings: list[str]
) -> EngineResult:
    attempts = sum(count for count, _ in spent)
    usage = sum((used for _, used in spent), start=Usage())
    return EngineResult(
        grounded=grounded,
        attempts=attempts,
        reasks=max(0, attempts - 1),
        usage=usage,
        warnings=warnings,
    )
