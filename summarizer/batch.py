"""Summarize many inputs: one bad document never stops the others, and every result is on disk.

All documents of a batch are tasks on the Summarizer's event loop, at most `settings.workers()`
at a time; results come back in input order. Each finished document's files are written
(atomically) as soon as it is done, so an interrupted run loses at most the documents in flight.

`Summarizer.summarize_many` is the public entry; it hands this module a `BatchContext` of plain
callables and values, so orchestration and the ledger live here without reaching into it.
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import summarizer.calls as calls
from summarizer import progress
from summarizer.cache import ResultCache
from summarizer.calls import ModelCall
from summarizer.config import Settings
from summarizer.contain import contained
from summarizer.errors import InternalError, OutputError, ProviderError, SummarizerError
from summarizer.models import MeetingSummary
from summarizer.output import sweep_temporaries, write_outputs
from summarizer.prices import Budget
from summarizer.readers import Document, InputSpec, read_document
from summarizer.report import ReportEntry, load_entry


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

    def report_entry(self) -> ReportEntry | None:
        """This document on the review page, when it was summarized."""
        if self.summary is None:
            return None
        return load_entry(
            self.spec.name, self.summary, self.document.text if self.document else None
        )


@dataclass(frozen=True, slots=True)
class BatchContext:
    """What a batch needs from its Summarizer, as plain values and callables."""

    settings: Settings
    submit: Callable[
        [Coroutine[Any, Any, DocumentResult]], concurrent.futures.Future[DocumentResult]
    ]
    summarize: Callable[[Document], Awaitable[MeetingSummary]]
    cache: ResultCache | None
    on_part: progress.PartReport | None = None  # told as each part of a long document starts


def run_batch(
    context: BatchContext,
    specs: Sequence[InputSpec],
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
    if out_dir is not None:
        sweep_temporaries(out_dir)
    batch = _Batch(context, out_dir=out_dir, stdin=stdin, published=published)
    window = WINDOW_PER_WORKER * context.settings.workers()
    pending: collections.deque[concurrent.futures.Future[DocumentResult]] = collections.deque()
    try:
        for spec in specs:
            if len(pending) >= window:
                yield pending.popleft().result()
            pending.append(context.submit(batch.run(spec)))
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
        context: BatchContext,
        *,
        out_dir: Path | None,
        stdin: bytes | None,
        published: str | None,
    ) -> None:
        self._context = context
        self._out_dir = out_dir
        self._stdin = stdin
        self._published = published
        self._ledger = _Ledger(context.cache, context.settings)
        self._budget = Budget(context.settings)
        self._slots: asyncio.Semaphore | None = None
        self.stop = threading.Event()

    async def run(self, spec: InputSpec) -> DocumentResult:
        if self._slots is None:  # made on the loop, by the first task to run there
            self._slots = asyncio.Semaphore(self._context.settings.workers())
        async with self._slots:
            if self.stop.is_set():
                return DocumentResult(spec=spec, error=self._ledger.stopped_by, skipped=True)
            result = await self._one(spec)
        if self.stop.is_set() and _fatal(result.error):
            # Under way when the first fatal error stopped the run: that one was reported.
            result = replace(result, error=self._ledger.stopped_by or result.error, skipped=True)
        self._ledger.record(result)
        reason: SummarizerError | None = self._budget.spend(result.spec.source, result.summary)
        if _fatal(result.error) and not result.skipped:
            reason = result.error
        if reason is not None:
            self._ledger.stopped_by = reason
            self.stop.set()
        return result

    async def _one(self, spec: InputSpec) -> DocumentResult:
        started = time.perf_counter()
        out_dir = self._out_dir
        with calls.recording() as log, progress.reporting(spec.source, self._context.on_part):
            try:
                document = await asyncio.to_thread(
                    read_document,
                    spec,
                    stdin=self._stdin,
                    max_chars=self._context.settings.max_document_chars,
                    published=self._published,
                    input_format=self._context.settings.input_format,
                )
                summary = await self._context.summarize(document)
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
            except Exception as error:  # a bug reading or writing fails this document only
                return _failed(spec, contained(error, source=spec.source), started, log)
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


class _Ledger:
    """The run's line in the cache file, and one line per document."""

    def __init__(self, cache: ResultCache | None, settings: Settings) -> None:
        self._cache = cache
        self.stopped_by: SummarizerError | None = None
        self._run = (
            cache.start_run(settings.selected_engine().value, settings.model or "-")
            if cache is not None
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
            detail=_detail(result.error),
            calls=result.calls,
        )


def _detail(error: SummarizerError | None) -> str | None:
    """The ledger's line for a failure; an internal error's traceback follows its message."""
    if error is None:
        return None
    if isinstance(error, InternalError) and error.details:
        return f"{error}\n\n{error.details}"
    return str(error)
