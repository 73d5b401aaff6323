"""What the engines whose model cites numbered sentences share: the call, its cost, its bound.

The assisted and compact engines send the document as numbered sentences and turn the numbers
a model cites into the source's own spans. This module holds the parts both need: the client
and its server, a deadline per document, the conversation shape, and what the calls cost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from summarizer.chunking import CHARS_PER_TOKEN, split_turns
from summarizer.engines import EngineResult
from summarizer.engines.on_endpoint import OnEndpoint
from summarizer.engines.parts import read_in_parts
from summarizer.errors import InvalidOutputError
from summarizer.grounding import GroundedDraft
from summarizer.llm import AnswerT, CallOptions, Completion, LLMClient
from summarizer.models import Usage
from summarizer.numbered import NumberedText
from summarizer.prompts import Message, PartNote, PromptSet, render
from summarizer.readers import Document
from summarizer.server import ManagedServer
from summarizer.support import judge

if TYPE_CHECKING:
    from summarizer.nlp.index import DocumentIndex


@dataclass
class Spent:
    """What the calls for one document cost, failed ones included, and what to tell the user."""

    attempts: int = 0
    usage: Usage = field(default_factory=Usage)
    warnings: list[str] = field(default_factory=list)

    def add(self, completion: Completion[AnswerT]) -> AnswerT:
        self.attempts += completion.attempts
        self.usage += completion.usage
        return completion.draft

    def failed(self, error: InvalidOutputError) -> None:
        self.attempts += error.attempts
        self.usage += Usage.of(error.tokens)

    def result(self, draft: GroundedDraft, questions: int) -> EngineResult:
        """The engine's result: the draft judged for support, with what it cost."""
        return EngineResult(
            grounded=judge(draft),
            attempts=self.attempts,
            reasks=max(0, self.attempts - questions),
            usage=self.usage,
            warnings=self.warnings,
        )


class CitingEngine(OnEndpoint):
    """Base of the engines that ask for sentence numbers; subclasses write `_run`."""

    def __init__(
        self,
        client: LLMClient,
        *,
        name: str,
        prompts: PromptSet,
        options: CallOptions,
        server: ManagedServer | None = None,
        document_tokens: int = 3000,
        seconds_per_document: float | None = None,
    ) -> None:
        """`document_tokens`: how much of a document the model's context takes (the rest is
        not read, and the result says so); `seconds_per_document`: the bound on all its calls."""
        super().__init__(client, name=name, prompts=prompts, options=options, server=server)
        self._document_chars = document_tokens * CHARS_PER_TOKEN
        self._seconds = seconds_per_document

    async def run(self, document: Document) -> EngineResult:
        """The document in one question, or a meeting's record longer than the model's context
        in parts cut where turns start, each bound by the per-document deadline."""
        if not document.layout.turns or len(document.text) <= self._document_chars:
            return await self._served(
                lambda: self._within(self._seconds, self._run(document, None))
            )
        chunks = split_turns(
            document.text,
            document.layout.turns,
            max_chars=self._document_chars,
            overlap_chars=self._document_chars // 20,
        )
        bound = None if self._seconds is None else self._seconds * len(chunks)
        parts = read_in_parts(document, chunks, self._run)
        return await self._served(lambda: self._within(bound, parts))

    async def _run(self, document: Document, part: PartNote | None) -> EngineResult:
        """One document, or one `part` of a longer one."""
        raise NotImplementedError

    def _part_note(self, part: PartNote | None) -> str:
        """What a part's prompt adds: which part, the people and topics of the parts before."""
        if part is None:
            return ""
        return "\n" + render(
            self._prompts.chunk,
            part=str(part.number),
            parts=str(part.of),
            people=", ".join(dict.fromkeys(part.people)) or "none yet",
            agenda="; ".join(dict.fromkeys(part.agenda)) or "none yet",
        )

    def _numbered(self, index: DocumentIndex, spent: Spent) -> NumberedText:
        """The document's sentences as the source has them, as many as the model's context
        takes (a warning if cut)."""
        spans = [index.in_source(sentence) for sentence in index.doc.sents]
        kept = [span for span in spans if span[1] <= self._document_chars] or spans[:1]
        if len(kept) < len(spans):
            spent.warnings.append(
                f"only the first {len(kept)} of {len(spans)} sentences were read (the model's "
                "context); set SUMMARIZER_CONTEXT_TOKENS higher"
            )
        return NumberedText(index.source, kept)

    def _conversation(self, system: str, user: str) -> list[Message]:
        if self._client.endpoint.system_role:
            return [{"role": "system", "content": system}, {"role": "user", "content": user}]
        return [{"role": "user", "content": f"{system}\n{user}"}]

    async def _ask(
        self, answer: type[AnswerT], messages: list[Message], purpose: str
    ) -> Completion[AnswerT]:
        """One grammar-constrained question; the prompt describes the fields itself, so the
        JSON schema is not added to it (it would also break the server's prompt-prefix reuse)."""
        return await self._client.ask(
            answer, messages, self._options, purpose=purpose, schema_text=False
        )
