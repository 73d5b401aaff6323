"""Shared fixtures: a scripted OpenAI-compatible server on loopback and a Summarizer aimed at it."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

import summarizer.engines.weights as weights
from summarizer import Settings, Summarizer
from summarizer.config import EndpointKind, EngineName
from summarizer.engine_kinds import EMBEDDED_MODEL
from summarizer.llm import Endpoint
from summarizer.transport import RetryPolicy
from tests.fake_openai import FakeOpenAI, serve

# Fuzzing (tests/fuzz.py) draws the same examples on every run and keeps no example database;
# its caches live in the temporary folder, so nothing is written into the repository. `make
# sweep` loads `sweep`: ten times as many, drawn at random. A test's budget is in hundreds of
# examples, so 100 here is one unit.
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "summarizer-hypothesis"))
_FUZZ = {"deadline": None, "database": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("ci", derandomize=True, max_examples=100, **_FUZZ)
settings.register_profile("sweep", derandomize=False, max_examples=1000, **_FUZZ)
settings.load_profile("ci")


class FakeClock:
    """Records the sleeps a retry policy asks for instead of sleeping."""

    def __init__(self) -> None:
        self.sleeps: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)


@pytest.fixture(autouse=True)
def private_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Every test gets its own result cache, so no test reuses another's results."""
    path = tmp_path / "cache.sqlite"
    monkeypatch.setenv("SUMMARIZER_CACHE", str(path))
    return path


# The real check, kept before the fixture below replaces it in every test.
model_installed = weights.installed


@pytest.fixture(autouse=True)
def offline_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """`auto` picks the embedded model wherever it is installed; tests run the extractive engine
    unless they ask for another (a test of `auto` itself sets what it needs). Child processes
    see SUMMARIZER_ENGINE."""
    monkeypatch.setattr(weights, "installed", lambda *_args: False)
    monkeypatch.setenv("SUMMARIZER_ENGINE", "extractive")


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
        values: dict[str, Any] = {
            "engine": EngineName.ENDPOINT,
            "base_url": fake_server.base_url,
            "model": "scripted",
            "api_key": "sk-test-not-a-real-key-000000",
            "endpoint_kind": kind,
            "fallback": False,
        }
        settings = Settings(**{**values, **overrides})
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
    monkeypatch.delenv("SUMMARIZER_ENGINE", raising=False)  # `auto` then picks the endpoint
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
    }


def pytest_recording_configure(config: Any, vcr: Any) -> None:  # noqa: ARG001 - hook signature
    vcr.register_matcher("json_body", _json_body)


def recording(request: pytest.FixtureRequest) -> bool:
    return request.config.getoption("--record-mode") not in (None, "none")


RECORDED_WITH = Path(__file__).parent / "cassettes" / "recorded_with.json"


@dataclass(frozen=True)
class Recorded:
    """The engine and endpoint the cassettes were recorded against, so replay sends the very same
    requests: model name, request shape and whether instructions ride in the user turn."""

    engine: EngineName
    endpoint: Endpoint


@pytest.fixture(scope="session")
def recorded(request: pytest.FixtureRequest) -> Iterator[Recorded]:
    """Recording: a real server (the embedded one, or SUMMARIZER_RECORD_MODEL at OPENAI_BASE_URL
    with OPENAI_API_KEY). Replaying: an address only the cassette answers."""
    if not recording(request):
        meta = json.loads(RECORDED_WITH.read_text()) if RECORDED_WITH.exists() else {}
        yield Recorded(
            engine=EngineName(meta.get("engine", "assisted")),
            endpoint=Endpoint(
                base_url=REPLAY_URL,
                model=meta.get("model", EMBEDDED_MODEL),
                kind=EndpointKind(meta.get("kind", "llamacpp")),
                system_role=meta.get("system_role", True),
            ),
        )
        return
    with _recording_target() as target:
        RECORDED_WITH.parent.mkdir(parents=True, exist_ok=True)
        RECORDED_WITH.write_text(
            json.dumps(
                {
                    "engine": target.engine.value,
                    "model": target.endpoint.model,
                    "kind": target.endpoint.kind.value,
                    "system_role": target.endpoint.system_role,
                },
                indent=2,
            )
            + "\n"
        )
        yield target


@contextmanager
def _recording_target() -> Iterator[Recorded]:
    model = os.environ.get("SUMMARIZER_RECORD_MODEL")
    if model:
        endpoint = Endpoint(
            base_url=os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1"),
            model=model,
            api_key=os.environ.get("OPENAI_API_KEY", ""),
            kind=EndpointKind.OPENAI,
        )
        yield Recorded(engine=EngineName.ENDPOINT, endpoint=endpoint)
        return
    from summarizer.engines.embedded import embedded_endpoint, embedded_server

    server = embedded_server(context_tokens=8192)
    try:
        yield Recorded(engine=EngineName.ASSISTED, endpoint=embedded_endpoint(server))
    finally:
        server.close()


@contextmanager
def cassette_hint(cassette: str) -> Iterator[None]:
    """Turn 'no recorded answer for this request' into the command that fixes it."""
    stale = False
    try:
        yield
    except Exception as error:  # re-raised unless it is the cassette's doing
        chain: list[BaseException] = []
        current: BaseException | None = error
        while current is not None and current not in chain:
            chain.append(current)
            current = current.__cause__ or current.__context__
        if not any(type(e).__name__ == "CannotOverwriteExistingCassetteException" for e in chain):
            raise
        stale = True
    if stale:
        pytest.fail(
            f"cassette {cassette} is missing or stale (a prompt, schema or setting changed): "
            "run `make cassettes` and commit the result",
            pytrace=False,
        )
