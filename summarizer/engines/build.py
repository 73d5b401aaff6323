"""Build an LLM engine (an endpoint, or the embedded model) from settings.

Kept apart from the pipeline so that instructor and openai are imported only when an LLM is used:
an extractive run starts half a second sooner.
"""

from __future__ import annotations

from dataclasses import replace

from summarizer.config import OPENAI_DEFAULT_URL, EngineName, Settings
from summarizer.engine_kinds import EMBEDDED_MODEL, OPENAI_DEFAULT_MODEL, BuildParts
from summarizer.engines.assisted import AssistedEngine
from summarizer.engines.compact import CompactEngine
from summarizer.engines.embedded import (
    EMBEDDED_SAMPLING,
    embedded_endpoint,
    embedded_server,
)
from summarizer.engines.llm_engine import LLMEngine
from summarizer.llm import CallOptions, Endpoint, LLMClient
from summarizer.server import ManagedServer


def build_endpoint_engine(settings: Settings, parts: BuildParts) -> LLMEngine:
    """Any OpenAI-compatible endpoint: `parts.endpoint`, else the one settings describe."""
    target = parts.endpoint or Endpoint(
        base_url=settings.base_url or OPENAI_DEFAULT_URL,
        model=settings.resolved_model(),
        api_key=settings.api_key or "",
        kind=settings.endpoint_kind,
    )
    return LLMEngine(
        _client(settings, parts, target),
        name=EngineName.ENDPOINT.value,
        prompts=parts.prompts,
        options=_options(settings),
        assist=settings.assist,
        chunk_tokens=settings.chunk_tokens(),
        seconds_per_part=seconds_per_part(settings),
    )


def build_embedded_engine(settings: Settings, parts: BuildParts) -> CompactEngine:
    """The embedded model, starting its server unless `parts.endpoint` is one already running;
    it answers in the compact contract (sentence numbers, no schema text in the prompt)."""
    server, target = _embedded(settings, parts.endpoint)
    return CompactEngine(
        _client(settings, parts, target, server),
        name=EngineName.EMBEDDED.value,
        prompts=parts.prompts,
        options=replace(_options(settings), sampling=dict(EMBEDDED_SAMPLING)),
        server=server,
        document_tokens=settings.chunk_tokens(),
        seconds_per_document=seconds_per_part(settings),
    )


def build_assisted_engine(settings: Settings, parts: BuildParts) -> AssistedEngine:
    """The parser proposes, a model decides: the endpoint settings describe (--base-url), or
    else the embedded model, whose server this engine starts and stops."""
    server: ManagedServer | None = None
    options = _options(settings)
    if parts.endpoint is not None:
        target = parts.endpoint
    elif settings.base_url or settings.api_key:
        target = Endpoint(
            base_url=settings.base_url or OPENAI_DEFAULT_URL,
            model=settings.model or OPENAI_DEFAULT_MODEL,
            api_key=settings.api_key or "",
            kind=settings.endpoint_kind,
        )
    else:
        server, target = _embedded(settings, None)
    if target.model == EMBEDDED_MODEL:
        options = replace(options, sampling=dict(EMBEDDED_SAMPLING))
    return AssistedEngine(
        _client(settings, parts, target, server),
        name=EngineName.ASSISTED.value,
        prompts=parts.prompts,
        options=options,
        server=server,
        document_tokens=settings.chunk_tokens(),
        seconds_per_document=seconds_per_part(settings),  # one question
    )


def _options(settings: Settings) -> CallOptions:
    return CallOptions(
        max_tokens=settings.max_tokens,
        temperature=settings.temperature,
        max_reasks=settings.max_reasks,
    )


def _client(
    settings: Settings, parts: BuildParts, target: Endpoint, server: ManagedServer | None = None
) -> LLMClient:
    return LLMClient(
        target,
        policy=parts.policy,
        timeout=settings.request_timeout,
        concurrency=settings.workers(),
        transport=parts.transport,
        server=server,
    )


def seconds_per_part(settings: Settings) -> float:
    """The longest one part of a document may take: its answer, every re-ask and the grounding
    re-ask (each at most --timeout), plus the transport's retry wait budget."""
    calls = settings.max_reasks + 2
    return calls * settings.request_timeout + settings.retry_budget_seconds


def _embedded(settings: Settings, given: Endpoint | None) -> tuple[ManagedServer | None, Endpoint]:
    """A server given to us, or one we start (and stop if it never answers)."""
    if given is not None:
        return None, given
    server = embedded_server(settings.context_tokens)
    try:
        return server, embedded_endpoint(server)
    except BaseException:
        server.close()
        raise
