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

from spacy.tokens import Span

from summarizer.config import EngineName, Settings
from summarizer.documents import Document
from summarizer.engine_kinds import BuildParts
from summarizer.engines import EngineResult
from summarizer.engines.from_record import from_record
from summarizer.engines.workers import start_worker
from summarizer.errors import InternalError
from summarizer.grounding import GroundedDraft
from summarizer.models import (
    AgendaTopic,
    Evidence,
    Friction,
    MatchKind,
    Meeting,
    Outcome,
    Participant,
    Position,
)
from summarizer.nlp.events import event_tokens
from summarizer.nlp.index import DocumentIndex
from summarizer.nlp.items import Item
from summarizer.nlp.people import Person
from summarizer.nlp.reading import NO_MEETING, Reading, clip, read
from summarizer.nlp.records.reading import read_record
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
    return judge(from_reading(read(document.text, document.published)))


def from_reading(reading: Reading) -> GroundedDraft:
    """A reading as items whose evidence is their sentence."""
    index, after = reading.index, reading.after
    return GroundedDraft(
        meeting=_meeting(reading),
        summary=reading.summary,
        participants=[participant(p, p in reading.attendees, index, after) for p in index.people],
        agenda_topics=[_topic(item, index) for item in reading.topics],
        frictions=[_friction(item, index) for item in reading.frictions],
        outcomes=[_outcome(item, index) for item in reading.outcomes],
    )


def evidence(span: Span, index: DocumentIndex) -> list[Evidence]:
    """The span's words as the source has them (format characters included), with offsets."""
    start, end = index.in_source(span)
    quote = index.source[start:end]
    return [Evidence(quote=quote, start=start, end=end, match=MatchKind.EXACT, score=100)]


def _meeting(reading: Reading) -> Meeting:
    facts = reading.facts
    if facts is None:  # said plainly, rather than dressing the first sentence up as a meeting
        return Meeting(
            title=NO_MEETING,
            status="unknown",
            format="unknown",
            date_text=None,
            date=None,
            location=None,
            host_side=None,
            evidence=[],
            grounded=False,
            problems=["no sentence of the document describes a meeting"],
        )
    return Meeting(
        title=reading.title,
        status=facts.status,
        format=facts.format,
        date_text=facts.date_text,
        date=facts.date,
        location=facts.location,
        host_side=None,
        evidence=evidence(facts.sentence, reading.index),
        grounded=True,
    )


def participant(
    person: Person, attended: bool, index: DocumentIndex, sentences: list[Span]
) -> Participant:
    mention = person.first
    for sentence in sentences:
        hits = [m for m in person.mentions if sentence.start <= m.start < sentence.end]
        if hits and (not attended or event_tokens(sentence)):
            mention = hits[0]
            break
    sentence = index.doc[mention.start].sent
    return Participant(
        name=clip(person.name),
        aliases=[clip(alias) for alias in person.aliases()],
        role=clip(person.role) if person.role else None,
        organization=None,
        side=person.side,
        presence="attended" if attended else "mentioned",
        evidence=evidence(sentence, index),
        grounded=True,
    )


def _topic(item: Item, index: DocumentIndex) -> AgendaTopic:
    return AgendaTopic(
        label=clip(item.label),
        description=clip(f"{item.kind}: {item.label}"),
        evidence=evidence(item.sentence, index),
        grounded=True,
    )


def _friction(item: Item, index: DocumentIndex) -> Friction:
    return Friction(
        issue=clip(item.label),
        parties=list(item.parties),
        positions=[Position(party=party, position=clip(text)) for party, text in item.positions],
        kind=item.kind,
        evidence=evidence(item.sentence, index),
        grounded=True,
    )


def _outcome(item: Item, index: DocumentIndex) -> Outcome:
    return Outcome(
        kind=item.kind,
        description=clip(item.label),
        evidence=evidence(item.sentence, index),
        grounded=True,
    )
