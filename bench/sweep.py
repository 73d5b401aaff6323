"""`make sweep`: every text at hand through the extractive reader and the numbered-sentence layer.

The gold, invented, transcript and reconcile examples, the QMSum meetings (as speaker-labelled
text, and written here as WebVTT, SRT and a JSON list of turns, with made-up times) and the
hostile inputs of the tests. Each is read as a caller's text (`document_from_text`) and as a file
(`read_document`); each document read is summarized by the rules and numbered as the assisted
engine numbers it, and every offset is checked (tests/offsets.py). An exception is reported with
the file and form it came from and the sweep goes on; it exits 1 if any document raised or broke
an offset. `--every N` takes every Nth QMSum meeting; `tests/test_sweep.py` runs a sample.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.readers import Document, InputSpec, discover, document_from_text, read_document
from tests import forms
from tests.hostile import INPUTS, NAMED, make_folder
from tests.offsets import document_problems
from tests.test_bad_inputs import HOSTILE, MEETING, make_corpus

ROOT = Path(__file__).resolve().parent.parent
# The gold examples and the QMSum corpus sit beside the repository, as for `make bench`.
SHARED = ROOT.parent / "shared"
_PROGRESS = 50  # sources between two progress lines: a full sweep takes long
IN_REPO = {
    "invented": ROOT / "examples" / "invented",
    "transcripts": ROOT / "examples" / "transcripts",
    "reconcile": ROOT / "examples" / "reconcile",
}


@dataclass(frozen=True)
class Source:
    """One text to sweep: read from `content` as a caller's text and from a file of `suffix`.

    `refusable`: an InputError is a fair answer (a hostile input), not a failure."""

    name: str
    group: str
    content: str
    suffix: str
    published: str | None = None
    text: str | None = None  # what a caller holds, where it is not the file's content
    refusable: bool = False


@dataclass
class Outcome:
    name: str
    group: str
    documents: int = 0
    refused: int = 0
    seconds: float = 0.0  # of CPU: a busy machine's wall clock says little about the reader
    failures: list[str] = field(default_factory=list)


def shared_folders(shared: Path) -> dict[str, Path]:
    """The folders outside the repository, each checked: a sweep that quietly read nothing
    would pass."""
    folders = {
        "gold": shared / "examples" / "dev",
        "gold transcripts": shared / "examples" / "transcripts",
        "qmsum": shared / "corpora" / "qmsum",
    }
    for folder in folders.values():
        if not any(folder.rglob("*.json")):
            raise SystemExit(f"sweep: no records in {folder}; pass --shared DIR (../shared)")
    return folders


def record_sources(folders: dict[str, Path]) -> Iterator[Source]:
    """Each example record (a reconcile example's every source): its text as a caller's, the
    record itself as a JSON file."""
    for group, folder in folders.items():
        for path in sorted(folder.rglob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            for record in data.get("documents", [data]):
                part = f"#{record.get('id')}" if "documents" in data else ""
                yield _record(record, f"{_shown(path)}{part}", group)


def _record(record: dict[str, Any], name: str, group: str) -> Source:
    return Source(
        name=name,
        group=group,
        content=json.dumps(record, ensure_ascii=False),
        suffix=".json",
        published=record.get("published"),
        text=record["text"],
    )


def qmsum_sources(folder: Path, every: int = 1) -> Iterator[Source]:
    """Each QMSum meeting's turns in the four layouts a record comes in."""
    paths = sorted(folder.rglob("*.json"))[::every]
    for number, path in enumerate(paths):
        data = json.loads(path.read_text(encoding="utf-8"))
        turns = [(turn["speaker"], turn["content"]) for turn in data["meeting_transcripts"]]
        yield from meeting_sources(_shown(path), turns, variant=number)


def meeting_sources(name: str, turns: forms.Turns, *, variant: int = 0) -> Iterator[Source]:
    """One meeting's turns as speaker text, WebVTT, SRT and JSON; `variant` picks among the
    ways each is written (voice tags or 'Name:' prefixes, whisper segments or a list)."""
    layouts = {
        "speaker text": (".txt", forms.speaker_text(turns)),
        "webvtt": (".vtt", forms.webvtt(turns, voices=variant % 2 == 0)),
        "srt": (".srt", forms.srt(turns)),
        "turns json": (
            ".json",
            forms.turns_json(
                turns, key=("text", "content")[variant % 2], segments=variant % 3 == 2
            ),
        ),
    }
    for layout, (suffix, content) in layouts.items():
        yield Source(name=f"{name} as {layout}", group="qmsum", content=content, suffix=suffix)


def hostile_texts() -> Iterator[Source]:
    """Texts that once raised deep inside a library or a rule (tests/test_inputs_that_raised.py,
    tests/test_sweep_findings.py) and the awkward texts of tests/test_bad_inputs.py. A record's
    caller holds its text."""
    deep = '{"text": "x", "a": ' + "[" * 100_000 + "]" * 100_000 + "}"
    sunday, friday = (
        MEETING.replace("Monday", "Sunday"),
        MEETING.replace("on Monday", "next Friday"),
    )
    turns = [("Ana \ud800Silva", "We met \ud800 today."), ("Jonas Berg", "We did.")] * 2
    cases = [
        ("lone surrogate", ".json", json.dumps({"text": f"{MEETING} \ud800 End."}), None, None),
        ("lone surrogate in a transcript", ".json", forms.turns_json(turns), None, None),
        ("deep JSON", ".json", deep, None, "x"),
        ("day one of the calendar", ".txt", sunday, "0001-01-01", None),
        ("last day of the calendar", ".txt", friday, "9999-12-31", None),
        ("only a headline", ".txt", "Silva meets Berg", None, None),
        ("opens like WebVTT", ".txt", f"WEBVTT notes\n{MEETING}", None, None),
        ("injected instructions", ".txt", HOSTILE, None, None),
        ("braces only", ".txt", "{{ }} {% %} {# #}", None, None),
    ]
    for name, suffix, content, published, text in cases:
        yield Source(
            name=f"hostile: {name}",
            group="hostile",
            content=content,
            suffix=suffix,
            published=published,
            text=text,
            refusable=name == "deep JSON",  # the file, too deep to read; the others are read
        )


def sources(shared: Path, every: int = 1) -> Iterator[Source]:
    folders = shared_folders(shared)
    qmsum = folders.pop("qmsum")
    yield from record_sources({**folders, **IN_REPO})
    yield from hostile_texts()
    yield from qmsum_sources(qmsum, every)


def sweep_source(source: Source) -> Outcome:
    """Read the source both ways; check every distinct document read. Never raises."""
    outcome = Outcome(source.name, source.group)
    started = time.process_time()
    with tempfile.TemporaryDirectory(prefix="sweep-") as folder:
        path = Path(folder, f"document{source.suffix}")
        path.write_bytes(source.content.encode("utf-8", "surrogatepass"))
        readers: dict[str, Callable[[], Document]] = {
            "text": lambda: document_from_text(
                source.text if source.text is not None else source.content,
                source=source.name,
                published=source.published,
            ),
            "file": lambda: read_document(
                InputSpec(path=path, name="document"), published=source.published
            ),
        }
        seen: set[tuple[str, str, str | None]] = set()
        for how, reader in readers.items():
            document = _read(reader, how, source.refusable, outcome)
            if document is None:
                continue
            key = (document.sha256, repr(document.layout), document.published)
            if key not in seen:
                seen.add(key)
                _check(document, how, outcome)
    outcome.seconds = time.process_time() - started
    return outcome


def _read(
    reader: Callable[[], Document], how: str, refusable: bool, outcome: Outcome
) -> Document | None:
    try:
        return reader()
    except InputError as error:
        if refusable:
            outcome.refused += 1
        else:
            outcome.failures.append(f"read as {how}: refused: {error}")
    except Exception as error:
        outcome.failures.append(f"read as {how}: {_raised(error)}")
    return None


def _check(document: Document, how: str, outcome: Outcome) -> None:
    outcome.documents += 1
    try:
        problems = document_problems(document)
    except Exception as error:
        problems = [_raised(error)]
    outcome.failures += [f"read as {how}: {problem}" for problem in problems]


def sweep_files(folder: Path) -> list[Outcome]:
    """The hostile files of the tests (tests/hostile, tests/test_bad_inputs.py), found by
    walking a folder and named one by one, each read and checked like any input."""
    make_folder(folder / "hostile", INPUTS)
    make_folder(folder / "named", NAMED)
    make_corpus(folder / "awkward")
    specs = discover([str(folder / "hostile"), str(folder / "awkward")])
    specs += [InputSpec(path=folder / "named" / case.name, name=case.name) for case in NAMED]
    outcomes = []
    for spec in specs:
        outcome = Outcome(f"hostile file: {spec.source}", "hostile files")
        started = time.process_time()
        document = _read(lambda spec=spec: read_document(spec), "file", True, outcome)
        if document is not None:
            _check(document, "file", outcome)
        outcome.seconds = time.process_time() - started
        outcomes.append(outcome)
    return outcomes


def run(chosen: list[Source], *, jobs: int) -> list[Outcome]:
    """Sweep the sources in `jobs` worker processes (each loads the parser once), then the
    hostile files here."""
    outcomes: list[Outcome] = []
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        for done, outcome in enumerate(pool.map(sweep_source, chosen, chunksize=1), 1):
            outcomes.append(outcome)
            for line in outcome.failures:  # as found: a long sweep shows them before its end
                print(f"FAILED {outcome.name}: {line}", file=sys.stderr, flush=True)
            if done % _PROGRESS == 0:
                print(f"{done} of {len(chosen)} sources", file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="sweep-files-") as folder:
        outcomes += sweep_files(Path(folder))
    return outcomes


def _raised(error: BaseException) -> str:
    """The exception and where it was raised, innermost frame last."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {_shown(Path(frames[-1].filename))}:{frames[-1].lineno}" if frames else ""
    return f"raised {type(error).__name__}: {str(error)[:200]}{where}"


def _shown(path: Path) -> str:
    for base in (ROOT, ROOT.parent):
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return str(path)


def report(outcomes: list[Outcome], seconds: float) -> int:
    """Print a line per group and every failure; 1 if any."""
    groups: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        groups.setdefault(outcome.group, []).append(outcome)
    print(f"{'group':<18}{'sources':>8}{'documents':>10}{'refused':>8}{'failed':>7}{'cpu s':>9}")
    for group, members in groups.items():
        failed = sum(bool(o.failures) for o in members)
        documents = sum(o.documents for o in members)
        refused = sum(o.refused for o in members)
        spent = sum(o.seconds for o in members)
        print(f"{group:<18}{len(members):>8}{documents:>10}{refused:>8}{failed:>7}{spent:>9.1f}")
    slowest = max(outcomes, key=lambda o: o.seconds)
    print(f"slowest: {slowest.name} ({slowest.seconds:.1f} s)")
    failures = [(o.name, line) for o in outcomes for line in o.failures]
    for name, line in failures:
        print(f"FAILED {name}: {line}")
    documents = sum(o.documents for o in outcomes)
    cpu = sum(o.seconds for o in outcomes)
    print(
        f"{documents} documents from {len(outcomes)} sources in {seconds:.0f} s "
        f"({cpu:.0f} s of CPU): {len({name for name, _ in failures})} failed"
    )
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=1, help="every Nth QMSum meeting only")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--shared", type=Path, default=SHARED, help="the gold and QMSum folder")
    options = parser.parse_args(argv)
    started = time.perf_counter()
    chosen = list(sources(options.shared, max(1, options.every)))
    outcomes = run(chosen, jobs=max(1, options.jobs))
    return report(outcomes, time.perf_counter() - started)


if __name__ == "__main__":
    sys.exit(main())
