"""One document's bug fails that document, never the run: through the CLI, `summarize eval`, the
library and `SummarizePartition`; and the inputs that once raised from deep inside are read.

A bug is planted with monkeypatch in a reading rule, so it raises from the real call path (the
extractive engine's worker thread) only for the document that holds a marker word.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
from pathlib import Path

import pytest

import summarizer.nlp.items as items
from summarizer import InternalError, Settings, Summarizer, SummarizerError
from summarizer.cli import main
from summarizer.config import EngineName
from summarizer.engines.extractive import ExtractiveEngine
from summarizer.partition import SummarizePartition
from summarizer.readers import Document

MEETING = (
    "Foreign Minister Ana Silva met with Foreign Minister Jonas Berg in Lisbon on Sunday. "
    "They discussed fisheries, energy links and migration. Minister Berg raised concerns "
    "about new tariffs on Nordic salmon."
)
MARKER = "Quillwort"  # the planted bug raises for the document that holds this word


@pytest.fixture
def planted_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    """`items.frictions` raises IndexError for a document holding MARKER, as a real bug would."""
    real = items.frictions

    def frictions(sentences, *args, **kwargs):  # type: ignore[no-untyped-def]
        if any(MARKER in sentence.text for sentence in sentences):
            return [][0]
        return real(sentences, *args, **kwargs)

    monkeypatch.setattr("summarizer.nlp.reading.frictions", frictions)


def three_documents(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.txt").write_text(MEETING)
    (folder / "b.txt").write_text(f"{MEETING} {MARKER} was named.")
    (folder / "c.txt").write_text(MEETING.replace("Lisbon", "Porto"))


@pytest.mark.usefixtures("planted_bug")
def test_a_document_that_trips_a_bug_fails_alone_and_the_others_are_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The bad document between two good ones: both good ones written, one line naming the
    file, the exception and where it was raised, no traceback, exit 1."""
    three_documents(tmp_path / "in")
    code = main([str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    stderr = capsys.readouterr().err
    assert code == 1
    assert (tmp_path / "out" / "a.json").exists()
    assert (tmp_path / "out" / "c.json").exists()
    assert not (tmp_path / "out" / "b.json").exists()
    line = next(line for line in stderr.splitlines() if "b.txt" in line)
    assert "internal error in nlp/reading.py:read" in line
    assert "IndexError" in line
    assert "a bug" in line
    assert "Traceback" not in stderr
    assert "2 summarized, 1 failed" in stderr


@pytest.mark.usefixtures("planted_bug")
def test_verbose_prints_the_traceback_and_the_ledger_keeps_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`-v` shows the traceback under the error line; `summarize runs N --json` has it too."""
    three_documents(tmp_path / "in")
    main([str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-v"])
    assert "Traceback (most recent call last)" in capsys.readouterr().err
    assert main(["runs", "1", "--json"]) == 0
    documents = json.loads(capsys.readouterr().out)["documents"]
    failed = next(d for d in documents if d["source"].endswith("b.txt"))
    assert failed["outcome"] == "failed"
    assert "Traceback (most recent call last)" in failed["detail"]
    assert "IndexError" in failed["detail"]


@pytest.mark.usefixtures("planted_bug")
def test_eval_scores_a_document_that_trips_a_bug_zero_and_scores_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`summarize eval`: the bad record's row is zero with its reason printed; the others are
    scored; the table is printed; exit 1."""
    gold = tmp_path / "gold"
    gold.mkdir()
    meeting = {"title_keywords": ["silva"], "status": "held", "date": None}
    meeting |= {"location": "Lisbon", "format": "in_person"}
    person = {"name": "Ana Silva", "aliases": [], "attended": True}
    for name, text in (("a", MEETING), ("b", f"{MEETING} {MARKER} was named."), ("c", MEETING)):
        record = {
            "id": name,
            "text": text,
            "gold": {
                "meeting": meeting,
                "participants": [person],
                "mentioned_not_attending": [],
                "topics": [{"label": "fisheries", "keywords": ["fisheries"]}],
                "frictions": [],
            },
        }
        (gold / f"{name}.json").write_text(json.dumps(record))
    code = main(["eval", str(gold), "--json", str(tmp_path / "scores.json")])
    captured = capsys.readouterr()
    assert code == 1
    assert "internal error in nlp/reading.py:read" in captured.err
    rows = {
        row["id"]: row for row in json.loads((tmp_path / "scores.json").read_text())["documents"]
    }
    assert rows["b"]["overall"] == 0.0
    assert rows["a"]["participants"]["f1"] > 0
    assert rows["c"]["participants"]["f1"] > 0


@pytest.mark.usefixtures("planted_bug")
def test_the_library_raises_a_summarizer_error_with_the_bug_as_its_cause() -> None:
    """`Summarizer.summarize`: an InternalError (a SummarizerError) naming where, the original
    IndexError as `__cause__`; the same Summarizer then summarizes the next text."""
    with Summarizer() as summarizer:
        with pytest.raises(InternalError) as raised:
            summarizer.summarize(f"{MEETING} {MARKER} was named.")
        assert isinstance(raised.value, SummarizerError)
        assert isinstance(raised.value.__cause__, IndexError)
        assert raised.value.where == "nlp/reading.py:read (raised in test_containment.py)"
        assert "Traceback" in raised.value.details
        assert summarizer.summarize(MEETING).participants


@pytest.mark.usefixtures("planted_bug")
def test_a_partition_puts_the_bug_in_its_rows_error_and_summarizes_the_others() -> None:
    """SummarizePartition (the Ray/Dask UDF): the bad row gets an `error`, the others a summary."""
    partition = SummarizePartition(Settings(engine=EngineName.EXTRACTIVE))
    try:
        rows = partition({"text": [MEETING, f"{MEETING} {MARKER}.", MEETING], "id": [1, 2, 3]})
    finally:
        partition.close()
    assert rows["error"][0] is None
    assert rows["error"][2] is None
    assert "internal error" in rows["error"][1]
    assert rows["summary"][1] is None
    assert rows["summary"][0] is not None


def test_a_worker_process_that_dies_is_replaced_and_the_document_read_again() -> None:
    """A pool whose worker was killed (a crash in a C library) breaks for every document under
    way; the next document is read on a fresh pool instead of failing."""
    engine = ExtractiveEngine(processes=2)
    document = Document(text=MEETING, source="one.txt", name="one")

    async def run_twice_killing_workers_between() -> int:
        await engine.run(document)
        executor = engine._workers()
        for pid in list(executor._processes):  # type: ignore[attr-defined]
            os.kill(pid, signal.SIGKILL)
        result = await engine.run(document)
        await engine.aclose()
        return len(result.grounded.participants)

    assert asyncio.run(run_twice_killing_workers_between()) >= 2
