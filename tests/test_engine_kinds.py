"""Engines are described in one place (`engine_kinds.KINDS`): the Summarizer, batches, settings
and the CLI ask the description. A stand-in engine registered there runs end to end."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from summarizer import Settings, summarize
from summarizer.cli import main
from summarizer.config import EngineName
from summarizer.engine_kinds import KINDS, BuildParts
from summarizer.engines import EngineResult
from summarizer.engines.extractive import extract
from summarizer.readers import Document
from tests.hostile import MEETING


class EchoEngine:
    """Runs the extractive rules under another name: enough to see who asks whom."""

    name = "echo"
    model = "echo-1"
    endpoint_kind = None

    async def run(self, document: Document) -> EngineResult:
        return EngineResult(grounded=extract(document))

    async def aclose(self) -> None:
        return None


def build_echo_engine(_settings: Settings, _parts: BuildParts) -> EchoEngine:
    return EchoEngine()


@pytest.fixture
def echo_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The offline slot of the registry now holds the echo engine, with numbers of its own."""
    echo = replace(
        KINDS["extractive"],
        builder="tests.test_engine_kinds:build_echo_engine",
        workers=lambda: 3,
        part_tokens=lambda _context, _answer: 777,
        note="the echo engine wrote these.",
    )
    monkeypatch.setitem(KINDS, "extractive", echo)


@pytest.mark.usefixtures("echo_registered")
def test_an_engine_registered_in_kinds_is_what_runs_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Built by its builder, its workers and part size used by Settings, its name and model in
    the CLI's closing lines: nothing else had to change."""
    settings = Settings(engine=EngineName.EXTRACTIVE)
    assert settings.workers() == 3
    assert settings.chunk_tokens() == 777
    assert summarize(MEETING, settings=settings).provenance.engine == "echo"
    (tmp_path / "a.txt").write_text(MEETING)
    assert main([str(tmp_path / "a.txt"), "--engine", "extractive", "--no-files"]) == 0
    err = capsys.readouterr().err
    assert "engine: echo (echo-1)" in err


def test_every_kind_names_a_builder_that_exists() -> None:
    """A typo in a builder path fails here, not on a user's first run."""
    import importlib

    for kind in KINDS.values():
        module, _, function = kind.builder.partition(":")
        assert callable(getattr(importlib.import_module(module), function)), kind.name


def test_concurrency_past_any_endpoints_reach_is_capped() -> None:
    """SUMMARIZER_CONCURRENCY=10**9 against an endpoint keeps 512 documents in flight, not a
    billion (the batch's window would otherwise hold every document in memory)."""
    from summarizer.config import MOST_AT_ONCE

    settings = Settings(engine="endpoint", base_url="http://127.0.0.1:9/v1", concurrency=10**9)
    assert settings.workers() == MOST_AT_ONCE == 512
