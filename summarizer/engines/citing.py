"""What the engines whose model cites numbered sentences share: the call, its cost, its bound.

The assisted and compact engines send the document as numbered sentences and turn the numbers
a model cites into the source's own spans. This module holds the parts both need: the client
and its server, a deadline per document, the conversation shape, and what the calls cost.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Span

from summarizer.chunking import CHARS_PER_TOKEN
from summarizer.documents import Document
from summarizer.engines import EngineResult
from summarizer.engines.on_endpoint import OnEndpoint
from summarizer.errors import InvalidOutputError
from summarizer.grounding import GroundedDraft
from summarizer.llm import AnswerT, CallOptions, Completion, LLMClient
from summarizer.models import Usage
from summarizer.numbered import NumberedText
from summarizer.prompts import Message, PromptSet
from summarizer.server import ManagedServer
from summarizer.support import judge


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
        return await self._served(lambda: self._within(self._seconds, self._run(document)))

    async def _run(self, document: Document) -> EngineResult:
        raise NotImplementedError

    def _numbered(self, text: str, sentences: Iterable[Span], spent: Spent) -> NumberedText:
        """The document's sentences, as many as the model's context takes (a warning if cut)."""
        spans = [(s.start_char, s.end_char) for s in sentences]
        kept = [span for span in spans if span[1] <= self._document_chars] or spans[:1]
        if len(kept) < len(spans):
            spent.warnings.append(
                f"only the first {len(kept)} of {len(spans)} sentences were read (the model's "
                "context); set SUMMARIZER_CONTEXT_TOKENS higher"
            )
        return NumberedText(text, kept)

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
