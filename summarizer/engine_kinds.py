"""What each kind of engine is, in one place: the rest of the package asks this, never `if`s.

A kind says its default model and workers, whether a failed answer may fall back to the
extractive result, whether its endpoint address is part of a result's identity (the cache key),
whether big batches spread over worker processes, how long a document part it reads, what the
CLI says after a run, and which function builds it. The builder is named as "module:function"
and imported when the engine is first made, so an extractive run never loads the LLM stack.

Adding an engine: one module with its builder, one entry in KINDS (and its name in EngineName).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from summarizer.errors import InternalError

if TYPE_CHECKING:
    from summarizer.config import Settings

EMBEDDED_MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"
OPENAI_DEFAULT_MODEL = "gpt-4o-mini"
EXTRACTIVE_MODEL_KEY = "extractive"  # its price-table and ledger name


def cores() -> int:
    """The cores this process may run on: the most worker processes that can repay their start."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def _embedded_part(context_tokens: int, max_tokens: int) -> int:
    """What the embedded model's context leaves after the instructions (~600 tokens) and the
    answer."""
    return max(400, context_tokens - max_tokens - 700)


@dataclass(frozen=True, slots=True)
class EngineKind:
    name: str
    default_model: str
    model_is_chosen: bool  # --model picks the model (an endpoint serves many)
    workers: Callable[[], int]  # documents at once unless --concurrency says
    may_fall_back: bool  # a failed or ungrounded answer becomes the extractive result
    endpoint_in_identity: bool  # the base URL is part of the cache key
    spreads_over_processes: bool  # big batches run in worker processes
    part_tokens: Callable[[int, int], int]  # (context tokens, max tokens) -> document part
    note: str | None  # said after a run that used it
    builder: str  # "module:function" that makes it: (settings, BuildParts) -> Engine

    def build(self, settings: Settings, parts: BuildParts) -> Any:
        """Import the builder and make the engine."""
        module, _, function = self.builder.partition(":")
        try:
            make = getattr(importlib.import_module(module), function)
        except (ImportError, AttributeError) as error:
            raise InternalError(f"engine {self.name}: no builder {self.builder}") from error
        return make(settings, parts)


@dataclass(frozen=True, slots=True)
class BuildParts:
    """What a Summarizer hands a builder besides settings; each engine takes what it needs."""

    prompts: Any = None  # prompts.PromptSet
    policy: Any = None  # transport.RetryPolicy
    endpoint: Any = None  # llm.Endpoint, when given instead of the settings' one
    transport: Any = None  # an httpx transport (tests)
    processes: int = 1  # worker processes for an engine that spreads over them


KINDS: dict[str, EngineKind] = {
    "endpoint": EngineKind(
        name="endpoint",
        default_model=OPENAI_DEFAULT_MODEL,
        model_is_chosen=True,
        workers=lambda: 8,
        may_fall_back=True,
        endpoint_in_identity=True,
        spreads_over_processes=False,
        part_tokens=lambda _context, _answer: 6000,
        note=None,
        builder="summarizer.engines.build:build_endpoint_engine",
    ),
    "embedded": EngineKind(
        name="embedded",
        default_model=EMBEDDED_MODEL,
        model_is_chosen=False,
        workers=lambda: 1,  # the local server decodes one answer at a time
        may_fall_back=True,
        endpoint_in_identity=False,
        spreads_over_processes=False,
        part_tokens=_embedded_part,
        note="the embedded Qwen2.5-Coder 1.5B model wrote these whole, citing sentence numbers.",
        builder="summarizer.engines.build:build_embedded_engine",
    ),
    "assisted": EngineKind(
        name="assisted",
        default_model=EMBEDDED_MODEL,
        model_is_chosen=True,
        workers=lambda: 1,  # one question at a time keeps the server's prompt cache warm
        may_fall_back=True,
        endpoint_in_identity=True,
        spreads_over_processes=False,
        part_tokens=lambda context, _answer: max(400, context - 1400),  # short answers
        note="the parser read the document and the model decided (--engine assisted) who takes "
        "part and which sentence is the meeting, with its place.",
        builder="summarizer.engines.build:build_assisted_engine",
    ),
    "extractive": EngineKind(
        name="extractive",
        default_model=EXTRACTIVE_MODEL_KEY,
        model_is_chosen=False,
        workers=cores,
        may_fall_back=False,
        endpoint_in_identity=False,
        spreads_over_processes=True,
        part_tokens=lambda _context, _answer: 6000,
        note="the offline extractive engine (rules over a spaCy parse, no LLM) wrote these.",
        builder="summarizer.engines.extractive:build_extractive_engine",
    ),
}


def kind_of(name: str) -> EngineKind:
    try:
        return KINDS[name]
    except KeyError:
        raise InternalError(f"no engine kind {name!r}; known: {', '.join(KINDS)}") from None
