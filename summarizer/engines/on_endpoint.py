"""What every engine that asks a model shares: its client, the server it may have started."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import TypeVar

from summarizer.engines import EngineResult
from summarizer.errors import ProviderError, ServerDiedError
from summarizer.llm import CallOptions, LLMClient
from summarizer.prompts import PromptSet
from summarizer.server import ManagedServer

T = TypeVar("T")


class OnEndpoint:
    """An engine that asks a model at an endpoint, and stops the server it started, if any."""

    def __init__(
        self,
        client: LLMClient,
        *,
        name: str,
        prompts: PromptSet,
        options: CallOptions,
        server: ManagedServer | None,
    ) -> None:
        self.name = name
        self._client = client
        self._prompts = prompts
        self._options = options
        self._server = server

    @property
    def model(self) -> str:
        return self._client.endpoint.model

    @property
    def endpoint_kind(self) -> str | None:
        kind = self._client.known_kind
        return kind.value if kind is not None else None

    async def _within(self, seconds: float | None, work: Awaitable[T]) -> T:
        """`work`, given up after `seconds` (None: no bound) with a ProviderError saying so."""
        if seconds is None:
            return await work
        try:
            async with asyncio.timeout(seconds):
                return await work
        except TimeoutError:
            raise ProviderError(
                f"{self._client.endpoint.display_url} took more than {seconds:.0f} s for this "
                "document, its limit; raise --timeout or check the server"
            ) from None

    async def _served(self, work: Callable[[], Awaitable[EngineResult]]) -> EngineResult:
        """`work()`; when the server this engine started dies under it, `work()` again on the
        server restarted (once a run: see `ManagedServer.restart`), with a warning saying so."""
        try:
            return await work()
        except ServerDiedError as died:
            if self._server is None:
                raise
            note = f"{died}; it was started again and this document read anew"
        await asyncio.to_thread(self._server.restart)
        result = await work()
        return replace(result, warnings=[*result.warnings, note])

    async def aclose(self) -> None:
        try:
            await self._client.aclose()
        finally:
            if self._server is not None:
                self._server.close()
