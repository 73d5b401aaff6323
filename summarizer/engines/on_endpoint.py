"""What every engine that asks a model shares: its client, the server it may have started."""

from __future__ import annotations

from summarizer.llm import LLMClient
from summarizer.server import ManagedServer


class OnEndpoint:
    """An engine that asks a model at an endpoint, and stops the server it started, if any."""

    _client: LLMClient
    _server: ManagedServer | None

    @property
    def model(self) -> str:
        return self._client.endpoint.model

    @property
    def endpoint_kind(self) -> str | None:
        kind = self._client.known_kind
        return kind.value if kind is not None else None

    async def aclose(self) -> None:
        try:
            await self._client.aclose()
        finally:
            if self._server is not None:
                self._server.close()
