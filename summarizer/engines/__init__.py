"""Engines turn a Document into grounded items; every engine's result becomes the same schema.

Engines are async: LLM engines wait on the network without holding a thread, and the extractive
engine hands its CPU work to a worker thread or processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from summarizer.grounding import GroundedDraft
from summarizer.models import Usage
from summarizer.readers import Document


@dataclass(frozen=True, slots=True)
class EngineResult:
    grounded: GroundedDraft
    attempts: int = 0
    reasks: int = 0
    usage: Usage = field(default_factory=Usage)
    warnings: list[str] = field(default_factory=list)
    chunks: int = 1


class Engine(Protocol):
    name: str

    @property
    def model(self) -> str: ...

    @property
    def endpoint_kind(self) -> str | None: ...

    async def run(self, document: Document) -> EngineResult: ...

    async def aclose(self) -> None: ...
