"""A sample of `make sweep` (bench/sweep.py): a few texts of every kind go through the extractive
reader and the numbered sentences with no exception and no offset astray, and a document that
raises is reported with its file while the others are still read."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import pytest

import tests.offsets
from bench import sweep
from summarizer.readers import Document
from tests import records


def sample() -> list[sweep.Source]:
    """Two records of each kind held in the repository, the invented committee session in
    every layout, and the hostile texts."""
    chosen = [
        source
        for group in ("invented", "reconcile")
        for source in islice(sweep.record_sources({group: sweep.IN_REPO[group]}), 2)
    ]
    chosen += sweep.meeting_sources("committee", records.TURNS)
    chosen += sweep.meeting_sources("committee", records.TURNS, variant=5)
    return chosen + list(sweep.hostile_texts())


def failures(outcomes: list[sweep.Outcome]) -> list[str]:
    return [f"{outcome.name}: {line}" for outcome in outcomes for line in outcome.failures]


def test_a_sample_of_every_kind_of_text_is_read_with_every_offset_inside_it(
    tmp_path: Path,
) -> None:
    """Records, a meeting as speaker text, WebVTT, SRT and JSON, hostile texts and files: each
    read as a caller's text and as a file, none raising, every quote at its offsets."""
    chosen = sample()
    outcomes = [sweep.sweep_source(source) for source in chosen]
    outcomes += sweep.sweep_files(tmp_path)
    assert failures(outcomes) == []
    read = {outcome.name for outcome in outcomes if outcome.documents}
    assert {source.name for source in chosen if not source.refusable} <= read
    assert sum(outcome.refused for outcome in outcomes) >= 10  # the hostile files, refused


def test_a_document_that_raises_is_reported_with_its_file_and_the_sweep_goes_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rule that raises on one document: that source fails naming the exception and where it
    was raised, the next one is still read, and the report exits 1 naming the source."""
    real = tests.offsets.extract

    def extract(document: Document) -> object:
        if "harbour" in document.text:
            raise IndexError("list index out of range")
        return real(document)

    monkeypatch.setattr(tests.offsets, "extract", extract)
    texts = ["The harbour board met on Monday.", "Minister Ana Silva met Jonas Berg on Monday."]
    chosen = [
        sweep.Source(name=f"doc{n}", group="g", content=t, suffix=".txt")
        for n, t in enumerate(texts)
    ]
    bad, good = [sweep.sweep_source(source) for source in chosen]
    assert bad.failures
    assert all(
        "raised IndexError: list index out of range at tests/test_sweep.py" in line
        for line in bad.failures
    )
    assert good.failures == []
    assert good.documents == 1
    assert sweep.report([bad, good], seconds=1.0) == 1
    assert "FAILED doc0: read as text: raised IndexError" in capsys.readouterr().out
