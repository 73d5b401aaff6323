"""Build an LLM engine (an endpoint, or the embedded model) from settings.

Kept apart from the pipeline so that instructor and openai are imported only when an LLM is used:
an extractive run starts half a second sooner.
"""

from __future__ import annotations

from dataclasses import replace

import httpx2

from summarizer.config import OPENAI_DEFAULT_MODEL, OPENAI_DEFAULT_URL, EngineName, Settings
from summarizer.engines.embedded import (
    EMBEDDED_SAMPLING,
    UNRELIABLE_WARNING,
    embedded_endpoint,
    embedded_server,
)
from summarizer.engines.llm_engine import LLMEngine
from summarizer.llm import CallOptions, Endpoint, LLMClient
from summarizer.prompts import PromptSet
from summarizer.server import ManagedServer
from summarizer.transport import RetryPolicy


def build_llm_engine(
    settings: Settings,
    *,
    prompts: PromptSet,
    policy: RetryPolicy,
    endpoint: Endpoint | None = None,
    transport: httpx2.AsyncBaseTransport | None = None,
) -> LLMEngine:
    """The embedded engine (starting its server unless `endpoint` is one already running), or
    any OpenAI-compatible endpoint (`endpoint`, else the one settings describe)."""
    options = CallOptions(
        max_tokens=settings.max_tokens,
        temperature=settings.temperature,
        max_reasks=settings.max_reasks,
    )

    def client(target: Endpoint) -> LLMClient:
        return LLMClient(
            target,
            policy=policy,
            timeout=settings.request_timeout,
            concurrency=settings.workers(),
            transport=transport,
        )

    if settings.selected_engine() is EngineName.EMBEDDED:
        server, target = _embedded(settings, endpoint)
        return LLMEngine(
            client(target),
            name=EngineName.EMBEDDED.value,
            prompts=prompts,
            options=replace(options, sampling=dict(EMBEDDED_SAMPLING)),
            server=server,
            warnings=(UNRELIABLE_WARNING,),
            assist=settings.assist,
            chunk_tokens=settings.chunk_tokens(),
            seconds_per_part=seconds_per_part(settings),
        )
    target = endpoint or Endpoint(
        base_url=settings.base_url or OPENAI_DEFAULT_URL,
        model=settings.model or OPENAI_DEFAULT_MODEL,
        api_key=settings.api_key or "",
        kind=settings.endpoint_kind,
    )
    return LLMEngine(
        client(target),
        name=EngineName.ENDPOINT.value,
        prompts=prompts,
        options=options,
        assist=settings.assist,
        chunk_tokens=settings.chunk_tokens(),
        seconds_per_part=seconds_per_part(settings),
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
