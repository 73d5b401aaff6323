"""Shared fixtures: a scripted OpenAI-compatible server on loopback and a Summarizer aimed at it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from summarizer import Settings, Summarizer
from summarizer.config import EMBEDDED_MODEL, EndpointKind, EngineName
from summarizer.llm import Endpoint
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


# --- Cassettes -----------------------------------------------------------------------------------
# Recorded from a real OpenAI-compatible server (`make cassettes`: the embedded llama.cpp server on
# loopback), replayed offline. Hosts and ports differ between recording and replay, so requests
# match on method, path and the JSON body; secrets never reach a file.
SECRET_HEADERS = ["authorization", "api-key", "openai-organization", "openai-project", "cookie"]
REPLAY_URL = "http://127.0.0.1:9/v1"  # nothing listens there: only the cassette can answer


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in ("set-cookie", "openai-organization", "openai-project"):
            del headers[name]
    return response


def _json_body(r1: Any, r2: Any) -> None:
    """Bodies match as JSON (key order and spacing do not matter); a difference says where."""
    first, second = json.loads(r1.body or b"null"), json.loads(r2.body or b"null")
    if first != second:
        raise AssertionError("request bodies differ: the prompt, schema or settings changed")


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return {
        "filter_headers": SECRET_HEADERS,
        "before_record_response": _scrub_response,
        "decode_compressed_response": True,
        "match_on": ["method", "path", "json_body"],
        "record_mode": "none",
    }


def pytest_recording_configure(config: Any, vcr: Any) -> None:  # noqa: ARG001 - hook signature
    vcr.register_matcher("json_body", _json_body)


def recording(request: pytest.FixtureRequest) -> bool:
    return request.config.getoption("--record-mode") not in (None, "none")


@pytest.fixture(scope="session")
def recorded_endpoint(request: pytest.FixtureRequest) -> Iterator[Endpoint]:
    """When recording: the embedded server, really started. When replaying: an address that only
    the cassette answers (the network is blocked in CI)."""
    if not recording(request):
        yield Endpoint(
            base_url=REPLAY_URL, model=EMBEDDED_MODEL, kind=EndpointKind.LLAMACPP, system_role=False
        )
        return
    from summarizer.engines.embedded import embedded_endpoint, embedded_server

    server = embedded_server(context_tokens=4096)
    try:
        yield embedded_endpoint(server)
    finally:
        server.close()


@contextmanager
def cassette_hint(cassette: str) -> Iterator[None]:
    """Turn 'no recorded answer for this request' into the command that fixes it."""
    try:
        yield
    except Exception as error:  # re-raised unless it is the cassette's doing
        chain: list[BaseException] = []
        current: BaseException | None = error
        while current is not None and current not in chain:
            chain.append(current)
            current = current.__cause__ or current.__context__
        if any(type(e).__name__ == "CannotOverwriteExistingCassetteException" for e in chain):
            pytest.fail(
                f"cassette {cassette} is missing or stale (a prompt, schema or setting changed): "
                "run `make cassettes` and commit the result",
                pytrace=False,
            )
        raise
