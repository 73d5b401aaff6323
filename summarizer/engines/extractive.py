"""The extractive engine: no LLM, rules over one spaCy parse. Grounded by construction.

An adapter: `nlp.reading` reads the document; this module runs it off the event loop (a thread,
or worker processes for big batches) and turns the reading into items whose evidence is a
sentence of the source, so quotes and offsets are exact.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from summarizer.config import EngineName, Settings
from summarizer.engine_kinds import BuildParts
from summarizer.engines import EngineResult
from summarizer.engines.from_reading import from_reading
from summarizer.engines.from_record import from_minutes, from_record
from summarizer.engines.workers import start_worker
from summarizer.errors import InternalError
from summarizer.grounding import GroundedDraft
from summarizer.nlp.reading import read
from summarizer.nlp.records.minutes import read_minutes
from summarizer.nlp.records.reading import read_record
from summarizer.readers import Document
from summarizer.readers.structure import InputFormat
from summarizer.support import judge

ENGINE_NAME = EngineName.EXTRACTIVE.value
MODEL_NAME = "rules+en_core_web_sm-3.8.0"


def build_extractive_engine(_settings: Settings, parts: BuildParts) -> ExtractiveEngine:
    """The engine_kinds builder: rules need no settings, only how many processes to use."""
    return ExtractiveEngine(parts.processes)


class ExtractiveEngine:
    """Rules over spaCy, off the event loop: in one worker thread, or in `processes` worker
    processes (each loads its own spaCy, about a second) when a batch is big enough to repay it."""

    name = ENGINE_NAME

    def __init__(self, processes: int = 1) -> None:
        self.processes = max(1, processes)
        self._executor: Executor | None = None
        self._lock = threading.Lock()

    @property
    def model(self) -> str:
        return MODEL_NAME

    @property
    def endpoint_kind(self) -> str | None:
        return None

    async def run(self, document: Document) -> EngineResult:
        """Read the document in a worker. A worker process that dies (a crash in a C library)
        breaks its pool for every document under way: each is read once more on a fresh pool,
        and a document that breaks that one too is the one at fault."""
        try:
            return await self._read(document)
        except BrokenProcessPool:
            pass  # perhaps only under way when another document broke the pool
        try:
            return await self._read(document)
        except BrokenProcessPool:
            raise InternalError(
                f"{document.source}: the worker process reading it died twice (a crash in "
                "the parser; this document reproduces it, please report it)",
                where="engines/extractive.py:run (a worker process)",
            ) from None

    async def _read(self, document: Document) -> EngineResult:
        executor = self._workers()
        try:
            grounded = await asyncio.get_running_loop().run_in_executor(executor, extract, document)
        except BrokenProcessPool:
            self._discard(executor)
            raise
        return EngineResult(grounded=grounded)

    def _discard(self, executor: Executor) -> None:
        """Forget a broken pool (once, whichever document noticed first)."""
        with self._lock:
            if self._executor is executor:
                self._executor = None
        executor.shutdown(wait=False, cancel_futures=True)

    def _workers(self) -> Executor:
        with self._lock:
            if self._executor is None:
                self._executor = (
                    ProcessPoolExecutor(
                        self.processes,
                        mp_context=multiprocessing.get_context("spawn"),  # no fork under threads
                        initializer=start_worker,  # dies with us, whenever we die
                    )
                    if self.processes > 1
                    else ThreadPoolExecutor(1, thread_name_prefix="extractive")
                )
            return self._executor

    async def aclose(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            await asyncio.to_thread(executor.shutdown, wait=True, cancel_futures=True)


def extract(document: Document) -> GroundedDraft:
    """The rules' reading of a document, as grounded items whose evidence is their sentence:
    a meeting's own record by its turns, a report about a meeting by its prose."""
    if document.layout.turns:
        reading = read_record(document.text, document.layout, document.published)
        return judge(from_record(reading, document.text))
    if document.layout.format is InputFormat.MINUTES:
        minutes = read_minutes(document.text, document.layout, document.published)
        return judge(from_minutes(minutes, document.text))
    return judge(from_reading(read(document.text, document.published)))
