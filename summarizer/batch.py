"""Summarize many inputs: one bad document never stops the others, and every result is on disk.

All documents of a batch are tasks on the Summarizer's event loop, at most `settings.workers()`
at a time; results come back in input order. Each finished document's files are written
(atomically) as soon as it is done, so an interrupted run loses at most the documents in flight.
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from summarizer import calls
from summarizer.calls import ModelCall
from summarizer.config import EMBEDDED_MODEL, OPENAI_DEFAULT_MODEL, EngineName, Settings
from summarizer.documents import Document, InputSpec, read_document
from summarizer.errors import (
    BudgetExceeded,
    ConfigError,
    InputError,
    OutputError,
    ProviderError,
    SummarizerError,
)
from summarizer.models import MeetingSummary
from summarizer.output import output_path, sweep_temporaries, write_atomic, write_together
from summarizer.pipeline import Summarizer
from summarizer.prices import estimate, load_prices
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
    calls: list[ModelCall] = field(default_factory=list)  # every request made to a model for it

    @property
    def ok(self) -> bool:
        return self.summary is not None


def run_batch(
    specs: Sequence[InputSpec],
    summarizer: Summarizer,
    *,
    out_dir: Path | None,
    stdin: bytes | None = None,
    published: str | None = None,
) -> Iterator[DocumentResult]:
    """Yield one result per input, in input order, running `settings.workers()` at a time.
    `published` dates the documents that do not say when they were published.

    A fatal endpoint error or a spent budget skips the inputs not yet started. Each finished
    document is written (and entered in the run ledger, when there is a cache) before its result
    is yielded. On Ctrl-C, documents not started are dropped and those running finish.

    Documents are handed to the loop a window at a time, and a result is let go once yielded, so
    memory stays flat however many inputs there are."""
    summarizer.expect(len(specs))
    if out_dir is not None:
        sweep_temporaries(out_dir)
    batch = _Batch(summarizer, out_dir=out_dir, stdin=stdin, published=published)
    window = WINDOW_PER_WORKER * summarizer.settings.workers()
    pending: collections.deque[concurrent.futures.Future[DocumentResult]] = collections.deque()
    try:
        for spec in specs:
            if len(pending) >= window:
                yield pending.popleft().result()
            pending.append(summarizer.loop.submit(batch.run(spec)))
        while pending:
            yield pending.popleft().result()
    finally:
        batch.stop.set()
        _wind_down(pending)


# On Ctrl-C (or when the caller stops reading), documents under way get this long to finish
# and be written; then they are cancelled, so the run ends promptly even if a server never answers.
GRACE_SECONDS = 1.5


def _wind_down(pending: collections.deque[concurrent.futures.Future[DocumentResult]]) -> None:
    _, unfinished = concurrent.futures.wait(pending, timeout=GRACE_SECONDS)
    for future in unfinished:
        future.cancel()
    concurrent.futures.wait(unfinished, timeout=GRACE_SECONDS)


# Documents handed to the event loop ahead of the one being yielded, per worker: enough that a
# slow document does not idle the others, few enough that memory does not grow with the batch.
WINDOW_PER_WORKER = 4


class _Batch:
    """What the documents of one batch share: the limit, the ledger, the budget, the stop."""

    def __init__(
        self,
        summarizer: Summarizer,
        *,
        out_dir: Path | None,
        stdin: bytes | None,
        published: str | None,
    ) -> None:
        self._summarizer = summarizer
        self._out_dir = out_dir
        self._stdin = stdin
        self._published = published
        self._ledger = _Ledger(summarizer)
        self._budget = Budget(summarizer.settings)
        self._slots: asyncio.Semaphore | None = None
        self.stop = threading.Event()

    async def run(self, spec: InputSpec) -> DocumentResult:
        if self._slots is None:  # made on the loop, by the first task to run there
            self._slots = asyncio.Semaphore(self._summarizer.settings.workers())
        async with self._slots:
            if self.stop.is_set():
                return DocumentResult(spec=spec, error=self._ledger.stopped_by, skipped=True)
            result = await self._one(spec)
        if self.stop.is_set() and _fatal(result.error):
            # Under way when the first fatal error stopped the run: that one was reported.
            result = replace(result, error=self._ledger.stopped_by or result.error, skipped=True)
        self._ledger.record(result)
        reason: SummarizerError | None = self._budget.spend(result)
        if _fatal(result.error) and not result.skipped:
            reason = result.error
        if reason is not None:
            self._ledger.stopped_by = reason
            self.stop.set()
        return result

    async def _one(self, spec: InputSpec) -> DocumentResult:
        started = time.perf_counter()
        out_dir = self._out_dir
        with calls.recording() as log:
            try:
                document = await asyncio.to_thread(
                    read_document,
                    spec,
                    stdin=self._stdin,
                    max_chars=self._summarizer.settings.max_document_chars,
                    published=self._published,
                )
                summary = await self._summarizer.summarize_on_loop(document)
                files = (
                    await asyncio.to_thread(write_outputs, summary, out_dir, spec.name)
                    if out_dir is not None
                    else []
                )
            except SummarizerError as error:
                return _failed(spec, error, started, log)
            except OSError as error:
                reason = f"{spec.source}: cannot write results ({error.strerror or error})"
                return _failed(spec, OutputError(reason), started, log)
        return DocumentResult(
            spec=spec,
            summary=summary,
            document=document,
            seconds=time.perf_counter() - started,
            files=files,
            calls=log.calls,
        )


def _fatal(error: SummarizerError | None) -> bool:
    return isinstance(error, ProviderError) and error.fatal


def _failed(
    spec: InputSpec, error: SummarizerError, started: float, log: calls.CallLog
) -> DocumentResult:
    return DocumentResult(
        spec=spec, error=error, seconds=time.perf_counter() - started, calls=log.calls
    )


class Budget:
    """--max-tokens-per-doc and --max-cost: what a run may spend before it stops cleanly."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._prices = load_prices(settings.prices_path)
        self._model = _priced_model(settings)
        self._lock = threading.Lock()
        self.spent = 0.0
        if settings.max_cost is not None and self._model not in self._prices:
            raise ConfigError(
                f"--max-cost needs a price for model {self._model!r}; add it to a JSON table "
                "and pass it as SUMMARIZER_PRICES"
            )

    def spend(self, result: DocumentResult) -> BudgetExceeded | None:
        """Count a finished document; the reason to stop, if this one went over a limit."""
        summary = result.summary
        if summary is None or summary.provenance.from_cache:
            return None
        usage = summary.provenance.usage
        limit = self._settings.max_tokens_per_doc
        if limit is not None and usage.total_tokens > limit:
            return BudgetExceeded(
                f"{result.spec.source} used {usage.total_tokens:,} tokens, over "
                f"--max-tokens-per-doc {limit:,}; the run stopped, finished documents are kept"
            )
        cost = estimate(self._prices, self._model, usage.prompt_tokens, usage.completion_tokens)
        with self._lock:
            self.spent += cost or 0.0
            over = self._settings.max_cost is not None and self.spent > self._settings.max_cost
        if over:
            return BudgetExceeded(
                f"estimated cost ${self.spent:.4f} passed --max-cost ${self._settings.max_cost}; "
                "the run stopped, finished documents are kept"
            )
        return None


