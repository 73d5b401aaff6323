"""Shared fixtures: a scripted OpenAI-compatible server on loopback and a Summarizer aimed at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from summarizer import Settings, Summarizer
from summarizer.config import EndpointKind, EngineName
from summarizer.transport import RetryPolicy
from tests.fake_openai import FakeOpenAI, serve


class FakeClock:
    """Records the sleeps a retry policy asks for instead of sleeping."""

    def __init__(self) -> None:
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)


@pytest.fixture
def fake_server() -> Iterator[FakeOpenAI]:
    with serve(FakeOpenAI()) as fake:
        yield fake


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_summarizer(fake_server: FakeOpenAI, clock: FakeClock) -> Iterator[object]:
    made: list[Summarizer] = []

    def make(kind: EndpointKind = EndpointKind.OPENAI, **overrides: object) -> Summarizer:
        """A Summarizer on the scripted server; no extractive fallback unless asked for."""
        overrides.setdefault("fallback", False)
        settings = Settings(
            engine=EngineName.ENDPOINT,
            base_url=fake_server.base_url,
            model="scripted",
            api_key="sk-test-not-a-real-key-000000",
            endpoint_kind=kind,
            **overrides,  # type: ignore[arg-type]
        )
        import random

        policy = RetryPolicy(sleep=clock.sleep, rng=random.Random(7), budget_seconds=30)
        summarizer = Summarizer(settings, retry_policy=policy)
        made.append(summarizer)
        return summarizer

    yield make
    for summarizer in made:
        summarizer.close()


@pytest.fixture
def endpoint_env(monkeypatch: pytest.MonkeyPatch, fake_server: FakeOpenAI) -> FakeOpenAI:
    """Point the CLI at the scripted server the way a user would: through the environment."""
    monkeypatch.setenv("OPENAI_BASE_URL", fake_server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key-000000")
    monkeypatch.setenv("SUMMARIZER_MODEL", "scripted")
    monkeypatch.setenv("SUMMARIZER_ENDPOINT_KIND", "openai")
    monkeypatch.setenv("SUMMARIZER_FALLBACK", "no")
    return fake_server
