"""The extractive engine: no LLM, rules over one spaCy parse. Grounded by construction.

Every item's evidence is a sentence of the source, so quotes are exact and offsets exact.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
import threading
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

from spacy.tokens import Span

from summarizer.config import EngineName, Settings
from summarizer.documents import Document
from summarizer.engine_kinds import BuildParts
from summarizer.engines import EngineResult
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
from summarizer.nlp.index import DocumentIndex, build_index
from summarizer.nlp.items import Item, frictions, outcomes, topics
from summarizer.nlp.meeting import (
    MeetingFacts,
    event_tokens,
    is_other_event,
    main_event,
    read_meeting,
    takes_part,
)
from summarizer.nlp.people import Person
from summarizer.server import die_with_parent

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
        grounded = await asyncio.get_running_loop().run_in_executor(
            self._workers(), extract, document
        )
        return EngineResult(grounded=grounded)

    def _workers(self) -> Executor:
        with self._lock:
            if self._executor is None:
                self._executor = (
                    ProcessPoolExecutor(
                        self.processes,
                        mp_context=multiprocessing.get_context("spawn"),  # no fork under threads
                        initializer=_start_worker,
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


def _start_worker() -> None:
    """A worker ignores Ctrl-C (its parent lets running documents finish), dies with its parent,
    and loads spaCy before its first document."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    build_index("Warm-up.")


def extract(document: Document) -> GroundedDraft:
    index = build_index(document.text)
    event = main_event(index.body)
    facts = read_meeting(event, index.doc, document.published) if event is not None else None
    after = index.body[index.body.index(event) :] if event is not None else index.body
    attendees = _attendees(index, after)
    sides = _sides(attendees)
    side_of = {
        position: person.side
        for person in index.people
        if person.side
        for mention in person.mentions
        for position in range(mention.start, mention.end)
    }
    friction_items = frictions(after, sides, side_of)
    topic_items = topics(after, friction_items, agenda=_agenda(index))
    return GroundedDraft(
        meeting=_meeting(index, facts, attendees),
        summary=_summary(event, topic_items, friction_items),
        participants=[_participant(p, p in attendees, index, after) for p in index.people],
        agenda_topics=[_topic(item) for item in topic_items],
        frictions=[_friction(item) for item in friction_items],
        outcomes=[_outcome(item) for item in outcomes(after)],
    )


def _attendees(index: DocumentIndex, sentences: list[Span]) -> list[Person]:
    """People the parse puts in the described meeting or in later events of the same visit,
    and the people of a participants list ("The participants were:")."""
    found: list[Person] = _on_a_roster(index)
    for position, sentence in enumerate(sentences):
        if position > 0 and is_other_event(sentence):
            continue
        events = event_tokens(sentence)
        if not events:
            continue
        for person in index.people:
            if person in found:
                continue
            for mention in person.mentions:
                inside = sentence.start <= mention.start < sentence.end
                if inside and takes_part(index.doc[mention.end - 1], events):
                    found.append(person)
                    break
    return found


def _agenda(index: DocumentIndex) -> list[Span]:
    return [item for found in index.lists if found.kind == "agenda" for item in found.items]


def _on_a_roster(index: DocumentIndex) -> list[Person]:
    rosters = [item for found in index.lists if found.kind == "roster" for item in found.items]
    return [
        person
        for person in index.people
        if any(
            item.start <= mention.start < item.end
            for mention in person.mentions
            for item in rosters
        )
    ]


def _sides(attendees: list[Person]) -> list[str]:
    sides: list[str] = []
    for person in attendees:
        if person.side and person.side not in sides:
            sides.append(person.side)
    return sides


def evidence(span: Span) -> list[Evidence]:
    text = span.text.strip()
    start = span.start_char + (len(span.text) - len(span.text.lstrip()))
    return [
        Evidence(quote=text, start=start, end=start + len(text), match=MatchKind.EXACT, score=100)
    ]


NO_MEETING = "No meeting found"


def _meeting(index: DocumentIndex, facts: MeetingFacts | None, attendees: list[Person]) -> Meeting:
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
    sentence = facts.sentence
    return Meeting(
        title=_title(index, facts, attendees),
        status=facts.status if facts else "unknown",
        format=facts.format if facts else "unknown",
        date_text=facts.date_text if facts else None,
        date=facts.date if facts else None,
        location=facts.location if facts else None,
        host_side=None,
        evidence=evidence(sentence),
        grounded=True,
    )


def _title(index: DocumentIndex, facts: MeetingFacts | None, attendees: list[Person]) -> str:
    surnames = index.surnames(attendees[:2])
    headline = index.headline
    if headline and any(name.lower() in headline.lower() for name in surnames):
        return _clip(headline.removeprefix("Readout of ").strip())
    named = " and ".join(surnames)
    if facts is not None:
        group = _group_phrase(facts.sentence)
        if group and headline and not named and not _names_something(group):
            return _clip(headline)  # "A virtual meeting" says less than the page's own title
        if group:
            return _clip(f"{group[0].upper()}{group[1:]}" + (f": {named}" if named else ""))
    noun = "call" if facts and facts.format == "phone" else "meeting"
    return _clip(f"{named} {noun}" if named else (headline or "Meeting"))


def _names_something(phrase: str) -> bool:
    """Whether a phrase names anything ('the Economic Working Group'), beyond its first word."""
    return any(word[:1].isupper() for word in phrase.split()[1:])


def _group_phrase(sentence: Span) -> str | None:
    """'the third meeting of the Economic Working Group', 'A working group of ... officials'."""
    for token in sentence:
        if token.dep_ in ("dobj", "nsubj", "nsubjpass") and token.lemma_.lower() in (
            "meeting",
            "group",
            "dialogue",
            "summit",
            "delegation",
            "commission",
            "council",
        ):
            words = list(token.subtree)
            return sentence.doc[words[0].i : words[-1].i + 1].text
    return None


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def _participant(
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
        name=_clip(person.name),
        aliases=[_clip(alias) for alias in person.aliases()],
        role=_clip(person.role) if person.role else None,
        organization=None,
        side=person.side,
        presence="attended" if attended else "mentioned",
        evidence=evidence(sentence),
        grounded=True,
    )


def _topic(item: Item) -> AgendaTopic:
    return AgendaTopic(
        label=_clip(item.label),
        description=_clip(f"{item.kind}: {item.label}"),
        evidence=evidence(item.sentence),
        grounded=True,
    )


def _friction(item: Item) -> Friction:
    return Friction(
        issue=_clip(item.label),
        parties=list(item.parties),
        positions=[Position(party=party, position=_clip(text)) for party, text in item.positions],
        kind=item.kind,
        evidence=evidence(item.sentence),
        grounded=True,
    )


def _outcome(item: Item) -> Outcome:
    return Outcome(
        kind=item.kind,
        description=_clip(item.label),
        evidence=evidence(item.sentence),
        grounded=True,
    )


def _summary(event: Span | None, topic_items: list[Item], friction_items: list[Item]) -> str:
    chosen: list[Span] = []
    for span in [
        event,
        *(i.sentence for i in topic_items[:1]),
        *(i.sentence for i in friction_items[:1]),
    ]:
        if span is not None and span not in chosen:
            chosen.append(span)
    if event is None:
        return "No meeting is described in this document."
    text = " ".join(" ".join(span.text.split()) for span in chosen[:3])
    return _clip(text, 900)