def _priced_model(settings: Settings) -> str:
    engine = settings.selected_engine()
    if engine is EngineName.EMBEDDED:
        return EMBEDDED_MODEL
    if engine is EngineName.EXTRACTIVE:
        return "extractive"
    return settings.model or OPENAI_DEFAULT_MODEL


class _Ledger:
    """The run's line in the cache file, and one line per document."""

    def __init__(self, summarizer: Summarizer) -> None:
        self._cache = summarizer.cache
        self.stopped_by: SummarizerError | None = None
        settings = summarizer.settings
        self._run = (
            self._cache.start_run(settings.selected_engine().value, settings.model or "-")
            if self._cache is not None
            else None
        )

    def record(self, result: DocumentResult) -> None:
        if self._cache is None or self._run is None:
            return
        summary = result.summary
        if summary is None:
            outcome, attempts, tokens = "failed", 0, (0, 0)
        else:
            provenance = summary.provenance
            outcome = "cached" if provenance.from_cache else "summarized"
            usage = (
                (0, 0)
                if provenance.from_cache
                else (
                    provenance.usage.prompt_tokens,
                    provenance.usage.completion_tokens,
                )
            )
            attempts, tokens = (0 if provenance.from_cache else provenance.attempts), usage
        self._cache.record_document(
            self._run,
            source=result.spec.source,
            outcome=outcome,
            attempts=attempts,
            tokens=tokens,
            seconds=result.seconds,
            detail=str(result.error) if result.error else None,
            calls=result.calls,
        )


def write_outputs(summary: MeetingSummary, out_dir: Path, name: str) -> list[Path]:
    """`name.json` (the contract) and `name.md` (for people) under `out_dir`."""
    files = [
        (output_path(out_dir, name, suffix), text)
        for suffix, text in ((".json", to_json(summary)), (".md", to_markdown(summary)))
    ]
    write_together(files)
    return [path for path, _ in files]


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
