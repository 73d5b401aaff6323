"""Summarize many inputs: one bad document never stops the others, and every result is on disk.

Each finished document's files are written (atomically) before the next starts, so an interrupted
run loses at most the document in flight.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.documents import Document, InputSpec, read_document
from summarizer.errors import InputError, OutputError, ProviderError, SummarizerError
from summarizer.models import MeetingSummary
from summarizer.output import output_path, write_atomic
from summarizer.pipeline import Summarizer
from summarizer.render import to_json, to_markdown
from summarizer.report import ReportEntry, load_entry, render_report


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What happened to one input: a summary and the files written, or the error."""

    spec: InputSpec
    summary: MeetingSummary | None = None
    document: Document | None = None
    error: SummarizerError | None = None
    skipped: bool = False
    seconds: float = 0.0
    files: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.summary is not None


def run_batch(
    specs: Sequence[InputSpec],
    summarizer: Summarizer,
    *,
    out_dir: Path | None,
    stdin: bytes | None = None,
) -> Iterator[DocumentResult]:
    """Yield one result per input, in order. A fatal endpoint error skips the rest."""
    fatal: ProviderError | None = None
    for spec in specs:
        if fatal is not None:
            yield DocumentResult(spec=spec, error=fatal, skipped=True)
            continue
        result = _one(spec, summarizer, out_dir=out_dir, stdin=stdin)
        if isinstance(result.error, ProviderError) and result.error.fatal:
            fatal = result.error
        yield result


def _one(
    spec: InputSpec, summarizer: Summarizer, *, out_dir: Path | None, stdin: bytes | None
) -> DocumentResult:
    started = time.perf_counter()
    try:
        document = read_document(spec, stdin=stdin)
        summary = summarizer.summarize_document(document)
        files = write_outputs(summary, out_dir, spec.name) if out_dir is not None else []
    except SummarizerError as error:
        return DocumentResult(spec=spec, error=error, seconds=time.perf_counter() - started)
    except OSError as error:
        wrapped = OutputError(f"{spec.source}: cannot write results ({error.strerror or error})")
        return DocumentResult(spec=spec, error=wrapped, seconds=time.perf_counter() - started)
    return DocumentResult(
        spec=spec,
        summary=summary,
        document=document,
        seconds=time.perf_counter() - started,
        files=files,
    )


def write_outputs(summary: MeetingSummary, out_dir: Path, name: str) -> list[Path]:
    """`name.json` (the contract) and `name.md` (for people) under `out_dir`."""
    written = []
    for suffix, text in ((".json", to_json(summary)), (".md", to_markdown(summary))):
        path = output_path(out_dir, name, suffix)
        write_atomic(path, text)
        written.append(path)
    return written


def write_report(results: Sequence[DocumentResult], path: Path) -> Path:
    """The HTML review page for the documents of this run that were summarized."""
    entries = [
        load_entry(r.spec.name, r.summary, r.document.text if r.document else None)
        for r in results
        if r.summary is not None
    ]
    write_atomic(path, render_report(entries))
    return path


def report_from_folder(out_dir: Path) -> tuple[Path, int, list[str]]:
    """Rebuild the report from saved `*.json` summaries, re-reading each source to show evidence.

    Returns the page, how many summaries it holds, and one line per summary shown without text."""
    entries: list[ReportEntry] = []
    missing: list[str] = []
    for path in sorted(out_dir.rglob("*.json")):
        try:
            summary = MeetingSummary.model_validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # not a summary (an eval figure file, say)
        name = path.relative_to(out_dir).with_suffix("").as_posix()
        text = _source_text(summary.provenance.source)
        entry = load_entry(name, summary, text)
        if entry.text is None:
            missing.append(f"{summary.provenance.source}: source moved or changed; no highlights")
        entries.append(entry)
    if not entries:
        raise InputError(f"{out_dir}: no summaries (*.json) to report on; run summarize first")
    page = out_dir / "report.html"
    write_atomic(page, render_report(entries))
    return page, len(entries), missing


def _source_text(source: str) -> str | None:
    path = Path(source)
    if source == "-" or not path.is_file():
        return None
    try:
        return read_document(InputSpec(path=path, name=path.stem)).text
    except SummarizerError:
        return None
