"""The public entry points: a reusable Summarizer, and one-call helpers built on it.

`Summarizer` picks and owns an engine (starting the embedded server on first use, stopping it on
close), runs it on a Document, and stamps the result with provenance; `summarize_many` runs a
batch (`batch.py`). Engines are async and run on the Summarizer's own event loop (private to
it); the blocking methods wait for it, the `a...` methods await it from any loop.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import httpx2

from summarizer._version import __version__
from summarizer.batch import BatchContext, DocumentResult, run_batch
from summarizer.cache import ResultCache, cache_key, code_digest
from summarizer.config import EngineName, Settings
from summarizer.contain import contained
from summarizer.engine_kinds import BuildParts, kind_of
from summarizer.engines import Engine, EngineResult
from summarizer.errors import (
    ClosedError,
    InputError,
    InvalidOutputError,
    ProviderError,
    SummarizerError,
)
from summarizer.loop import BackgroundLoop
from summarizer.models import SCHEMA_VERSION, MeetingSummary, Provenance, Usage
from summarizer.prices import load_prices
from summarizer.progress import PartReport
from summarizer.prompts import load_prompts
from summarizer.readers import (
    Document,
    InputSpec,
    document_from_text,
    publication_day,
    read_document,
)
from summarizer.reconcile import MeetingReport, Reconciliation, reconcile
from summarizer.redact import redact
from summarizer.transport import RetryPolicy

if TYPE_CHECKING:
    from summarizer.llm import Endpoint


log = logging.getLogger(__name__)


class Summarizer:
    """Configured once, used for many documents. Close it (or use `with`) to stop local servers;
    any use after that raises ClosedError, and closing it again does nothing."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        transport: httpx2.AsyncBaseTransport | None = None,
        retry_policy: RetryPolicy | None = None,
        endpoint: Endpoint | None = None,
    ) -> None:
        """`settings` default to the extractive engine, no cache, and nothing read from the
        environment or started in the background (use `Settings.from_env()` for what the CLI
        does, which picks the embedded model where it is installed). `endpoint`
        replaces the one settings describe: for the embedded engine, a llama.cpp server already
        running (nothing is started); for an endpoint, any server and model.

        Raises ConfigError when the settings cannot work (a folder given as the cache file, a
        price table that is not one)."""
        self.settings = settings if settings is not None else Settings(engine=EngineName.EXTRACTIVE)
        load_prices(self.settings.prices_path)
        self._endpoint = endpoint
        path = self.settings.cache_file()
        self._cache = ResultCache(path) if path is not None else None
        self._transport = transport
        self._policy = retry_policy or RetryPolicy(
            budget_seconds=self.settings.retry_budget_seconds
        )
        self._prompts = load_prompts()
        self._loop = BackgroundLoop()
        self._engine: Engine | None = None
        self._fallback_engine: Engine | None = None
        self._processes = 1
        self._lock = threading.Lock()
        self._closed = False

    @property
    def engine(self) -> Engine:
        """The engine, created on first use (this is when the embedded server starts)."""
        with self._lock:
            self._check_open()
            if self._engine is None:
                self._engine = self._make_engine()
            return self._engine

    def _check_open(self) -> None:
        if self._closed:
            raise ClosedError(
                "this Summarizer is closed (close() or the end of its `with` block); make a "
                "new one to summarize more"
            )

    def _expect(self, documents: int) -> None:
        """Say how many documents follow, before the first: an engine that spreads a batch over
        worker processes does so when it is big enough to repay their start (PROCESSES_FROM),
        with no more processes than documents (nor cores: `Settings.workers`)."""
        if self.settings.kind().spreads_over_processes and documents >= PROCESSES_FROM:
            self._processes = min(self.settings.workers(), documents)

    async def _ready_engine(self) -> Engine:
        """The engine, made in a worker thread the first time (a server start blocks)."""
        if self._engine is not None:
            return self._engine
        return await asyncio.to_thread(lambda: self.engine)

    def _make_engine(self) -> Engine:
        parts = BuildParts(
            prompts=self._prompts,
            policy=self._policy,
            endpoint=self._endpoint,
            transport=self._transport,
            processes=self._processes,
        )
        engine: Engine = self.settings.kind().build(self.settings, parts)
        return engine

    def summarize_document(self, document: Document) -> MeetingSummary:
        """A stored summary when one was made under the same conditions, else a new one."""
        self._check_open()
        return self._loop.run(self._summarize_on_loop(document))

    async def asummarize_document(self, document: Document) -> MeetingSummary:
        """`summarize_document` for async callers, on any event loop."""
        self._check_open()
        return await self._loop.run_async(self._summarize_on_loop(document))

    @property
    def warnings(self) -> list[str]:
        """Things a caller should hear about that failed no document (a cache turned off)."""
        return list(self._cache.warnings) if self._cache is not None else []

    async def _summarize_on_loop(self, document: Document) -> MeetingSummary:
        """The work itself; must run on `self._loop` (where the engine's clients live).
        No error or warning that leaves here carries the API key."""
        try:
            return await self._summarize_cached(document)
        except SummarizerError as error:
            error.args = tuple(self._redact(str(arg)) for arg in error.args)
            if isinstance(error, InvalidOutputError):
                error.errors = [self._redact(line) for line in error.errors]
            raise
        except Exception as error:  # a bug (ours or a library's) fails this document only
            internal = contained(error, source=document.source)
            internal.args = (self._redact(str(internal)),)
            internal.details = self._redact(internal.details)
            raise internal from error

    def _redact(self, text: str) -> str:
        return redact(text, [self.settings.api_key])

    async def _summarize_cached(self, document: Document) -> MeetingSummary:
        limit = self.settings.max_document_chars
        if len(document.text) > limit:
            raise InputError(
                f"{document.source}: {len(document.text):,} characters, more than the {limit:,} "
                "read at once; split it, or raise SUMMARIZER_MAX_DOCUMENT_CHARS"
            )
        if self._cache is None:
            return await self._summarize(document)
        key = self.cache_key(document)
        stored = None if self.settings.refresh else self._cache.get(key)
        if stored is not None:
            provenance = stored.provenance.model_copy(
                update={"source": document.source, "from_cache": True}
            )
            return stored.model_copy(update={"provenance": provenance})
        summary = await self._summarize(document)
        self._cache.put(key, summary)
        return summary

    def cache_key(self, document: Document) -> str:
        """What decides a summary: the text, and every setting and version that shapes it."""
        settings = self.settings
        kind = settings.kind()
        return cache_key(
            {
                "text": document.sha256,
                "published": document.published,
                "engine": kind.name,
                "model": settings.model,
                "base_url": settings.base_url if kind.endpoint_in_identity else None,
                "endpoint": self._endpoint.model if self._endpoint else None,
                "prompt": self._prompts.label,
                "schema": SCHEMA_VERSION,
                "version": __version__,
                "code": code_digest(),
                "options": settings.shaping(),
            }
        )

    async def _summarize(self, document: Document) -> MeetingSummary:
        started = time.perf_counter()
        engine = await self._ready_engine()
        try:
            result = await engine.run(document)
        except (InvalidOutputError, ProviderError) as error:
            if not self._may_fall_back(engine, error):
                raise
            attempts, usage = 0, Usage()
            if isinstance(error, InvalidOutputError):
                attempts, usage = error.attempts, Usage.of(error.tokens)
            return await self._fallback(
                document,
                engine,
                started,
                reason=self._redact(str(error)),
                attempts=attempts,
                usage=usage,
            )
        ungrounded = result.grounded.ungrounded_count()
        if ungrounded and self._may_fall_back(engine, None):
            reason = f"{ungrounded} item(s) of its answer were not found in the source"
            return await self._fallback(
                document,
                engine,
                started,
                reason=reason,
                attempts=result.attempts,
                usage=result.usage,
            )
        result = replace(result, warnings=[self._redact(w) for w in result.warnings])
        return _assemble(document, engine, result, self._prompts.label, started)

    def _may_fall_back(self, engine: Engine, error: Exception | None) -> bool:
        if not self.settings.fallback or not kind_of(engine.name).may_fall_back:
            return False
        return not (isinstance(error, ProviderError) and error.fatal)

    async def _fallback(
        self,
        document: Document,
        failed: Engine,
        started: float,
        *,
        reason: str,
        attempts: int,
        usage: Usage,
    ) -> MeetingSummary:
        """The extractive result, labelled as a fallback; never a mix of the two engines.
        Provenance keeps what the failed model calls cost."""
        log.warning(
            "%s: %s engine not used, falling back: %s", document.source, failed.name, reason
        )
        with self._lock:
            if self._fallback_engine is None:
                self._fallback_engine = kind_of(EngineName.EXTRACTIVE.value).build(
                    self.settings, BuildParts()
                )
            extractive = self._fallback_engine
        labelled = EngineResult(
            grounded=(await extractive.run(document)).grounded,
            attempts=attempts,
            reasks=max(0, attempts - 1),
            usage=usage,
            warnings=[f"{failed.name} engine ({failed.model}) not used: {reason}"],
        )
        summary = _assemble(document, extractive, labelled, self._prompts.label, started)
        provenance = summary.provenance.model_copy(update={"fallback_from": failed.name})
        return summary.model_copy(update={"provenance": provenance})

    def summarize_many(
        self,
        specs: Sequence[InputSpec],
        *,
        out_dir: Path | None = None,
        stdin: bytes | None = None,
        published: str | None = None,
        on_part: PartReport | None = None,
    ) -> Iterator[DocumentResult]:
        """Summarize many inputs (see `documents.discover`), yielding one result per input in
        input order; with `out_dir`, each document's files are written as it finishes. A failed
        document is a result with its error; a fatal endpoint error or a spent budget skips the
        rest. Stop iterating (or Ctrl-C) and documents not started are dropped. `on_part` hears
        (source, part, parts) as each part of a document read in parts starts."""
        self._check_open()
        publication_day(published, "published")
        self._expect(len(specs))
        context = BatchContext(
            settings=self.settings,
            submit=self._loop.submit,
            summarize=self._summarize_on_loop,
            cache=self._cache,
            on_part=on_part,
        )
        return run_batch(context, specs, out_dir=out_dir, stdin=stdin, published=published)

    def summarize(
        self, text: str, *, source: str = "<text>", published: str | None = None
    ) -> MeetingSummary:
        """Summarize `text`; see the module-level `summarize` for the arguments and errors."""
        return self.summarize_document(self._document(text, source, published))

    def summarize_file(self, path: str | Path) -> MeetingSummary:
        self._check_open()
        file = Path(path)
        spec = InputSpec(path=file, name=file.stem)
        limit = self.settings.max_document_chars
        formatted = self.settings.input_format
        return self.summarize_document(read_document(spec, max_chars=limit, input_format=formatted))

    async def asummarize(
        self, text: str, *, source: str = "<text>", published: str | None = None
    ) -> MeetingSummary:
        """`summarize` for async callers: awaits the model without blocking their event loop."""
        return await self.asummarize_document(self._document(text, source, published))

    def _document(self, text: str, source: str, published: str | None) -> Document:
        """A caller's text as a Document, laid out as `input_format` says or as it reads."""
        return document_from_text(
            text, source=source, published=published, input_format=self.settings.input_format
        )

    def reconcile(self, reports: Sequence[MeetingReport]) -> Reconciliation:
        """Group reports (each a summary beside its text) by the meeting they tell, and make
        one ReconciledMeeting of every group of two or more: who says what, and where the
        accounts differ. The rules decide alone (no model is asked, whatever the engine);
        every quote is a span of the report it cites. Raises InputError when two reports
        share a name."""
        self._check_open()
        return reconcile(reports)

    def close(self) -> None:
        """Stop the engine (and any server it started), the event loop, and the cache. Any use
        after this raises ClosedError; closing again does nothing."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            engines = [e for e in (self._engine, self._fallback_engine) if e is not None]
            self._engine = self._fallback_engine = None
        try:
            if engines:
                self._loop.run(_close_all(engines))
        finally:
            self._loop.close()
            if self._cache is not None:
                self._cache.close()

    async def aclose(self) -> None:
        await asyncio.to_thread(self.close)

    async def __aenter__(self) -> Summarizer:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __enter__(self) -> Summarizer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


# Two worker processes take about 1.1 s to start and then run articles 1.6x as fast as one
# in-process worker (0.027 vs 0.044 s each, 2 cores): they break even near 50 documents.
PROCESSES_FROM = 50


async def _close_all(engines: Iterable[Engine]) -> None:
    for engine in engines:
        await engine.aclose()


def _assemble(
    document: Document, engine: Engine, result: EngineResult, prompt_label: str, started: float
) -> MeetingSummary:
    grounded = result.grounded
    provenance = Provenance(
        source=document.source,
        sha256=document.sha256,
        engine=engine.name,
        model=engine.model,
        endpoint_kind=engine.endpoint_kind,
        prompt_version=prompt_label,
        summarizer_version=__version__,
        attempts=result.attempts,
        reasks=result.reasks,
        usage=result.usage,
        wall_seconds=round(time.perf_counter() - started, 3),
        ungrounded_items=grounded.ungrounded_count(),
        chunks=result.chunks,
        warnings=[*document.warnings, *result.warnings],
    )
    return MeetingSummary(**grounded.contents(), provenance=provenance)


def summarize(
    text: str,
    *,
    settings: Settings | None = None,
    source: str = "<text>",
    published: str | None = None,
) -> MeetingSummary:
    """Summarize one meeting document into a validated, source-grounded MeetingSummary.

    The engine is what `settings` select; without settings it is the offline extractive engine
    (no model, no network), and the environment is not read: pass `Settings.from_env()` for the
    CLI's behaviour, or `Settings(base_url=..., model=...)` for an LLM endpoint. `published`
    (YYYY-MM-DD) is the publication date that anchors "today" or "on Thursday"; `source` names
    the text in provenance and messages. A Summarizer is made for the call and closed after it;
    for many documents keep one `Summarizer`.

    Raises TypeError when `text` is not a str, InputError when it holds no text or is too long,
    ProviderError when an endpoint fails, InvalidOutputError when its answers never validate
    (all SummarizerError); with the fallback on, a failed LLM answer becomes the extractive
    result instead, labelled in `provenance.fallback_from`."""
    with Summarizer(settings) as summarizer:
        return summarizer.summarize(text, source=source, published=published)


def summarize_file(path: str | Path, *, settings: Settings | None = None) -> MeetingSummary:
    with Summarizer(settings) as summarizer:
        return summarizer.summarize_file(path)


async def asummarize(
    text: str,
    *,
    settings: Settings | None = None,
    source: str = "<text>",
    published: str | None = None,
) -> MeetingSummary:
    async with Summarizer(settings) as summarizer:
        return await summarizer.asummarize(text, source=source, published=published)
